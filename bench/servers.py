"""The benchmark's site: its database prepared, gunicorn serving it, a media proxy in front (see run.py)."""

import http.server
import json
import mimetypes
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "results"
PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"  # loopback only: the benchmark never addresses anything else
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/1"
PROTECTED_DATABASES = {"portal", "test_portal"}  # CI's and the other engineers': never used here
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

# The page types measured, in the order they are shown. Their addresses are picked from the
# database by PICK_URLS: the busiest hub, an article with quotes, a publication with two files...
PAGE_TYPES = [
    ("home", "Home"),
    ("policy_area", "Policy area"),
    ("portfolio", "Portfolio"),
    ("person", "Person"),
    ("news_index", "News index, page 1"),
    ("news_index_deep", "News index, deep page"),
    ("article", "Article with quotes"),
    ("video", "Video"),
    ("publication_index", "Publications index"),
    ("publication", "Publication, 2 files"),
    ("search", "Search"),
]

PICK_URLS = r"""
import json, math
import django
django.setup()
from django.db.models import Count
from news.index_listing import NEWS_PER_PAGE
from news.models import NewsArticlePage, NewsIndexPage, VideoPage
from portfolios.models import Person, PolicyAreaPage, PortfolioPage
from publications.models import PolicyDocument, PublicationIndexPage, PublicationPage

live = lambda model: model.objects.live().public()
news_index = live(NewsIndexPage).first()
listed = news_index.listed_items().count()
person = (
    Person.objects.filter(live=True).annotate(quotes=Count("quoted_in", distinct=True),
    leads=Count("portfolio_leads", distinct=True)).order_by("-leads", "-quotes", "pk").first()
)
article = (
    live(NewsArticlePage).annotate(quoted=Count("quoted_people")).filter(quoted__gte=1)
    .order_by("-quoted", "-first_published_at").first()
)
filed_news = NewsArticlePage.portfolios.through.objects.values("portfoliopage")
busiest_portfolio = filed_news.annotate(n=Count("pk")).order_by("-n", "portfoliopage")[0]["portfoliopage"]
publication = (
    live(PublicationPage).annotate(files=Count("attachments")).filter(files=2).order_by("-first_published_at").first()
)
urls = {
    "home": "/",
    "policy_area": live(PolicyAreaPage).annotate(n=Count("pk")).order_by("-numchild", "path").first().url,
    "portfolio": live(PortfolioPage).get(pk=busiest_portfolio).url,
    "person": f"/people/{person.slug}/",
    "news_index": news_index.url,
    "news_index_deep": f"{news_index.url}?page={max(1, math.ceil(listed / NEWS_PER_PAGE) // 2)}",
    "article": article.url,
    "video": live(VideoPage).exclude(transcript="").order_by("-date").first().url,
    "publication_index": live(PublicationIndexPage).first().url,
    "publication": publication.url,
    "search": "/search/?q=knife+crime",
}
content = {
    "news articles": live(NewsArticlePage).count(),
    "videos": live(VideoPage).count(),
    "publications": live(PublicationPage).count(),
    "documents": PolicyDocument.objects.count(),
    "portfolios": live(PortfolioPage).count(),
    "policy areas": live(PolicyAreaPage).count(),
    "people": Person.objects.filter(live=True).count(),
}
print(json.dumps({"urls": urls, "content": content}))
"""


def say(message=""):
    print(message, flush=True)


def fail(message):
    say(f"bench: {message}")
    sys.exit(1)


def database_name(url):
    return urlsplit(url).path.lstrip("/")


def check_tools(need_hey=True):
    if not GUNICORN.exists():
        fail(f"gunicorn is not installed: {REPO}/.venv/bin/pip install gunicorn")
    if need_hey and not shutil.which("hey"):
        fail("hey is not installed: apt-get install hey")


def app_environment(args, cache_url=None):
    env = {key: value for key, value in os.environ.items() if key not in ("CACHE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="bench",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DEBUG="false",
        DATABASE_URL=args.database_url,
        MEDIA_ROOT=args.media_root,
        STATIC_ROOT=args.static_root,
        LOG_LEVEL=args.log_level,
        PYTHONPATH=str(REPO),
    )
    if cache_url:
        env["CACHE_URL"] = cache_url
    return env


def manage(args, *command, quiet=False):
    result = subprocess.run(
        [str(PYTHON), "manage.py", *command],
        cwd=REPO,
        env=app_environment(args),
        stdout=subprocess.DEVNULL if quiet else None,
        check=False,
    )
    if result.returncode:
        fail(f"manage.py {' '.join(command)} failed")


def prepare(args):
    """The benchmark database with bulk content, and the static files collected."""
    name = database_name(args.database_url)
    if name in PROTECTED_DATABASES:
        fail(f"refusing to use the database {name!r}: it belongs to CI and the other engineers")
    if not args.skip_prepare:
        if urlsplit(args.database_url).scheme.startswith("postgres"):
            parts = urlsplit(args.database_url)
            connection = [
                "-h",
                parts.hostname or HOST,
                "-p",
                str(parts.port or 5432),
                "-U",
                parts.username or "postgres",
            ]
            exists = subprocess.run(
                ["psql", *connection, "-d", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            if not exists:
                say(f"Creating the database {name}")
                subprocess.run(["createdb", *connection, name], check=True)
        say(f"Preparing {name}: migrate, then load_bulk (which adds only what is missing)")
        manage(args, "migrate", "--no-input", "-v0")
        manage(args, "load_bulk", *args.load_bulk.split())
    say(f"Collecting static files into {args.static_root}")
    manage(args, "collectstatic", "--no-input", "-v0")
    result = subprocess.run(
        [str(PYTHON), "-c", PICK_URLS], cwd=REPO, env=app_environment(args), capture_output=True, text=True
    )
    if result.returncode:
        fail(f"could not pick the pages to measure:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


@contextmanager
def server(args, cache_url=None, app="portal.wsgi:application", ready_path="/", name=None):
    """gunicorn with 2 sync workers on 127.0.0.1, stopped (its whole process group) on the way out.
    `app` and `ready_path` (answered with 200 once it is up) for another WSGI application (the ceiling)."""
    config = Path(args.run_dir) / "gunicorn.conf.py"
    config.write_text("# bench/run.py: every setting is on the command line; the project's own file is not read.\n")
    name = name or ("cache" if cache_url else "nocache")
    log = open(Path(args.run_dir) / f"gunicorn-{name}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(GUNICORN),
            app,
            "--config",
            str(config),
            "--bind",
            f"{HOST}:{args.port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
            "--timeout",
            "60",
            "--keep-alive",
            "5",
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env=app_environment(args, cache_url),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so that it and its workers are stopped together
    )
    args.server_pid = process.pid  # for bench/pages.py's memory figure (its workers' RSS)

    def log_tail():
        log.flush()
        return "\n".join(Path(log.name).read_text(errors="replace").splitlines()[-30:])

    try:
        base = f"http://{HOST}:{args.port}"
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                fail(f"gunicorn stopped:\n{log_tail()}")
            try:
                with urllib.request.urlopen(base + ready_path, timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                fail(f"gunicorn did not answer within 60 s:\n{log_tail()}")
            time.sleep(0.5)
        yield base
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


class _FrontProxy(http.server.BaseHTTPRequestHandler):
    """What the README asks of the proxy in front of the app: /media/images/ from MEDIA_ROOT
    (renditions are public), everything else passed to gunicorn. For Lighthouse only."""

    backend = media_root = None
    HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer"}

    def do_GET(self):
        path = urlsplit(self.path).path
        if path.startswith("/media/images/"):
            return self.serve_image(path.removeprefix("/media/"))
        request = urllib.request.Request(self.backend + self.path, headers={
            name: value for name, value in self.headers.items() if name.lower() not in self.HOP_BY_HOP
        })  # fmt: skip
        try:
            response = urllib.request.build_opener(_NoRedirects).open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        body = response.read()
        self.send_response(response.status)
        for name, value in response.headers.items():
            if name.lower() not in self.HOP_BY_HOP | {"content-length", "server", "date"}:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def serve_image(self, relative):
        root = Path(self.media_root).resolve()
        file = (root / relative).resolve()
        if root not in file.parents or not file.is_file():
            self.send_error(404)
            return
        body = file.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(file.name)[0] or "application/octet-stream")
        self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@contextmanager
def front_proxy(args, backend):
    """The proxy in front of `backend` on 127.0.0.1 (the next port), stopped on the way out."""
    handler = type("Handler", (_FrontProxy,), {"backend": backend, "media_root": args.media_root})
    proxy = http.server.ThreadingHTTPServer((HOST, args.port + 1), handler)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{args.port + 1}"
    finally:
        proxy.shutdown()
        proxy.server_close()


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def stylesheet_url(base):
    """The site's main stylesheet, by its hashed name, read from the home page: the static ceiling."""
    _status, _headers, body = fetch(base + "/")
    match = re.search(rb'href="(/static/css/portal[^"]*\.css)"', body)
    if not match:
        fail("could not find the stylesheet on the home page")
    return match.group(1).decode()


# Load ----------------------------------------------------------------------------------------------
