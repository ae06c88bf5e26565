"""Owner views: deliveries."""
urlpatterns = []
