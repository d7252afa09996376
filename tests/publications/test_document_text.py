"""A document's text is read from its file when it is uploaded or replaced, for search: capped, tidied,
and never a reason for an upload to fail."""

import io
import logging
import os

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.models import Collection

from demo.files import make_pdf
from publications.files import MAX_EXTRACTED_CHARACTERS
from publications.models import PolicyDocument, PublicationAttachment
from tests.helpers import encrypted_pdf, publication_with_file, result_titles, search, soup_of
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory

# Reading a file's text ---------------------------------------------------------------


def test_a_documents_text_is_read_from_its_file_capped_and_stored(publication_index):
    csv = "name,area\r\nCaf\xe9 \x00 crime,Kent\r\n".encode("latin-1") + b"\xff"
    document = PolicyDocumentFactory(file_name="areas.csv", data=csv)
    assert document.extracted_text == "name,area\nCaf\ufffd crime,Kent\n\ufffd"

    long_text = ("word " * 300_000).encode()
    stored = PolicyDocumentFactory(file_name="long.txt", data=long_text).extracted_text
    assert MAX_EXTRACTED_CHARACTERS - 5 < len(stored) <= MAX_EXTRACTED_CHARACTERS


def test_a_file_of_many_distinct_words_is_cut_to_what_the_search_index_can_hold(publication_index):
    # PostgreSQL refuses a tsvector over 1 MB: a million characters of distinct codes would make one.
    codes = " ".join(f"{number:x}q{number * 7919 % 100_003:x}" for number in range(120_000))
    document = PolicyDocumentFactory(file_name="codes.txt", data=codes.encode())

    assert 0 < len(document.extracted_text) < len(codes)
    assert codes.startswith(document.extracted_text)
    assert PolicyDocument.objects.search(document.extracted_text.split()[10]).count() == 1


@pytest.mark.parametrize(
    ("file_name", "data", "warning"),
    [
        ("locked.pdf", encrypted_pdf(), "File has not been decrypted"),
        ("corrupt.pdf", os.urandom(4_000), "Could not read the text of"),
        ("corrupt.pptx", b"PK\x03\x04" + os.urandom(2_000), "Could not read the text of"),
    ],
)
def test_an_encrypted_or_corrupt_file_uploads_with_no_text_and_a_warning(
    admin_client, publication_index, caplog, file_name, data, warning
):
    with caplog.at_level(logging.WARNING, logger="publications.files"):
        response = admin_client.post(
            "/admin/documents/add/",
            {
                "title": "A difficult file",
                "file": ContentFile(data, name=file_name),
                "collection": Collection.get_first_root_node().pk,
                "description": "",
            },
        )

    assert response.status_code == 302, soup_of(response).select(".error-message")
    document = PolicyDocument.objects.get(title="A difficult file")
    assert document.extracted_text == ""
    assert document.file_size == len(data)
    messages = [record.getMessage() for record in caplog.records if record.name == "publications.files"]
    assert any(warning in message for message in messages), messages


def test_replacing_a_file_in_the_admin_reads_the_new_files_text(admin_client, publication_index):
    old = make_pdf("Old", ["The albatross edition."], 9_000, seed="old")
    publication = publication_with_file(publication_index, "Changing guidance", "changing.pdf", old)
    document = publication.attachments.get().document

    response = admin_client.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": document.title,
            "file": ContentFile(make_pdf("New", ["The pelican edition."], 9_000, seed="new"), name="changing-v2.pdf"),
            "collection": document.collection_id,
            "description": "",
        },
    )

    assert response.status_code == 302, soup_of(response).select(".error-message")
    assert "pelican" in PolicyDocument.objects.get(pk=document.pk).extracted_text
    assert result_titles(search(admin_client, "q=pelican")) == ["Changing guidance"]
    assert result_titles(search(admin_client, "q=albatross")) == []


def test_the_extract_command_reads_every_files_text_again_and_updates_the_index(client, publication_index):
    data = make_pdf("Old upload", ["The capybara register."], 9_000, seed="c")
    document = PolicyDocumentFactory(title="Old upload", file_name="old-upload.pdf", data=data)
    PublicationPageFactory(
        parent=publication_index, title="Older guidance", attachments=[PublicationAttachment(document=document)]
    )
    document.extracted_text = ""  # as uploaded before the site read files' text
    document.save()
    readable = PolicyDocumentFactory(file_name="notes.txt", data=b"Some notes.")
    assert result_titles(search(client, "q=capybara")) == []

    output = io.StringIO()
    call_command("extract_document_text", "--only-missing", stdout=output)

    lines = output.getvalue().splitlines()
    assert (
        lines[0]
        == f"[1/1] old-upload.pdf: {len(PolicyDocument.objects.get(pk=document.pk).extracted_text):,} characters"
    )
    assert "notes.txt" not in output.getvalue()
    assert result_titles(search(client, "q=capybara")) == ["Older guidance"]

    output = io.StringIO()
    call_command("extract_document_text", stdout=output)
    assert [line.split("]")[0] for line in output.getvalue().splitlines()[:2]] == ["[1/2", "[2/2"]
    assert f"{readable.file_name}: 11 characters" in output.getvalue()


def test_the_extract_command_carries_on_past_a_missing_file(publication_index):
    document = PolicyDocumentFactory(file_name="gone.pdf")
    document.file.storage.delete(document.file.name)

    output = io.StringIO()
    call_command("extract_document_text", stdout=output)

    assert "[1/1] gone.pdf: file not found" in output.getvalue()
    assert "Read the text of 0 of 1 documents" in output.getvalue()
