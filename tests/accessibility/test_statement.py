"""The accessibility statement, in the shape of GOV.UK's model statement: how to ask for another format
and report a problem (the accessibility contact), enforcement, compliance status, what is not accessible
(read from the content: videos without a transcript or captions, public files that fail the checks, with
the date they were checked and a request form each), how and when it was tested, and its dates."""

import datetime
import importlib
import json

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Collection, Page, PageViewRestriction

from accessibility.models import AccessibilityStatementPage
from demo.files import make_pdf
from portal.models import OrganisationSettings, StandardPage
from publications.models import PublicationAttachment
from tests.accessibility.factories import AccessibilityStatementPageFactory
from tests.helpers import soup_of, text_of
from tests.news.factories import VideoPageFactory
from tests.portal.factories import StandardPageFactory
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory


@pytest.fixture
def statement(home):
    organisation = OrganisationSettings.for_site(home.get_site())
    organisation.accessibility_email = "access@example.org"
    organisation.accessibility_phone = "020 7946 0001"
    organisation.save()
    return AccessibilityStatementPageFactory(
        parent=home,
        compliance_status="full",
        reply_within_days=7,
        prepared_on=datetime.date(2025, 3, 1),
        reviewed_on=datetime.date(2025, 9, 15),
        tested_on=datetime.date(2025, 9, 10),
        tested_by="the website's developers",
        testing_method="<p>Checked with axe-core on every page type.</p>",
    )


def words(element):
    """The text of `element` as a visitor reads it, with no space added between inline elements."""
    return " ".join(element.get_text().split())


def read(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return soup_of(response)


def test_the_statement_has_the_sections_of_the_model_statement_in_its_order(client, statement):
    headings = [h2.get_text(strip=True) for h2 in read(client, statement).select("main h2")]
    assert headings == [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website’s accessibility",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ]


def test_the_statement_gives_the_accessibility_contact_and_how_soon_it_replies(client, statement):
    soup = read(client, statement)
    feedback = soup.find(id="feedback-heading").parent
    assert feedback.find("a", href="mailto:access@example.org")
    assert feedback.find("a", href="tel:02079460001")
    assert "get back to you in 7 working days" in text_of(feedback)
    assert not feedback.find("a", href="#documents-heading"), "no link to a list that is not there"
    reporting = soup.find(id="reporting-heading").parent
    assert reporting.find("a", href=lambda href: href and href.startswith("mailto:access@example.org?subject="))
    enforcement = soup.find(id="enforcement-heading").parent
    assert "Equality and Human Rights Commission (EHRC)" in text_of(enforcement)
    assert enforcement.find("a", href="https://www.equalityadvisoryservice.com/")


def test_the_statement_says_when_it_was_prepared_reviewed_and_tested_and_how(client, statement):
    preparation = read(client, statement).find(id="preparation-heading").parent
    assert words(preparation) == (
        "Preparation of this accessibility statement This statement was prepared on 1 March 2025. It was last "
        "reviewed on 15 September 2025. This website was last tested on 10 September 2025. The test was carried "
        "out by the website's developers. Checked with axe-core on every page type."
    )


def test_public_videos_without_a_transcript_or_captions_are_listed_with_what_they_lack(client, statement, news_index):
    VideoPageFactory(parent=news_index, title="Fraud panel", date="2022-11-14")
    VideoPageFactory(parent=news_index, title="SOC update", date="2022-05-26", captioned=True)
    VideoPageFactory(parent=news_index, title="Full alternatives", captioned=True, transcript="<p>Hello.</p>")
    draft = VideoPageFactory(parent=news_index, title="Draft video", publish=False)
    assert not draft.live

    videos = read(client, statement).find(id="videos-heading").find_next("ul")
    items = [words(item) for item in videos.find_all("li")]
    assert items == [
        "Fraud panel. It has no transcript (WCAG 2.2 success criterion 1.2.3 Audio description or media "
        "alternative). It has no captions (WCAG 2.2 success criterion 1.2.2 Captions, prerecorded).",
        "SOC update. It has no transcript (WCAG 2.2 success criterion 1.2.3 Audio description or media alternative).",
    ]


def test_public_files_that_fail_the_checks_are_listed_with_the_date_checked_and_a_request_form(
    client, statement, publication_index
):
    failing = PolicyDocumentFactory(title="FCN explainer (PDF)", file_name="fcn.pdf")
    passing = PolicyDocumentFactory(
        title="SPR guidance (PDF)", file_name="spr.pdf", data=make_pdf("SPR", ["Text."], 9_000, "a", accessible=True)
    )
    members = PolicyDocumentFactory(
        title="Members file", file_name="members.pdf", collection=Collection.objects.get(name="Members only")
    )
    draft_only = PolicyDocumentFactory(title="Draft file", file_name="draft.pdf")
    attachments = [PublicationAttachment(document=document) for document in (failing, passing, members)]
    PublicationPageFactory(parent=publication_index, title="FCN explainer", attachments=attachments)
    PublicationPageFactory(
        parent=publication_index, title="Draft", attachments=[PublicationAttachment(document=draft_only)], publish=False
    )
    assert failing.accessibility == "fails" and passing.accessibility == "passes"

    files = read(client, statement).find(id="documents-heading").find_next("ul").find_all("li")
    assert len(files) == 1
    text = words(files[0])
    assert text.startswith("FCN explainer (PDF) (in FCN explainer). It fails WCAG 2.2 success criteria 1.3.1")
    checked = failing.accessibility_checked_at
    assert f"Checked on {checked:%-d %B %Y}." in text
    assert files[0].find("time")["datetime"] == f"{checked:%Y-%m-%d}"
    assert files[0].find("a", href=f"/accessible-formats/{failing.pk}/")


def test_a_members_only_video_is_not_named_on_the_statement(client, statement, news_index):
    video = VideoPageFactory(parent=news_index, title="Members briefing video")
    restriction = PageViewRestriction.objects.create(page=video, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Members")])
    soup = read(client, statement)
    assert "Members briefing video" not in text_of(soup)
    assert "We know of no content on this website that is not accessible." in text_of(soup)


def test_fully_compliant_is_said_only_while_nothing_is_listed(client, statement, news_index):
    compliance = read(client, statement).select_one(".statement__compliance")
    assert text_of(compliance) == (
        "This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard."
    )
    VideoPageFactory(parent=news_index, title="Fraud panel")
    compliance = read(client, statement).select_one(".statement__compliance")
    assert text_of(compliance).startswith("This website is partially compliant with the Web Content")


def test_an_old_statement_kept_as_a_standard_page_becomes_a_statement_page_keeping_its_content(client, home):
    old = StandardPageFactory(
        parent=home,
        title="Accessibility statement",
        slug="accessibility-statement",
        introduction="We want as many people as possible to be able to use this website.",
        body=json.dumps(
            [
                {"type": "paragraph", "value": "<p>Zoom to 400%.</p>"},
                {"type": "heading", "value": "Enforcement procedure"},
                {"type": "paragraph", "value": "<p>The EHRC enforces the regulations.</p>"},
                {"type": "heading", "value": "Our offices"},
                {"type": "paragraph", "value": "<p>Step-free access.</p>"},
            ]
        ),
    )
    organisation = OrganisationSettings.for_site(home.get_site())
    organisation.accessibility_statement_page = old
    organisation.save()
    migration = importlib.import_module("accessibility.migrations.0002_convert_the_old_statement_page")

    # Historical models, as `migrate` gives the migration (those of today's tables: the test database has them).
    state = MigrationExecutor(connection).loader.project_state()
    migration.convert_statement_pages(state.apps, None)

    page = Page.objects.get(pk=old.pk)
    assert page.specific_class is AccessibilityStatementPage and not StandardPage.objects.filter(pk=old.pk).exists()
    statement = page.specific
    assert statement.introduction == "We want as many people as possible to be able to use this website."
    assert statement.url == "/accessibility-statement/"
    assert isinstance(statement.get_latest_revision_as_object(), AccessibilityStatementPage)
    soup = read(client, statement)
    assert "Zoom to 400%." in text_of(soup) and "Step-free access." in text_of(soup)
    assert [h2.get_text() for h2 in soup.select("main h2")].count("Enforcement procedure") == 1, "not said twice"
    assert "The EHRC enforces the regulations." not in text_of(soup)
    assert OrganisationSettings.objects.get().accessibility_statement_page_id == old.pk
