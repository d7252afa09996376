"""Static files served before Django's middleware stack, with the headers a file needs.

portal/wsgi.py wraps the WSGI application in StaticFiles: a request for a collected static file is
answered by whitenoise alone, without the request-id, security, CSP and permissions-policy
middleware, which cost a file request half its speed (issue 18). The headers a file needs from
those are computed once per file, when the server starts (portal/static_headers.py). Django's own
WhiteNoiseMiddleware stays in MIDDLEWARE for runserver and the test client, configured the same way.
"""

from whitenoise.base import WhiteNoise
from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFiles(WhiteNoiseMiddleware):
    """A WSGI application: the static files whitenoise knows (configured from Django's settings, as
    WhiteNoiseMiddleware is: STATIC_ROOT, the manifest's immutable names, finders in tests), and
    everything else passed to `application`."""

    def __init__(self, application):
        super().__init__()
        self.application = application

    def __call__(self, environ, start_response):
        return WhiteNoise.__call__(self, environ, start_response)

    serve = staticmethod(WhiteNoise.serve)
