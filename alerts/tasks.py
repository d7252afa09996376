"""The background work: one task per alerted item fans out to its subscribers, one task per email sends it.

Publishing enqueues only `fan_out_alert`, so a publish request costs the same whatever the number of
subscribers. Each email has an `AlertDelivery` row, unique per subscriber and item, made before it is
sent; a sending task locks its row (`select_for_update(skip_locked)`), sends only while it is queued and
marks it sent in the same transaction. A second worker given the same row skips it; a worker killed
mid-batch leaves its rows queued, and running the fan-out again sends those and only those.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from alerts import matching, messages
from alerts.models import AlertDelivery, AlertItem, Frequency, Subscriber, Subscription

logger = logging.getLogger(__name__)
BATCH = 1000
# The task backend and queue the workers run (portal/settings/mail.py: `db_worker --backend mail
# --queue-name mail`, or RQ);
# "default" runs its tasks inside the request, which the fan-out must never do.
BACKEND, QUEUE = "mail", "mail"


@task(backend=BACKEND, queue_name=QUEUE)
def fan_out_alert(item_id):
    """Make a queued delivery for every confirmed subscriber the item matches, and a send task for each
    delivery still queued (so running it again after a crash finishes the batch, sending nothing twice)."""
    item = AlertItem.objects.select_related("page").filter(pk=item_id).first()
    if item is None:
        return 0
    page = item.page.specific
    if not matching.publicly_visible(page):
        logger.info("Alert for page %s not sent: not public", page.pk)
        return 0
    subscriptions = matching.matching_subscriptions(page, Frequency.IMMEDIATELY)
    subscriber_ids = subscriptions.values_list("subscriber_id", flat=True).distinct()
    AlertDelivery.objects.bulk_create(
        (AlertDelivery(subscriber_id=pk, item=item) for pk in subscriber_ids.iterator(chunk_size=BATCH)),
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    queued = AlertDelivery.objects.filter(item=item, status=AlertDelivery.QUEUED, in_digest=False)
    count = 0
    for delivery_id in queued.values_list("pk", flat=True).iterator(chunk_size=BATCH):
        send_alert.enqueue(delivery_id)
        count += 1
    return count


def _locked_queued(delivery_ids):
    """The deliveries among `delivery_ids` still queued and not being sent by another worker, locked."""
    return list(
        AlertDelivery.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(pk__in=delivery_ids, status=AlertDelivery.QUEUED)
        .select_related("subscriber", "item")
        .order_by("pk")
    )


def _record(deliveries, error=None):
    now = timezone.now()
    for delivery in deliveries:
        delivery.status = AlertDelivery.FAILED if error else AlertDelivery.SENT
        delivery.sent_at = None if error else now
        delivery.error = (error or "")[:255]
    AlertDelivery.objects.bulk_update(deliveries, ["status", "sent_at", "error"])


@task(backend=BACKEND, queue_name=QUEUE)
def send_alert(delivery_id):
    """Send one alert email, if its delivery is still queued; whether it was sent."""
    with transaction.atomic():
        deliveries = _locked_queued([delivery_id])
        if not deliveries:
            return False
        delivery = deliveries[0]
        page = delivery.item.page.specific
        if not matching.publicly_visible(page):
            _record(deliveries, "No longer public")
            return False
        subscriptions = list(
            matching.matching_subscriptions(page, Frequency.IMMEDIATELY).filter(subscriber=delivery.subscriber)
        )
        try:
            messages.send_alert(delivery.subscriber, delivery.item, page, subscriptions)
        except Exception as error:  # the mail server refused it: kept as failed, counted in the admin
            logger.exception("Alert %s not sent", delivery_id)
            _record(deliveries, f"{type(error).__name__}: {error}")
            return False
        _record(deliveries)
        return True


@task(backend=BACKEND, queue_name=QUEUE)
def send_digest(subscriber_id, frequency, delivery_ids):
    """Send one digest email of the deliveries still queued among `delivery_ids`; how many items it held."""
    with transaction.atomic():
        deliveries = _locked_queued(delivery_ids)
        entries = []
        for delivery in deliveries:
            page = delivery.item.page.specific
            if matching.publicly_visible(page):
                entries.append((delivery, page))
        _record([d for d in deliveries if all(d is not kept for kept, _page in entries)], "No longer public")
        if not entries:
            return 0
        subscriber = Subscriber.objects.get(pk=subscriber_id)
        subscriptions = list(subscriber.subscriptions.filter(frequency=frequency, confirmed_at__isnull=False))
        label = Frequency(frequency).name.capitalize() + " digest"
        try:
            messages.send_digest(subscriber, label, [(d.item, page) for d, page in entries], subscriptions)
        except Exception as error:
            logger.exception("Digest for subscriber %s not sent", subscriber_id)
            _record([d for d, _page in entries], f"{type(error).__name__}: {error}")
            return 0
        _record([d for d, _page in entries])
        return len(entries)


@task(backend=BACKEND, queue_name=QUEUE)
def send_confirmation(subscription_id):
    """The confirmation email of a request, if it is still waiting."""
    from_db = Subscription.objects.select_related("subscriber", "portfolio").exclude(pending_key="")
    subscription = from_db.filter(pk=subscription_id).first()
    if subscription is None:
        return False
    messages.send_confirmation(subscription)
    return True


def finish_unsent(older_than):
    """Run the fan-out again for every item with alerts queued before `older_than` (a worker died with
    them, or their tasks were lost): each sends what is left, nothing twice. The items it re-ran."""
    stale = AlertDelivery.objects.filter(status=AlertDelivery.QUEUED, in_digest=False, queued_at__lt=older_than)
    item_ids = sorted(set(stale.values_list("item_id", flat=True)))
    for item_id in item_ids:
        fan_out_alert.enqueue(item_id)
    return item_ids
