"""The reverse proxy (deploy/nginx) in front of two gunicorn servers, as an operator runs them.

Real nginx (Debian's), real gunicorn with the production settings, the test database
(PostgreSQL) and Redis. Visitors talk TLS to nginx on a loopback port.
"""

import contextlib
import gzip
import http.client
import re
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest
import redis
import requests
from axes.models import AccessAttempt
from django.db import connection

from tests.deploy.servers import NGINX, Gunicorn, Nginx, production_environment, wait_for
from tests.postgres_cluster import BIN

REDIS_URL = "redis://127.0.0.1:6379/11"

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the app servers share the test database"),
    pytest.mark.skipif(not Path(NGINX).exists(), reason="needs Debian's nginx: scripts/deploy-deps installs it"),
    pytest.mark.django_db,  # so that pytest-django sets up the test database, which site_database copies
]


@pytest.fixture(scope="module")
def site(site_database, tmp_path_factory, static_root):
    """Two gunicorn servers behind nginx, serving a small site from the test database."""
    folder = tmp_path_factory.mktemp("deploy")
    media_root = folder / "media"
    for kind in ("images", "documents", "original_images"):
        (media_root / kind).mkdir(parents=True)
    (media_root / "images" / "rendition.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (media_root / "documents" / "members-only.pdf").write_bytes(b"%PDF-1.4 secret")
    (media_root / "original_images" / "original.jpg").write_bytes(b"\xff\xd8\xff original")
    environment = production_environment(
        DATABASE_URL=site_database["url"],
        CACHE_URL=REDIS_URL,
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(media_root),
        TRUSTED_PROXY_COUNT="1",
    )
    redis.Redis.from_url(REDIS_URL).flushdb()
    servers = [Gunicorn(environment, workers=2) for _ in range(2)]
    proxy = None
    try:
        for server in servers:
            wait_for(f"{server.url}/healthz")
        proxy = Nginx(
            folder / "nginx", [server.url.removeprefix("http://") for server in servers], static_root, media_root
        )
        yield {"url": proxy.url, "nginx": proxy, "database": site_database, "static_root": static_root}
    finally:
        if proxy:
            proxy.stop()
        for server in servers:
            server.stop()


def visit(site, path, source="127.0.0.1", method="GET", headers=None, body=None):
    """One request over TLS from a chosen loopback address; the response, read whole."""
    context = ssl.create_default_context(cafile=str(site["nginx"].certificate))
    context.check_hostname = False
    conn = http.client.HTTPSConnection(
        "localhost", site["nginx"].port, context=context, source_address=(source, 0), timeout=10
    )
    try:
        conn.request(method, path, body=body, headers={"Host": f"localhost:{site['nginx'].port}", **(headers or {})})
        response = conn.getresponse()
        response.body = response.read()
        return response
    finally:
        conn.close()


def test_pages_come_through_tls_and_the_app_knows_the_visitor_used_https(site):
    response = visit(site, "/")

    assert response.status == 200
    assert response.getheader("Strict-Transport-Security").startswith("max-age=31536000")  # X-Forwarded-Proto
    assert response.getheader("Server") == "nginx"
    assert len(response.getheader("X-Request-ID")) == 32  # nginx's $request_id, passed on


def test_a_request_id_sent_by_a_visitor_is_replaced_by_the_proxys_own(site):
    response = visit(site, "/", headers={"X-Request-ID": "chosen-by-the-visitor"})

    assert response.getheader("X-Request-ID") != "chosen-by-the-visitor"


def test_plain_http_is_sent_to_https_without_reaching_the_app(site):
    response = requests.get(f"http://127.0.0.1:{site['nginx'].http_port}/news/", allow_redirects=False, timeout=5)

    assert response.status_code == 301
    assert response.headers["Location"] == "https://127.0.0.1/news/"
    assert "X-Request-ID" not in response.headers


def sign_in_with_a_wrong_password(site, source, forged_address):
    """The admin's sign-in form as a browser posts it (with its CSRF token), from `source`."""
    form = visit(site, "/admin/login/", source=source)
    cookie = form.getheader("Set-Cookie").split(";")[0]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form.body)[1].decode()
    answer = visit(
        site,
        "/admin/login/",
        source=source,
        method="POST",
        body=f"username=admin&password=wrong&csrfmiddlewaretoken={token}",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": f"{site['url']}/admin/login/",
            "X-Forwarded-For": forged_address,
        },
    )
    assert answer.status == 200, answer.body[:300]


def test_sign_in_failures_count_against_the_visitors_address_not_the_proxys_nor_a_forged_one(site):
    sign_in_with_a_wrong_password(site, source="127.0.0.7", forged_address="192.0.2.99")

    recorded = subprocess.run(
        [BIN / "psql", *site["database"]["server"], "-d", site["database"]["name"], "-At", "-c",
         f"SELECT ip_address FROM {AccessAttempt._meta.db_table}"],
        check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    assert recorded == ["127.0.0.7"]


@pytest.mark.parametrize(
    "path", ["/", "/news/", "/news/feed/rss/", "/sitemap.xml", "/api/v2/pages/", "/static/css/portal.css"]
)
def test_html_feeds_the_sitemap_the_api_and_stylesheets_are_compressed(site, path):
    response = visit(site, path, headers={"Accept-Encoding": "gzip"})

    assert response.status == 200, path
    assert response.getheader("Content-Encoding") == "gzip", path
    assert len(gzip.decompress(response.body)) > len(response.body)


def test_collected_static_files_are_served_by_nginx_not_the_app(site):
    hashed = next((site["static_root"] / "css").glob("portal.*.css")).name

    response = visit(site, f"/static/css/{hashed}")

    assert response.status == 200
    assert response.getheader("X-Request-ID") is None  # the app adds one to everything it answers
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_image_renditions_are_served_from_media_but_documents_and_original_images_never(site):
    rendition = visit(site, "/media/images/rendition.png")
    assert rendition.status == 200
    assert rendition.getheader("X-Request-ID") is None

    assert visit(site, "/media/documents/members-only.pdf").status == 404
    assert visit(site, "/media/original_images/original.jpg").status == 404
    assert visit(site, "/media/images/../documents/members-only.pdf").status in (400, 404)


def test_a_body_over_the_upload_limit_is_refused_before_it_is_sent(site):
    context = ssl.create_default_context(cafile=str(site["nginx"].certificate))
    context.check_hostname = False
    with (
        socket.create_connection(("127.0.0.1", site["nginx"].port), timeout=5) as raw,
        context.wrap_socket(raw, server_hostname="localhost") as tls,
    ):
        started = time.monotonic()
        tls.sendall(
            b"POST /admin/documents/add/ HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 209715200\r\n\r\n"
        )
        answer = tls.recv(4096)

    assert answer.startswith(b"HTTP/1.1 413")
    assert time.monotonic() - started < 2


def test_two_hundred_slow_clients_do_not_slow_down_everyone_else(site):
    """Slowloris: connections that send their headers a line at a time, and never finish."""
    context = ssl.create_default_context(cafile=str(site["nginx"].certificate))
    context.check_hostname = False
    slow = []
    for _ in range(200):
        raw = socket.create_connection(("127.0.0.1", site["nginx"].port), timeout=5)
        tls = context.wrap_socket(raw, server_hostname="localhost")
        tls.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        slow.append(tls)
    stop = threading.Event()

    def trickle():
        while not stop.wait(1):
            for tls in slow:
                with contextlib.suppress(OSError):
                    tls.sendall(b"X-Slow: 1\r\n")

    trickler = threading.Thread(target=trickle)
    trickler.start()
    latencies = []
    try:
        for _ in range(60):
            started = time.monotonic()
            assert visit(site, "/news/").status == 200
            latencies.append(time.monotonic() - started)
    finally:
        stop.set()
        trickler.join()
        for tls in slow:
            tls.close()

    p95 = sorted(latencies)[int(len(latencies) * 0.95) - 1]
    assert p95 < 0.2, f"p95 {p95 * 1000:.0f} ms"


@pytest.mark.parametrize(
    ("path", "method", "source", "allowed"),
    [
        ("/admin/login/", "POST", "127.0.0.21", 6),
        ("/login/", "POST", "127.0.0.22", 6),
        ("/admin/password_reset/", "POST", "127.0.0.23", 4),
        ("/search/?q=police", "GET", "127.0.0.24", 31),
    ],
)
def test_sign_in_password_reset_and_search_are_rate_limited_per_client(site, path, method, source, allowed):
    answers = [visit(site, path, source=source, method=method, body="" if method == "POST" else None).status
               for _ in range(allowed + 10)]  # fmt: skip

    assert 429 not in answers[:allowed], answers
    assert answers[-1] == 429, answers
    # Another client is not held back.
    assert visit(site, path, source="127.0.0.30", method=method, body="" if method == "POST" else None).status != 429
