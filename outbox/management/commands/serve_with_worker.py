"""`make run`: Django's development server and a mail worker, started and stopped together."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


def worker_command():
    """The worker for the configured queue, or None when tasks run inside the request."""
    backend = settings.TASKS["mail"]["BACKEND"]
    if backend == "django_tasks_db.DatabaseBackend":
        return [sys.executable, "manage.py", "db_worker", "--backend", "mail", "--interval", "1", "--reload"]
    return None


class Command(BaseCommand):
    help = "Run the development server with a mail worker beside it; Ctrl+C stops both."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        worker = None
        # runserver's reloader runs this command again in a child process (RUN_MAIN): one worker is enough.
        command = worker_command() if os.environ.get("RUN_MAIN") != "true" else None
        if command:
            self.stdout.write("  A mail worker runs beside the server; mail it sends is printed here.\n")
            worker = subprocess.Popen(command, cwd=settings.BASE_DIR)
        try:
            call_command("runserver", addrport)
        finally:
            if worker is not None and worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
