"""Downloads are counted per file per day, with nothing about who downloaded them, and only when the
file was actually served; Reports → Most downloaded files shows them as a table, a chart and a CSV."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.utils import timezone
from wagtail.models import Collection

from editorial.models import DocumentDownloadCount
from publications.models import PublicationAttachment
from tests.helpers import user_in
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory

REPORT = "/admin/reports/most-downloaded-files/"


@pytest.fixture
def files(publication_index):
    """A public publication's two files, a file attached to nothing, and an embargoed publication's file."""
    public = PublicationPageFactory(parent=publication_index, slug="public")
    report = PolicyDocumentFactory(title="Annual report", file_name="annual-report.pdf")
    slides = PolicyDocumentFactory(title="=cmd|' /C calc'!A0", file_name="slides.pdf")
    for document in (report, slides):
        PublicationAttachment.objects.create(page=public, document=document)
    loose = PolicyDocumentFactory(title="Loose file", file_name="loose.pdf")
    embargoed_page = PublicationPageFactory(parent=publication_index, slug="embargoed", publish=False)
    embargoed = PolicyDocumentFactory(title="Embargoed file", file_name="embargoed.pdf")
    PublicationAttachment.objects.create(page=embargoed_page, document=embargoed)
    private = PolicyDocumentFactory(
        title="Members' file", file_name="members.pdf", collection=Collection.objects.get(name="Members only")
    )
    return {"report": report, "slides": slides, "loose": loose, "embargoed": embargoed, "private": private}


def fetch(client, document, **headers):
    response = client.get(document.url, **headers)
    if response.status_code == 200:
        b"".join(response.streaming_content)
    return response


def counts():
    return {
        (row.document.title, row.day): row.count for row in DocumentDownloadCount.objects.select_related("document")
    }


def test_each_download_served_is_counted_once_per_file_per_day_and_refusals_are_not(client, files):
    today = timezone.localdate()
    for _ in range(3):
        assert fetch(client, files["report"]).status_code == 200
    assert fetch(client, files["loose"]).status_code == 200
    assert fetch(client, files["embargoed"]).status_code == 404
    assert fetch(client, files["private"]).status_code == 302
    assert client.head(files["report"].url).status_code == 200
    cached = fetch(client, files["report"], HTTP_IF_NONE_MATCH=f'"{files["report"].file_hash}"')
    assert cached.status_code == 304

    assert counts() == {("Annual report", today): 3, ("Loose file", today): 1}
    # No personal data: a document, a day and a number, nothing else.
    assert {field.name for field in DocumentDownloadCount._meta.get_fields()} == {"id", "document", "day", "count"}


def test_counting_adds_to_the_days_row_atomically(files):
    day = datetime.date(2026, 11, 2)
    DocumentDownloadCount.record(files["report"], day)
    DocumentDownloadCount.record(files["report"], day)
    DocumentDownloadCount.objects.filter(document=files["report"], day=day).update(count=41)
    DocumentDownloadCount.record(files["report"], day)
    assert DocumentDownloadCount.objects.get(document=files["report"], day=day).count == 42


def test_the_report_shows_the_most_downloaded_files_of_the_last_30_days(client, django_user_model, files):
    today = timezone.localdate()
    DocumentDownloadCount.objects.create(document=files["report"], day=today, count=12)
    DocumentDownloadCount.objects.create(document=files["report"], day=today - datetime.timedelta(days=29), count=3)
    DocumentDownloadCount.objects.create(document=files["slides"], day=today - datetime.timedelta(days=2), count=7)
    DocumentDownloadCount.objects.create(document=files["loose"], day=today - datetime.timedelta(days=30), count=99)

    client.force_login(user_in(django_user_model, "Moderators"))
    menu = client.get("/admin/")
    assert REPORT in menu.content.decode()
    response = client.get(REPORT)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    rows = [[cell.get_text(strip=True) for cell in row.select("td")] for row in soup.select("table.listing tbody tr")]
    assert [(row[0], row[-1]) for row in rows] == [("Annual report", "15"), ("=cmd|' /C calc'!A0", "7")]
    assert "22 in all" in soup.get_text(" ", strip=True)

    chart = soup.select_one("figure svg")
    assert chart["aria-hidden"] == "true"
    assert len(chart.select("rect")) == 2
    widths = [float(rect["width"]) for rect in chart.select("rect")]
    assert widths[0] > widths[1]

    # A chosen period: only that day's downloads.
    day = (today - datetime.timedelta(days=30)).isoformat()
    chosen = BeautifulSoup(client.get(REPORT, {"period_from": day, "period_to": day}).content, "html.parser")
    rows = [[cell.get_text(strip=True) for cell in row.select("td")] for row in chosen.select("table.listing tbody tr")]
    assert [(row[0], row[-1]) for row in rows] == [("Loose file", "99")]

    # Only a start: from then to today. Only an end: the 30 days up to it.
    since = BeautifulSoup(client.get(REPORT, {"period_from": day}).content, "html.parser").get_text(" ", strip=True)
    assert "121 in all" in since
    until = client.get(REPORT, {"period_to": (today - datetime.timedelta(days=2)).isoformat()})
    assert "109 in all" in BeautifulSoup(until.content, "html.parser").get_text(" ", strip=True)


def test_the_report_exports_csv_safe_from_spreadsheet_formulas(client, django_user_model, files):
    today = timezone.localdate()
    DocumentDownloadCount.objects.create(document=files["report"], day=today, count=5)
    DocumentDownloadCount.objects.create(document=files["slides"], day=today, count=2)
    client.force_login(user_in(django_user_model, "News editors"))

    listing = client.get(REPORT)
    assert "export=csv" in listing.content.decode()
    response = client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    first = today - datetime.timedelta(days=29)
    assert f"most-downloaded-files-{first:%Y-%m-%d}-to-{today:%Y-%m-%d}.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [
        ["File", "File name", "Downloads", "Collection"],
        ["Annual report", "annual-report.pdf", "5", "Root"],
        ["'=cmd|' /C calc'!A0", "slides.pdf", "2", "Root"],
    ]


def test_the_report_is_for_staff_only(client, django_user_model):
    assert client.get(REPORT).status_code == 302
    client.force_login(user_in(django_user_model, "Members"))
    assert client.get(REPORT).status_code == 302
    # Admin access alone is not enough: the report needs its own permission.
    staff = user_in(django_user_model, None, username="staff-without-the-report")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
    refused = client.get(REPORT)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "permission denied"
    assert REPORT not in client.get("/admin/").content.decode()
