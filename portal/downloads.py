"""Document downloads (/documents/, Wagtail's serve view) as HTTP clients expect them.

After the view, so every privacy check (portal.wagtail_hooks, Wagtail's own) has already run: only a
file the request may have is ever touched here. Wagtail's sendfile code writes `Content-Encoding:
None` (the encoding it guessed, none, as a string), which is taken out; and a `Range` request for a
single range gets a 206 with that part of the file, so a large download can resume.
"""

import os
import re

from django.http import HttpResponse, StreamingHttpResponse

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "ETag",
    "Last-Modified",
    "Cache-Control",
)


def file_size(response):
    try:
        return os.fstat(response.file_to_stream.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        return None


def requested_range(header, size):
    """(first, last) byte of a single `bytes=` range, None for a header to ignore, or "unsatisfiable"."""
    match = RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None  # several ranges or another unit: the whole file, as RFC 9110 allows
    start, end = match.groups()
    if start == "":  # the last N bytes
        length = int(end)
        return (max(size - length, 0), size - 1) if length else "unsatisfiable"
    first, last = int(start), int(end) if end else size - 1
    if first >= size:
        return "unsatisfiable"
    if last < first:
        return None
    return first, min(last, size - 1)


def if_range_matches(request, response):
    condition = request.headers.get("If-Range")
    return condition is None or condition in (response.get("ETag"), response.get("Last-Modified"))


def part_of(file, first, last):
    try:
        file.seek(first)
        remaining = last - first + 1
        while remaining > 0:
            chunk = file.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        file.close()


class DocumentDownloadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/documents/") or response.status_code != 200:
            return response
        if response.get("Content-Encoding") in ("None", ""):
            del response["Content-Encoding"]
        size = file_size(response) if getattr(response, "streaming", False) else None
        if size is None:
            return response
        response["Accept-Ranges"] = "bytes"
        header = request.headers.get("Range")
        if request.method != "GET" or not header or not if_range_matches(request, response):
            return response
        wanted = requested_range(header, size)
        if wanted is None:
            return response
        if wanted == "unsatisfiable":
            response.file_to_stream.close()
            refused = HttpResponse(status=416)
            refused["Content-Range"] = f"bytes */{size}"
            return refused
        first, last = wanted
        partial = StreamingHttpResponse(part_of(response.file_to_stream, first, last), status=206)
        for name in KEPT_HEADERS:
            if name in response:
                partial[name] = response[name]
        partial["Content-Range"] = f"bytes {first}-{last}/{size}"
        partial["Content-Length"] = str(last - first + 1)
        partial["Accept-Ranges"] = "bytes"
        return partial
