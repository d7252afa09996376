"""Mail and background-task settings, from the environment (part of base; every variable is in the README)."""

from .env import SMTP_BACKEND, env_mail, env_str

# Mail: every email is queued (outbox/): Django's EMAIL_BACKEND stores the message and enqueues a
# task on the "mail" task backend; a worker sends it through OUTBOX_DELIVERY_BACKEND, the real one
# that EMAIL_URL (or the EMAIL_HOST family) configures, retrying with back-off while it fails.
_mail = env_mail()
# Nothing set: Django's own default, a server on localhost:25; `check --deploy` warns (outbox.W001).
PORTAL_EMAIL_CONFIGURED = _mail is not None
_mail = _mail or {"EMAIL_BACKEND": SMTP_BACKEND, "EMAIL_HOST": "localhost", "EMAIL_PORT": 25}
EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"
OUTBOX_DELIVERY_BACKEND = _mail["EMAIL_BACKEND"]
EMAIL_HOST = _mail.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _mail.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _mail.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _mail.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _mail.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _mail.get("EMAIL_USE_SSL", False)
# Seconds to connect to the mail server or wait for its answer (in the worker, never in a request).
EMAIL_TIMEOUT = _mail.get("EMAIL_TIMEOUT", float(env_str("EMAIL_TIMEOUT", "20")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Policy Portal <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# A message that cannot be sent is tried again after 1, 2, 4, ... minutes (at most OUTBOX_RETRY_MAX_SECONDS
# apart), OUTBOX_MAX_ATTEMPTS times in all (about 8.5 hours with the defaults); then it is kept as
# failed and listed for administrators (Reports > Undelivered email), who can send it again.
OUTBOX_MAX_ATTEMPTS = int(env_str("OUTBOX_MAX_ATTEMPTS", "10"))
OUTBOX_RETRY_SECONDS = int(env_str("OUTBOX_RETRY_SECONDS", "60"))
OUTBOX_RETRY_MAX_SECONDS = int(env_str("OUTBOX_RETRY_MAX_SECONDS", "3600"))

# Background tasks (Django's Tasks API, django-tasks). Wagtail's own tasks (search index, references)
# stay on "default", run at once in the request as before. "mail" carries every email, chosen by
# TASKS_BACKEND: "database" (django-tasks-db; workers: `manage.py db_worker --backend mail`, no
# extra server), "rq" (RQ on Redis at TASKS_REDIS_URL; workers: `manage.py rqworker mail`), or
# "immediate" (sent inside the request: for tests only).
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
TASKS_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
if TASKS_BACKEND not in TASKS_BACKENDS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}, not {TASKS_BACKEND!r}")
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {**TASKS_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]},
}
