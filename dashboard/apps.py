from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "WebDPro web layer"

    def ready(self):
        from dashboard import converters
        from webdpro import db

        converters.register()

        db.configure()
