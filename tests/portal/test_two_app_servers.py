"""App servers are stateless: two gunicorn servers sharing one PostgreSQL and one Redis agree at once."""

import io
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import requests
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsArticlePage
from portal.models import OrganisationSettings
from tests.news.factories import NewsArticlePageFactory

REPO = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/9"
# Each request says it came through the TLS proxy, as production expects.
THROUGH_TLS_PROXY = {"X-Forwarded-Proto": "https"}

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the app servers share the test database: PostgreSQL only"
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def production_environment(tmp_path_factory):
    static_root = tmp_path_factory.mktemp("static")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "two-servers-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(static_root),
        "CACHE_URL": REDIS_URL,
        "REQUIRE_ADMIN_2FA": "false",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=REPO, env=environment, check=True
    )
    return environment


@pytest.fixture
def two_servers(production_environment, transactional_db, settings):
    db = connection.settings_dict
    environment = {
        **production_environment,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "GUNICORN_WORKERS": "1",
    }
    redis.Redis.from_url(REDIS_URL).flushdb()
    servers = []
    for _ in range(2):
        port = free_port()
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=REPO,
            env={**environment, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        servers.append((process, f"http://127.0.0.1:{port}"))
    try:
        for _, url in servers:
            wait_until_serving(url)
        yield [url for _, url in servers]
    finally:
        for process, _ in servers:
            process.terminate()
            process.wait(timeout=10)


def wait_until_serving(url):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/healthz", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not start")


class Editor:
    """A browser signed in to one server's admin. Its cookies are Secure, so it keeps them itself."""

    def __init__(self, server, username, password):
        self.server = server
        self.cookies = {}
        form = self.get("/admin/login/")
        self.post("/admin/login/", {"username": username, "password": password, **self.csrf(form)})
        assert "sessionid" in self.cookies, "signed in"

    def request(self, method, path, **kwargs):
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response = requests.request(
            method,
            self.server + path,
            headers={
                **THROUGH_TLS_PROXY,
                "Cookie": cookie,
                "Referer": self.server.replace("http://", "https://") + path,
            },
            allow_redirects=False,
            timeout=10,
            **kwargs,
        )
        self.cookies.update(response.cookies.get_dict())
        assert response.status_code < 400, (response.status_code, response.text[:500])
        return response

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request("POST", path, data=data)

    def csrf_cookie(self):
        """For a form the admin shows in a dialog (its HTML comes inside JSON): the CSRF cookie's value."""
        return {"csrfmiddlewaretoken": self.cookies["csrftoken"]}

    @staticmethod
    def csrf(response):
        return {"csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)[1]}


def article_form(title, slug):
    """A statement as the admin's add form posts it, with Publish pressed."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "news_type": "statement",
            "summary": "Seen everywhere at once.",
            "body": streamfield([("paragraph", rich_text("<p>Words.</p>"))]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def news_on(server):
    response = requests.get(f"{server}/news/", headers=THROUGH_TLS_PROXY, timeout=10)
    assert response.status_code == 200
    return response


def test_a_statement_published_through_one_server_is_on_both_and_unpublished_leaves_both(
    two_servers, news_index, django_user_model, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # what the servers check
    first, second = two_servers
    NewsArticlePageFactory(parent=news_index, title="Already there")
    OrganisationSettings.for_site(news_index.get_site())  # made on a site's first request otherwise
    django_user_model.objects.create_superuser("editor", "", "a-long-password-1")
    for server in two_servers:
        news_on(server)
        assert news_on(server).headers["X-Cache"] == "HIT", "each server serves the shared cache"

    editor = Editor(first, "editor", "a-long-password-1")
    add_path = f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"
    form = editor.get(add_path)
    editor.post(
        add_path,
        {**article_form("Published through the first server", "through-the-first-server"), **Editor.csrf(form)},
    )

    for server in two_servers:
        assert "Published through the first server" in news_on(server).text

    article = NewsArticlePage.objects.get(slug="through-the-first-server")
    second_editor = Editor(second, "editor", "a-long-password-1")
    unpublish_path = f"/admin/pages/{article.pk}/unpublish/"
    second_editor.post(unpublish_path, Editor.csrf(second_editor.get(unpublish_path)))

    for server in two_servers:
        page = news_on(server).text
        assert "Published through the first server" not in page
        assert "Already there" in page


def get(server, path):
    return requests.get(f"{server}{path}", headers=THROUGH_TLS_PROXY, timeout=10, allow_redirects=False)


def test_a_page_made_members_only_after_an_anonymous_visit_is_private_at_once_on_both_servers(
    two_servers, news_index, django_user_model, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    first, second = two_servers
    article = NewsArticlePageFactory(parent=news_index, title="For members from today")
    OrganisationSettings.for_site(news_index.get_site())
    django_user_model.objects.create_superuser("editor", "", "a-long-password-1")
    assert [get(first, article.url).headers["X-Cache"] for _ in range(2)] == ["MISS", "HIT"]
    for server in two_servers:
        assert "For members from today" in news_on(server).text
        assert "For members from today" in get(server, "/news/feed/rss/").text

    call_command("setup_editorial", stdout=io.StringIO())  # the Members group, as the migration makes it
    editor = Editor(second, "editor", "a-long-password-1")
    privacy_path = f"/admin/pages/{article.pk}/privacy/"
    members = Group.objects.get(name="Members")
    editor.post(privacy_path, {"restriction_type": "groups", "groups": [members.pk], **editor.csrf_cookie()})
    assert PageViewRestriction.objects.filter(page=article).exists()

    for server in two_servers:
        refused = get(server, article.url)
        assert refused.status_code == 302 and "/login/" in refused.headers["Location"], "asked to sign in"
        assert "For members from today" not in news_on(server).text
        assert "For members from today" not in get(server, "/news/feed/rss/").text


def test_a_publication_while_redis_is_too_slow_to_answer_reaches_both_servers_within_seconds(
    two_servers, news_index, django_user_model, settings
):
    """The version the publication moves on is in the database: Redis missing the write costs a few
    seconds (CONTENT_VERSION_REFRESH_SECONDS), not the page cache's ten minutes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    NewsArticlePageFactory(parent=news_index, title="Already there")
    OrganisationSettings.for_site(news_index.get_site())
    django_user_model.objects.create_superuser("editor", "", "a-long-password-1")
    for server in two_servers:
        news_on(server)
        assert news_on(server).headers["X-Cache"] == "HIT"
    editor = Editor(two_servers[0], "editor", "a-long-password-1")
    add_path = f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"
    form = Editor.csrf(editor.get(add_path))

    # Redis holds every write for three seconds (its clients give up after half a second), from just
    # before the publication: the new version is not written, while pages are still read from it.
    redis.Redis.from_url(REDIS_URL).execute_command("CLIENT", "PAUSE", "3000", "WRITE")
    editor.post(add_path, {**article_form("Published while Redis stalled", "while-redis-stalled"), **form})
    time.sleep(3)
    assert NewsArticlePage.objects.get(slug="while-redis-stalled").live

    stale_for = {}
    for server in two_servers:
        started = time.monotonic()
        while "Published while Redis stalled" not in news_on(server).text:
            assert time.monotonic() - started < 10, f"{server} still shows the old listing after 10 s"
            time.sleep(0.5)
        stale_for[server] = time.monotonic() - started
    assert all(seconds < 10 for seconds in stale_for.values()), stale_for
