"""Reports → Undelivered email: what the mail server has not accepted yet, for administrators."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from .models import OutboxMessage
from .tasks import enqueue_delivery


def _superusers_only(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def undelivered(request):
    _superusers_only(request)
    pending = OutboxMessage.objects.defer("mime")
    return TemplateResponse(
        request,
        "outbox/undelivered.html",
        {
            "failed": pending.filter(status=OutboxMessage.Status.FAILED),
            "retrying": pending.filter(status=OutboxMessage.Status.QUEUED, attempts__gt=0),
            "waiting": pending.filter(status=OutboxMessage.Status.QUEUED, attempts=0).count(),
            "header_icon": "mail",
        },
    )


@require_POST
def send_again(request, pk):
    _superusers_only(request)
    with transaction.atomic():
        message = get_object_or_404(OutboxMessage.objects.select_for_update(), pk=pk)
        message.status = OutboxMessage.Status.QUEUED
        message.attempts = 0
        message.next_attempt_at = None
        message.save(update_fields=["status", "attempts", "next_attempt_at"])
        transaction.on_commit(lambda: enqueue_delivery(message.pk))
    messages.success(request, f"“{message.subject}” will be sent again.")
    return redirect("outbox:undelivered")


@require_POST
def delete(request, pk):
    _superusers_only(request)
    message = get_object_or_404(OutboxMessage, pk=pk)
    message.delete()
    messages.success(request, f"“{message.subject}” was deleted; it will not be sent.")
    return redirect("outbox:undelivered")
