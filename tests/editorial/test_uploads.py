"""Bad input in the admin, as a news editor meets it: a refused file type, a file too big, a form sent twice."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from news.models import NewsArticlePage
from tests.helpers import add_url, article_form, errors, user_in


@pytest.fixture
def news_editor_client(client, django_user_model):
    client.force_login(user_in(django_user_model, "News editors"))
    return client


def upload(client, name, content, content_type="application/octet-stream"):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
            "description": "",
        },
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00"),
        ("statement.html", b"<script>alert(1)</script>"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ],
)
def test_a_file_type_outside_the_allow_list_is_refused_with_a_message(news_editor_client, name, content):
    response = upload(news_editor_client, name, content)
    assert response.status_code == 200
    message = " ".join(errors(response))
    assert f"File extension “{name.rsplit('.', 1)[1]}” is not allowed." in message
    assert "Allowed extensions are: csv, docx, odt, pdf, pptx, rtf, txt, xlsx, zip." in message
    assert not get_document_model().objects.exists()


def test_a_file_too_big_is_refused_with_a_message(news_editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload(news_editor_client, "minutes.txt", b"x" * 2048, "text/plain")
    assert response.status_code == 200
    assert "This file is too big (2.0\xa0KB). Maximum filesize 1.0\xa0KB." in " ".join(errors(response))
    assert not get_document_model().objects.exists()

    assert upload(news_editor_client, "minutes.txt", b"x" * 512, "text/plain").status_code == 302
    assert get_document_model().objects.count() == 1


def test_a_form_sent_twice_does_not_make_two_statements(news_editor_client, news_index):
    form = article_form("Sent twice", "sent-twice", action="action-submit")
    first = news_editor_client.post(add_url(NewsArticlePage, news_index), form)
    assert first.status_code == 302, errors(first)

    second = news_editor_client.post(add_url(NewsArticlePage, news_index), form)
    assert second.status_code == 200
    assert "The slug 'sent-twice' is already in use within the parent page" in " ".join(errors(second))
    assert NewsArticlePage.objects.filter(title="Sent twice").count() == 1
