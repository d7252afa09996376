"""The public pages of email alerts: subscribe, check your email, confirm, manage, one-click unsubscribe."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts import subscribing, tokens
from alerts.forms import SubscribeForm, area_for
from portal.throttle import client_address, within_limit

NOINDEX = {"robots_noindex": True}


def within_limits(request, email):
    limits = settings.ALERT_SUBSCRIBE_LIMITS
    by_client = within_limit("alerts-subscribe-client", client_address(request), *limits["client"])
    by_address = within_limit("alerts-subscribe-address", email.strip().lower(), *limits["address"])
    return by_client and by_address


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    area = area_for(request.GET.get("area"))
    initial = {"topic": request.GET.get("topic", "")}
    form = SubscribeForm(request.POST or None, area=area, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            if within_limits(request, form.cleaned_data["email"]):
                alert_list, portfolio = form.chosen_list()
                subscribing.request_subscription(
                    form.cleaned_data["email"], alert_list, portfolio, form.cleaned_data["frequency"]
                )
                return redirect("alerts:check_email")
            form.add_error(None, "You have asked for alerts several times in a short time. Try again in an hour.")
            status = 429
    context = {"form": form, "area": area, "action": request.get_full_path(), **NOINDEX}
    return TemplateResponse(request, "alerts/subscribe.html", context, status=status)


@never_cache
def check_email(request):
    return TemplateResponse(request, "alerts/check_email.html", {"days": tokens.CONFIRM_DAYS, **NOINDEX})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """A confirmation link: a button to confirm (so a mail scanner following links confirms nothing), then done."""
    if request.method == "GET":
        valid = tokens.read_confirm_token(token) is not None
        return TemplateResponse(
            request, "alerts/confirm.html", {"valid": valid, **NOINDEX}, status=200 if valid else 410
        )
    subscription = subscribing.confirm(token)
    if subscription is None:
        return TemplateResponse(request, "alerts/confirm.html", {"valid": False, **NOINDEX}, status=410)
    manage_url = reverse("alerts:manage", args=[tokens.manage_token(subscription.subscriber)])
    context = {"subscription": subscription, "manage_url": manage_url, **NOINDEX}
    return TemplateResponse(request, "alerts/confirmed.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscriber, _lists = subscribing.subscriber_for(token)
    if subscriber is None:
        return TemplateResponse(request, "alerts/link_not_valid.html", NOINDEX, status=404)
    if request.method == "POST":
        if request.POST.get("leave") == "all":
            subscribing.unsubscribe(subscriber)
            return TemplateResponse(request, "alerts/unsubscribed.html", {"everything": True, **NOINDEX})
        try:
            chosen = [int(request.POST["leave"])]
        except (KeyError, ValueError):
            return redirect(request.path)
        if subscribing.unsubscribe(subscriber, chosen):
            return TemplateResponse(request, "alerts/unsubscribed.html", {"everything": True, **NOINDEX})
        return redirect(request.path)
    subscriptions = subscriber.subscriptions.filter(confirmed_at__isnull=False).select_related("portfolio")
    context = {"subscriptions": subscriptions.order_by("pk"), **NOINDEX}
    return TemplateResponse(request, "alerts/manage.html", context)


@csrf_exempt  # RFC 8058: the mail client posts with no cookie and no CSRF token; the signed token is the proof
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The List-Unsubscribe address: a POST leaves the email's lists at once; a GET asks first."""
    subscriber, lists = subscribing.subscriber_for(token)
    if subscriber is None:
        if request.method == "POST":
            return HttpResponse("This link no longer works: you may have unsubscribed already.", status=404)
        return TemplateResponse(request, "alerts/link_not_valid.html", NOINDEX, status=404)
    if request.method == "POST":
        everything = subscribing.unsubscribe(subscriber, lists)
        return TemplateResponse(request, "alerts/unsubscribed.html", {"everything": everything, **NOINDEX})
    subscriptions = subscriber.subscriptions.filter(confirmed_at__isnull=False).select_related("portfolio")
    if lists is not None:
        subscriptions = subscriptions.filter(pk__in=lists)
    context = {"subscriptions": subscriptions, "manage_url": reverse("alerts:manage", args=[token]), **NOINDEX}
    return TemplateResponse(request, "alerts/unsubscribe.html", context)
