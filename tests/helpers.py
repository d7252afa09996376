"""What many tests need: reading a page as a visitor reads it, searching, and acting as an editor in the admin."""

import io

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from pypdf import PdfReader, PdfWriter
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from demo.files import make_pdf
from publications.models import PublicationAttachment
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(html):
    """The words a visitor reads on a page (a response) or a part of it (an element), on one line."""
    element = html if hasattr(html, "get_text") else soup_of(html)
    return " ".join(element.get_text(" ").split())


# Searching as a visitor -------------------------------------------------------------------------


def search(client, query_string):
    """The results page for `query_string` (already URL-encoded), which must answer 200."""
    response = client.get(f"/search/?{query_string}")
    assert response.status_code == 200, response.status_code
    return soup_of(response)


def result_titles(soup):
    """The titles of the results, not counting recommended ones."""
    items = soup.select("ol.result-list:not(.result-list--recommended) > .result")
    return [item.select_one(".result__title").get_text(strip=True) for item in items]


def result_count(soup):
    return soup.select_one('p.result-count[role="status"]').get_text(strip=True)


def publication_with_file(publication_index, title, file_name, data, **kwargs):
    document = PolicyDocumentFactory(title=title, file_name=file_name, data=data)
    return PublicationPageFactory(
        parent=publication_index, title=title, attachments=[PublicationAttachment(document=document)], **kwargs
    )


def encrypted_pdf():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Locked", ["Sealed zebrafish minutes."], 5_000, "x"))))
    writer.encrypt("a-password-nobody-gave-us")
    data = io.BytesIO()
    writer.write(data)
    return data.getvalue()


# Editors ---------------------------------------------------------------------------------------------

PASSWORD = "a-long-password-for-tests-1"


def user_in(django_user_model, role, username=None):
    """A user with a password, in the group named `role` (None: in no group)."""
    user = django_user_model.objects.create_user(
        username=username or (role or "nobody").lower().replace(" ", "-"), password=PASSWORD
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def errors(response):
    return [
        e.get_text(" ", strip=True) for e in BeautifulSoup(response.content, "html.parser").select(".error-message")
    ]


def article_form(title, slug, action="action-publish", go_live_at="", person=None, **fields):
    """The add/edit form of a statement, as the admin posts it."""
    quote = {"quote": rich_text("<p>We welcome it.</p>"), "person": person.pk if person else "", "role": ""}
    quote["speaker_name"] = "" if person else "A speaker"
    data = {
        "title": title,
        "slug": slug,
        "news_type": "statement",
        "date": "",
        "summary": f"{title}, in a sentence.",
        "body": streamfield([("paragraph", rich_text(f"<p>{title} in full.</p>")), ("quote", quote)]),
    }
    return page_form(data, action, go_live_at, fields)


def publication_form(title, slug, documents, action="action-publish", go_live_at="", **fields):
    data = {
        "title": title,
        "slug": slug,
        "publication_type": "guidance",
        "summary": f"{title}: what it is for.",
        # Each item: a document (a new attachment) or an existing PublicationAttachment.
        "attachments": inline_formset(
            [
                {"id": item.pk, "document": item.document_id} if hasattr(item, "document_id") else {"document": item.pk}
                for item in documents
            ]
        ),
        "body": rich_text(f"<p>About {title}.</p>"),
        "published_on": "2026-11-02",
        "last_updated_on": "",
        "change_note": "",
    }
    return page_form(data, action, go_live_at, fields)


def page_form(data, action, go_live_at, fields):
    """A page's add/edit form as the admin posts it: its own fields, the settings every page has, a button."""
    data = {**data, "comments": inline_formset([]), "go_live_at": go_live_at, "expire_at": "", **fields}
    if action:
        data[action] = action
    return nested_form_data(data)


def add_url(model, parent):
    return f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"
