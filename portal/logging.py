"""Logging: the id of the request being served on every line written while serving it, one
JSON object per line, and a filter that holds back a message repeated many times a minute."""

import contextvars
import json
import logging
import re
import time
import uuid

current_request_id = contextvars.ContextVar("request_id", default="-")
# An id from the proxy in front is kept only if it looks like one: it ends up in logs.
ACCEPTABLE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")


def request_id_from(header_value):
    if header_value and ACCEPTABLE_REQUEST_ID.match(header_value):
        return header_value
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: what log collectors read without a parsing rule."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class OncePerInterval(logging.Filter):
    """Lets a logger's records through at most once per `seconds` for each message, saying how
    many like it were held back since. For failures that repeat on every request, such as
    the cache server being down: one traceback a minute says as much as thousands."""

    def __init__(self, seconds=60):
        super().__init__()
        self.seconds = seconds
        self.last_passed = {}  # message -> (when it last went through, how many held back since)

    def filter(self, record):
        now = time.monotonic()
        key = (record.name, record.msg)
        passed_at, held_back = self.last_passed.get(key, (None, 0))
        if passed_at is not None and now - passed_at < self.seconds:
            self.last_passed[key] = (passed_at, held_back + 1)
            return False
        self.last_passed[key] = (now, 0)
        if held_back:
            record.msg = f"{record.msg} (and {held_back} times more in the last {self.seconds} s, not logged)"
        return True
