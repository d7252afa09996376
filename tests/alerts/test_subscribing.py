"""Asking for email alerts: double opt-in, the same answer for every address, limits, and leaving by one click."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from alerts import tokens
from alerts.models import AlertList, Frequency, Subscriber, Subscription
from tests.alerts.conftest import confirmed, link_in
from tests.helpers import soup_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def ask(client, committed):
    def ask(email="reader@example.org", topic="news", frequency="immediately"):
        return committed(client.post, "/alerts/", {"email": email, "topic": topic, "frequency": frequency})

    return ask


def follow(client, url):
    """What a reader does with a confirmation link: opens it, then presses the button."""
    path = url.split("policy.example.org", 1)[1]
    assert client.get(path).status_code == 200
    return client.post(path)


def test_a_reader_who_subscribes_gets_only_a_confirmation_link_then_alerts_once_confirmed(
    ask, client, alerts_site, mailoutbox
):
    response = ask()
    assert response.status_code == 302 and response["Location"] == "/alerts/check-your-email/"
    assert "Check your email" in text_of(client.get(response["Location"]))
    [message] = mailoutbox
    assert message.to == ["reader@example.org"] and message.subject == "Confirm your email alerts"
    assert "List-Unsubscribe" not in message.extra_headers
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None and subscription.subscriber.confirmed_at is None

    response = follow(client, link_in(message, "/alerts/confirm/"))
    assert response.status_code == 200
    assert "Your alerts are confirmed" in text_of(response)
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None and subscription.subscriber.confirmed_at is not None
    assert subscription.list == AlertList.ALL_NEWS and subscription.frequency == Frequency.IMMEDIATELY


def test_a_confirmation_link_works_once(ask, client, alerts_site, mailoutbox):
    ask()
    url = link_in(mailoutbox[0], "/alerts/confirm/")
    assert follow(client, url).status_code == 200
    path = url.split("policy.example.org", 1)[1]
    again = client.post(path)
    assert again.status_code == 410 and "This link no longer works" in text_of(again)


def test_a_confirmation_link_expires_after_7_days_and_the_address_is_then_deleted(ask, client, alerts_site, mailoutbox):
    ask()
    url = link_in(mailoutbox[0], "/alerts/confirm/")
    eight_days_on = timezone.now() + datetime.timedelta(days=8)
    with mock.patch("django.core.signing.time.time", return_value=eight_days_on.timestamp()):
        response = client.post(url.split("policy.example.org", 1)[1])
    assert response.status_code == 410
    assert Subscription.objects.get().confirmed_at is None

    call_command("delete_unconfirmed_alert_subscribers", now=(timezone.now() + datetime.timedelta(days=6)).isoformat())
    assert Subscriber.objects.count() == 1  # still within its 7 days
    call_command("delete_unconfirmed_alert_subscribers", now=eight_days_on.isoformat())
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()


def test_a_known_address_and_an_unknown_one_get_the_same_answer_and_a_confirmed_list_is_unchanged(
    ask, client, alerts_site, mailoutbox
):
    ask("known@example.org", frequency="daily")
    follow(client, link_in(mailoutbox[0], "/alerts/confirm/"))
    mailoutbox.clear()

    known = ask("known@example.org", frequency="weekly")
    unknown = ask("unknown@example.org", frequency="weekly")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert text_of(client.get(known["Location"])) == text_of(client.get(unknown["Location"]))
    assert sorted(message.to[0] for message in mailoutbox) == ["known@example.org", "unknown@example.org"]
    assert {message.subject for message in mailoutbox} == {"Confirm your email alerts"}
    # Someone else asking for a known address changes nothing until the link is followed.
    assert Subscription.objects.get(subscriber__email="known@example.org").frequency == Frequency.DAILY


def test_subscribing_is_limited_per_address_and_per_client_and_keeps_what_was_typed(
    ask, client, alerts_site, mailoutbox, settings
):
    settings.ALERT_SUBSCRIBE_LIMITS = {"client": (4, 3600), "address": (2, 3600)}
    assert ask("one@example.org").status_code == 302
    assert ask("one@example.org", topic="statements").status_code == 302
    refused = ask("one@example.org", topic="publications")
    assert refused.status_code == 429
    assert "several times in a short time" in text_of(refused)
    assert soup_of(refused).select_one("input[name=email]")["value"] == "one@example.org"
    assert ask("two@example.org").status_code == 302  # 4th from this client
    assert ask("three@example.org").status_code == 429  # 5th from this client
    assert len(mailoutbox) == 3


@pytest.mark.parametrize(
    "address",
    ["not-an-address", "reader@example.org\r\nBcc: victim@example.org", "reader@example.org\nSubject: x", ""],
)
def test_an_address_that_is_not_one_is_refused_with_a_clear_message_and_no_mail(
    ask, client, alerts_site, mailoutbox, address
):
    response = ask(address, topic="statements", frequency="weekly")
    assert response.status_code == 400
    soup = soup_of(response)
    summary = soup.select_one(".error-summary")
    assert summary is not None and summary.select_one("a[href='#id_email']") is not None
    assert soup.select_one("input[name=email]").get("aria-invalid") == "true"
    assert soup.select_one("input[value=statements]").has_attr("checked")  # nothing typed is lost
    assert soup.select_one("input[value=weekly]").has_attr("checked")
    assert mailoutbox == [] and not Subscriber.objects.exists()


def test_the_subscribe_form_is_reached_from_the_news_index_a_portfolio_and_a_policy_area(
    client, alerts_site, news_index, portfolio, policy_area
):
    for page, expected in (
        (news_index, "topic=news"),
        (portfolio, f"topic=portfolio-{portfolio.pk}"),
        (policy_area, f"area={policy_area.slug}"),
    ):
        link = soup_of(client.get(page.url)).select_one(".alerts-link a")
        assert link is not None and link["href"] == f"/alerts/?{expected}", page
        form = soup_of(client.get(link["href"]))
        assert form.select_one("label[for=id_email]") is not None
        if "portfolio" in expected:
            assert form.select_one(f"input[value=portfolio-{portfolio.pk}]").has_attr("checked")
    area_form = soup_of(client.get(f"/alerts/?area={policy_area.slug}"))
    assert f"{portfolio.title} (portfolio)" in text_of(area_form)


def test_one_click_unsubscribe_works_as_a_cookieless_post_without_a_csrf_token(alerts_site, mailoutbox):
    subscriber = confirmed("leaving@example.org", AlertList.STATEMENTS)
    subscription = subscriber.subscriptions.get()
    path = f"/alerts/unsubscribe/{tokens.manage_token(subscriber, [subscription])}/"
    mail_client = Client(enforce_csrf_checks=True)  # as a mail client posts: no cookie, no token
    response = mail_client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email="leaving@example.org").exists()
    # A forged or stale link unsubscribes nobody and says so.
    other = confirmed("staying@example.org")
    forged = f"/alerts/unsubscribe/{tokens.manage_token(other)[:-2]}xx/"
    assert (
        mail_client.post(
            forged, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        ).status_code
        == 404
    )
    assert Subscriber.objects.filter(email="staying@example.org").exists()


def test_the_manage_page_lists_the_alerts_and_leaves_one_or_all(client, alerts_site, portfolio):
    subscriber = confirmed("reader@example.org", AlertList.ALL_NEWS)
    confirmed("reader@example.org", AlertList.PORTFOLIO, portfolio, Frequency.WEEKLY)
    path = f"/alerts/manage/{tokens.manage_token(subscriber)}/"
    page = text_of(client.get(path))
    assert "All news" in page and "Forensics (portfolio)" in page and "A weekly digest" in page
    news = subscriber.subscriptions.get(list=AlertList.ALL_NEWS)
    assert client.post(path, {"leave": news.pk}).status_code == 302
    assert list(subscriber.subscriptions.values_list("list", flat=True)) == [AlertList.PORTFOLIO]
    assert "deleted your address" in text_of(client.post(path, {"leave": "all"}))
    assert not Subscriber.objects.exists()
    assert client.get(path).status_code == 404


def test_a_portfolio_a_visitor_may_not_see_is_not_offered_and_cannot_be_asked_for(ask, client, alerts_site, portfolio):
    PageViewRestriction.objects.create(page=portfolio, restriction_type=PageViewRestriction.LOGIN)
    assert portfolio.title not in text_of(client.get("/alerts/"))
    assert ask(topic=f"portfolio-{portfolio.pk}").status_code == 400
    assert not Subscription.objects.exists()
