import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

django_application = get_wsgi_application()

# Imported once Django is set up. Static files are answered before anything else
# (portal/static_files.py), then a page the shared cache holds before Django's handler (portal/page_cache.py).
from portal.page_cache import PageCacheHits  # noqa: E402
from portal.static_files import StaticFiles  # noqa: E402

application = StaticFiles(PageCacheHits(django_application))
