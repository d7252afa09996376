"""The whole journey with a real SMTP server (aiosmtpd) receiving the mail through the site's mail queue:
ask, confirm from the email, get an alert, leave by the one-click header as a mail client would; a digest."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from alerts.models import Subscriber
from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db


def text_part(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def path_of(url):
    return url.split("policy.example.org", 1)[1]


def test_a_reader_confirms_gets_an_alert_and_leaves_by_one_click_all_over_smtp(
    client, committed, queued_mail, alerts_site, news_index, portfolio
):
    server = queued_mail
    response = committed(
        client.post,
        "/alerts/",
        {"email": "reader@example.org", "topic": f"portfolio-{portfolio.pk}", "frequency": "immediately"},
    )
    assert response.status_code == 302
    [confirmation] = server.wait_for(1)
    assert confirmation["To"] == "reader@example.org" and confirmation["List-Unsubscribe"] is None
    confirm_url = re.search(r"https://\S+/alerts/confirm/\S+", text_part(confirmation)).group(0)
    assert "Your alerts are confirmed" in client.post(path_of(confirm_url)).content.decode()

    committed(NewsArticlePageFactory, parent=news_index, title="Over the wire", portfolios=[portfolio])
    alert = server.wait_for(2)[1]
    assert alert["Subject"] == "News: Over the wire"
    assert "Portfolio: Forensics" in text_part(alert)
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = "".join(alert["List-Unsubscribe"].split()).strip("<>")  # a long header is folded
    assert unsubscribe_url.startswith("https://policy.example.org/alerts/unsubscribe/")

    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        path_of(unsubscribe_url), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200 and not Subscriber.objects.exists()
    committed(NewsArticlePageFactory, parent=news_index, title="After leaving", portfolios=[portfolio])
    assert len(server.messages) == 2


def test_a_daily_digest_arrives_over_smtp(client, committed, queued_mail, alerts_site, news_index):
    server = queued_mail
    committed(client.post, "/alerts/", {"email": "digest@example.org", "topic": "news", "frequency": "daily"})
    confirm_url = re.search(r"https://\S+/alerts/confirm/\S+", text_part(server.wait_for(1)[0])).group(0)
    client.post(path_of(confirm_url))
    committed(NewsArticlePageFactory, parent=news_index, title="First of the day")
    committed(NewsArticlePageFactory, parent=news_index, title="Second of the day")
    assert len(server.messages) == 1
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    committed(call_command, "send_alert_digests", "daily", "--now", tomorrow.isoformat())
    digest = server.wait_for(2)[1]
    assert digest["Subject"] == "Your daily digest: 2 new items"
    body = text_part(digest)
    assert "First of the day" in body and "Second of the day" in body
    html = digest.get_body(preferencelist=("html",)).get_content()
    assert '<html lang="en-GB">' in html and "<h1>Daily digest from" in html
