"""Owner views: stores."""
urlpatterns = []
