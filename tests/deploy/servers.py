"""Real processes for the deployment tests: gunicorn servers as production runs them, and nginx."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(**overrides):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "deploy-tests-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REQUIRE_ADMIN_2FA": "false",
        "LOG_LEVEL": "WARNING",
        **overrides,
    }


def wait_for(url, timeout=30, expect=200, **kwargs):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=5, allow_redirects=False, **kwargs).status_code == expect:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer {expect}")


class Gunicorn:
    """`gunicorn -c gunicorn.conf.py`, as the README runs it, on a free loopback port."""

    def __init__(self, environment, *arguments, workers=2, log=subprocess.DEVNULL):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(GUNICORN), "-c", "gunicorn.conf.py", *arguments],
            cwd=REPO,
            env={**environment, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(workers)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
