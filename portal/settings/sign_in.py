"""Admin sign-in settings: lockouts, the client address behind proxies, password reset (part of base;
every variable is in the README)."""

from datetime import timedelta

from .env import env_str

# Admin sign-in: django-axes locks out a username tried from one address after 5 wrong
# passwords, an address after 20 and a username tried from anywhere after 100, for 15 minutes
# (accounts/lockout.py); staff must use two-factor authentication (django-otp).
AUTHENTICATION_BACKENDS = [
    # Refuses sign-in while a username or address is locked out; must come first.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "accounts.lockout.PortalAxesHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = 5  # wrong passwords for one username from one address
PORTAL_AXES_IP_FAILURE_LIMIT = 20  # wrong passwords from one address, any username
PORTAL_AXES_USERNAME_FAILURE_LIMIT = 100  # wrong passwords for one username, any address
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
# Refused attempts during a lockout are not counted, so they cannot make it last for ever.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429


def trusted_proxies(count):
    """django-axes' ipware settings for `count` proxies in front, each appending to X-Forwarded-For.

    The client is then `count` entries from the right of X-Forwarded-For (ipware counts the
    proxies before the last one, whose address is the connection's); anything further left was
    written by the client. With no proxy the header is ignored: anyone can send one.
    """
    if count <= 0:
        return {"AXES_IPWARE_META_PRECEDENCE_ORDER": ("REMOTE_ADDR",), "AXES_IPWARE_PROXY_COUNT": None}
    return {
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
        "AXES_IPWARE_PROXY_COUNT": count - 1,
    }


TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))
AXES_IPWARE_META_PRECEDENCE_ORDER = trusted_proxies(TRUSTED_PROXY_COUNT)["AXES_IPWARE_META_PRECEDENCE_ORDER"]
AXES_IPWARE_PROXY_COUNT = trusted_proxies(TRUSTED_PROXY_COUNT)["AXES_IPWARE_PROXY_COUNT"]
AXES_IPWARE_PROXY_ORDER = "left-most"
# Not strict: more X-Forwarded-For entries than proxies is a client's own header, not an error.
IPWARE_STRICT = False
# The admin's password reset answers every request at the same moment, registered address or not,
# and sends at most this many emails per client and per address in so many seconds.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.password_reset.FixedTimePasswordResetForm"
PORTAL_PASSWORD_RESET_SECONDS = 0.5
PORTAL_PASSWORD_RESET_LIMITS = {"client": (10, 3600), "address": (3, 3600)}
