from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Email alerts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from alerts import signals

        signals.connect()
