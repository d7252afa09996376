"""The tests' own SMTP server (tests/smtp_server.py): real SMTP, down and back up on the same port."""

import smtplib

import pytest
from django.core.mail import EmailMessage, send_mail


def test_a_message_sent_by_django_arrives_at_the_test_smtp_server_over_smtp(smtp_server):
    send_mail("Hello", "The body.", "portal@example.org", ["editor@example.org"])

    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Hello"
    assert message["To"] == "editor@example.org"
    assert message.get_content().strip() == "The body."
    assert smtp_server.to("editor@example.org") == [message]


def test_a_stopped_server_refuses_connections_and_accepts_them_again_on_the_same_port(smtp_server):
    port = smtp_server.port
    smtp_server.stop()

    with pytest.raises(ConnectionRefusedError):
        EmailMessage("Lost?", "Body", "portal@example.org", ["editor@example.org"]).send()

    smtp_server.start()
    assert smtp_server.port == port
    with smtplib.SMTP(smtp_server.host, port, timeout=5) as client:
        client.sendmail("portal@example.org", ["editor@example.org"], b"Subject: Back\r\n\r\nAgain.\r\n")

    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Back"
