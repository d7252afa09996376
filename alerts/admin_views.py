"""Admin → Email alerts (administrators only): subscribers per list, queued/sent/failed per item, and
one address found on request to export or delete it (data protection). Nothing else personal is shown."""

import json

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from alerts.models import AlertDelivery, AlertItem, Subscriber, Subscription

ITEMS_SHOWN = 50


def administrators_only(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def list_counts():
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False, subscriber__confirmed_at__isnull=False)
    rows = confirmed.values("list", "portfolio__title").annotate(subscribers=Count("subscriber", distinct=True))
    labels = dict(Subscription._meta.get_field("list").choices)
    return sorted(
        (
            {
                "name": f"{row['portfolio__title']} (portfolio)" if row["portfolio__title"] else labels[row["list"]],
                "subscribers": row["subscribers"],
            }
            for row in rows
        ),
        key=lambda row: row["name"],
    )


def item_counts():
    def count(status):
        return Count("deliveries", filter=Q(deliveries__status=status))

    items = AlertItem.objects.select_related("page").order_by("-created_at", "-pk")[:ITEMS_SHOWN]
    return items.annotate(
        queued=count(AlertDelivery.QUEUED), sent=count(AlertDelivery.SENT), failed=count(AlertDelivery.FAILED)
    )


def export(subscriber):
    return {
        "email": subscriber.email,
        "created_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "subscriptions": [
            {
                "list": subscription.describe(),
                "frequency": subscription.frequency,
                "requested_at": subscription.requested_at.isoformat(),
                "confirmed_at": subscription.confirmed_at.isoformat() if subscription.confirmed_at else None,
            }
            for subscription in subscriber.subscriptions.select_related("portfolio").order_by("pk")
        ],
        "alerts_sent": subscriber.deliveries.filter(status=AlertDelivery.SENT).count(),
    }


@administrators_only
@require_http_methods(["GET", "POST"])
def alerts_report(request):
    found = None
    email = (request.POST.get("email") or "").strip().lower()
    if request.method == "POST":
        found = Subscriber.objects.filter(email=email).first()
        action = request.POST.get("action")
        if found and action == "export":
            response = HttpResponse(json.dumps(export(found), indent=2), content_type="application/json")
            response["Content-Disposition"] = 'attachment; filename="email-alerts-subscriber.json"'
            return response
        if found and action == "delete":
            found.delete()
            messages.success(request, "The address and its alerts are deleted.")
            return redirect("alerts_admin:report")
        if not found:
            messages.warning(request, "No subscriber has that address.")
    context = {
        "page_title": "Email alerts",
        "header_icon": "mail",
        "lists": list_counts(),
        "items": item_counts(),
        "found": found,
        "found_subscriptions": found.subscriptions.select_related("portfolio") if found else (),
        "email": email,
    }
    return TemplateResponse(request, "alerts/admin/report.html", context)
