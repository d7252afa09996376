"""Scheduling that cannot publish early by mistake, and titles whose limit is a form error.

A go-live time is kept exactly as typed, in every format people type, or refused with a message
naming the formats; a time in the past is refused for a page that is not live; the status panel
shows the scheduled time in UK time with its zone. (The browser side, the date picker leaving the
typed text alone, is in tests/browser/test_admin_editing.py.)
"""

import datetime
import re
import zoneinfo

import pytest
from django.utils import timezone
from wagtail.admin.widgets import AdminDateTimeInput

from news.models import NewsArticlePage
from portal.page_forms import PAST_GO_LIVE, PortalPageForm, ScheduleInput
from tests.helpers import add_url, article_form, errors, soup_of, text_of, user_in

UK = zoneinfo.ZoneInfo("Europe/London")


def page_words(response):
    """The response's HTML on one line (the schedule dialog sits in a <template>, which BeautifulSoup's
    selectors do not enter)."""
    return " ".join(response.content.decode().split())


NEXT_YEAR = timezone.now().year + 1


@pytest.fixture
def moderator(django_user_model):
    return user_in(django_user_model, "Moderators")


@pytest.mark.parametrize(
    "typed, expected",
    [
        (f"{NEXT_YEAR}-12-03 09:00", datetime.datetime(NEXT_YEAR, 12, 3, 9, 0)),
        (f"{NEXT_YEAR}-12-03T09:00", datetime.datetime(NEXT_YEAR, 12, 3, 9, 0)),
        (f"03/12/{NEXT_YEAR} 09:00", datetime.datetime(NEXT_YEAR, 12, 3, 9, 0)),
        (f"03/12/{NEXT_YEAR}", datetime.datetime(NEXT_YEAR, 12, 3, 0, 0)),
        (f"{NEXT_YEAR}-07-03 09:00", datetime.datetime(NEXT_YEAR, 7, 3, 9, 0)),  # British Summer Time
    ],
)
def test_a_go_live_time_typed_in_a_format_people_use_is_kept_exactly_in_uk_time(
    client, moderator, news_index, typed, expected
):
    client.force_login(moderator)
    response = client.post(
        add_url(NewsArticlePage, news_index), article_form("Embargoed", "embargoed", go_live_at=typed)
    )
    assert response.status_code == 302, errors(response)
    article = NewsArticlePage.objects.get(slug="embargoed")
    assert not article.live
    go_live = article.get_latest_revision().approved_go_live_at
    assert timezone.localtime(go_live, UK).replace(tzinfo=None) == expected


@pytest.mark.parametrize("typed", ["3rd December", "12/31/2026 09:00", "2026-12-03 25:00", "tomorrow"])
def test_a_go_live_time_the_form_cannot_read_is_refused_with_the_formats_not_replaced_by_now(
    client, moderator, news_index, typed
):
    client.force_login(moderator)
    response = client.post(
        add_url(NewsArticlePage, news_index), article_form("Embargoed", "embargoed", go_live_at=typed)
    )
    assert response.status_code == 200
    assert (
        "This is not a date and time this form can read. "
        "Type it as 03/12/2026 09:00 (day/month/year) or 2026-12-03 09:00, in UK time." in page_words(response)
    )
    assert not NewsArticlePage.objects.filter(slug="embargoed").exists()


def test_a_go_live_time_in_the_past_is_refused_for_a_page_that_is_not_live(client, moderator, news_index):
    client.force_login(moderator)
    an_hour_ago = timezone.localtime(timezone.now() - datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    response = client.post(
        add_url(NewsArticlePage, news_index), article_form("Too late", "too-late", go_live_at=an_hour_ago)
    )
    assert response.status_code == 200
    assert PAST_GO_LIVE in page_words(response)
    assert not NewsArticlePage.objects.filter(slug="too-late", live=True).exists()


def test_the_status_panel_shows_the_scheduled_time_in_uk_time_with_its_zone(client, moderator, news_index):
    client.force_login(moderator)
    response = client.post(
        add_url(NewsArticlePage, news_index),
        article_form("Embargoed", "embargoed", go_live_at=f"{NEXT_YEAR}-12-03 09:00"),
    )
    assert response.status_code == 302, errors(response)
    article = NewsArticlePage.objects.get(slug="embargoed")
    page = text_of(client.get(f"/admin/pages/{article.pk}/edit/"))
    assert f"Go-live: 3 December {NEXT_YEAR}, 09:00 GMT" in page


def test_the_schedule_fields_state_the_formats_and_keep_what_was_typed(client, moderator, news_index):
    """Wagtail's schedule widgets are replaced by ScheduleInput, whose picker leaves unreadable text
    alone (validateOnBlur off): if Wagtail renames the fields or the widget, this fails."""
    client.force_login(moderator)
    html = page_words(client.get(add_url(NewsArticlePage, news_index)))
    for name in ("go_live_at", "expire_at"):
        assert re.search(
            rf'name="{name}"[^<]*>\s*<script>initDateTimeChooser\("id_{name}", {{[^}}]*"validateOnBlur": false', html
        ), name
    assert "Type it as 03/12/2026 09:00 (day/month/year), or 2026-12-03 09:00" in html
    form_class = NewsArticlePage.get_edit_handler().get_form_class()
    assert issubclass(form_class, PortalPageForm)
    form = form_class(instance=NewsArticlePage(), for_user=moderator)
    assert isinstance(form.fields["go_live_at"].widget, ScheduleInput)
    assert issubclass(ScheduleInput, AdminDateTimeInput)


def test_a_title_too_long_is_a_form_error_stating_the_limit_not_a_silent_cut(client, moderator, news_index):
    client.force_login(moderator)
    add = add_url(NewsArticlePage, news_index)
    title_input = soup_of(client.get(add)).select_one('input[name="title"]')
    assert title_input.get("maxlength") is None  # a browser would cut a pasted title without a word
    assert title_input["data-portal-max-length"] == "255"
    assert "At most 255 characters." in text_of(client.get(add))

    response = client.post(add, article_form("x" * 5000, "long-title"))
    assert response.status_code == 200
    assert "The title is 5000 characters long: at most 255 fit. Shorten it." in errors(response)
    assert not NewsArticlePage.objects.filter(slug="long-title").exists()

    response = client.post(add, article_form("x" * 255, "long-title"))
    assert response.status_code == 302, errors(response)
    assert NewsArticlePage.objects.get(slug="long-title").title == "x" * 255
