"""Owner views: products."""
urlpatterns = []
