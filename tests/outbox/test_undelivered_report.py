"""Reports → Undelivered email: administrators see what keeps failing, send it again or delete it."""

import pytest
from django.core.mail import send_mail

from outbox.models import OutboxMessage
from tests.helpers import soup_of, text_of, user_in

REPORT = "/admin/reports/undelivered-email/"


@pytest.fixture
def failed_email(db, queued_mail, settings, django_capture_on_commit_callbacks):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    queued_mail.stop()
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Changes requested on Forensics", "Body.", "portal@example.org", ["editor@example.org"])
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.FAILED
    return message


def test_an_administrator_sees_the_failed_email_with_its_recipient_and_error(client, admin_user, failed_email):
    client.force_login(admin_user)
    response = client.get(REPORT)

    assert response.status_code == 200
    page = text_of(soup_of(response).select_one("main") or response)
    assert "Changes requested on Forensics" in page
    assert "editor@example.org" in page
    assert "ConnectionRefusedError" in page


def test_send_again_delivers_it_once_the_server_is_back(
    client, admin_user, failed_email, queued_mail, django_capture_on_commit_callbacks
):
    queued_mail.start()
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{REPORT}{failed_email.pk}/send-again/")

    assert response.status_code == 302
    [message] = queued_mail.wait_for(1)
    assert message["Subject"] == "Changes requested on Forensics"
    assert not OutboxMessage.objects.exists()


def test_delete_removes_it_without_sending(client, admin_user, failed_email, queued_mail):
    queued_mail.start()
    client.force_login(admin_user)

    assert client.post(f"{REPORT}{failed_email.pk}/delete/").status_code == 302
    assert not OutboxMessage.objects.exists()
    assert queued_mail.messages == []


def test_an_editor_who_is_not_an_administrator_cannot_see_or_act_on_undelivered_email(
    client, django_user_model, failed_email
):
    client.force_login(user_in(django_user_model, "Moderators"))

    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    report = client.get(REPORT)
    assert report.status_code == 302 and report["Location"] == "/admin/"
    refused = client.post(f"{REPORT}{failed_email.pk}/delete/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert "Undelivered email" not in client.get("/admin/").content.decode()
    assert OutboxMessage.objects.count() == 1
