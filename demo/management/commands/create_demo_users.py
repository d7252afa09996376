"""One demo sign-in per role, for a first look at the admin on a development site.

`make run` calls this after `load_demo`. On the first run it creates five users (an administrator,
a news editor, a moderator, a portfolio editor and a member), each with a new random password, and
prints the sign-ins once, with the admin's address. Later runs create nothing and print no
password (`--reset` gives the demo users new passwords and prints them again). It creates nothing
unless the settings allow demo users (`DEMO_USERS_ALLOWED`, true only in portal.settings.dev):
never in production.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from editorial import setup as editorial_setup

# (username, role group or None for the administrator, what they are)
DEMO_USERS = [
    ("demo-admin", None, "administrator: everything, including users and settings"),
    ("demo-news-editor", editorial_setup.NEWS_EDITORS, "news editor: writes news and submits it"),
    ("demo-moderator", editorial_setup.MODERATORS, "moderator: approves and publishes"),
    ("demo-portfolio-editor", editorial_setup.PORTFOLIO_EDITORS, "portfolio editor: policy pages and people"),
    ("demo-member", editorial_setup.MEMBERS, "member: the public site's members-only pages, at /login/"),
]


class Command(BaseCommand):
    help = "Create one demo user per role with a generated password (development sites only)."

    def add_arguments(self, parser):
        parser.add_argument("--admin-url", default=f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/")
        parser.add_argument("--reset", action="store_true", help="Give the demo users new passwords.")

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_USERS_ALLOWED", False):
            # Not an error, so that `make run` still serves the site: it just creates no sign-in.
            self.stderr.write("Demo users are only for development sites (portal.settings.dev): none created.")
            return
        user_model = get_user_model()
        existing = set(
            user_model.objects.filter(username__in=[u for u, _, _ in DEMO_USERS]).values_list("username", flat=True)
        )
        if existing and not options["reset"]:
            self.stdout.write(
                "  Demo sign-ins were printed when they were made; "
                "new passwords: .venv/bin/python manage.py create_demo_users --reset"
            )
            return
        lines = []
        for username, role, description in DEMO_USERS:
            password = secrets.token_urlsafe(12)
            user = user_model.objects.filter(username=username).first()
            if user is None:
                user = user_model(username=username, email="")
            user.is_superuser = user.is_staff = role is None
            user.set_password(password)
            user.save()
            if role:
                user.groups.set([Group.objects.get(name=role)])
            lines.append(f"    {username:<22} {password:<18} {description}")
        self.stdout.write(f"\n  Demo sign-ins, shown this once (the admin: {options['admin_url']}):")
        self.stdout.write("\n".join(lines) + "\n")
