"""Admin → Email alerts: counts per list and per item for administrators only, and one address found,
exported or deleted on request; no other address is shown."""

import json

import pytest

from alerts.models import AlertDelivery, AlertList, Frequency, Subscriber
from tests.alerts.conftest import confirmed
from tests.helpers import soup_of, text_of, user_in
from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db
URL = "/admin/email-alerts/"


@pytest.fixture
def administrator(django_user_model):
    return django_user_model.objects.create_superuser("administrator", password="a-long-password-for-tests-1")


def test_an_administrator_sees_subscribers_per_list_and_each_items_queued_sent_failed_and_no_address(
    client, administrator, committed, alerts_site, news_index, portfolio, mailoutbox
):
    confirmed("a@example.org", AlertList.ALL_NEWS)
    confirmed("b@example.org", AlertList.ALL_NEWS)
    confirmed("b@example.org", AlertList.PORTFOLIO, portfolio, Frequency.WEEKLY)
    confirmed("c@example.org", AlertList.STATEMENTS)
    committed(NewsArticlePageFactory, parent=news_index, title="Counted item", news_type="statement")
    AlertDelivery.objects.filter(subscriber__email="c@example.org").update(status=AlertDelivery.FAILED)

    client.force_login(administrator)
    response = client.get(URL)
    assert response.status_code == 200
    soup = soup_of(response)
    lists = {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in soup.select("#lists-heading ~ table tbody tr")
    }
    assert lists == {"All news": "2", "Forensics (portfolio)": "1", "Statements": "1"}
    [row] = soup.select("tr.alert-item")
    assert [cell.get_text(strip=True) for cell in row.select("td")][2:] == ["0", "2", "1"]
    assert "@example.org" not in text_of(response)


def test_an_administrator_exports_one_address_and_deletes_it(client, administrator, alerts_site, portfolio):
    confirmed("asker@example.org", AlertList.PORTFOLIO, portfolio, Frequency.DAILY)
    confirmed("other@example.org", AlertList.ALL_NEWS)
    client.force_login(administrator)

    found = client.post(URL, {"email": "Asker@Example.org", "action": "find"})
    assert "asker@example.org: 1 list(s)" in text_of(found) and "other@example.org" not in text_of(found)

    exported = client.post(URL, {"email": "asker@example.org", "action": "export"})
    assert exported["Content-Type"] == "application/json"
    data = json.loads(exported.content)
    assert data["email"] == "asker@example.org"
    assert (
        data["subscriptions"][0]["list"] == "Forensics (portfolio)" and data["subscriptions"][0]["frequency"] == "daily"
    )

    assert client.post(URL, {"email": "asker@example.org", "action": "delete"}).status_code == 302
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["other@example.org"]


def test_staff_who_are_not_administrators_are_refused(client, django_user_model):
    client.force_login(user_in(django_user_model, "Moderators"))
    assert client.get(URL).status_code in (302, 403)
    assert client.post(URL, {"email": "x@example.org", "action": "export"}).status_code in (302, 403)
