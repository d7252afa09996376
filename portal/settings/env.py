"""Reading settings from environment variables, with one meaning for "true"."""

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    return _bool_word(name, raw)


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_required(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
MAIL_URL_BACKENDS = {
    "smtp": SMTP_BACKEND,
    "smtp+tls": SMTP_BACKEND,
    "smtps": SMTP_BACKEND,
    "smtp+ssl": SMTP_BACKEND,
    "console": "django.core.mail.backends.console.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}


def parse_email_url(url):
    """Django's mail settings from one URL: smtp://user:password@host:587?tls=true, smtps://..., console://.

    `?tls=true` (or the scheme smtp+tls) is STARTTLS, `?ssl=true` (or smtps, smtp+ssl) is TLS from the
    first byte; the port defaults to 587, 465 or 25 accordingly. User and password are percent-decoded.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in MAIL_URL_BACKENDS:
        raise ImproperlyConfigured(f"EMAIL_URL must start with one of {', '.join(MAIL_URL_BACKENDS)}://, not {url!r}")
    query = {key.lower(): values[-1] for key, values in parse_qs(parts.query, keep_blank_values=True).items()}
    unknown = set(query) - {"tls", "ssl", "timeout"}
    if unknown:
        raise ImproperlyConfigured(f"EMAIL_URL has unknown options: {', '.join(sorted(unknown))}")
    tls = scheme == "smtp+tls" or _bool_word("EMAIL_URL's tls", query.get("tls", "false"))
    ssl = scheme in ("smtps", "smtp+ssl") or _bool_word("EMAIL_URL's ssl", query.get("ssl", "false"))
    if tls and ssl:
        raise ImproperlyConfigured("EMAIL_URL cannot ask for both tls (STARTTLS) and ssl (implicit TLS)")
    mail = {"EMAIL_BACKEND": MAIL_URL_BACKENDS[scheme]}
    if mail["EMAIL_BACKEND"] == SMTP_BACKEND:
        if not parts.hostname:
            raise ImproperlyConfigured(f"EMAIL_URL names no mail server host: {url!r}")
        mail.update(
            EMAIL_HOST=parts.hostname,
            EMAIL_PORT=parts.port or (465 if ssl else 587 if tls else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_TLS=tls,
            EMAIL_USE_SSL=ssl,
        )
    if "timeout" in query:
        mail["EMAIL_TIMEOUT"] = float(query["timeout"])
    return mail


def env_mail():
    """The mail settings from EMAIL_URL, or else the EMAIL_HOST family; None when neither is set."""
    url = env_str("EMAIL_URL")
    if url:
        return parse_email_url(url)
    if not env_str("EMAIL_HOST"):
        return None
    mail = {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": env_str("EMAIL_HOST"),
        "EMAIL_HOST_USER": env_str("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": env_str("EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS"),
        "EMAIL_USE_SSL": env_bool("EMAIL_USE_SSL"),
    }
    if mail["EMAIL_USE_TLS"] and mail["EMAIL_USE_SSL"]:
        raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true")
    default_port = 465 if mail["EMAIL_USE_SSL"] else 587 if mail["EMAIL_USE_TLS"] else 25
    mail["EMAIL_PORT"] = int(env_str("EMAIL_PORT", str(default_port)))
    return mail


def _bool_word(what, raw):
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{what} must be true or false, not {raw!r}")
