"""The real thing, on PostgreSQL: alerts fanned out and sent by `db_worker` processes through the outbox
to a real SMTP server (aiosmtpd); two workers, and a worker killed mid-batch, still give exactly one
email per subscriber."""

import os
import signal
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from alerts.models import AlertDelivery, AlertList, Subscriber, Subscription
from tests.news.factories import NewsArticlePageFactory

SUBSCRIBERS = 120


def subscribe_many(portfolio, count):
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.org", confirmed_at=now) for n in range(count)
    )
    Subscription.objects.bulk_create(
        Subscription(subscriber=s, list=AlertList.PORTFOLIO, portfolio=portfolio, confirmed_at=now) for s in subscribers
    )


def wait_for(condition, timeout=90, what="it"):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout}s for {what}")
        time.sleep(0.1)


def alerted_addresses(server):
    return sorted(address for message in server.messages for address in message["To"].split(", "))


@pytest.fixture
def https_site(home, settings):
    settings.SITE_BASE_URL = "https://policy.example.org"  # the workers are given it too (tests/mail_queue.py)
    site = home.get_site()
    site.hostname, site.port = "policy.example.org", 443
    site.save()


def test_two_workers_send_each_subscriber_exactly_one_alert_over_smtp(mail_workers, https_site, news_index, portfolio):
    subscribe_many(portfolio, SUBSCRIBERS)
    mail_workers.start(2)
    NewsArticlePageFactory(parent=news_index, title="Two workers", portfolios=[portfolio])
    messages = mail_workers.server.wait_for(SUBSCRIBERS, timeout=180)
    time.sleep(2)  # anything sent twice would have arrived by now
    assert alerted_addresses(mail_workers.server) == sorted(f"reader{n}@example.org" for n in range(SUBSCRIBERS))
    message = messages[0]
    unsubscribe = "".join(str(message["List-Unsubscribe"]).split())  # a long header is folded
    assert unsubscribe.startswith("<https://policy.example.org/alerts/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert {part.get_content_type() for part in message.iter_parts()} == {"text/plain", "text/html"}


def test_a_worker_killed_mid_batch_then_restarted_leaves_every_subscriber_with_exactly_one(
    mail_workers, https_site, news_index, portfolio
):
    subscribe_many(portfolio, SUBSCRIBERS)
    mail_workers.start(1)
    NewsArticlePageFactory(parent=news_index, title="Killed worker", portfolios=[portfolio])
    sent = AlertDelivery.objects.filter(status=AlertDelivery.SENT)
    wait_for(lambda: sent.count() >= 10, what="the first alerts")
    os.kill(mail_workers.processes[0].pid, signal.SIGKILL)  # mid-batch: no clean-up, a task left running
    mail_workers.processes[0].wait()
    left = AlertDelivery.objects.filter(status=AlertDelivery.QUEUED).count()
    assert 0 < left < SUBSCRIBERS

    mail_workers.start(1)
    call_command("finish_alerts", "--minutes", "0")
    wait_for(lambda: sent.count() == SUBSCRIBERS, timeout=180, what="every alert to be sent")
    mail_workers.wait_until_nothing_is_queued(timeout=180)
    mail_workers.server.wait_for(SUBSCRIBERS, timeout=60)
    time.sleep(2)
    assert alerted_addresses(mail_workers.server) == sorted(f"reader{n}@example.org" for n in range(SUBSCRIBERS))
