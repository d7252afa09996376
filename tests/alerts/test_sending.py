"""Sending alerts: on first publication only (or an update an editor asks for), at go-live and never
before, never for members-only content, exactly once per subscriber per item, and daily and weekly digests."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from alerts import tasks
from alerts.models import AlertDelivery, AlertItem, AlertList, Frequency
from tests.alerts.conftest import IMMEDIATE_TASKS, confirmed, link_in
from tests.helpers import publication_with_file
from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db
NO_WORKER = {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["mail"]}  # tasks kept, never run


def publish(committed, page):
    committed(lambda: page.save_revision().publish())


def statement(committed, news_index, portfolio, **kwargs):
    fields = {
        "title": "Forensic science statement",
        "summary": "What we ask of forensic providers.",
        "news_type": "statement",
        "portfolios": [portfolio],
        **kwargs,
    }
    return committed(NewsArticlePageFactory, parent=news_index, **fields)


def test_a_first_publication_emails_each_matching_subscriber_once_with_text_html_and_unsubscribe_headers(
    committed, alerts_site, news_index, portfolio, mailoutbox
):
    confirmed("all@example.org", AlertList.ALL_NEWS)
    confirmed("portfolio@example.org", AlertList.PORTFOLIO, portfolio)
    confirmed("both@example.org", AlertList.STATEMENTS)
    confirmed("both@example.org", AlertList.PORTFOLIO, portfolio)
    confirmed("publications@example.org", AlertList.PUBLICATIONS)
    confirmed("daily@example.org", AlertList.ALL_NEWS, frequency=Frequency.DAILY)
    unconfirmed = confirmed("unconfirmed@example.org", AlertList.ALL_NEWS)
    unconfirmed.confirmed_at = None
    unconfirmed.save()

    page = statement(committed, news_index, portfolio)

    assert sorted(m.to[0] for m in mailoutbox) == ["all@example.org", "both@example.org", "portfolio@example.org"]
    message = next(m for m in mailoutbox if m.to == ["both@example.org"])
    assert message.subject == "Statement: Forensic science statement"
    assert "What we ask of forensic providers." in message.body
    assert "Portfolio: Forensics" in message.body
    assert f"Read it: https://policy.example.org{page.url}" in message.body
    manage = link_in(message, "/alerts/manage/")
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://policy.example.org/alerts/unsubscribe/") and unsubscribe.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [(html, media_type)] = message.alternatives
    assert media_type == "text/html"
    assert '<html lang="en-GB">' in html and "<h2>" in html
    assert f'<a href="https://policy.example.org{page.url}">Forensic science statement</a>' in html
    assert f'<a href="{manage}">Change your alerts or unsubscribe</a>' in html
    item = AlertItem.objects.get()
    assert AlertDelivery.objects.filter(item=item, status=AlertDelivery.SENT).count() == 3


def test_an_edit_sends_nothing_but_an_update_alert_with_a_change_note_is_sent_once(
    committed, alerts_site, news_index, portfolio, mailoutbox
):
    confirmed("reader@example.org", AlertList.ALL_NEWS)
    page = statement(committed, news_index, portfolio)
    assert len(mailoutbox) == 1

    page.summary = "A corrected summary."
    publish(committed, page)
    assert len(mailoutbox) == 1

    page.update_alert_note = "Added the Home Office's reply"
    publish(committed, page)
    assert len(mailoutbox) == 2
    assert mailoutbox[1].subject == "Updated: Statement: Forensic science statement"
    assert "Updated: Added the Home Office's reply" in mailoutbox[1].body

    publish(committed, page)  # published again with the same note: not announced again
    assert len(mailoutbox) == 2


def test_a_scheduled_item_is_sent_when_it_goes_live_and_never_before(
    committed, alerts_site, news_index, portfolio, mailoutbox
):
    confirmed("reader@example.org", AlertList.PORTFOLIO, portfolio)
    go_live = timezone.now() + datetime.timedelta(hours=1)
    page = statement(committed, news_index, portfolio, go_live_at=go_live)
    page.refresh_from_db()
    assert not page.live and mailoutbox == []
    committed(call_command, "publish_scheduled")
    assert mailoutbox == []
    with mock.patch("django.utils.timezone.now", return_value=go_live + datetime.timedelta(minutes=1)):
        committed(call_command, "publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert [m.to for m in mailoutbox] == [["reader@example.org"]]


def test_members_only_content_never_goes_into_a_public_alert(
    committed, alerts_site, news_index, publication_index, portfolio, mailoutbox
):
    confirmed("reader@example.org", AlertList.PUBLICATIONS)
    confirmed("reader@example.org", AlertList.PORTFOLIO, portfolio)
    draft = publication_with_file(
        publication_index, "Members' briefing", "briefing.pdf", None, publish=False, portfolios=[portfolio]
    )
    PageViewRestriction.objects.create(page=draft, restriction_type=PageViewRestriction.LOGIN)
    publish(committed, draft)
    assert mailoutbox == [] and not AlertItem.objects.exists()
    committed(call_command, "send_alert_digests", "daily")
    assert mailoutbox == []

    committed(publication_with_file, publication_index, "Public guidance", "guidance.pdf", None, portfolios=[portfolio])
    [message] = mailoutbox  # the public one is sent, once, though it matches both lists
    assert message.subject == "Guidance: Public guidance"


def test_two_workers_given_the_same_delivery_send_it_once(committed, alerts_site, news_index, portfolio, mailoutbox):
    confirmed("reader@example.org", AlertList.ALL_NEWS)
    page = statement(committed, news_index, portfolio)
    delivery = AlertDelivery.objects.get()
    assert delivery.status == AlertDelivery.SENT and len(mailoutbox) == 1
    # The fan-out and the send run again (a task delivered twice, a second worker): nothing more is sent.
    assert tasks.fan_out_alert.call(AlertItem.objects.get(page=page).pk) == 0
    assert tasks.send_alert.call(delivery.pk) is False
    assert len(mailoutbox) == 1


def test_a_fan_out_that_died_mid_batch_finishes_when_run_again_and_nobody_gets_two(
    committed, alerts_site, news_index, portfolio, mailoutbox, settings
):
    for n in range(6):
        confirmed(f"reader{n}@example.org", AlertList.PORTFOLIO, portfolio)
    # The worker dies after making the deliveries and sending two: its send tasks are lost.
    settings.TASKS = {
        **IMMEDIATE_TASKS,
        "mail": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["mail"]},
    }
    statement(committed, news_index, portfolio)
    item = AlertItem.objects.get()
    tasks.fan_out_alert.call(item.pk)
    assert AlertDelivery.objects.filter(item=item, status=AlertDelivery.QUEUED).count() == 6
    for delivery in AlertDelivery.objects.order_by("pk")[:2]:
        tasks.send_alert.call(delivery.pk)
    assert len(mailoutbox) == 2

    settings.TASKS = IMMEDIATE_TASKS
    assert tasks.fan_out_alert.call(item.pk) == 4
    assert sorted(m.to[0] for m in mailoutbox) == [f"reader{n}@example.org" for n in range(6)]
    assert AlertDelivery.objects.filter(item=item, status=AlertDelivery.SENT).count() == 6


def test_daily_and_weekly_digests_go_out_when_the_clock_moves_on_each_item_once(
    committed, alerts_site, news_index, publication_index, portfolio, mailoutbox
):
    confirmed("daily@example.org", AlertList.ALL_NEWS, frequency=Frequency.DAILY)
    confirmed("weekly@example.org", AlertList.PORTFOLIO, portfolio, frequency=Frequency.WEEKLY)
    first = statement(committed, news_index, portfolio)
    second = committed(NewsArticlePageFactory, parent=news_index, title="Second item", portfolios=[portfolio])
    assert mailoutbox == []  # digests only, nothing at once

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    committed(call_command, "send_alert_digests", "daily", "--now", tomorrow.isoformat())
    [daily] = mailoutbox
    assert daily.to == ["daily@example.org"] and daily.subject == "Your daily digest: 2 new items"
    assert first.title in daily.body and second.title in daily.body
    assert daily.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    committed(
        call_command, "send_alert_digests", "daily", "--now", (tomorrow + datetime.timedelta(hours=1)).isoformat()
    )
    assert len(mailoutbox) == 1  # run again: nothing twice

    next_week = timezone.now() + datetime.timedelta(days=7)
    committed(call_command, "send_alert_digests", "weekly", "--now", next_week.isoformat())
    assert [m.to for m in mailoutbox[1:]] == [["weekly@example.org"]]
    assert mailoutbox[1].subject == "Your weekly digest: 2 new items"
    committed(
        call_command, "send_alert_digests", "daily", "--now", (next_week + datetime.timedelta(days=7)).isoformat()
    )
    assert len(mailoutbox) == 2  # too old for a later digest


def test_publishing_costs_the_same_whatever_the_number_of_subscribers(
    committed, alerts_site, news_index, portfolio, settings
):
    settings.TASKS = {
        **IMMEDIATE_TASKS,
        "mail": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["mail"]},
    }

    def queries_to_publish(title):
        with CaptureQueriesContext(connection) as captured:
            statement(committed, news_index, portfolio, title=title)
        return len(captured)

    queries_to_publish("Warm-up")  # the first publication reads what later ones find cached
    confirmed("one@example.org", AlertList.PORTFOLIO, portfolio)
    with_one = queries_to_publish("With one subscriber")
    for n in range(50):
        confirmed(f"reader{n}@example.org", AlertList.PORTFOLIO, portfolio)
    assert queries_to_publish("With fifty-one subscribers") == with_one
    assert not AlertDelivery.objects.exists()  # the fan-out is the workers' job, not the request's
