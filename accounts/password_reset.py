"""The admin's password reset form, which tells nobody whether an address is registered.

Django's form does the work (find the user, make a token, render and send an email) only
for a registered address, so its answer comes ~50 ms later for one: that difference tells
an outsider which addresses have accounts. This form answers every request at the same
moment, PORTAL_PASSWORD_RESET_SECONDS after it started, whatever it did; and it sends at
most a few emails per address and per client in a while (PORTAL_PASSWORD_RESET_LIMITS),
silently, so the answer never differs either. (nginx limits the rate of requests as well.)
"""

import logging
import time

from django.conf import settings
from wagtail.admin.forms.auth import PasswordResetForm

from portal.throttle import client_address, within_limit

logger = logging.getLogger(__name__)


class FixedTimePasswordResetForm(PasswordResetForm):
    def save(self, request=None, **kwargs):
        started = time.monotonic()
        try:
            if self.may_send(request):
                super().save(request=request, **kwargs)
        finally:
            elapsed = time.monotonic() - started
            answer_at = settings.PORTAL_PASSWORD_RESET_SECONDS
            if elapsed > answer_at:
                logger.warning(
                    "A password reset took %.2f s, longer than the %.2f s every answer waits for", elapsed, answer_at
                )
            time.sleep(max(answer_at - elapsed, 0))

    def may_send(self, request):
        limits = settings.PORTAL_PASSWORD_RESET_LIMITS
        address = self.cleaned_data["email"].strip().lower()
        by_client = within_limit("password-reset-client", client_address(request), *limits["client"])
        by_address = within_limit("password-reset-address", address, *limits["address"])
        if not (by_client and by_address):
            logger.warning("Password reset throttled (%s)", "client" if not by_client else "address")
        return by_client and by_address
