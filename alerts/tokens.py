"""Signed links: confirming a request (once, within 7 days), and managing or leaving alerts (no sign-in)."""

from django.core import signing

CONFIRM_SALT = "alerts.confirm"
MANAGE_SALT = "alerts.manage"
CONFIRM_DAYS = 7


def confirm_token(subscription):
    return signing.dumps({"s": subscription.pk, "k": subscription.pending_key}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token):
    """(subscription id, pending key) from a confirmation token, or None when forged or over 7 days old."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_DAYS * 24 * 3600)
        return int(data["s"]), str(data["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def manage_token(subscriber, subscriptions=()):
    """A link for `subscriber`; with `subscriptions`, one-click unsubscribe leaves only those lists."""
    data = {"s": subscriber.pk, "k": subscriber.key}
    if subscriptions:
        data["l"] = sorted(subscription.pk for subscription in subscriptions)
    return signing.dumps(data, salt=MANAGE_SALT, compress=True)


def read_manage_token(token):
    """(subscriber id, key, subscription ids or None) from a manage token, or None when forged."""
    try:
        data = signing.loads(token, salt=MANAGE_SALT)
        lists = data.get("l")
        return int(data["s"]), str(data["k"]), [int(pk) for pk in lists] if lists else None
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        return None
