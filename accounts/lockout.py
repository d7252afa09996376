"""Lockout rules for django-axes: counted so that an outsider cannot lock a named editor out.

Axes compares a single failure count with a single limit (AXES_FAILURE_LIMIT). This
handler keeps axes' database records and admin, and counts three things within the
cool-off period:

- wrong passwords for this username from this address, limited by AXES_FAILURE_LIMIT:
  the guesser is locked out, the editor signing in from elsewhere is not;
- wrong passwords from this address for any username, limited by
  PORTAL_AXES_IP_FAILURE_LIMIT: one address trying many accounts;
- wrong passwords for this username from any address, limited by the much higher
  PORTAL_AXES_USERNAME_FAILURE_LIMIT: guesses at one account spread over many addresses.

Each count is scaled onto AXES_FAILURE_LIMIT, so axes' own comparisons
(``failures >= AXES_FAILURE_LIMIT``) lock at whichever limit is reached first.
Attempts refused during a lockout are not recorded (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT
is off), so they neither add to the counts nor extend the lock.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, Sum


class PortalAxesHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        username = get_client_username(request, credentials)
        ip_address = request.axes_ip_address
        if not username and not ip_address:
            return 0
        attempts = AccessAttempt.objects.filter(Q(username=username) | Q(ip_address=ip_address))
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        totals = attempts.aggregate(
            pair=Sum("failures_since_start", filter=Q(username=username, ip_address=ip_address)),
            address=Sum("failures_since_start", filter=Q(ip_address=ip_address)),
            username=Sum("failures_since_start", filter=Q(username=username)),
        )
        limit = get_failure_limit(request, credentials)
        limits = {
            "pair": limit,
            "address": settings.PORTAL_AXES_IP_FAILURE_LIMIT,
            "username": settings.PORTAL_AXES_USERNAME_FAILURE_LIMIT,
        }
        if not username:
            totals["pair"] = totals["username"] = 0
        if not ip_address:
            totals["pair"] = totals["address"] = 0
        # floor(n * a / b) >= a exactly when n >= b.
        return max((totals[name] or 0) * limit // limits[name] for name in limits)

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
