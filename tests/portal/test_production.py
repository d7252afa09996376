"""A deployed site gives attackers nothing: headers, file serving, upload limits, health, logs."""

import io
import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError, connection
from PIL import Image

from publications.models import PolicyDocument
from tests.portal.test_settings import django_setting
from tests.publications.factories import PolicyDocumentFactory


def test_the_production_settings_pass_djangos_deployment_checklist_without_a_warning():
    result = django_setting(
        "portal.settings.production",
        "__import__('django.core.management', fromlist=['call_command']).call_command("
        "'check', '--deploy', '--fail-level', 'WARNING') or 'passed'",
        SECRET_KEY="k" * 32 + "-a-long-random-production-secret-key",
        ALLOWED_HOSTS="policy.example.org",
        EMAIL_URL="smtp://mail.example.org:587?tls=true",  # without one, outbox.W001 warns (tests/outbox)
    )

    assert result.returncode == 0, result.stderr
    assert "passed" in result.stdout


def test_public_pages_carry_the_security_headers(client, home):
    response = client.get("/", secure=True)

    csp = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert csp["object-src"] == "'none'" and csp["base-uri"] == "'none'"
    assert csp["script-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert "Server" not in response


def test_hsts_is_sent_for_a_year_over_https(client, home, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True

    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_documents_are_served_through_django_as_attachments_except_pdfs(client, publication_index):
    pdf = PolicyDocumentFactory(file_name="guidance.pdf")
    slides = PolicyDocumentFactory(file_name="slides.pptx", data=b"PK\x03\x04" + bytes(64))

    pdf_response = client.get(pdf.url)
    slides_response = client.get(slides.url)

    assert pdf.url.startswith("/documents/")
    assert pdf_response.status_code == 200
    assert pdf_response["Content-Disposition"].startswith("inline")
    assert slides_response["Content-Disposition"].startswith("attachment")
    for response in (pdf_response, slides_response):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
    assert client.get(f"/media/{pdf.file.name}").status_code == 404
    assert client.get("/media/original_images/anything.jpg").status_code == 404


@pytest.mark.parametrize("file_name", ["page.html", "drawing.svg", "setup.exe", "script.js"])
def test_a_document_of_a_type_outside_the_allow_list_is_refused_with_a_message(admin_client, file_name):
    upload = io.BytesIO(b"<script>alert(1)</script>")
    upload.name = file_name

    response = admin_client.post("/admin/documents/add/", {"title": "Bad", "file": upload, "collection": 1})

    assert response.status_code == 200
    assert "Not a supported document format" in response.content.decode() or "not allowed" in response.content.decode()
    assert not PolicyDocument.objects.filter(title="Bad").exists()


def test_an_oversized_document_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    upload = io.BytesIO(b"%PDF-1.4" + bytes(4096))
    upload.name = "big.pdf"

    response = admin_client.post("/admin/documents/add/", {"title": "Big", "file": upload, "collection": 1})

    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not PolicyDocument.objects.filter(title="Big").exists()


def image_upload(name, data):
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def test_a_decompression_bomb_or_a_truncated_image_is_a_form_error_not_a_crash(admin_client):
    bomb = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(bomb, format="PNG")  # 144 megapixels in a few kilobytes
    whole = io.BytesIO()
    Image.new("RGB", (400, 300), "navy").save(whole, format="JPEG")
    truncated = whole.getvalue()[: len(whole.getvalue()) // 3]

    for name, data in (("bomb.png", bomb.getvalue()), ("broken.jpg", truncated)):
        response = admin_client.post(
            "/admin/images/add/", {"title": name, "file": image_upload(name, data), "collection": 1}
        )
        assert response.status_code == 200, name
        assert "error" in response.content.decode().lower()


def test_the_health_check_answers_ok_and_500_when_the_database_is_gone_then_recovers(client, db):
    assert client.get("/healthz").json() == {"database": "ok", "cache": "not configured"}

    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 500
    assert response.json()["database"] == "unavailable"

    assert client.get("/healthz").status_code == 200


def test_logs_are_json_lines_with_the_request_id_and_never_a_password(client, home, caplog, capsys):
    from portal.logging import JsonFormatter, RequestIdFilter

    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    stream = io.StringIO()
    handler.setStream(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-1234567890")
        client.post("/admin/login/", {"username": "admin", "password": "hunter2-secret-password"})
    finally:
        root.removeHandler(handler)

    assert response["X-Request-ID"] == "req-1234567890"
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert any(line["request_id"] == "req-1234567890" and "Not Found" in line["message"] for line in lines)
    assert "hunter2-secret-password" not in stream.getvalue()


def test_a_forged_request_id_is_replaced(client, home):
    response = client.get("/", HTTP_X_REQUEST_ID="bad id\nwith a newline")

    assert response["X-Request-ID"] != "bad id\nwith a newline"
    assert len(response["X-Request-ID"]) == 32


def test_no_other_site_may_embed_pages_files_or_the_api(client, home):
    document = PolicyDocumentFactory(title="Guidance")

    for url in ("/", document.url, "/api/v2/pages/", "/static/favicon.svg", "/no-such-page/"):
        response = client.get(url)
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", url
