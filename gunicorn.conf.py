"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py` (see the README)."""

import contextlib
import fcntl
import multiprocessing
import os
import tempfile
import time

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# The application is loaded once, in the master, and each worker is forked from it ready to
# serve: a worker that replaces a recycled one starts in milliseconds, not the seconds that
# importing Django and Wagtail takes on a busy host. (So code changes need a restart, not a HUP;
# and anything that starts a thread must start it in the worker, lazily, never at import.)
preload_app = True
# Recycle workers now and then, so a slow leak cannot grow without bound. The jitter spreads
# the workers' recycling over 1000 requests, and pre_request() below keeps two workers of one
# server from going within RECYCLE_GAP_SECONDS of each other: a server is never left empty.
max_requests = 2000
max_requests_jitter = 1000
RECYCLE_GAP_SECONDS = 3
# Logs go to stdout like the application's; the request id is in the app's lines.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%({x-request-id}o)s"'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    # Nothing the master may have opened is shared with a worker: each opens its own.
    from django.db import connections

    connections.close_all()


def when_ready(server):
    # In the master, before the first fork: what a worker would otherwise load on its first request.
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    get_template("base.html")


def _recycling_file(master_pid):
    return os.path.join(tempfile.gettempdir(), f"gunicorn-{master_pid}-recycled-at")


def pre_request(worker, req):
    """Before a worker's last request (max_requests): go, unless a sibling went a moment ago.

    The master replaces a worker only at its next tick, up to a second later; two workers
    going together would leave the server with none. Then this one serves a few more first.
    """
    if worker.nr + 1 < worker.max_requests:
        return
    with open(_recycling_file(worker.ppid), "a+") as shared:
        fcntl.flock(shared, fcntl.LOCK_EX)
        shared.seek(0)
        last = float(shared.read() or 0)
        now = time.time()
        if now - last < RECYCLE_GAP_SECONDS:
            worker.max_requests += 10
        else:
            shared.seek(0)
            shared.truncate()
            shared.write(str(now))


def on_exit(server):
    with contextlib.suppress(FileNotFoundError):
        os.unlink(_recycling_file(os.getpid()))
