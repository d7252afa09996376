"""The emails: confirmation, an alert, a digest. Plain text and accessible HTML, with the manage link and
RFC 8058 one-click unsubscribe headers on everything but the confirmation."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Site

from alerts import tokens
from portal import base_url
from portal.models import OrganisationSettings


def site_root():
    """(The site's one public address, as its pages' own links and the feeds give it, the default Site)."""
    return base_url.root(), Site.objects.filter(is_default_site=True).first()


def absolute(root, name, token):
    return root + reverse(name, args=[token])


def one_line(text):
    return " ".join(str(text).split())


def item_facts(item, page):
    """What an email says of one item: title, kind, summary, portfolios, link, and an update's note."""
    return {
        "title": page.title,
        "kind": page.get_kind_label(),
        "summary": one_line(page.listing_summary or ""),
        "portfolios": [portfolio.title for portfolio in page.portfolios.all()],
        "url": page.get_full_url(),
        "update_note": item.change_note if item.kind == item.UPDATE else "",
    }


def _send(to, subject, template, context, unsubscribe_url=None):
    root, site = site_root()
    context = {**context, "site_name": OrganisationSettings.for_site(site).organisation_name if site else ""}
    headers = {}
    if unsubscribe_url:
        headers = {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    message = EmailMultiAlternatives(
        one_line(subject), render_to_string(f"alerts/email/{template}.txt", context), to=[to], headers=headers
    )
    message.attach_alternative(render_to_string(f"alerts/email/{template}.html", context), "text/html")
    message.send()


def send_confirmation(subscription):
    root, _site = site_root()
    context = {
        "subscription": subscription,
        "list_name": subscription.describe(),
        "frequency": subscription.get_pending_frequency_display(),
        "confirm_url": absolute(root, "alerts:confirm", tokens.confirm_token(subscription)),
        "days": tokens.CONFIRM_DAYS,
    }
    _send(subscription.subscriber.email, "Confirm your email alerts", "confirm", context)


def links(subscriber, subscriptions):
    root, _site = site_root()
    return {
        "manage_url": absolute(root, "alerts:manage", tokens.manage_token(subscriber)),
        "unsubscribe_url": absolute(root, "alerts:unsubscribe", tokens.manage_token(subscriber, subscriptions)),
    }


def send_alert(subscriber, item, page, subscriptions):
    facts = item_facts(item, page)
    context = {
        "item": facts,
        "lists": [subscription.describe() for subscription in subscriptions],
        **links(subscriber, subscriptions),
    }
    prefix = "Updated: " if facts["update_note"] else ""
    _send(subscriber.email, f"{prefix}{facts['kind']}: {facts['title']}", "alert", context, context["unsubscribe_url"])


def send_digest(subscriber, frequency_label, entries, subscriptions):
    """`entries`: (item, page) pairs, in the order they were published."""
    context = {
        "items": [item_facts(item, page) for item, page in entries],
        "frequency": frequency_label,
        "lists": [subscription.describe() for subscription in subscriptions],
        **links(subscriber, subscriptions),
    }
    subject = f"Your {frequency_label.lower()}: {len(entries)} new item{'s' if len(entries) != 1 else ''}"
    _send(subscriber.email, subject, "digest", context, context["unsubscribe_url"])
