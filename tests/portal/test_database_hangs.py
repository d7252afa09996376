"""A hung PostgreSQL (its processes stopped) fails queries within seconds; the site needs no restart after.

Run against a PostgreSQL cluster of the test's own (tests/postgres_cluster.py), really stopped
with SIGSTOP: the kernel still accepts its connections, nothing answers them.
"""

import time

import pytest
from django.db import OperationalError, connections

from portal.db.postgresql.base import DatabaseWrapper
from tests.postgres_cluster import ThrowawayCluster, available

pytestmark = pytest.mark.skipif(not available(), reason="needs PostgreSQL 15's initdb")


@pytest.fixture(scope="module")
def cluster():
    cluster = ThrowawayCluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(autouse=True)
def own_connections_allowed(django_db_blocker):
    """These tests connect to their own cluster only, never to the test database."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def paused(cluster):
    cluster.pause()
    yield cluster
    cluster.resume()


def database(cluster, statement_timeout=10, name="faults"):
    """A connection to the cluster, configured as portal/settings/base.py configures production's."""
    settings_dict = connections.configure_settings(
        {
            "default": {},
            name: {
                "ENGINE": "portal.db.postgresql",
                "NAME": "postgres",
                "USER": "postgres",
                "HOST": "127.0.0.1",
                "PORT": cluster.port,
                "OPTIONS": {"connect_timeout": 2, "options": f"-c statement_timeout={statement_timeout * 1000}"},
                "WATCHDOG": {"suspect_after": 1.0, "probe_timeout": 1.0, "retry_every": 1.0, "hard_limit": None},
            },
        }
    )[name]
    return DatabaseWrapper(settings_dict, alias=name)


def query(db, sql="SELECT 1"):
    with db.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def seconds(action):
    started = time.monotonic()
    try:
        action()
    except OperationalError as error:
        return time.monotonic() - started, error
    return time.monotonic() - started, None


def wait_until_it_answers(db, within):
    started = time.monotonic()
    while time.monotonic() - started < within:
        db.close_if_unusable_or_obsolete()
        try:
            return query(db), time.monotonic() - started
        except OperationalError:
            time.sleep(0.1)
    raise AssertionError(f"no answer within {within} s of the database resuming")


def test_a_query_to_a_hung_database_fails_within_seconds_and_works_again_once_it_resumes(cluster):
    db = database(cluster)
    assert query(db) == 1

    cluster.pause()
    try:
        took, error = seconds(lambda: query(db))
        assert error is not None and "did not answer" in str(error)
        assert took < 3.5
        # Known not to answer: another connection fails at once instead of waiting.
        took, error = seconds(lambda: query(database(cluster, name="faults-2")))
        assert error is not None and took < 1.5
    finally:
        cluster.resume()

    answer, took = wait_until_it_answers(db, within=5)
    assert answer == 1


def test_a_new_connection_to_a_hung_database_gives_up_after_the_connect_timeout(paused):
    took, error = seconds(lambda: query(database(paused, name="fresh")))

    assert error is not None
    assert took < 3.5


def test_a_slow_query_on_a_live_database_is_cancelled_by_its_statement_timeout_not_cut_off(cluster):
    db = database(cluster, statement_timeout=2, name="slow")
    wait_until_it_answers(db, within=5)  # after the other tests' pauses

    took, error = seconds(lambda: query(db, "SELECT pg_sleep(4)"))

    assert error is not None and "statement timeout" in str(error)
    assert 1.9 < took < 3
    assert query(db) == 1  # the same connection, still good
