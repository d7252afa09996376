"""Links in Wagtail's Settings menu, for superusers, to unlock sign-ins and reset two-factor devices.

Both lists live in the Django admin (/django-admin/), which axes and django-otp register with:
deleting a lockout there unlocks that username or address; deleting someone's two-factor
devices makes them set up a new one at their next sign-in.
"""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def sign_in_lockouts_menu_item():
    return SuperuserMenuItem(
        "Sign-in lockouts",
        reverse("admin:axes_accessattempt_changelist"),
        name="sign-in-lockouts",
        icon_name="lock",
        order=910,
    )


@hooks.register("register_settings_menu_item")
def two_factor_devices_menu_item():
    return SuperuserMenuItem(
        "Two-factor devices",
        reverse("admin:otp_totp_totpdevice_changelist"),
        name="two-factor-devices",
        icon_name="key",
        order=920,
    )
