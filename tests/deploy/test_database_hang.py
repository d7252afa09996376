"""With PostgreSQL hung (its processes stopped), an app server answers fast, and recovers by itself.

The server runs the production settings on a copy of the test database in a PostgreSQL
cluster of the test's own (tests/postgres_cluster.py), which the test stops with SIGSTOP.
"""

import time

import pytest
import requests
from django.db import connection

from tests.deploy.content import copy_database
from tests.deploy.servers import Gunicorn, production_environment, wait_for
from tests.postgres_cluster import ThrowawayCluster, available

HANG_SECONDS = 8

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="copies the test database: PostgreSQL only"),
    pytest.mark.skipif(not available(), reason="needs PostgreSQL 15's initdb"),
    pytest.mark.django_db,  # so that pytest-django sets up the test database, which site_database copies
]


@pytest.fixture(scope="module")
def server(site_database, tmp_path_factory, static_root):
    cluster = ThrowawayCluster().start()
    copy_database(site_database["server"], site_database["name"], cluster.arguments(), "portal")
    environment = production_environment(
        DATABASE_URL=cluster.url("portal"),
        SECURE_SSL_REDIRECT="false",
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
        STATIC_ROOT=str(static_root),
    )
    gunicorn = Gunicorn(environment, workers=2)
    try:
        wait_for(f"{gunicorn.url}/healthz")
        yield gunicorn, cluster
    finally:
        gunicorn.stop()
        cluster.stop()


def timed_get(url):
    started = time.monotonic()
    try:
        status = requests.get(url, timeout=30).status_code
    except requests.RequestException as error:
        status = type(error).__name__
    return status, time.monotonic() - started


def test_while_the_database_hangs_healthz_says_so_within_seconds_and_pages_fail_fast_then_all_recover(server):
    gunicorn, cluster = server
    assert timed_get(f"{gunicorn.url}/healthz")[0] == 200
    assert timed_get(f"{gunicorn.url}/news/")[0] == 200

    cluster.pause()
    try:
        end = time.monotonic() + HANG_SECONDS
        health, pages = [], []
        while time.monotonic() < end:
            health.append(timed_get(f"{gunicorn.url}/healthz"))
            pages.append(timed_get(f"{gunicorn.url}/news/"))
    finally:
        cluster.resume()
    resumed = time.monotonic()

    assert {status for status, _ in health} == {500}, health
    assert max(took for _, took in health) < 5, health
    assert {status for status, _ in pages} == {500}, pages  # the site's own error page
    assert max(took for _, took in pages) < 5, pages

    while True:
        if timed_get(f"{gunicorn.url}/healthz")[0] == 200 and timed_get(f"{gunicorn.url}/news/")[0] == 200:
            break
        assert time.monotonic() - resumed < 10, "everything answers 200 within 10 s of the database resuming"
        time.sleep(0.2)
