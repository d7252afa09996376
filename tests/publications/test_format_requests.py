"""Asking for a file in another format: a short form, a reference number, an email to the association's
accessibility contact and an acknowledgement to the person who asked; never a way to learn of a hidden file."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import Collection, PageViewRestriction

from portal.models import OrganisationSettings
from publications.format_requests import AccessibleFormatRequest
from publications.models import PublicationAttachment
from tests.helpers import soup_of, text_of, user_in
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory

CONTACT = "accessibility@apcc.example"
GENERAL = "enquiries@apcc.example"


@pytest.fixture
def published_file(publication_index):
    organisation = OrganisationSettings.for_site(publication_index.get_site())
    organisation.contact_email = GENERAL
    organisation.accessibility_email = CONTACT
    organisation.save()
    document = PolicyDocumentFactory(title="SPR guidance (PDF)", file_name="spr.pdf")
    PublicationPageFactory(parent=publication_index, attachments=[PublicationAttachment(document=document)])
    return document


def ask(client, document, **data):
    return client.post(f"/accessible-formats/{document.pk}/", {"email": "pcc-office@example.org", **data})


def test_the_form_names_the_file_and_labels_every_field(client, published_file):
    soup = soup_of(client.get(f"/accessible-formats/{published_file.pk}/"))
    assert "SPR guidance (PDF)" in text_of(soup)
    for field in ("id_email", "id_details"):
        assert soup.find("label", attrs={"for": field})
    assert soup.find("fieldset").legend.get_text(strip=True) == "Which format do you need?"
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex, nofollow"})


def test_a_request_reaches_the_accessibility_contact_with_a_reference_and_is_acknowledged(client, published_file):
    response = ask(client, published_file, format_wanted="large-print", details="Pages 3 to 5 first, please.")
    assert response.status_code == 302
    done = client.get(response["Location"])
    reference = AccessibleFormatRequest.objects.get().reference
    assert f"Your reference is {reference}" in text_of(done)
    to_contact, acknowledgement = mail.outbox
    assert to_contact.to == [CONTACT] and to_contact.reply_to == ["pcc-office@example.org"]
    assert reference in to_contact.subject and "SPR guidance (PDF)" in to_contact.subject
    assert "Large print" in to_contact.body and "Pages 3 to 5 first" in to_contact.body
    assert acknowledgement.to == ["pcc-office@example.org"] and reference in acknowledgement.body


def test_a_request_and_its_acknowledgement_arrive_over_smtp_through_the_mail_queue(
    client, queued_mail, published_file, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the queue's tasks are enqueued on commit
        assert ask(client, published_file, format_wanted="audio").status_code == 302
    reference = AccessibleFormatRequest.objects.get().reference
    to_contact, acknowledgement = sorted(queued_mail.wait_for(2), key=lambda message: message["To"] != CONTACT)
    assert to_contact["To"] == CONTACT and to_contact["Reply-To"] == "pcc-office@example.org"
    assert "SPR guidance (PDF)" in to_contact["Subject"] and reference in to_contact["Subject"]
    assert "Audio" in to_contact.get_body(preferencelist=("plain",)).get_content()
    assert acknowledgement["To"] == "pcc-office@example.org"
    assert reference in acknowledgement.get_body(preferencelist=("plain",)).get_content()


def test_with_no_accessibility_contact_a_request_goes_to_the_organisations_address(client, published_file):
    organisation = OrganisationSettings.objects.get()
    organisation.accessibility_email = ""
    organisation.save()
    ask(client, published_file, format_wanted="braille")
    assert mail.outbox[0].to == [GENERAL]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "format_wanted": "braille"}, "Enter your email address"),
        ({"email": "not an address", "format_wanted": "braille"}, "Enter an email address in the correct format"),
        ({}, "Choose the format you need"),
        ({"format_wanted": "other", "details": "  "}, "Say which format you need"),
        ({"format_wanted": "a-format-we-do-not-offer"}, "Select a valid choice"),
    ],
)
def test_a_request_with_a_mistake_says_what_to_put_right_and_keeps_what_was_typed(
    client, published_file, data, message
):
    response = ask(client, published_file, **{"details": "Kept", **data})
    assert response.status_code == 200
    soup = soup_of(response)
    assert message in soup.select_one(".error-summary").get_text(" ")
    assert soup.find("textarea").get_text().strip() == data.get("details", "Kept").strip()
    assert not AccessibleFormatRequest.objects.exists() and not mail.outbox


def test_a_header_cannot_be_injected_through_the_address(client, published_file):
    response = ask(client, published_file, email="a@example.org\nBcc: everyone@example.org", format_wanted="audio")
    assert response.status_code == 200 and not mail.outbox


def test_requests_are_limited_per_client_and_per_address(client, published_file, settings):
    settings.ACCESSIBLE_FORMAT_REQUEST_LIMITS = {"client": (10, 3600), "address": (2, 3600)}
    for _ in range(2):
        assert ask(client, published_file, format_wanted="audio").status_code == 302
    refused = ask(client, published_file, format_wanted="audio")
    assert refused.status_code == 429 and "several requests in a short time" in text_of(refused)
    assert AccessibleFormatRequest.objects.count() == 2


def test_no_form_for_a_file_nobody_may_see_yet_and_members_files_ask_to_sign_in(client, publication_index):
    draft_only = PolicyDocumentFactory(title="Embargoed annex")
    PublicationPageFactory(
        parent=publication_index, publish=False, attachments=[PublicationAttachment(document=draft_only)]
    )
    assert client.get(f"/accessible-formats/{draft_only.pk}/").status_code == 404
    assert ask(client, draft_only, format_wanted="audio").status_code == 404
    assert client.get("/accessible-formats/999999/").status_code == 404

    members_file = PolicyDocumentFactory(title="For members", collection=Collection.objects.get(name="Members only"))
    publication = PublicationPageFactory(
        parent=publication_index, attachments=[PublicationAttachment(document=members_file)]
    )
    restriction = PageViewRestriction.objects.create(page=publication, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Members")])
    refused = client.get(f"/accessible-formats/{members_file.pk}/")
    assert refused.status_code == 302 and "/login/" in refused["Location"]
    assert not mail.outbox


def test_the_confirmation_needs_a_request_just_sent(client, published_file):
    response = client.get(f"/accessible-formats/{published_file.pk}/sent/")
    assert response.status_code == 302 and response["Location"] == f"/accessible-formats/{published_file.pk}/"


def test_moderators_see_and_fulfil_format_requests_and_news_editors_do_not_see_them(
    client, django_user_model, published_file
):
    ask(client, published_file, format_wanted="large-print")
    listing = "/admin/format_requests/"
    client.force_login(user_in(django_user_model, "Moderators"))
    assert (
        "pcc-office@example.org"
        in client.get(f"{listing}inspect/{AccessibleFormatRequest.objects.get().pk}/").content.decode()
    )
    assert "Format requests" in client.get("/admin/").content.decode()  # the menu, drawn from JSON

    client.force_login(user_in(django_user_model, "News editors"))
    assert client.get(listing).status_code == 302  # sent back to the dashboard with "permission denied"
    assert "Format requests" not in client.get("/admin/").content.decode()
