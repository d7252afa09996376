"""Calling the project's WSGI application as a server does, for what runs before Django's handler."""

import io
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


def wsgi_get(app, path, query_string="", **environ):
    """(status, headers, body) of a GET of `path` from the WSGI application `app`."""
    env = {"PATH_INFO": path, "QUERY_STRING": query_string, "REQUEST_METHOD": "GET", "wsgi.input": io.BytesIO()}
    env.update(environ)
    setup_testing_defaults(env)
    env.setdefault("HTTP_HOST", "localhost")
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    chunks = app(env, start_response)
    body = b"".join(chunks)
    getattr(chunks, "close", lambda: None)()
    return answer["status"], answer["headers"], body


@pytest.fixture
def test_transaction_kept():
    """As Django's test client does: the handler does not close the test's database connection
    (on PostgreSQL that would end the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
