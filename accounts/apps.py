from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Admin sign-in: lockouts after repeated wrong passwords, and two-factor authentication."""

    name = "accounts"
    verbose_name = "Admin accounts"
