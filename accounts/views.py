"""Two-factor authentication for admin users: set up an authenticator app, then verify each session."""

import math
from base64 import b32encode
from functools import wraps
from urllib.parse import urlencode

import segno
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import BackupCodeForm, TokenForm
from accounts.two_factor import authenticator_for, backup_codes_for, has_second_factor, uses_admin

BACKUP_CODES_SESSION_KEY = "accounts_new_backup_codes"
BACKUP_CODE_COUNT = 10


def admin_user_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        if not uses_admin(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return never_cache(wrapper)


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _with_next(url, next_url):
    return f"{url}?{urlencode({'next': next_url})}"


def _check_token(form, field, device, wrong_message):
    """Verify the form's token against the device, with django-otp's throttling of wrong tokens.

    Returns the device when the token is accepted; otherwise adds an error to the field.
    """
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, details = device.verify_is_allowed()
        if not allowed:
            message = "Too many wrong codes in a row. Wait a moment and try again."
            if details and details.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS and details.get("locked_until"):
                seconds = max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds()))
                unit = "second" if seconds == 1 else "seconds"
                message = f"Too many wrong codes in a row. Wait {seconds} {unit} and try again."
            form.add_error(field, message)
            return None
        if device.verify_token(form.cleaned_data[field]):
            return device
    form.add_error(field, wrong_message)
    return None


def _signed_in_with(request, device):
    # A new session key once the second factor is proven, as Django does after a password.
    request.session.cycle_key()
    otp_login(request, device)


def _new_backup_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _qr_code_svg(uri):
    return segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff")


@admin_user_required
def setup(request):
    user = request.user
    next_url = _next_url(request)
    verify_url = _with_next(reverse("accounts:two_factor_verify"), next_url)
    if authenticator_for(user) is not None:
        # Set up already. A device is replaced by an administrator removing it, not from here:
        # otherwise a stolen password would be enough to add the thief's own device.
        return redirect(next_url if user.is_verified() else verify_url)
    if has_second_factor(user) and not user.is_verified():
        return redirect(verify_url)

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)

    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wrong = "That code is not right. Check that the app shows this account, then enter the code it shows now."
        confirmed = _check_token(form, "otp_token", device, wrong)
        if confirmed is not None:
            confirmed.confirmed = True
            confirmed.save(update_fields=["confirmed"])
            codes = _new_backup_codes(user)
            _signed_in_with(request, confirmed)
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            return redirect(_with_next(reverse("accounts:two_factor_backup_codes"), next_url))

    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "forms_with_errors": [form] if form.errors else [],
            "next": next_url,
            "otpauth_uri": device.config_url,
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "qr_code": _qr_code_svg(device.config_url),
        },
    )


@admin_user_required
def verify(request):
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not has_second_factor(user):
        return redirect(_with_next(reverse("accounts:two_factor_setup"), next_url))

    authenticator = authenticator_for(user)
    backup_device = backup_codes_for(user)
    posted = request.POST if request.method == "POST" else None
    using_backup = posted is not None and "backup_code" in posted
    token_form = TokenForm(None if using_backup else posted)
    backup_form = BackupCodeForm(posted if using_backup else None)

    if using_backup and backup_device is not None and backup_form.is_valid():
        wrong = "That backup code is not right, or it has been used already."
        device = _check_token(backup_form, "backup_code", backup_device, wrong)
        if device is not None:
            _signed_in_with(request, device)
            return redirect(next_url)
    elif posted is not None and not using_backup and authenticator is not None and token_form.is_valid():
        wrong = "That code is not right. Enter the code your authenticator app shows now."
        device = _check_token(token_form, "otp_token", authenticator, wrong)
        if device is not None:
            _signed_in_with(request, device)
            return redirect(next_url)

    return render(
        request,
        "accounts/two_factor_verify.html",
        {
            "token_form": token_form if authenticator is not None else None,
            "backup_form": backup_form if backup_device is not None else None,
            "forms_with_errors": [form for form in (token_form, backup_form) if form.errors],
            "next": next_url,
        },
    )


@admin_user_required
def backup_codes(request):
    next_url = _next_url(request)
    if not request.user.is_verified():
        return redirect(_with_next(reverse("accounts:two_factor_verify"), next_url))
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    return render(request, "accounts/two_factor_backup_codes.html", {"codes": codes, "next": next_url})
