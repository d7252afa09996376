import re

import pytest
from django.utils import timezone

from alerts.models import AlertList, Frequency, Subscriber, Subscription
from tests.mail_queue import IMMEDIATE, IMMEDIATE_MAIL

IMMEDIATE_TASKS = {"default": IMMEDIATE, "mail": IMMEDIATE_MAIL}


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """No worker here: each task runs when it is enqueued (the worker tests start real workers)."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`committed(function, ...)`: calls it, then runs what it left for after the commit (the tasks it
    enqueues), as the end of a real request's transaction would; a test's own transaction never commits."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def alerts_site(home, settings):
    """The site's public address is https, as in production: the links in emails are made from it."""
    settings.SITE_BASE_URL = "https://policy.example.org"
    site = home.get_site()
    site.hostname, site.port = "policy.example.org", 443
    site.save()
    return site


def confirmed(email, alert_list=AlertList.ALL_NEWS, portfolio=None, frequency=Frequency.IMMEDIATELY):
    """A subscriber who asked for a list and followed the link (made directly, for the sending tests)."""
    subscriber, _ = Subscriber.objects.get_or_create(email=email, defaults={"confirmed_at": timezone.now()})
    Subscription.objects.create(
        subscriber=subscriber, list=alert_list, portfolio=portfolio, frequency=frequency, confirmed_at=timezone.now()
    )
    return subscriber


def link_in(message, path):
    """The first https link in a message's plain text whose path starts with `path`."""
    found = re.search(r"https://[^\s]+" + re.escape(path) + r"[^\s]+", message.body)
    assert found, message.body
    return found.group(0)
