import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

django_application = get_wsgi_application()

# Imported once Django is set up: static files are answered before Django's middleware (portal/static_files.py).
from portal.static_files import StaticFiles  # noqa: E402

application = StaticFiles(django_application)
