"""Downloads as HTTP clients expect them: no bogus Content-Encoding, and Range requests resumed with 206,
behind the same privacy checks as a whole download."""

import pytest

from publications.models import PublicationAttachment
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory


@pytest.fixture
def published(publication_index):
    document = PolicyDocumentFactory(title="Guidance", file_name="guidance.pdf", size=50_000)
    PublicationPageFactory(parent=publication_index, attachments=[PublicationAttachment(document=document)])
    return document


def whole(client, document):
    response = client.get(document.url)
    assert response.status_code == 200
    return b"".join(response.streaming_content), response


def test_a_download_has_no_content_encoding_and_says_it_accepts_ranges(client, published):
    data, response = whole(client, published)

    assert "Content-Encoding" not in response
    assert response["Accept-Ranges"] == "bytes"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert len(data) == published.file.size


@pytest.mark.parametrize(
    ("header", "part"),
    [("bytes=0-99", slice(0, 100)), ("bytes=1000-", slice(1000, None)), ("bytes=-10", slice(-10, None))],
)
def test_a_range_request_gets_206_with_just_that_part(client, published, header, part):
    data, _ = whole(client, published)

    response = client.get(published.url, HTTP_RANGE=header)

    assert response.status_code == 206
    body = b"".join(response.streaming_content)
    assert body == data[part]
    first = len(data) + part.start if part.start < 0 else part.start
    assert response["Content-Range"] == f"bytes {first}-{first + len(body) - 1}/{len(data)}"
    assert response["Content-Length"] == str(len(body))
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Encoding" not in response


def test_a_range_beyond_the_end_is_416_and_a_stale_if_range_gets_the_whole_file(client, published):
    refused = client.get(published.url, HTTP_RANGE="bytes=99999999-")
    assert refused.status_code == 416 and refused["Content-Range"] == f"bytes */{published.file.size}"

    stale = client.get(published.url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"an-old-etag"')
    assert stale.status_code == 200


def test_a_range_request_for_an_embargoed_file_is_refused_as_a_whole_download_is(client, publication_index):
    embargoed = PolicyDocumentFactory(title="Embargoed annex")
    PublicationPageFactory(
        parent=publication_index, publish=False, attachments=[PublicationAttachment(document=embargoed)]
    )

    assert client.get(embargoed.url).status_code == 404
    assert client.get(embargoed.url, HTTP_RANGE="bytes=0-99").status_code == 404
