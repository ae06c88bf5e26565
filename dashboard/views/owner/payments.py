"""Owner views: payments."""
urlpatterns = []
