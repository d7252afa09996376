from contextlib import suppress
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse

from accounts.two_factor import has_second_factor, uses_admin


def _paths(*names):
    paths = []
    for name in names:
        with suppress(NoReverseMatch):
            paths.append(reverse(name))
    return paths


class AdminTwoFactorMiddleware:
    """When PORTAL_REQUIRE_ADMIN_2FA is on, admin pages need a verified second factor.

    Goes after django_otp.middleware.OTPMiddleware, which provides
    ``request.user.is_verified()``. A signed-in admin user who has not entered a
    token in this session is sent to the verify page, or to the setup page when
    they have no device yet. Sign-in, sign-out and the two-factor pages themselves
    stay open; pages outside the admin are unaffected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "PORTAL_REQUIRE_ADMIN_2FA", False) and self.needs_second_factor(request):
            user = request.user
            view = "accounts:two_factor_verify" if has_second_factor(user) else "accounts:two_factor_setup"
            url = reverse(view)
            if request.method == "GET":
                url += "?" + urlencode({"next": request.get_full_path()})
            return redirect(url)
        return self.get_response(request)

    def needs_second_factor(self, request):
        path = request.path
        if not any(path.startswith(prefix) for prefix in _paths("wagtailadmin_home", "admin:index")):
            return False
        open_paths = _paths(
            "wagtailadmin_login",
            "wagtailadmin_logout",
            "admin:login",
            "admin:logout",
            "accounts:two_factor_setup",
            "accounts:two_factor_verify",
            "accounts:two_factor_backup_codes",
        )
        if path in open_paths or path.startswith(settings.STATIC_URL):
            return False
        user = request.user
        return uses_admin(user) and not user.is_verified()
