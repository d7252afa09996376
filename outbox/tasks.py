"""The delivery task: sends one stored message through the real backend, or tries again later."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import OutboxMessage

logger = logging.getLogger(__name__)


class _StoredMIME:
    """The stored bytes, offered to Django's backends the way they read a message (as_bytes, get_charset)."""

    def __init__(self, mime):
        self.mime = mime

    def as_bytes(self, unixfrom=False, linesep="\n"):
        lines = self.mime.replace(b"\r\n", b"\n").split(b"\n")
        return linesep.encode().join(lines)

    def as_string(self, unixfrom=False, linesep="\n"):
        return self.as_bytes(linesep=linesep).decode("utf-8", "replace")

    def get_charset(self):
        return None


class StoredEmail(EmailMessage):
    """A message exactly as it was queued: the backend sends these bytes to these recipients."""

    def __init__(self, outbox_message):
        super().__init__(subject=outbox_message.subject, from_email=outbox_message.from_email)
        self.to = list(outbox_message.recipients)
        self.outbox_message = outbox_message

    def message(self, *args, **kwargs):
        return _StoredMIME(bytes(self.outbox_message.mime))

    def recipients(self):
        return list(self.outbox_message.recipients)


def retry_delay(attempts):
    """Seconds before attempt `attempts` + 1: 1, 2, 4, ... minutes, at most OUTBOX_RETRY_MAX_SECONDS."""
    return min(settings.OUTBOX_RETRY_SECONDS * 2 ** max(attempts - 1, 0), settings.OUTBOX_RETRY_MAX_SECONDS)


def is_permanent(error):
    """Every recipient refused with a 5xx answer: trying again would only be refused again."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return bool(error.recipients) and all(code >= 500 for code, _ in error.recipients.values())
    return False


@task(backend="mail")
def deliver(message_id):
    """Send queued message `message_id` once. Returns what happened, for the task's result."""
    with transaction.atomic():
        # Locked while it is sent: a second worker given the same message leaves it alone.
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutboxMessage.Status.QUEUED)
            .first()
        )
        if message is None:
            return "already sent, failed or being sent"
        if message.next_attempt_at and message.next_attempt_at > timezone.now() + timedelta(seconds=1):
            return "not due yet"
        try:
            connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
            connection.send_messages([StoredEmail(message)])
        except Exception as error:
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS or is_permanent(error):
                message.status = OutboxMessage.Status.FAILED
                message.next_attempt_at = None
                logger.error("Email %s failed for good after %s attempts: %s", message.pk, message.attempts, error)
            else:
                message.next_attempt_at = timezone.now() + timedelta(seconds=retry_delay(message.attempts))
                logger.warning("Email %s not sent (attempt %s), will retry: %s", message.pk, message.attempts, error)
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        else:
            # Accepted by the mail server: nothing of it is kept.
            message.delete()
            return "sent"
    if message.status == OutboxMessage.Status.QUEUED:
        enqueue_delivery(message.pk, run_after=message.next_attempt_at)
        return "will try again"
    return "failed"


def enqueue_delivery(message_id, run_after=None):
    """Enqueue deliver(message_id), deferred to `run_after` where the backend can defer. Never raises."""
    task_ = deliver
    if run_after is not None and deliver.get_backend().supports_defer:
        task_ = deliver.using(run_after=run_after)
    try:
        task_.enqueue(message_id)
    except Exception:
        # The message is safe in the database; `manage.py retry_mail` (the worker, cron) enqueues it again.
        logger.exception("Could not enqueue email %s; it stays queued", message_id)


def enqueue_due(stale_after=timedelta(minutes=5)):
    """Enqueue again every queued message that is due and has waited `stale_after` beyond its time.

    A safety net for a task lost with its broker (or an immediate backend, which cannot defer):
    with the database backend nothing is ever lost, and a duplicate task is harmless.
    """
    cutoff = timezone.now() - stale_after
    due = OutboxMessage.objects.filter(status=OutboxMessage.Status.QUEUED)
    due = due.filter(next_attempt_at__lte=cutoff) | due.filter(next_attempt_at=None, created_at__lte=cutoff)
    ids = list(due.values_list("pk", flat=True))
    for message_id in ids:
        enqueue_delivery(message_id)
    return len(ids)
