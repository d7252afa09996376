"""Asking for alerts, confirming, leaving: what the views do, apart from the forms and pages."""

from django.db import transaction
from django.utils import timezone

from alerts import tokens
from alerts.models import Subscriber, Subscription, new_key
from alerts.tasks import send_confirmation


def request_subscription(email, alert_list, portfolio, frequency):
    """Record a request waiting for confirmation and send its link. The same for a known address as for a
    new one: a confirmed subscription is changed only when the link is followed."""
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.get_or_create(email=email.strip().lower())
        subscription, _created = Subscription.objects.get_or_create(
            subscriber=subscriber, list=alert_list, portfolio=portfolio, defaults={"frequency": frequency}
        )
        subscription.pending_key = new_key()
        subscription.pending_frequency = frequency
        subscription.requested_at = timezone.now()
        subscription.save(update_fields=["pending_key", "pending_frequency", "requested_at"])
        transaction.on_commit(lambda: send_confirmation.enqueue(subscription.pk))
    return subscription


def confirm(token):
    """The subscription a confirmation link confirms, now confirmed; None for a link forged, used or expired."""
    found = tokens.read_confirm_token(token)
    if found is None:
        return None
    subscription_id, key = found
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update(of=("self",))
            .select_related("subscriber", "portfolio")
            .filter(pk=subscription_id, pending_key=key)
            .exclude(pending_key="")
            .first()
        )
        if subscription is None:
            return None
        now = timezone.now()
        subscription.frequency = subscription.pending_frequency or subscription.frequency
        subscription.pending_key = subscription.pending_frequency = ""
        subscription.confirmed_at = subscription.confirmed_at or now
        subscription.save()
        subscriber = subscription.subscriber
        if subscriber.confirmed_at is None:
            subscriber.confirmed_at = now
            subscriber.save(update_fields=["confirmed_at"])
    return subscription


def subscriber_for(token):
    """(subscriber, subscription ids or None) a manage or unsubscribe link stands for, or (None, None)."""
    found = tokens.read_manage_token(token)
    if found is None:
        return None, None
    subscriber_id, key, subscription_ids = found
    return Subscriber.objects.filter(pk=subscriber_id, key=key).first(), subscription_ids


def unsubscribe(subscriber, subscription_ids=None):
    """Leave the lists `subscription_ids` (None: every list). An address left with no list is deleted."""
    with transaction.atomic():
        subscriptions = subscriber.subscriptions.all()
        if subscription_ids is not None:
            subscriptions = subscriptions.filter(pk__in=subscription_ids)
        subscriptions.delete()
        if not subscriber.subscriptions.filter(confirmed_at__isnull=False).exists():
            subscriber.delete()
            return True
    return False


def expired(now=None):
    """Requests never confirmed within the link's 7 days, and addresses never confirmed at all."""
    cutoff = (now or timezone.now()) - timezone.timedelta(days=tokens.CONFIRM_DAYS)
    return (
        Subscription.objects.filter(confirmed_at__isnull=True, requested_at__lt=cutoff),
        Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff),
    )


def delete_expired(now=None):
    """Delete what `expired()` finds, and stale pending changes; the number of addresses deleted."""
    cutoff = (now or timezone.now()) - timezone.timedelta(days=tokens.CONFIRM_DAYS)
    subscriptions, subscribers = expired(now)
    with transaction.atomic():
        subscriptions.delete()
        Subscription.objects.filter(requested_at__lt=cutoff).exclude(pending_key="").update(
            pending_key="", pending_frequency=""
        )
        count = subscribers.delete()[1].get("alerts.Subscriber", 0)
        orphans = Subscriber.objects.filter(subscriptions__isnull=True, created_at__lt=cutoff)
        count += orphans.delete()[1].get("alerts.Subscriber", 0)
    return count
