#!/usr/bin/env python3
"""The fault suite: each failure of issue 13 reproduced against real processes, with its figures.

    .venv/bin/python bench/faults.py                 # all scenarios, about 6 minutes
    .venv/bin/python bench/faults.py db_hang slowloris --hang-seconds 20

Its own PostgreSQL cluster (initdb in /tmp, a free port: never the machine's), its own Redis,
`load_bulk --news 2000`, two gunicorn servers (2 workers each, production settings) behind
deploy/nginx on a loopback TLS port. Every scenario is bounded in time and addresses only
127.0.0.0/8. Writes bench/results/faults-<UTC time>.json and .md. See bench/README.md.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench")]

import fault_publishing  # noqa: E402
import fault_scenarios as scenarios  # noqa: E402
from fault_summary import summary  # noqa: E402

from tests.deploy.servers import Gunicorn, Nginx, free_port, production_environment, wait_for  # noqa: E402
from tests.postgres_cluster import ThrowawayCluster  # noqa: E402

SCENARIOS = [
    "publishing_without_redis", "db_hang", "recycling", "slowloris",
    "uploads", "password_reset", "lockout", "error_page",
]  # fmt: skip
ADMIN_PASSWORD = "bench-admin-password-1"


def say(message):
    print(f"{datetime.datetime.now():%H:%M:%S} {message}", flush=True)


class Stack:
    """PostgreSQL, Redis, two gunicorn servers and nginx, all of this run's own."""

    def __init__(self, args):
        self.args = args
        self.work = Path(tempfile.mkdtemp(prefix="portal-faults-"))
        self.media_root, self.static_root = self.work / "media", self.work / "static"
        self.redis_port = free_port()
        self.cluster = ThrowawayCluster()
        self.servers, self.nginx, self.redis = [], None, None

    def environment(self, **overrides):
        return production_environment(
            **{
                "DATABASE_URL": self.cluster.url("portal"),
                "CACHE_URL": f"redis://127.0.0.1:{self.redis_port}/0",
                "MEDIA_ROOT": str(self.media_root),
                "STATIC_ROOT": str(self.static_root),
                "TRUSTED_PROXY_COUNT": "1",
                "LOG_LEVEL": "WARNING",
                "LOG_FORMAT": "text",
                **overrides,
            }
        )

    def manage(self, *command):
        subprocess.run([sys.executable, "manage.py", *command], cwd=REPO, env=self.environment(), check=True)

    def start(self):
        say(f"PostgreSQL of our own on port {self.cluster.port}, Redis on {self.redis_port}")
        self.cluster.start()
        subprocess.run(["createdb", "-h", "127.0.0.1", "-p", str(self.cluster.port), "-U", "postgres", "portal"],
                       check=True)  # fmt: skip
        self.start_redis()
        say("migrate, load_bulk (a minute or two)")
        self.manage("migrate", "--no-input", "-v0")
        self.manage("load_bulk", *self.args.load_bulk.split())
        self.manage("collectstatic", "--no-input", "-v0")
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             "from django.contrib.auth import get_user_model; U = get_user_model(); "
             f"U.objects.filter(username='editor').exists() or U.objects.create_superuser('editor', "
             f"'editor@example.org', '{ADMIN_PASSWORD}')"],
            cwd=REPO, env=self.environment(), check=True,
        )  # fmt: skip
        self.start_servers()

    def start_redis(self):
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )

    def start_servers(self, *gunicorn_arguments):
        for server in self.servers:
            server.stop()
        if self.nginx:
            self.nginx.stop()
        logs = [open(self.work / f"gunicorn-{n}.log", "a") for n in range(2)]  # noqa: SIM115
        self.servers = [Gunicorn(self.environment(), *gunicorn_arguments, workers=2, log=log) for log in logs]
        for server in self.servers:
            wait_for(f"{server.url}/healthz")
        upstreams = [server.url.removeprefix("http://") for server in self.servers]
        self.nginx = Nginx(self.work / "nginx", upstreams, self.static_root, self.media_root)
        self.url = self.nginx.url

    def log_text(self):
        return "".join((self.work / f"gunicorn-{n}.log").read_text(errors="replace") for n in range(2))

    def stop(self):
        for server in self.servers:
            server.stop()
        if self.nginx:
            self.nginx.stop()
        if self.redis:
            self.redis.terminate()
            self.redis.wait()
        self.cluster.stop()


def write_results(results, started):
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    folder = REPO / "bench" / "results"
    (folder / f"faults-{stamp}.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    (folder / f"faults-{stamp}.md").write_text(summary(results))
    return folder / f"faults-{stamp}.md"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="*", help=f"some of: {', '.join(SCENARIOS)} (default: all)")
    parser.add_argument("--hang-seconds", type=int, default=40)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--load-bulk", default="--news 2000 --publications 200 --portfolios 20 --people 100")
    args = parser.parse_args()
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"no such scenario: {', '.join(sorted(unknown))}")
    started = datetime.datetime.now(datetime.UTC)
    stack = Stack(args)
    results = {
        "started": started.isoformat(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load_before": os.getloadavg()},
        "setup": {"load_bulk": args.load_bulk, "servers": 2, "workers_per_server": 2, "proxy": "deploy/nginx"},
    }
    try:
        stack.start()
        for name in args.scenarios or SCENARIOS:
            say(f"scenario: {name}")
            try:
                scenario = getattr(scenarios, name, None) or getattr(fault_publishing, name)
                results[name] = scenario(stack, args)
            except Exception as error:  # noqa: BLE001 - record it and go on with the next scenario
                results[name] = {"failed": f"{type(error).__name__}: {error}"}
            say(json.dumps(results[name], default=str)[:400])
    finally:
        results["machine"]["load_after"] = os.getloadavg()
        stack.stop()
        path = write_results(results, started)
        print(path.read_text())
        say(f"written: {path} and its .json; server logs in {stack.work}")


if __name__ == "__main__":
    time.tzset()
    main()
