from portal.logging import current_request_id, request_id_from


class RequestIdMiddleware:
    """Gives each request an id (the proxy's X-Request-ID, or a new one), logged and returned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request_id_from(request.headers.get("X-Request-ID"))
        # Not reset on the way out: Django logs an error response ("Not Found: /x") after
        # the middleware has returned, and that line should carry the id too.
        current_request_id.set(request.id)
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        return response
