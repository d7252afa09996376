"""Django's EMAIL_BACKEND for the whole site: it queues every message instead of talking to a mail server.

Wagtail's moderation and comment notifications, password resets and anything else that calls
send_mail() end here without knowing it. The message is stored (OutboxMessage) in the caller's
transaction and a task is enqueued once that transaction commits; a worker sends it through the
real backend (settings.OUTBOX_DELIVERY_BACKEND). So no request waits for, or fails with, the mail server.
"""

import logging

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import sanitize_address
from django.db import transaction

from .models import OutboxMessage

logger = logging.getLogger(__name__)


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        queued = []
        for email_message in email_messages:
            if not email_message.recipients():
                continue
            encoding = email_message.encoding or settings.DEFAULT_CHARSET
            # As Django's SMTP backend does: header injection raises here, in the caller, as it would there.
            mime = email_message.message().as_bytes()
            queued.append(
                OutboxMessage(
                    from_email=sanitize_address(email_message.from_email, encoding),
                    recipients=[sanitize_address(address, encoding) for address in email_message.recipients()],
                    subject=str(email_message.subject)[:998],
                    mime=mime,
                )
            )
        if not queued:
            return 0
        with transaction.atomic():
            for message in queued:
                message.save()
        transaction.on_commit(lambda: enqueue_all([message.pk for message in queued]))
        return len(queued)


def enqueue_all(message_ids):
    """One delivery task per message. A broker that is down loses nothing: `retry_mail` finds them later."""
    from .tasks import enqueue_delivery

    for message_id in message_ids:
        enqueue_delivery(message_id)
