"""Lockout rules for django-axes: one limit per username, a higher one per address.

Axes compares a single failure count with a single limit (AXES_FAILURE_LIMIT). This
handler keeps axes' database records and admin, and counts two things within the
cool-off period:

- wrong passwords for the username being tried (from any address), limited by
  AXES_FAILURE_LIMIT;
- wrong passwords from the client's address (for any username), limited by
  PORTAL_AXES_IP_FAILURE_LIMIT.

The address count is scaled onto the username limit, so axes' own comparisons
(``failures >= AXES_FAILURE_LIMIT``) lock at whichever limit is reached first.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def _failures(attempts):
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class PortalAxesHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        attempts = AccessAttempt.objects.all()
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))

        username = get_client_username(request, credentials)
        ip_address = request.axes_ip_address
        by_username = _failures(attempts.filter(username=username)) if username else 0
        by_address = _failures(attempts.filter(ip_address=ip_address)) if ip_address else 0

        username_limit = get_failure_limit(request, credentials)
        address_limit = settings.PORTAL_AXES_IP_FAILURE_LIMIT
        # floor(n * a / b) >= a exactly when n >= b.
        return max(by_username, by_address * username_limit // address_limit)

    def reset_user_attempts(self, request, credentials=None):
        """On a successful sign-in, forget that username's failures only.

        Axes' default would also forget every failure from the same address, so
        anyone with one working account could wipe the count of their guesses at
        other accounts by signing in to their own.
        """
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
