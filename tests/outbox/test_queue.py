"""Every email is queued and sent by a task: a mail server that is down fails nothing and loses nothing."""

from datetime import timedelta

import pytest
from django.core.mail import BadHeaderError, EmailMessage, send_mail
from django.core.management import call_command
from django.utils import timezone

from outbox.models import OutboxMessage
from outbox.tasks import retry_delay


def send(subject="Your page needs changes", to="editor@example.org", **kwargs):
    return send_mail(subject, "Please look again.", "portal@example.org", [to], **kwargs)


def time_passes(seconds=3600):
    """The clock moves on: every queued message's next attempt is due (and overdue)."""
    OutboxMessage.objects.exclude(next_attempt_at=None).update(
        next_attempt_at=timezone.now() - timedelta(seconds=seconds)
    )
    OutboxMessage.objects.update(created_at=timezone.now() - timedelta(seconds=seconds))


def test_a_queued_email_is_sent_over_smtp_and_nothing_of_it_is_kept(
    db, queued_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send() == 1

    [message] = queued_mail.wait_for(1)
    assert message["Subject"] == "Your page needs changes"
    assert message["From"] == "portal@example.org"
    assert not OutboxMessage.objects.exists()


def test_nothing_is_sent_before_the_senders_transaction_commits(db, queued_mail, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send()

    assert OutboxMessage.objects.count() == 1
    assert queued_mail.messages == []
    assert len(callbacks) == 1


def test_an_email_sent_while_the_mail_server_is_down_is_kept_and_sent_once_it_is_back(
    db, queued_mail, django_capture_on_commit_callbacks
):
    queued_mail.stop()
    with django_capture_on_commit_callbacks(execute=True):
        assert send() == 1  # no ConnectionRefusedError for the sender

    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.QUEUED
    assert message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    assert message.next_attempt_at > timezone.now() + timedelta(seconds=50)

    queued_mail.start()
    call_command("retry_mail")  # not due yet: nothing is sent early
    assert queued_mail.messages == []

    time_passes()
    call_command("retry_mail")
    [received] = queued_mail.wait_for(1)
    assert received["Subject"] == "Your page needs changes"
    assert not OutboxMessage.objects.exists()


def test_the_wait_between_attempts_doubles_up_to_a_limit(settings):
    settings.OUTBOX_RETRY_SECONDS = 60
    settings.OUTBOX_RETRY_MAX_SECONDS = 3600

    assert [retry_delay(n) for n in range(1, 9)] == [60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_a_message_that_keeps_failing_is_kept_as_failed_not_dropped(
    db, queued_mail, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    queued_mail.stop()
    with django_capture_on_commit_callbacks(execute=True):
        send()
    for _ in range(2):
        time_passes()
        call_command("retry_mail")

    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (OutboxMessage.Status.FAILED, 3)
    time_passes()
    call_command("retry_mail")
    assert OutboxMessage.objects.get().attempts == 3, "a failed message waits for an administrator"


def test_blind_copies_reach_their_recipients_without_appearing_in_the_headers(
    db, queued_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        EmailMessage("Minutes", "Attached.", "portal@example.org", ["a@example.org"], bcc=["b@example.org"]).send()

    [message] = queued_mail.wait_for(1)
    assert queued_mail.envelopes[0][1] == ["a@example.org", "b@example.org"]
    assert "b@example.org" not in message.as_string()


def test_a_header_injection_is_refused_to_the_sender_as_django_refuses_it(db, queued_mail):
    with pytest.raises(BadHeaderError):
        send(subject="Hello\nBcc: victim@example.org")

    assert not OutboxMessage.objects.exists()
