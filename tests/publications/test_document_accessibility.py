"""Accessible documents, as editors and the public meet them: every uploaded file is checked, editors see
what fails and how to fix it, publishing a failing file needs a reason, and visitors are told and can ask
for another format."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from publications.format_requests import AccessibleFormatRequest
from publications.models import PublicationAttachment, PublicationPage
from tests.helpers import add_url, errors, publication_form, soup_of, text_of
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory

CORPUS = Path(__file__).parent / "corpus"
NOTICE = "This file may not be suitable for users of assistive technology"


def upload(client, name, title):
    response = client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "file": SimpleUploadedFile(name, (CORPUS / name).read_bytes(), content_type="application/pdf"),
            "collection": Collection.get_first_root_node().pk,
            "description": "",
        },
    )
    assert response.status_code == 302, errors(response)
    return get_document_model().objects.get(title=title)


def publication_with(publication_index, document, **kwargs):
    return PublicationPageFactory(
        parent=publication_index, attachments=[PublicationAttachment(document=document)], **kwargs
    )


@pytest.fixture
def untagged(admin_client):
    return upload(admin_client, "pdf-untagged.pdf", "Untagged guidance")


@pytest.fixture
def tagged(admin_client):
    return upload(admin_client, "pdf-tagged.pdf", "Tagged guidance")


def test_an_untagged_pdf_uploaded_in_the_admin_shows_its_failures_and_how_to_fix_them(admin_client, untagged):
    assert untagged.accessibility == "fails"
    page = text_of(admin_client.get(f"/admin/documents/edit/{untagged.pk}/"))
    assert "Untagged guidance: Fails" in page
    assert "1.3.1 Info and Relationships" in page and "Document structure tags" in page, "the criterion and the fix"


def test_a_tagged_pdf_uploaded_in_the_admin_passes(admin_client, tagged):
    assert tagged.accessibility == "passes"
    page = text_of(admin_client.get(f"/admin/documents/edit/{tagged.pk}/"))
    assert "Tagged guidance: Passes" in page and "Fails" not in page


def test_the_report_lists_files_worst_first_filters_them_and_exports_every_cell_safely(
    admin_client, untagged, tagged, publication_index, portfolio
):
    publication_with(publication_index, untagged, title="Untagged publication", portfolios=[portfolio])
    report = text_of(admin_client.get("/admin/reports/document-accessibility/"))
    assert report.index("Untagged guidance") < report.index("Tagged guidance")
    assert "Untagged publication" in report
    failing = text_of(admin_client.get("/admin/reports/document-accessibility/", {"accessibility": "fails"}))
    assert "Untagged guidance" in failing and "Tagged guidance" not in failing
    by_portfolio = text_of(admin_client.get("/admin/reports/document-accessibility/", {"portfolio": portfolio.pk}))
    assert "Untagged guidance" in by_portfolio and "Tagged guidance" not in by_portfolio
    csv = b"".join(admin_client.get("/admin/reports/document-accessibility/", {"export": "csv"}).streaming_content)
    assert b"Untagged guidance,pdf-untagged.pdf,fails,1.3.1 Info and Relationships" in csv.replace(b"\r", b"")


def test_the_report_is_in_the_reports_menu_for_those_who_edit_documents(admin_client, client):
    assert "/admin/reports/document-accessibility/" in admin_client.get("/admin/").content.decode()
    assert client.get("/admin/reports/document-accessibility/").status_code == 302  # signed out: to sign in


def test_a_visitor_is_told_a_failing_file_may_not_suit_assistive_technology_and_can_ask_for_another_format(
    client, untagged, tagged, publication_index
):
    failing = publication_with(publication_index, untagged, title="With a failing file")
    passing = publication_with(publication_index, tagged, title="With a passing file")
    soup = soup_of(client.get(failing.url))
    assert NOTICE in text_of(soup)
    assert soup.find("a", href=f"/accessible-formats/{untagged.pk}/")
    assert NOTICE not in text_of(client.get(passing.url))


def test_publishing_a_publication_whose_file_fails_asks_for_a_reason_and_keeps_it(
    admin_client, untagged, publication_index
):
    url = add_url(PublicationPage, publication_index)
    refused = admin_client.post(url, publication_form("Needs a reason", "needs-a-reason", [untagged]))
    assert refused.status_code == 200
    assert any("may not work with assistive technology" in error for error in errors(refused))
    assert not PublicationPage.objects.filter(slug="needs-a-reason").exists()

    reason = "The accessible version is due in March; other formats on request."
    form = publication_form("Needs a reason", "needs-a-reason", [untagged], accessibility_exception=reason)
    assert admin_client.post(url, form).status_code == 302
    published = PublicationPage.objects.get(slug="needs-a-reason")
    assert published.live and published.accessibility_exception == reason
    assert "Untagged guidance: Fails" in text_of(admin_client.get(f"/admin/pages/{published.pk}/edit/"))


def test_publishing_with_files_that_pass_needs_no_reason(admin_client, tagged, publication_index):
    form = publication_form("No reason needed", "no-reason-needed", [tagged])
    assert admin_client.post(add_url(PublicationPage, publication_index), form).status_code == 302


@pytest.mark.parametrize(("name", "reason"), [("pdf-password.pdf", "password"), ("pdf-truncated.pdf", "damaged")])
def test_a_locked_or_damaged_file_uploads_and_could_not_be_checked(admin_client, name, reason):
    document = upload(admin_client, name, f"Upload of {name}")
    assert document.accessibility == "could not be checked"
    assert reason in document.accessibility_findings.reason.lower()


def test_the_command_checks_every_document_with_a_line_each(publication_index):
    PolicyDocumentFactory(title="A", file_name="a.pdf", data=(CORPUS / "pdf-tagged.pdf").read_bytes())
    PolicyDocumentFactory(title="B", file_name="b.pdf", data=(CORPUS / "pdf-scanned.pdf").read_bytes())
    get_document_model().objects.update(accessibility="", accessibility_report=None, accessibility_checked_at=None)
    output = io.StringIO()
    call_command("check_document_accessibility", stdout=output)
    lines = output.getvalue().splitlines()
    assert lines[0].startswith("[1/2] a.pdf: passes") and lines[1].startswith("[2/2] b.pdf: fails")
    assert "Checked 2 documents: 1 passes, 1 fails." in lines[-1]
    assert set(get_document_model().objects.values_list("accessibility", flat=True)) == {"passes", "fails"}


def test_format_requests_are_deleted_once_fulfilled_or_after_the_days_they_are_kept(db, settings):
    settings.ACCESSIBLE_FORMAT_REQUEST_DAYS = 30
    document = PolicyDocumentFactory()
    kept = AccessibleFormatRequest.objects.create(document=document, email="a@example.org", format_wanted="braille")
    fulfilled = AccessibleFormatRequest.objects.create(
        document=document, email="b@example.org", format_wanted="audio", fulfilled_at=timezone.now()
    )
    old = AccessibleFormatRequest.objects.create(
        document=document,
        email="c@example.org",
        format_wanted="word",
        received_at=timezone.now() - timezone.timedelta(days=31),
    )
    call_command("delete_old_format_requests", stdout=io.StringIO())
    assert list(AccessibleFormatRequest.objects.all()) == [kept]
    assert not AccessibleFormatRequest.objects.filter(pk__in=[fulfilled.pk, old.pk]).exists()
