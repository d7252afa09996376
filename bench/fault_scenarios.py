"""The scenarios of bench/faults.py: each returns the figures it recorded, as a dict."""

import contextlib
import http.client
import re
import socket
import ssl
import statistics
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import redis

from tests.crafted_files import inflating_pptx

# The first three are cached (in Redis) once visited; deep listing pages are not, until visited.
PAGES = ["/", "/news/", "/resources-and-publications/", "/news/?page=40", "/news/?page=7"]


# Clients ------------------------------------------------------------------------------------


def request(stack, path, method="GET", body=None, headers=None, source="127.0.0.1", timeout=30, direct=None):
    """(status or error name, seconds, response) for one request: TLS to nginx, or plain HTTP to a server."""
    started = time.monotonic()
    if direct:
        conn = http.client.HTTPConnection("127.0.0.1", direct.port, timeout=timeout, source_address=(source, 0))
        host = f"127.0.0.1:{direct.port}"
    else:
        context = ssl.create_default_context(cafile=str(stack.nginx.certificate))
        context.check_hostname = False
        conn = http.client.HTTPSConnection(
            "localhost", stack.nginx.port, context=context, timeout=timeout, source_address=(source, 0)
        )
        host = f"localhost:{stack.nginx.port}"
    try:
        conn.request(method, path, body=body, headers={"Host": host, "X-Forwarded-Proto": "https", **(headers or {})})
        response = conn.getresponse()
        response.body = response.read()
        return response.status, time.monotonic() - started, response
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__, time.monotonic() - started, None
    finally:
        conn.close()


class Load:
    """`clients` threads requesting `paths` in turn until stopped; every answer recorded with its time."""

    def __init__(self, stack, paths, clients, direct=None, pause=0.0):
        self.events, self.stop_event, self.t0 = [], threading.Event(), time.monotonic()
        self.threads = [
            threading.Thread(target=self.run, args=(stack, paths, n, direct, pause), daemon=True)
            for n in range(clients)
        ]
        for thread in self.threads:
            thread.start()

    def run(self, stack, paths, n, direct, pause):
        i = n
        while not self.stop_event.is_set():
            path = paths[i % len(paths)]
            path = path(i) if callable(path) else path
            started = time.monotonic() - self.t0
            status, took, _ = request(stack, path, direct=direct, source=f"127.0.1.{n + 1}")
            self.events.append((started, path.split("&")[0], status, took))
            i += 1
            if pause:
                time.sleep(pause)

    def stop(self):
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=60)
        return self.events


def percentile(values, share):
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * share))] * 1000) if values else None


def figures(events):
    statuses = {}
    for _, _, status, _ in events:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    took = [event[3] for event in events]
    return {
        "requests": len(events),
        "statuses": statuses,
        "p50_ms": percentile(took, 0.50),
        "p95_ms": percentile(took, 0.95),
        "p99_ms": percentile(took, 0.99),
        "max_ms": round(max(took) * 1000) if took else None,
    }


def rss_mb(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


# Scenarios ----------------------------------------------------------------------------------


def uncached(i):
    """A listing page never asked for before: a page-cache miss, so the database is queried."""
    return f"/news/?page={i % 150 + 1}&fresh={time.monotonic_ns()}"


def db_hang(stack, args):
    """PostgreSQL stopped (SIGSTOP) for --hang-seconds under load; then resumed."""
    for path in PAGES[:3]:  # in the page cache: what a cache hit does during the hang is reported
        request(stack, path)
    load = Load(stack, [*PAGES[:3], uncached, uncached], args.clients)
    health = Load(stack, ["/healthz"], 1, direct=stack.servers[0], pause=0.5)
    time.sleep(10)
    stopped = time.monotonic() - load.t0
    stack.cluster.pause()
    time.sleep(args.hang_seconds)
    stack.cluster.resume()
    resumed = time.monotonic() - load.t0
    time.sleep(25)
    events, health_events = load.stop(), health.stop()

    # Each answer counts where it arrived: before the stop, during the hang, or after resuming.
    def arrived(event):
        return event[0] + event[3]

    before = [e for e in events if arrived(e) < stopped]
    during = [e for e in events if stopped <= arrived(e) < resumed]
    errors = [e for e in events if arrived(e) >= stopped and e[2] != 200]
    after = [e for e in events if arrived(e) >= resumed]
    last_bad_after = max((arrived(e) for e in after if e[2] != 200), default=resumed)
    health_during = [e for e in health_events if stopped <= arrived(e) < resumed]
    cached = [e for e in during if e[1] in PAGES[:3]]
    uncached_during = [e for e in during if e[1] not in PAGES[:3]]
    return {
        "hang_seconds": args.hang_seconds,
        "clients": args.clients,
        "before": figures(before),
        "during": figures(during),
        "during_cached_pages": figures(cached),
        "during_uncached_pages": figures(uncached_during),
        "after": figures(after),
        "time_to_first_error_s": round(min(arrived(e) for e in errors) - stopped, 2) if errors else None,
        "time_to_recover_s": round(last_bad_after - resumed, 2),
        "healthz_during": figures(health_during),
        "healthz_after": figures([e for e in health_events if arrived(e) >= resumed]),
    }


def recycling(stack, args):
    """Workers recycled every 100 requests (jitter 50) under load, for 30 s."""
    stack.start_servers("--max-requests", "100", "--max-requests-jitter", "50")
    workers = set()
    load = Load(stack, PAGES[:3], args.clients)
    end = time.monotonic() + 30
    while time.monotonic() < end:
        for server in stack.servers:
            workers.update(server.worker_pids())
        time.sleep(0.05)
    result = figures(load.stop())
    result["workers_seen"] = len(workers)
    stack.start_servers()
    return result


def slowloris(stack, args):
    """200 connections sending a header line a second; meanwhile 4 ordinary clients for 15 s."""
    result = {}
    for target in ("nginx", "gunicorn_direct"):
        direct = stack.servers[0] if target == "gunicorn_direct" else None
        slow = []
        for _ in range(200):
            raw = socket.create_connection(("127.0.0.1", direct.port if direct else stack.nginx.port), timeout=5)
            if not direct:
                context = ssl.create_default_context(cafile=str(stack.nginx.certificate))
                context.check_hostname = False
                raw = context.wrap_socket(raw, server_hostname="localhost")
            raw.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
            slow.append(raw)
        stop = threading.Event()

        def trickle(slow=slow, stop=stop):
            while not stop.wait(1):
                for connection in slow:
                    with contextlib.suppress(OSError):
                        connection.sendall(b"X-Slow: 1\r\n")

        trickler = threading.Thread(target=trickle, daemon=True)
        trickler.start()
        load = Load(stack, PAGES[:3], 4, direct=direct)
        time.sleep(15)
        result[target] = figures(load.stop())
        stop.set()
        trickler.join()
        for connection in slow:
            connection.close()
        if direct:  # its workers may have been killed for the stuck requests: let it settle
            time.sleep(5)
    return result


class Browser:
    """A signed-in admin session through nginx, from one loopback address."""

    def __init__(self, stack, source="127.0.0.1", direct=None):
        self.stack, self.source, self.direct, self.cookies = stack, source, direct, {}
        self.origin = f"https://127.0.0.1:{direct.port}" if direct else stack.url

    def go(self, method, path, body=None, content_type="application/x-www-form-urlencoded"):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                   "Referer": f"{self.origin}{path}"}  # fmt: skip
        if body is not None:
            headers["Content-Type"] = content_type
        status, took, response = request(self.stack, path, method, body, headers, self.source, direct=self.direct)
        for name, value in response.getheaders() if response else []:
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";")[0]
        return status, took, response

    def token(self, response):
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.body)[1].decode()

    def sign_in(self, username, password):
        _, _, form = self.go("GET", "/admin/login/")
        body = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": self.token(form)})
        return self.go("POST", "/admin/login/", body)[0]


def uploads(stack, args):
    """The crafted .pptx uploaded through the admin; a 200 MB body sent at nginx."""
    crafted = inflating_pptx(megabytes=400)
    browser = Browser(stack)
    assert browser.sign_in("editor", "bench-admin-password-1") == 302
    _, _, form = browser.go("GET", "/admin/documents/add/")
    boundary = "----portal-faults"
    fields = {"title": "Crafted slides", "collection": "1", "csrfmiddlewaretoken": browser.token(form)}
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                    for k, v in fields.items())  # fmt: skip
    body += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="crafted.pptx"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    body += crafted + f"\r\n--{boundary}--\r\n".encode()
    workers = [pid for server in stack.servers for pid in server.worker_pids()]
    before = {pid: rss_mb(pid) for pid in workers}
    status, took, _ = browser.go("POST", "/admin/documents/add/", body, f"multipart/form-data; boundary={boundary}")
    after = {pid: rss_mb(pid) for pid in workers if Path(f"/proc/{pid}").exists()}
    warned = "search will not find words in it" in stack.log_text()

    context = ssl.create_default_context(cafile=str(stack.nginx.certificate))
    context.check_hostname = False
    with (socket.create_connection(("127.0.0.1", stack.nginx.port), timeout=10) as raw,
          context.wrap_socket(raw, server_hostname="localhost") as tls):  # fmt: skip
        started = time.monotonic()
        tls.sendall(b"POST /admin/documents/add/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; "
                    b"boundary=x\r\nContent-Length: 209715200\r\n\r\n")  # fmt: skip
        tls.settimeout(5)
        answer = tls.recv(200)
        refused_after = time.monotonic() - started
    return {
        "crafted_pptx_kb": len(crafted) // 1024,
        "crafted_slide_inflates_to_mb": 400,
        "upload_status": status,
        "upload_seconds": round(took, 2),
        "warning_logged": warned,
        "worker_rss_mb_before": {str(k): round(v) for k, v in before.items()},
        "worker_rss_mb_after": {str(k): round(v) for k, v in after.items()},
        "largest_rss_increase_mb": round(max(after[pid] - before[pid] for pid in after), 1),
        "oversized_body_answer": answer.split(b"\r\n")[0].decode(),
        "oversized_body_refused_after_ms": round(refused_after * 1000),
        "oversized_body_bytes_sent": 0,
    }


def password_reset(stack, args):
    """50 resets each for a registered and an unknown address (straight to one server, counters
    cleared between tries so that every try does its work); then 8 quick tries through nginx."""
    cache = redis.Redis(port=stack.redis_port)
    times = {"registered": [], "unknown": []}
    statuses = set()
    for n in range(50):
        for kind, email in (("registered", "editor@example.org"), ("unknown", f"nobody{n}@example.org")):
            for key in cache.scan_iter("*password-reset*"):
                cache.delete(key)
            browser = Browser(stack, direct=stack.servers[0])
            _, _, form = browser.go("GET", "/admin/password_reset/")
            body = urlencode({"email": email, "csrfmiddlewaretoken": browser.token(form)})
            status, took, _ = browser.go("POST", "/admin/password_reset/", body)
            statuses.add(status)
            times[kind].append(took)
    through_proxy = [request(stack, "/admin/password_reset/", "POST", "", source="127.0.0.40")[0] for _ in range(8)]
    medians = {kind: round(statistics.median(values) * 1000, 1) for kind, values in times.items()}
    return {
        "median_ms": medians,
        "difference_ms": round(abs(medians["registered"] - medians["unknown"]), 1),
        "statuses": sorted(map(str, statuses)),
        "through_nginx_note": "POSTs without a CSRF token: nginx lets 4 through (the app refuses them), then 429",
        "through_nginx_statuses": through_proxy,
    }


def lockout(stack, args):
    """An outsider's 5 wrong passwords for 'editor'; then the editor signs in from elsewhere."""
    outsider = Browser(stack, source="127.0.0.50")
    answers = [outsider.sign_in("editor", "wrong-password") for _ in range(5)]
    time.sleep(7)  # nginx's sign-in rate limit (10 a minute) for the outsider's sixth try
    answers.append(outsider.sign_in("editor", "bench-admin-password-1"))
    editor = Browser(stack, source="127.0.0.51").sign_in("editor", "bench-admin-password-1")
    return {"outsider_statuses": answers, "editor_elsewhere_status": editor}


def error_page(stack, args):
    """A server whose static manifest is missing: what a visitor gets."""
    from tests.deploy.servers import Gunicorn, wait_for

    empty = stack.work / "no-static"
    empty.mkdir(exist_ok=True)
    server = Gunicorn(stack.environment(STATIC_ROOT=str(empty), SECURE_SSL_REDIRECT="false"), workers=1)
    try:
        wait_for(f"{server.url}/healthz")
        status, _, response = request(stack, "/", direct=server)
        body = response.body.decode(errors="replace") if response else ""
    finally:
        server.stop()
    return {"status": status, "sites_own_page": "Sorry, there is a problem with the service" in body,
            "bytes": len(body)}  # fmt: skip
