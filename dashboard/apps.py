from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "WebDPro web layer"

    def ready(self):
        from webdpro import db

        db.configure()
