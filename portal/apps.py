from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Site"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from portal import page_privacy
        from portal.page_cache import new_content_version

        page_privacy.install()

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(new_content_version, dispatch_uid=f"page-cache-{id(signal)}")
        post_save.connect(purge_when_shown_content_changes, dispatch_uid="page-cache-save")
        post_delete.connect(purge_when_shown_content_changes, dispatch_uid="page-cache-delete")
        post_delete.connect(purge_when_a_page_is_deleted, dispatch_uid="page-cache-page-delete")


def shown_on_pages():
    """Models edited outside the page editor whose content pages show."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage

    from portfolios.models import Person

    return (Person, AbstractDocument, AbstractImage, BaseSiteSetting, Redirect)


def purge_when_shown_content_changes(sender, instance, **kwargs):
    from portal.page_cache import new_content_version

    if isinstance(instance, shown_on_pages()):
        new_content_version()


def purge_when_a_page_is_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    from portal.page_cache import new_content_version

    if isinstance(instance, Page):
        new_content_version()
