"""Who needs a second factor, and which of their devices to check."""

from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


def uses_admin(user):
    """Anyone who can reach the Wagtail or Django admin."""
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


def has_second_factor(user):
    return user_has_device(user, confirmed=True)


def authenticator_for(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def backup_codes_for(user):
    return StaticDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()
