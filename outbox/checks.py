"""`manage.py check --deploy`: a site that cannot send mail, or sends it inside requests, is told so."""

from django.conf import settings
from django.core.checks import Warning, register


@register("email", deploy=True)
def mail_is_configured(app_configs, **kwargs):
    warnings = []
    if not getattr(settings, "PORTAL_EMAIL_CONFIGURED", True):
        warnings.append(
            Warning(
                "No mail server is configured, so email (moderation, password resets) goes to localhost:25.",
                hint="Set EMAIL_URL (e.g. smtp://user:password@mail.example.org:587?tls=true) or EMAIL_HOST "
                "and its family, and DEFAULT_FROM_EMAIL; see the README's settings table.",
                id="outbox.W001",
            )
        )
    backend = settings.TASKS.get("mail", {}).get("BACKEND", "")
    if backend.endswith("ImmediateBackend"):
        warnings.append(
            Warning(
                "TASKS_BACKEND is 'immediate': every email is sent inside the request that causes it.",
                hint="Use TASKS_BACKEND=database (workers: manage.py db_worker --backend mail) or rq.",
                id="outbox.W002",
            )
        )
    return warnings
