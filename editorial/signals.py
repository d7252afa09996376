"""Signal receivers, connected in EditorialConfig.ready()."""

from django.apps import apps

from editorial import setup
from editorial.models import DocumentDownloadCount


def grant_on_new_section(sender, instance, created, raw=False, **kwargs):
    """A news index or policy area just created gets its roles' grants (and a news index the news
    review workflow), however it was made: in the admin, by load_demo, by a copy. Fixtures loaded
    with loaddata (`raw`) are left alone: run `manage.py setup_editorial` after loading them."""
    if not created or raw:
        return
    setup.grant_on_new_page(apps, instance.pk, (sender._meta.app_label, sender._meta.model_name))


def count_download(sender, instance, request, **kwargs):
    """Wagtail sends `document_served` once every before_serve_document hook has let the request
    through, so a refused request (private, embargoed, not found) is never counted. A HEAD request,
    or a conditional GET answered "304 Not Modified" from the browser's cache, is not a download."""
    if request.method != "GET":
        return
    file_hash = getattr(instance, "file_hash", "")
    if file_hash and file_hash in request.headers.get("If-None-Match", ""):
        return
    DocumentDownloadCount.record(instance)
