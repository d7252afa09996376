"""The static ceiling: a WSGI application that is whitenoise alone, serving STATIC_ROOT at /static/.

`gunicorn -w 2 bench.ceiling_app:application` from the repository (bench/pages.py runs it): what
gunicorn and whitenoise serve with nothing else in front, the yardstick the issue's goals are
fractions of.
"""

import os

from whitenoise import WhiteNoise


def not_found(environ, start_response):
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"Not found"]


application = WhiteNoise(not_found, root=os.environ["STATIC_ROOT"], prefix="/static/", max_age=31536000)
