from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """Roles, moderation, embargoes, members' resources, draft preview links and download counts."""

    name = "editorial"
    verbose_name = "Editorial workflow"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.documents.models import document_served

        from editorial import signals
        from news.models import NewsIndexPage
        from portfolios.models import PolicyAreaPage

        for model in (NewsIndexPage, PolicyAreaPage):
            post_save.connect(signals.grant_on_new_section, sender=model, dispatch_uid=f"editorial-{model.__name__}")
        document_served.connect(signals.count_download, dispatch_uid="editorial-count-download")
