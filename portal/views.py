from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render

# Read once, when the URLconf is loaded: answering an error then needs no template engine, no
# static manifest, no database and no file system, any of which may be what failed.
SERVER_ERROR_PAGE = (settings.BASE_DIR / "templates" / "500.html").read_bytes()


def server_error(request):
    """handler500: the error page as it is stored, with nothing that can fail while serving it."""
    return HttpResponseServerError(SERVER_ERROR_PAGE, content_type="text/html; charset=utf-8")


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the site's own styled page (Django's has an inline style the CSP blocks)."""
    response = render(request, "403_csrf.html", status=403)
    response["Cache-Control"] = "private, no-store"
    return response
