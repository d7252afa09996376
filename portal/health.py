import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse

from portal.db.watchdog import time_limit

logger = logging.getLogger(__name__)
# However the database behaves, the load balancer hears back within a few seconds: connecting
# gives up after DATABASE_CONNECT_TIMEOUT, the query after this (see portal/db/watchdog.py).
QUERY_SECONDS = 2


def healthz(request):
    """For the load balancer: 200 when the database answers; the cache is reported, not required."""
    checks = {"database": "ok", "cache": "not configured"}
    status = 200
    try:
        with time_limit(QUERY_SECONDS), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        checks["database"] = "unavailable"
        status = 500
    if settings.CACHE_URL:
        try:
            cache.client.get_client().ping()
            checks["cache"] = "ok"
        except Exception:  # noqa: BLE001 - whatever stops us reaching Redis means the same here
            logger.warning("Health check: the cache does not answer")
            checks["cache"] = "unavailable"
    response = JsonResponse(checks, status=status)
    response["Cache-Control"] = "no-store"
    return response
