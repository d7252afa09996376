"""Publishing an item enqueues its alert: on its first publication, or when the editor asks for an update
alert with a change note. Never for a page an anonymous visitor may not see (members-only, private)."""

from django.db import transaction
from wagtail.signals import page_published

from alerts import matching
from alerts.models import AlertItem
from alerts.tasks import fan_out_alert


def alert_on_publish(sender, instance, revision=None, **kwargs):
    page = instance
    if not matching.is_alerted(page) or not matching.publicly_visible(page):
        return
    first = page.first_published_at is not None and page.first_published_at == page.last_published_at
    note = (getattr(page, "update_alert_note", "") or "").strip()
    if first:
        item, created = AlertItem.objects.get_or_create(page=page, kind=AlertItem.FIRST, change_note="")
    elif note:
        item, created = AlertItem.objects.get_or_create(page=page, kind=AlertItem.UPDATE, change_note=note[:255])
    else:
        return
    if created:
        transaction.on_commit(lambda: fan_out_alert.enqueue(item.pk))


def connect():
    page_published.connect(alert_on_publish, dispatch_uid="alerts.alert_on_publish")
