"""Owner views: orders."""
urlpatterns = []
