"""Admin sign-in: lockouts after wrong passwords (django-axes) and two-factor authentication (django-otp).

Everything goes through the real Wagtail sign-in page at /admin/login/.
"""

import io
import time
from datetime import timedelta
from unittest import mock

import pytest
from axes.helpers import get_client_ip_address as client_ip_address
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.settings.sign_in import trusted_proxies
from tests.helpers import text_of

PASSWORD = "correct-horse-battery-staple-1"
LOCKOUT_TEXT = (
    "Too many failed sign-in attempts. This account is locked for 15 minutes. "
    "Try again later or ask an administrator to unlock it."
)
SETUP_URL = "/admin/2fa/setup/"
VERIFY_URL = "/admin/2fa/verify/"


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"}, **extra)


def is_signed_in(client):
    return "_auth_user_id" in client.session


def backdate_attempts(minutes):
    """Make every recorded failure `minutes` older, as if that much time had passed.

    Axes counts the failures whose attempt_time is within AXES_COOLOFF_TIME of the
    current attempt (axes.attempts.get_cool_off_threshold), so this moves the clock
    for the lock without patching time.
    """
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def token_for(device, steps_ahead=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def a_wrong_token(device):
    accepted = {token_for(device, steps) for steps in (-1, 0, 1, 2)}
    return next(f"{n:06d}" for n in range(123456, 999999) if f"{n:06d}" not in accepted)


@pytest.fixture
def admin_user(django_user_model, home):
    return django_user_model.objects.create_user(username="admin", password=PASSWORD, is_staff=True, is_superuser=True)


@pytest.fixture
def require_2fa(settings):
    settings.PORTAL_REQUIRE_ADMIN_2FA = True


@pytest.fixture
def authenticator(admin_user):
    return TOTPDevice.objects.create(user=admin_user, name="Authenticator app", confirmed=True)


# Lockouts -----------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_username_and_the_sixth_attempt_is_refused_even_with_the_right_password(
    client, admin_user
):
    for _ in range(4):
        response = sign_in(client, "admin", "wrong-password")
        assert response.status_code == 200
        assert "didn't match" in text_of(response)

    fifth = sign_in(client, "admin", "wrong-password")
    assert fifth.status_code == 429
    assert LOCKOUT_TEXT in text_of(fifth)

    sixth = sign_in(client, "admin", PASSWORD)
    assert sixth.status_code == 429
    assert LOCKOUT_TEXT in text_of(sixth)
    assert not is_signed_in(client)
    assert client.get("/admin/").status_code == 302  # back to the sign-in page


def test_the_lockout_page_is_a_small_accessible_page_in_british_english(client, admin_user):
    for _ in range(5):
        response = sign_in(client, "admin", "wrong-password")

    page = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 429
    assert page.html["lang"] == "en-GB"
    assert page.select_one("main h1").get_text(strip=True) == "Sign-in locked"
    assert not page.select("script, link[rel=stylesheet], img")


def test_the_lock_lasts_at_least_ten_minutes(client, admin_user):
    cool_off = django_settings.AXES_COOLOFF_TIME
    assert cool_off >= timedelta(minutes=10)
    for _ in range(5):
        sign_in(client, "admin", "wrong-password")

    backdate_attempts(minutes=9)
    assert sign_in(client, "admin", PASSWORD).status_code == 429
    assert not is_signed_in(client)

    # Once the cool-off has passed since the last attempt, the right password works again.
    backdate_attempts(minutes=16)
    response = sign_in(client, "admin", PASSWORD)
    assert response.status_code == 302
    assert is_signed_in(client)


def test_an_administrator_can_unlock_a_username(client, admin_user):
    for _ in range(5):
        sign_in(client, "admin", "wrong-password")

    call_command("axes_reset_username", "admin", stdout=io.StringIO())

    assert sign_in(client, "admin", PASSWORD).status_code == 302


def test_twenty_failures_from_one_address_lock_that_address_for_every_username(django_user_model, home):
    django_user_model.objects.create_user(username="carol", password=PASSWORD, is_staff=True)
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    # Four wrong passwords each for five usernames: none of them reaches the per-username limit.
    failures = [f"user{n}" for n in range(5) for _ in range(4)]
    for username in failures[:19]:
        assert sign_in(attacker, username, "wrong-password").status_code == 200

    # 19 failures: the address is not locked yet.
    assert sign_in(Client(REMOTE_ADDR="203.0.113.7"), "carol").status_code == 302

    assert sign_in(attacker, failures[19], "wrong-password").status_code == 429
    refused = sign_in(Client(REMOTE_ADDR="203.0.113.7"), "carol")
    assert refused.status_code == 429
    assert LOCKOUT_TEXT in text_of(refused)

    # The same username from another address is not affected.
    assert sign_in(Client(REMOTE_ADDR="198.51.100.9"), "carol").status_code == 302


def test_a_forged_x_forwarded_for_header_does_not_get_around_a_lock(django_user_model, admin_user):
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(5):
        sign_in(attacker, "admin", "wrong-password", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")

    response = sign_in(attacker, "admin", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert response.status_code == 429
    assert not is_signed_in(attacker)

    # A new forged address for every guess still counts against the real one.
    django_user_model.objects.create_user(username="carol", password=PASSWORD, is_staff=True)
    for n in range(15):
        sign_in(attacker, f"user{n % 5}", "wrong-password", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert sign_in(attacker, "carol", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.250").status_code == 429


def behind_proxies(settings, count):
    """What TRUSTED_PROXY_COUNT=count sets."""
    for name, value in trusted_proxies(count).items():
        setattr(settings, name, value)


def test_behind_a_trusted_proxy_the_client_is_the_address_the_proxy_appended(rf, settings):
    behind_proxies(settings, 1)
    request = rf.post("/admin/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7")
    assert client_ip_address(request) == "203.0.113.7"
    # Too few entries for the proxies configured, or nonsense: the connection's address.
    assert client_ip_address(rf.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
    assert client_ip_address(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="nonsense")) == "10.0.0.2"

    behind_proxies(settings, 0)
    assert client_ip_address(request) == "10.0.0.2"


def test_behind_a_trusted_proxy_a_forged_header_still_does_not_get_around_a_lock(settings, admin_user):
    behind_proxies(settings, 1)
    through_proxy = Client(REMOTE_ADDR="10.0.0.2")
    for n in range(20):
        sign_in(through_proxy, f"user{n % 5}", "wrong-password", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7")

    assert sign_in(through_proxy, "admin", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7").status_code == 429
    # Other clients behind the same proxy are not locked out with the attacker.
    assert sign_in(through_proxy, "admin", HTTP_X_FORWARDED_FOR="198.51.100.4").status_code == 302


def test_a_successful_sign_in_resets_the_count_for_that_username(client, admin_user):
    for _ in range(4):
        sign_in(client, "admin", "wrong-password")
    assert sign_in(client, "admin", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="admin").exists()
    client.post("/admin/logout/")

    for _ in range(4):
        assert sign_in(client, "admin", "wrong-password").status_code == 200
    assert sign_in(client, "admin", PASSWORD).status_code == 302


def test_signing_in_to_one_account_does_not_forget_guesses_at_another(django_user_model, admin_user):
    django_user_model.objects.create_user(username="carol", password=PASSWORD, is_staff=True)
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(4):
        sign_in(client, "admin", "wrong-password")
    assert sign_in(client, "carol").status_code == 302
    client.post("/admin/logout/")

    assert sign_in(client, "admin", "wrong-password").status_code == 429


# Two-factor authentication -------------------------------------------------------------------


def test_without_2fa_required_staff_reach_the_admin_with_a_password_alone(client, admin_user):
    assert django_settings.PORTAL_REQUIRE_ADMIN_2FA is False

    assert sign_in(client, "admin").status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.resolver_match.url_name == "wagtailadmin_home"


def test_staff_without_a_device_set_one_up_and_then_reach_the_dashboard(client, admin_user, require_2fa):
    assert sign_in(client, "admin")["Location"] == "/admin/"
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP_URL}?next=%2Fadmin%2F"

    page = client.get(response["Location"])
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=admin_user, confirmed=False)
    html = BeautifulSoup(page.content, "html.parser")
    assert html.html["lang"] == "en-GB"
    assert device.config_url in text_of(page)
    assert device.config_url.startswith("otpauth://totp/Policy%20Portal%3Aadmin?secret=")
    secret = html.select_one("#secret").get_text().replace(" ", "")
    assert f"secret={secret}" in device.config_url
    assert html.select_one(".qr svg") is not None
    form = html.select_one("form[action='/admin/2fa/setup/']")
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    field = form.select_one("input[name=otp_token]")
    assert field["autocomplete"] == "one-time-code" and field["inputmode"] == "numeric"
    assert form.select_one(f"label[for={field['id']}]").get_text(strip=True) == "6-digit code"

    # Every admin page, not only the dashboard, waits for the device.
    assert client.get("/admin/pages/")["Location"].startswith(SETUP_URL)

    confirmed = client.post(SETUP_URL, {"otp_token": token_for(device), "next": "/admin/"})
    assert confirmed.status_code == 302
    device.refresh_from_db()
    assert device.confirmed

    codes_page = client.get(confirmed["Location"])
    codes = [li.get_text(strip=True) for li in BeautifulSoup(codes_page.content, "html.parser").select(".codes li")]
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=admin_user).values_list("token", flat=True))
    assert "Continue to the admin" in text_of(codes_page)
    # Shown once only.
    again = BeautifulSoup(client.get(confirmed["Location"]).content, "html.parser")
    assert not again.select(".codes li")

    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert dashboard.resolver_match.url_name == "wagtailadmin_home"


def test_a_wrong_token_does_not_confirm_a_new_device(client, admin_user, require_2fa):
    sign_in(client, "admin")
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=admin_user)

    response = client.post(SETUP_URL, {"otp_token": a_wrong_token(device)})

    assert response.status_code == 200
    assert "That code is not right" in text_of(response)
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/")["Location"].startswith(SETUP_URL)


def test_a_later_sign_in_asks_for_a_code_and_a_wrong_one_is_refused(client, authenticator, require_2fa):
    sign_in(client, "admin")
    response = client.get("/admin/")
    assert response["Location"] == f"{VERIFY_URL}?next=%2Fadmin%2F"

    # django-otp's throttling reads this clock; standing still, the 1-second wait after a wrong code cannot pass.
    with mock.patch("django.utils.timezone.now", return_value=timezone.now()):
        wrong = client.post(VERIFY_URL, {"otp_token": a_wrong_token(authenticator), "next": "/admin/"})
        assert wrong.status_code == 200
        assert "That code is not right. Enter the code your authenticator app shows now." in text_of(wrong)
        html = BeautifulSoup(wrong.content, "html.parser")
        field = html.select_one("input[name=otp_token]")
        assert field["aria-invalid"] == "true"
        error_ids = field["aria-describedby"].split()
        assert any("not right" in html.find(id=error_id).get_text() for error_id in error_ids)
        assert html.title.get_text().startswith("Error:")
        assert client.get("/admin/")["Location"].startswith(VERIFY_URL)

        # Throttled: straight after a wrong code, even the right one has to wait.
        throttled = client.post(VERIFY_URL, {"otp_token": token_for(authenticator), "next": "/admin/"})
        assert "Too many wrong codes in a row. Wait 1 second and try again." in text_of(throttled)
        assert client.get("/admin/")["Location"].startswith(VERIFY_URL)

    TOTPDevice.objects.filter(pk=authenticator.pk).update(
        throttling_failure_timestamp=F("throttling_failure_timestamp") - timedelta(minutes=1)
    )
    verified = client.post(VERIFY_URL, {"otp_token": token_for(authenticator), "next": "/admin/pages/"})
    assert verified.status_code == 302
    assert verified["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200

    # A new session needs a new code.
    client.post("/admin/logout/")
    sign_in(client, "admin")
    assert client.get("/admin/")["Location"].startswith(VERIFY_URL)
    assert client.post(VERIFY_URL, {"otp_token": token_for(authenticator, steps_ahead=1)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_backup_code_works_once(client, authenticator, require_2fa):
    backup = StaticDevice.objects.create(user=authenticator.user, name="Backup codes", confirmed=True)
    backup.token_set.create(token="abcd2345")

    sign_in(client, "admin")
    assert client.post(VERIFY_URL, {"backup_code": "ABCD 2345"})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

    client.post("/admin/logout/")
    sign_in(client, "admin")
    reused = client.post(VERIFY_URL, {"backup_code": "abcd2345"})
    assert reused.status_code == 200
    assert "That backup code is not right, or it has been used already." in text_of(reused)


def test_someone_with_only_the_password_cannot_add_their_own_device(client, authenticator, require_2fa):
    sign_in(client, "admin")

    assert client.get(SETUP_URL)["Location"].startswith(VERIFY_URL)
    assert not TOTPDevice.objects.filter(confirmed=False).exists()


def test_the_django_admin_needs_the_second_factor_too(client, authenticator, require_2fa):
    client.post("/django-admin/login/", {"username": "admin", "password": PASSWORD})

    assert client.get("/django-admin/")["Location"].startswith(VERIFY_URL)


def test_the_two_factor_forms_need_a_csrf_token(admin_user, require_2fa):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=admin_user)

    assert client.post(SETUP_URL, {"otp_token": token_for(device)}).status_code == 403
    assert client.post(VERIFY_URL, {"otp_token": token_for(device)}).status_code == 403


def test_people_without_admin_access_are_unaffected(client, django_user_model, home, require_2fa):
    visitor = django_user_model.objects.create_user(username="reader", password=PASSWORD)
    client.force_login(visitor)

    assert client.get("/").status_code == 200
    # The admin turns them away as before (to its sign-in page), not to two-factor setup.
    assert not client.get("/admin/")["Location"].startswith("/admin/2fa/")


def test_public_pages_are_unaffected_for_staff_waiting_for_their_code(client, authenticator, require_2fa):
    sign_in(client, "admin")

    assert client.get("/").status_code == 200


def test_superusers_find_lockouts_and_two_factor_devices_in_the_settings_menu(client, admin_user, django_user_model):
    client.force_login(admin_user)
    dashboard = client.get("/admin/").content.decode()
    assert "Sign-in lockouts" in dashboard and "/django-admin/axes/accessattempt/" in dashboard
    assert "Two-factor devices" in dashboard and "/django-admin/otp_totp/totpdevice/" in dashboard

    editor = django_user_model.objects.create_user(username="editor", password=PASSWORD, is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert "Sign-in lockouts" not in client.get("/admin/").content.decode()
