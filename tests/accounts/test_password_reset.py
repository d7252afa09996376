"""The admin's password reset tells an outsider nothing about which addresses are registered,
and cannot be used to flood anyone's inbox."""

import statistics
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

RESET = "/admin/password_reset/"
DONE = "/admin/password_reset/done/"


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(django_user_model, home):
    return django_user_model.objects.create_user("editor", "editor@example.org", "a-long-password-1", is_staff=True)


def ask_for_reset(email, address="203.0.113.7"):
    client = Client(REMOTE_ADDR=address)
    started = time.monotonic()
    response = client.post(RESET, {"email": email})
    took = time.monotonic() - started
    assert response.status_code == 302 and response["Location"] == DONE
    return took


def test_a_registered_and_an_unknown_address_take_the_same_time_to_answer(editor, settings):
    settings.PORTAL_PASSWORD_RESET_SECONDS = 0.1
    settings.PORTAL_PASSWORD_RESET_LIMITS = {"client": (1000, 3600), "address": (1000, 3600)}
    registered, unknown = [], []
    for n in range(50):
        registered.append(ask_for_reset("editor@example.org", address=f"192.0.2.{n}"))
        unknown.append(ask_for_reset(f"nobody-{n}@example.org", address=f"198.51.100.{n}"))

    assert len(mail.outbox) == 50, "every registered request did send its email"
    difference = abs(statistics.median(registered) - statistics.median(unknown))
    assert difference < 0.005, f"medians differ by {difference * 1000:.1f} ms"


def test_an_address_gets_at_most_three_reset_emails_an_hour(editor, settings):
    settings.PORTAL_PASSWORD_RESET_SECONDS = 0
    for n in range(5):
        ask_for_reset("Editor@Example.org", address=f"192.0.2.{n}")

    assert len(mail.outbox) == 3


def test_one_client_gets_at_most_ten_resets_an_hour_whatever_the_addresses(django_user_model, home, settings):
    settings.PORTAL_PASSWORD_RESET_SECONDS = 0
    for n in range(12):
        django_user_model.objects.create_user(f"user{n}", f"user{n}@example.org", "a-long-password-1")
        ask_for_reset(f"user{n}@example.org")

    assert len(mail.outbox) == 10
    # Someone else, elsewhere, is not held back by that client.
    ask_for_reset("user11@example.org", address="198.51.100.1")
    assert len(mail.outbox) == 11


def test_the_answer_waits_for_the_fixed_time_in_production(settings, editor):
    assert settings.PORTAL_PASSWORD_RESET_SECONDS >= 0.3
    assert ask_for_reset("nobody@example.org") >= settings.PORTAL_PASSWORD_RESET_SECONDS
