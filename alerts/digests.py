"""Daily and weekly digests: the items alerted in the period before `now` that a digest subscriber has
not had, one email each. Run from cron (`send_alert_digests`, see the README)."""

import datetime

from django.db import transaction
from django.utils import timezone

from alerts import matching
from alerts.models import AlertDelivery, AlertItem, Frequency
from alerts.tasks import send_digest

# A run looks back over twice its period, so a late or missed run loses nothing; the deliveries keep
# an item from being sent twice.
LOOK_BACK = {Frequency.DAILY: datetime.timedelta(days=2), Frequency.WEEKLY: datetime.timedelta(days=14)}


def send_digests(frequency, now=None):
    """Enqueue one digest for each subscriber with new items; how many digests were enqueued."""
    now = now or timezone.now()
    items = AlertItem.objects.filter(created_at__gt=now - LOOK_BACK[frequency], created_at__lte=now)
    per_subscriber = {}
    for item in items.select_related("page").order_by("created_at", "pk"):
        page = item.page.specific
        if not matching.publicly_visible(page):
            continue
        subscriber_ids = matching.matching_subscriptions(page, frequency).values_list("subscriber_id", flat=True)
        for subscriber_id in set(subscriber_ids):
            per_subscriber.setdefault(subscriber_id, []).append(item)
    count = 0
    for subscriber_id, subscriber_items in per_subscriber.items():
        with transaction.atomic():
            delivery_ids = []
            for item in subscriber_items:
                delivery, created = AlertDelivery.objects.get_or_create(
                    subscriber_id=subscriber_id, item=item, defaults={"in_digest": True}
                )
                if created:
                    delivery_ids.append(delivery.pk)
            if delivery_ids:
                transaction.on_commit(lambda s=subscriber_id, d=delivery_ids: send_digest.enqueue(s, frequency, d))
                count += 1
    return count
