"""Settings shared by every environment.

Secure by default: these are production values. `dev` and `test` relax them;
`production` adds what only a deployed site needs. Every environment variable
read here is listed in the README.
"""

from pathlib import Path

import dj_database_url

from portal.static_headers import security_headers

from .env import env_bool, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_required("SECRET_KEY")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The site's one public address (portal/base_url.py): every absolute URL it writes comes from it.
# Production: https on the first ALLOWED_HOSTS name unless set (production.py refuses plain http).
_first_host = ALLOWED_HOSTS[0].lstrip(".") if ALLOWED_HOSTS and ALLOWED_HOSTS[0] != "*" else ""
SITE_BASE_URL = env_str("SITE_BASE_URL") or (f"https://{_first_host}" if _first_host else "")
if SITE_BASE_URL:
    from portal.base_url import parse as _parse_base_url

    SITE_BASE_URL = _parse_base_url(SITE_BASE_URL)

INSTALLED_APPS = [
    "portal",
    "portfolios",
    "news",
    "publications",
    "accessibility",
    "search",
    "demo",
    "editorial",
    "alerts",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "outbox",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
]

MIDDLEWARE = [
    "portal.middleware.RequestIdMiddleware",
    # Above every other: a page served from the cache is the finished response, replayed (portal/page_cache.py).
    "portal.page_cache.AnonymousPageCacheMiddleware",
    "portal.middleware.CrossOriginResourcePolicyMiddleware",
    "portal.downloads.DocumentDownloadMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # gzip (no CSRF-bearing page), then ETag/304 and Cache-Control.
    "portal.http_caching.CompressionMiddleware",
    "portal.http_caching.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.middleware.KeptSiteMiddleware",  # the site and its root page, read once per content version
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "editorial.chooser_start.PageChooserStartsAtHome",  # page-link choosers open at the home page
    # axes must come last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# With no DATABASE_URL the site runs on an embedded SQLite file: enough for a
# first look. PostgreSQL is the production database and what CI tests against.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env_str("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Seconds a query may run: PostgreSQL cancels it after that (0: no limit).
DATABASE_STATEMENT_TIMEOUT = float(env_str("DATABASE_STATEMENT_TIMEOUT", "10"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend with a watchdog on every wait for the server (portal/db/watchdog.py): a
    # hung PostgreSQL fails its queries within seconds instead of holding every worker.
    DATABASES["default"]["ENGINE"] = "portal.db.postgresql"
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        # A database that has gone away is noticed in seconds, not minutes (see /healthz).
        "connect_timeout": int(env_str("DATABASE_CONNECT_TIMEOUT", "3")),
        # jit=off: the site's queries take milliseconds, and a planner that over-estimates rows (on a
        # table not yet analysed) would otherwise spend half a second JIT-compiling one of them.
        "options": f"-c statement_timeout={round(DATABASE_STATEMENT_TIMEOUT * 1000)} -c jit=off",
    }
    DATABASES["default"]["WATCHDOG"] = {
        "suspect_after": 1.0,  # then check that the server answers at all
        "probe_timeout": 1.0,
        "retry_every": 1.0,  # while it does not, try it again this often (once per process)
        # Whatever the server seems to be doing: a little longer than PostgreSQL's own limit.
        "hard_limit": DATABASE_STATEMENT_TIMEOUT + 5 if DATABASE_STATEMENT_TIMEOUT else None,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# With a CACHE_URL (Redis) every app server shares one cache, and anonymous page
# responses are cached in it. Without one, each process has its own memory cache
# and pages are not cached (a per-process copy could not be purged everywhere).
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {
                # Redis down: carry on without the cache, slower, and log it.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
PAGE_CACHE_SECONDS = int(env_str("PAGE_CACHE_SECONDS", "600")) if CACHE_URL else 0
# How often each server process reads the content version from the database (portal.content_version).
CONTENT_VERSION_REFRESH_SECONDS = float(env_str("CONTENT_VERSION_REFRESH_SECONDS", "3"))
CONTENT_VERSION_REFRESH_IN_BACKGROUND = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# British formats with the time zone shown, and the date formats people type (portal/formats/).
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "renditions": {"BACKEND": "portal.storage.UnguessableFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media on S3-compatible object storage instead of MEDIA_ROOT (needs `pip install
# django-storages[s3]`, see the README). Files stay private: Django serves documents.
if env_str("S3_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET_NAME"),
            "endpoint_url": env_str("S3_ENDPOINT_URL"),
            "region_name": env_str("S3_REGION_NAME"),
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    STORAGES["renditions"] = {**STORAGES["default"], "BACKEND": "portal.storage.UnguessableS3Storage"}

# A CDN or caching proxy in front, purged by Wagtail when a page is published.
if env_str("FRONTEND_CACHE_PURGE_URL"):
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env_str("FRONTEND_CACHE_PURGE_URL"),
        }
    }

# The page editor posts one field per block; long statements exceed Django's 1000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"  # styled, with no inline style (the CSP blocks Django's)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# No other site may embed the site's pages, files or static files (portal.middleware, portal.static_headers).
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Static files are answered before the middleware (portal/wsgi.py): the headers above that a file
# needs are added by whitenoise, once per file.
WHITENOISE_ADD_HEADERS_FUNCTION = security_headers

VIDEO_PLAYERS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
# The public site runs no inline script. The Wagtail admin needs inline script and
# style, so it is left to its own protections (login, CSRF, X-Frame-Options).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": VIDEO_PLAYERS,
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Features the site does not use are denied; video players may autoplay and go full screen
# (django-permissions-policy writes the header).
PERMISSIONS_POLICY = {
    **{
        feature: []
        for feature in (
            "accelerometer",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "usb",
        )
    },
    "autoplay": ["self", *VIDEO_PLAYERS],
    "fullscreen": ["self", *VIDEO_PLAYERS],
}

WAGTAIL_SITE_NAME = "Policy Portal"
# `manage.py create_demo_users` (run by `make run`) refuses unless this is true: only in dev.py.
DEMO_USERS_ALLOWED = False
# Members (PCCs and their offices) sign in on the public site for restricted guidance.
LOGIN_URL = "/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/login/"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL") or SITE_BASE_URL or "http://127.0.0.1:8000"
WAGTAILAPI_BASE_URL = SITE_BASE_URL or None  # the API's detail_url and pages/find redirects
WAGTAILDOCS_DOCUMENT_MODEL = "publications.PolicyDocument"
# Documents are served through Django (never straight from /media/), with
# nosniff and a CSP that blocks anything embedded; only PDFs open in the browser.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Requests for a file in another format: kept until fulfilled or this many days, then deleted;
# at most (count, seconds) per client address and per email address.
ACCESSIBLE_FORMAT_REQUEST_DAYS = int(env_str("ACCESSIBLE_FORMAT_REQUEST_DAYS", "30"))
ACCESSIBLE_FORMAT_REQUEST_LIMITS = {"client": (5, 3600), "address": (3, 3600)}
# Asking for email alerts: at most so many requests, over so many seconds, per client and per address.
ALERT_SUBSCRIBE_LIMITS = {"client": (10, 3600), "address": (3, 3600)}
# The text of an uploaded document is read in a child process limited to this much memory and time.
DOCUMENT_READER_MEMORY_MB = int(env_str("DOCUMENT_READER_MEMORY_MB", "512"))
DOCUMENT_READER_SECONDS = int(env_str("DOCUMENT_READER_SECONDS", "20"))
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.images.PortalImageForm"
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"  # see portal/storage.py
# PostgreSQL stems English words whatever the server's default text search configuration; SQLite
# stems with FTS5's porter tokenizer (search/migrations/0001_porter_stemming_on_sqlite.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}}
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

# Mail and background tasks: see mail.py.
from .mail import *  # noqa: E402, F403

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "portal.logging.RequestIdFilter"},
        "once_a_minute": {"()": "portal.logging.OncePerInterval", "seconds": 60},
    },
    "formatters": {
        "json": {"()": "portal.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": env_str("LOG_FORMAT", "json"),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per background task (search index, reference index) says nothing useful.
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        # Its start-up banner would land in every management command's output.
        "axes": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
        # With Redis down, every request logs the same traceback: one a minute is enough.
        "django_redis.cache": {"filters": ["once_a_minute"]},
    },
}

# Admin sign-in, lockouts and password reset: see sign_in.py.
from .sign_in import *  # noqa: E402, F403

PORTAL_REQUIRE_ADMIN_2FA = env_bool("REQUIRE_ADMIN_2FA", default=True)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the Django admin never shows TOTP secrets
