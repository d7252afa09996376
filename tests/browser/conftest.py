"""Fixtures for the real-browser tests: one demo site, one Chromium, a new page per test.

Run them with ``pytest tests/browser -m browser`` after ``scripts/browser-deps`` (which installs
Debian's Chromium at /usr/bin/chromium and axe-core into node_modules/ from package-lock.json).

The site under test is a throwaway demo site served by ``manage.py runserver`` in a subprocess,
built from scratch in a temporary folder with ``migrate`` and ``load_demo``. It always runs on a
SQLite file in that folder, even when the rest of the suite runs on PostgreSQL: these tests test
the front end as a visitor sees it, over HTTP, so they need no database of their own and stay
independent of pytest-django's test database (they use none of its db fixtures). Nothing here
touches Django's ORM in-process either: Playwright's sync API keeps an asyncio loop marked as
running, under which Django raises SynchronousOnlyOperation.

Screenshots: every page type is saved as a full-page PNG at 375 and 1280 px wide into
``test-artifacts/screenshots/`` at the repository root (``SCREENSHOT_DIR`` below), named
``<page-type>-<width>.png``, e.g. ``publication-375.png``. The folder is git-ignored.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import NamedTuple

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

#: Where the screenshot tests write ``<page-type>-<width>.png`` (git-ignored; see the module docstring).
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"

SETUP_HINT = "run scripts/browser-deps (it installs Debian's chromium and axe-core from package-lock.json)"

#: Debian's Chromium. The tests never download a browser of their own.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: axe-core, pinned in package.json / package-lock.json, injected into each page it checks.
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

#: How long a Playwright action or assertion waits before it fails (ms). Every page is local.
TIMEOUT_MS = 10_000


class PageType(NamedTuple):
    name: str  # used in test ids and screenshot file names
    path: str
    status: int = 200
    pending: str = ""  # why this page is expected to fail for now (an xfail reason), if it is


#: One demo page of each type. A test that takes a ``page_type`` argument runs once for each, or for
#: those named in its module's ``PAGE_TYPE_NAMES`` list, if it has one.
PAGE_TYPES = [
    PageType("home", "/"),
    PageType("policy-area", "/police-capabilities-and-serious-organised-crime/"),
    PageType("portfolio", "/police-capabilities-and-serious-organised-crime/serious-organised-crime/"),
    PageType("news-index", "/news/"),
    PageType("statement", "/news/joint-apcc-leads-respond-to-serious-and-organised-crime-strategy/"),
    PageType("video", "/news/donna-jones-serious-organised-crime-update/"),
    PageType("publications-index", "/resources-and-publications/"),
    PageType("publication", "/resources-and-publications/forensics-capability-network-explainer/"),
    PageType("media-enquiries", "/media-enquiries/"),  # a standard page
    PageType("accessibility-statement", "/accessibility-statement/"),
    PageType("privacy", "/privacy-and-cookies/"),
    PageType("person", "/people/alison-hernandez/"),
    PageType("search-results", "/search/?q=forensics"),
    PageType("not-found", "/this-page-does-not-exist/", status=404),
]


class Viewport(NamedTuple):
    width: int
    height: int


#: A test that takes a ``viewport`` argument runs once for each: a phone and a laptop.
VIEWPORTS = [Viewport(375, 812), Viewport(1280, 800)]
DESKTOP = Viewport(1280, 800)


def pytest_configure(config):
    # Also registered in pyproject.toml; repeated here so that --strict-markers accepts it either way.
    config.addinivalue_line("markers", "browser: drives a real Chromium")


def pytest_generate_tests(metafunc):
    if "page_type" in metafunc.fixturenames:
        names = getattr(metafunc.module, "PAGE_TYPE_NAMES", None)
        unknown = set(names or ()) - {page_type.name for page_type in PAGE_TYPES}
        assert not unknown, f"{metafunc.module.__name__}.PAGE_TYPE_NAMES: no such page types {sorted(unknown)}"
        metafunc.parametrize(
            "page_type",
            [
                pytest.param(
                    page_type,
                    id=page_type.name,
                    marks=[pytest.mark.xfail(reason=page_type.pending, strict=False)] if page_type.pending else [],
                )
                for page_type in PAGE_TYPES
                if names is None or page_type.name in names
            ],
        )
    if "viewport" in metafunc.fixturenames:
        metafunc.parametrize("viewport", VIEWPORTS, ids=[str(v.width) for v in VIEWPORTS])


@pytest.fixture(autouse=True)
def media_root():
    """Replaces tests/conftest.py's autouse fixture of that name: the site under test runs in its own
    process, with its own MEDIA_ROOT, so the browser tests change no in-process Django settings."""


# The demo site ----------------------------------------------------------------------------------
#
# Package scope: one server and one browser for the whole browser suite, stopped as soon as its last
# test has run, so that the rest of the suite, if run in the same pytest process, runs without
# Playwright's driver and event loop (see the module docstring) or the demo server still about.


@pytest.fixture(scope="package")
def demo_site(tmp_path_factory) -> str:
    """The base URL of a freshly built demo site, served by runserver in a subprocess.

    Built in a temporary folder: DATABASE_URL is a SQLite file there, whatever the environment says
    (see the module docstring), and MEDIA_ROOT (the demo's documents) is there too. ``--insecure``
    serves the static files although DEBUG is off, so the 404 page is the real, styled one.
    """
    folder = tmp_path_factory.mktemp("browser-demo-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{folder / 'browser.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CACHE_URL", None)  # a shared Redis would mix this throwaway site's cache with another's
    manage = [sys.executable, str(REPO_ROOT / "manage.py")]

    for command in (["migrate", "--no-input"], ["load_demo"]):
        done = subprocess.run(
            manage + command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
        )
        if done.returncode != 0:
            pytest.fail(
                f"manage.py {' '.join(command)} failed ({done.returncode}):\n{_tail(done.stdout + done.stderr)}",
                pytrace=False,
            )

    with serving(manage, env, folder) as base_url:
        yield base_url


@contextlib.contextmanager
def serving(manage: list[str], env: dict[str, str], folder: Path):
    """Serves a site with ``runserver --insecure`` on a free port until the block ends; yields its base URL."""
    base_url = f"http://127.0.0.1:{_free_port()}"
    log_path = folder / "runserver.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            manage + ["runserver", base_url.rsplit("/", 1)[1], "--noreload", "--insecure"],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_answering(base_url, server, log_path)
            yield base_url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_answering(base_url: str, server: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"runserver exited ({server.returncode}):\n{_tail(log_path.read_text())}", pytrace=False)
        try:
            with urllib.request.urlopen(base_url + "/", timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered, if not with 200: the tests say what is wrong with the page
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"runserver did not answer at {base_url} within {timeout:.0f} s:\n{_tail(log_path.read_text())}")


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])


# The browser ------------------------------------------------------------------------------------


@pytest.fixture(scope="package")
def browser():
    """Debian's headless Chromium, driven by Playwright; fails (never skips) when it is not installed."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: {SETUP_HINT}", pytrace=False)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def new_page(browser, demo_site):
    """Opens a page on the demo site, in a context of its own: ``new_page(width, height, javascript=True)``.

    Relative URLs (``page.goto("/news/")``) go to the demo site. Reduced motion is requested, so that
    screenshots and focus checks see finished states. CSP is bypassed so that axe-core can be injected.
    """
    contexts = []

    def open_page(width: int = DESKTOP.width, height: int = DESKTOP.height, *, javascript: bool = True):
        context = browser.new_context(
            base_url=demo_site,
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            reduced_motion="reduce",
            bypass_csp=True,
            accept_downloads=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def page_types() -> dict[str, PageType]:
    """The demo pages by name, e.g. ``page_types["statement"].path``."""
    return {page_type.name: page_type for page_type in PAGE_TYPES}


@pytest.fixture(scope="session")
def visit():
    """``visit(page, page_type)``: opens it, checks the HTTP status it should answer with, waits for fonts."""

    def open_page_type(page, page_type: PageType):
        response = page.goto(page_type.path)
        assert response is not None, f"{page_type.name}: no response for {page_type.path}"
        assert response.status == page_type.status, (
            f"{page_type.name}: GET {page_type.path} answered {response.status}, expected {page_type.status}"
        )
        page.evaluate("() => document.fonts.ready.then(() => true)")
        return response

    return open_page_type


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


# axe-core ---------------------------------------------------------------------------------------


class AxeReport(NamedTuple):
    violations: list[dict]

    def __str__(self) -> str:
        lines = [f"{len(self.violations)} axe-core violation(s):"]
        for violation in self.violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}  {violation['helpUrl']}")
            for node in violation["nodes"]:
                summary = " ".join((node["failureSummary"] or "").split())
                lines.append(f"    {' '.join(map(str, node['target']))}  -- {summary[:200]}")
        return "\n".join(lines)


RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary})),
    }));
}"""


@pytest.fixture(scope="session")
def run_axe():
    """``run_axe(page)``: injects axe-core into the page and returns an AxeReport of its WCAG 2.x A/AA violations."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS.relative_to(REPO_ROOT)} is missing: {SETUP_HINT}", pytrace=False)

    def run(page) -> AxeReport:
        page.add_script_tag(path=str(AXE_JS))
        return AxeReport(page.evaluate(RUN_AXE, AXE_TAGS))

    return run
