"""The public storefront: /s/<slug>/… locally, or <slug>.<PLATFORM_DOMAIN> by host."""
app_name = "storefront"
urlpatterns = []
