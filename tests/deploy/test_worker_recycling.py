"""Recycling gunicorn's workers (max_requests) never leaves a server without a worker ready to answer."""

import threading
import time

import pytest
import requests

from tests.deploy.servers import Gunicorn, production_environment, wait_for

SECONDS = 8


@pytest.fixture
def server(tmp_path):
    environment = production_environment(
        SECURE_SSL_REDIRECT="false", DATABASE_URL=f"sqlite:///{tmp_path / 'never-used.sqlite3'}"
    )
    # Both workers due for recycling every 20 requests, at the same moment: the worst case.
    server = Gunicorn(environment, "--max-requests", "20", "--max-requests-jitter", "0", workers=2)
    wait_for(f"{server.url}/robots.txt")
    yield server
    server.stop()


def test_requests_are_answered_at_once_while_the_workers_are_replaced_again_and_again(server):
    latencies, failures = [], []
    end = time.monotonic() + SECONDS

    def client():
        with requests.Session() as session:
            while time.monotonic() < end:
                started = time.monotonic()
                try:
                    status = session.get(f"{server.url}/robots.txt", timeout=10).status_code
                except requests.RequestException as error:
                    failures.append(repr(error))
                    continue
                latencies.append(time.monotonic() - started)
                if status != 200:
                    failures.append(status)

    clients = [threading.Thread(target=client) for _ in range(4)]
    for thread in clients:
        thread.start()
    workers_seen = set()
    while any(thread.is_alive() for thread in clients):
        workers_seen.update(server.worker_pids())
        time.sleep(0.05)

    assert not failures
    assert len(workers_seen) >= 2 + 2, "workers were replaced, one at a time"
    assert max(latencies) < 1.0, f"slowest of {len(latencies)} answers: {max(latencies):.2f} s"
