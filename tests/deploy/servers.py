"""Real processes for the deployment tests: gunicorn servers as production runs them, and nginx."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # scripts/deploy-deps installs Debian's


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


class Nginx:
    """deploy/nginx's configuration in a private nginx (render --standalone), TLS on a loopback port."""

    def __init__(self, folder, upstreams, static_root, media_root):
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.port, self.http_port = free_port(), free_port()
        self.url = f"https://localhost:{self.port}"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
             "-keyout", folder / "key.pem", "-out", folder / "cert.pem"],
            check=True, capture_output=True,
        )  # fmt: skip
        self.certificate = folder / "cert.pem"
        configuration = subprocess.run(
            [sys.executable, REPO / "deploy/nginx/render", "--server-name", "localhost",
             *[argument for upstream in upstreams for argument in ("--upstream", upstream)],
             "--static-root", static_root, "--media-root", media_root,
             "--certificate", folder / "cert.pem", "--certificate-key", folder / "key.pem",
             "--https-listen", f"127.0.0.1:{self.port}", "--http-listen", f"127.0.0.1:{self.http_port}",
             "--standalone", folder],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        (folder / "nginx.conf").write_text(configuration)
        self.process = subprocess.Popen(
            [NGINX, "-c", str(folder / "nginx.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise TimeoutError(f"nginx did not start: {(folder / 'error.log').read_text()}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
