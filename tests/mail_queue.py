"""The mail queue in tests: the site's real EMAIL_BACKEND (outbox), delivering to the test SMTP server.

- `queued_mail`: mail goes through the outbox in this process, its tasks run at once (ImmediateBackend),
  delivered over SMTP to `smtp_server`. Wrap the sending in `django_capture_on_commit_callbacks(execute=True)`
  when the test runs inside a transaction (the usual `db`), since tasks are enqueued on commit.
- `mail_workers`: the real thing, on PostgreSQL with `transactional_db`: tasks go to the database queue
  and `mail_workers.start(n)` runs n worker processes, which read this test database and send to
  `smtp_server`; they are stopped after the test. Each test runs twice: with django-tasks-db's
  `db_worker`, and with RQ's `rqworker` on Redis (TASKS_REDIS_URL, a database emptied first).
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from outbox.management.commands.serve_with_worker import RQ_JOB
from outbox.models import OutboxMessage
from tests.smtp_server import point_settings_at

REPO = Path(__file__).resolve().parents[1]
IMMEDIATE = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
IMMEDIATE_MAIL = {**IMMEDIATE, "QUEUES": ["mail"]}
DATABASE_QUEUE = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["mail"]}
RQ_QUEUE = {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["mail"]}


def queue_mail(settings, server, mail_backend):
    point_settings_at(settings, server)
    settings.EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.TASKS = {"default": IMMEDIATE, "mail": mail_backend}


@pytest.fixture
def queued_mail(settings, smtp_server):
    queue_mail(settings, smtp_server, IMMEDIATE_MAIL)
    return smtp_server


class MailWorkers:
    def __init__(self, server, media_root, kind="database"):
        self.kind = kind
        self.server = server
        self.media_root = media_root
        self.processes = []

    def environment(self, **extra):
        db = connection.settings_dict
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "TASKS_BACKEND": self.kind,
            "MEDIA_ROOT": str(self.media_root),
            "SITE_BASE_URL": settings.SITE_BASE_URL,  # the links in the emails they send
            **self.server.env(),
            **extra,
        }

    def start(self, count=1, **environment):
        """Starts `count` worker processes; `environment` adds variables (e.g. OUTBOX_RETRY_SECONDS="1")."""
        for n in range(count):
            name = f"test-worker-{len(self.processes) + n}"
            if self.kind == "rq":
                command = [sys.executable, "manage.py", "rqworker", "mail", "--with-scheduler", "--name", name]
                command += ["--job-class", RQ_JOB]
            else:
                command = [sys.executable, "manage.py", "db_worker", "--backend", "mail", "--queue-name", "mail"]
                command += ["--interval", "0.2", "--no-startup-delay", "--worker-id", name]
            # Its own process group: what it starts (RQ's scheduler, a work horse) is stopped with it.
            environment_of_worker = self.environment(**environment)
            self.processes.append(
                subprocess.Popen(
                    command, cwd=REPO, env=environment_of_worker, stdout=subprocess.DEVNULL, start_new_session=True
                )
            )

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=15)
            with contextlib.suppress(ProcessLookupError):  # the group is empty once all of it has ended
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        self.processes = []

    def wait_until_attempted(self, timeout=30):
        """Waits until a worker has tried (and failed) to send at least one queued message."""
        deadline = time.monotonic() + timeout
        while not OutboxMessage.objects.filter(attempts__gt=0).exists():
            if time.monotonic() > deadline:
                pytest.fail(f"no worker tried to send within {timeout}s")
            time.sleep(0.2)

    def wait_until_nothing_is_queued(self, timeout=60):
        deadline = time.monotonic() + timeout
        while OutboxMessage.objects.filter(status=OutboxMessage.Status.QUEUED).exists():
            if time.monotonic() > deadline:
                pytest.fail(f"queued email was still waiting after {timeout}s")
            time.sleep(0.2)


@pytest.fixture(params=["database", "rq"])
def mail_workers(request, transactional_db, settings, smtp_server, media_root):
    """Worker processes of each kind in turn: django-tasks-db's db_worker, and RQ's rqworker on Redis."""
    if connection.vendor != "postgresql":
        pytest.skip("worker processes share the test database: PostgreSQL only (DATABASE_URL=postgres://...)")
    if request.param == "rq":
        redis.Redis.from_url(settings.TASKS_REDIS_URL).flushdb()
    queue_mail(settings, smtp_server, RQ_QUEUE if request.param == "rq" else DATABASE_QUEUE)
    workers = MailWorkers(smtp_server, media_root, kind=request.param)
    yield workers
    workers.stop()
