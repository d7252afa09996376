"""Members' resources: a publication kept for Members (Wagtail page privacy) and its files (the
"Members only" collection) reach members who sign in on the public site, and nobody else by any URL.

The publications index lists a members-only publication, labelled "Members only", to members
signed in, and to nobody else: its title may itself be for members only. Other listings (hubs,
search, feeds) keep to public pages; members reach the rest from the links they are sent.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.models import Collection, PageViewRestriction

from publications.models import PublicationAttachment
from tests.helpers import PASSWORD, user_in
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory

TITLE = "Guidance on Quillfeather for PCCs"


@pytest.fixture
def member(django_user_model):
    return user_in(django_user_model, "Members")


@pytest.fixture
def members_only(publication_index):
    """A live publication restricted to Members, its file in the "Members only" collection."""
    document = PolicyDocumentFactory(
        title="Quillfeather guidance (PDF)",
        file_name="quillfeather-guidance.pdf",
        collection=Collection.objects.get(name="Members only"),
    )
    publication = PublicationPageFactory(parent=publication_index, title=TITLE, slug="quillfeather")
    PublicationAttachment.objects.create(page=publication, document=document)
    restriction = PageViewRestriction.objects.create(page=publication, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Members")])
    return publication, document


def leaks(client, publication, document):
    """Every public place the publication or its file could show up, as {place: leaked?}."""
    texts = {
        "listing": client.get("/resources-and-publications/"),
        "home": client.get("/"),
        "API pages": client.get("/api/v2/pages/?type=publications.PublicationPage&fields=attachments"),
        "API search": client.get("/api/v2/pages/?search=Quillfeather"),
        "API documents": client.get("/api/v2/documents/"),
        "search": client.get("/search/?q=Quillfeather"),
        "search for the file": client.get("/search/?q=guidance"),
        "sitemap": client.get("/sitemap.xml"),
    }
    found = {
        place: TITLE in response.content.decode()
        or document.file_name in response.content.decode()
        or f"/documents/{document.pk}/" in response.content.decode()
        for place, response in texts.items()
    }
    found["page"] = client.get(publication.url).status_code == 200
    found["API page"] = client.get(f"/api/v2/pages/{publication.pk}/").status_code == 200
    found["API document"] = client.get(f"/api/v2/documents/{document.pk}/").status_code == 200
    found["file"] = client.get(document.url).status_code == 200
    found["media"] = client.get(f"/media/{document.file.name}").status_code == 200
    return found


def test_an_anonymous_visitor_finds_no_trace_of_a_members_only_publication_or_its_file(client, members_only):
    publication, document = members_only
    found = leaks(client, publication, document)
    assert not any(found.values()), [place for place, leaked in found.items() if leaked]

    # The page and the file ask them to sign in; the stored file is not served at all.
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={document.url}"
    assert client.get(publication.url)["Location"] == f"/login/?next={publication.url}"
    assert client.get(f"/media/{document.file.name}").status_code == 404


def test_a_member_signs_in_on_the_public_site_and_gets_the_publication_and_its_file(client, member, members_only):
    publication, document = members_only
    sign_in = client.get(publication.url)["Location"]
    assert client.get(sign_in).status_code == 200

    response = client.post(sign_in, {"username": member.username, "password": PASSWORD, "next": publication.url})
    assert response.status_code == 302
    assert response["Location"] == publication.url

    page = client.get(publication.url)
    assert page.status_code == 200 and TITLE in page.content.decode()
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    listed = client.get("/api/v2/documents/").json()["items"]
    assert document.pk in {item["id"] for item in listed}

    soup = BeautifulSoup(client.get("/resources-and-publications/").content, "html.parser")
    (card,) = [card for card in soup.select(".card") if TITLE in card.get_text()]
    assert card.select_one(".card__kicker").get_text(" ", strip=True).startswith("Members only ·")
    assert card.select_one("a")["href"] == publication.url


def test_public_publications_are_not_labelled_for_members(client, member, members_only, publication_index):
    PublicationPageFactory(parent=publication_index, title="Open guidance", slug="open-guidance")
    client.force_login(member)

    soup = BeautifulSoup(client.get("/resources-and-publications/").content, "html.parser")
    kickers = {
        card.select_one("a").get_text(strip=True): card.select_one(".card__kicker").get_text()
        for card in soup.select(".card")
    }

    assert "Members only" in kickers[TITLE]
    assert "Members only" not in kickers["Open guidance"]


def test_someone_signed_in_but_not_a_member_is_refused_too(client, django_user_model, members_only):
    publication, document = members_only
    client.force_login(user_in(django_user_model, None, username="not-a-member"))
    assert TITLE not in client.get("/resources-and-publications/").content.decode()
    assert client.get(publication.url).status_code == 302
    assert client.get(document.url).status_code == 302
    assert document.pk not in {item["id"] for item in client.get("/api/v2/documents/").json()["items"]}


def test_a_members_file_left_in_the_public_collection_is_still_kept_for_members(
    client, member, publication_index, django_user_model
):
    """The editor restricted the page but forgot the collection: the file follows its page."""
    document = PolicyDocumentFactory(file_name="forgotten.pdf")
    publication = PublicationPageFactory(parent=publication_index, title="Forgotten", slug="forgotten")
    PublicationAttachment.objects.create(page=publication, document=document)
    restriction = PageViewRestriction.objects.create(page=publication, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Members")])

    assert client.get(document.url).status_code == 302
    assert document.pk not in {item["id"] for item in client.get("/api/v2/documents/").json()["items"]}
    client.force_login(member)
    assert client.get(document.url).status_code == 200


def test_a_members_file_attached_to_a_public_publication_is_still_for_members_only(client, member, publication_index):
    """The collection's privacy is Wagtail's own and wins over a public page."""
    document = PolicyDocumentFactory(
        file_name="members-annex.pdf", collection=Collection.objects.get(name="Members only")
    )
    publication = PublicationPageFactory(parent=publication_index, slug="public-with-annex")
    PublicationAttachment.objects.create(page=publication, document=document)
    assert client.get(publication.url).status_code == 200
    assert client.get(document.url).status_code == 302
    client.force_login(member)
    assert client.get(document.url).status_code == 200


# The sign-in page ---------------------------------------------------------------------------------------


def test_the_sign_in_page_has_labelled_fields_with_autocomplete(client, home):
    response = client.get("/login/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]  # never in the shared page cache
    soup = BeautifulSoup(response.content, "html.parser")
    username, password = soup.select_one("#id_username"), soup.select_one("#id_password")
    assert soup.select_one("label[for=id_username]").get_text(strip=True) == "Username"
    assert soup.select_one("label[for=id_password]").get_text(strip=True) == "Password"
    assert username["autocomplete"] == "username" and password["autocomplete"] == "current-password"
    assert password["type"] == "password"
    assert not soup.select(".error-summary")
    assert soup.select_one("h1").get_text(strip=True) == "Sign in"


def test_a_wrong_password_shows_an_error_summary_that_links_to_the_field(client, member, home):
    response = client.post("/login/", {"username": member.username, "password": "not-the-password"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.title.get_text().startswith("Error: ")
    summary = soup.select_one(".error-summary[role=alert]")
    assert summary.select_one("h2").get_text(strip=True) == "There is a problem"
    link = summary.select_one("a")
    assert link["href"] == "#id_username" and "correct username and password" in link.get_text()
    assert soup.select_one("#id_username")["aria-invalid"] == "true"
    assert soup.select_one("#id_username")["value"] == member.username
    assert not soup.select_one("#id_password").get("value")


def test_an_empty_form_names_each_missing_field(client, home):
    soup = BeautifulSoup(client.post("/login/", {"username": "", "password": ""}).content, "html.parser")
    links = {a["href"]: a.get_text(strip=True) for a in soup.select(".error-summary a")}
    assert links == {"#id_username": "Enter your username", "#id_password": "Enter your password"}
    assert soup.select_one("#id_password")["aria-describedby"] == "id_password-error"


def test_signing_out_is_a_post_and_returns_home(client, member, home):
    client.force_login(member)
    page = BeautifulSoup(client.get("/login/").content, "html.parser")
    assert page.select_one("form[action='/logout/'] button").get_text(strip=True) == "Sign out"
    assert client.get("/logout/").status_code == 405
    response = client.post("/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" not in client.session
