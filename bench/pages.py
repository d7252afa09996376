#!/usr/bin/env python3
"""Issue 18's comparison in one command (bench/run-pages): never a test, run by hand.

The static ceiling (the site's stylesheet served by `gunicorn -w 2` running whitenoise alone,
bench/ceiling_app.py), then the site uncached (portal.settings.production, no CACHE_URL, 2 sync
workers) on four databases: SQLite and PostgreSQL, each with the demo content (`load_demo` on a
fresh database) and with the 10k bulk content (`load_bulk --news 10000 --publications 2000
--portfolios 40 --people 300`). Each page type is measured with `hey -z <duration>s -c 8`;
after each site its workers' RSS is read. Writes bench/results/pages-<time>.{json,md,svg}: req/s,
p95 and the share of the ceiling per page type, against the issue's goals. See bench/README.md.
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path
from types import SimpleNamespace

from pages_report import write_reports
from run import git_state, hey
from servers import HOST, PYTHON, REPO, RESULTS, app_environment, check_tools, fail, fetch, manage, say, server

PAGES = [
    ("home", "Home"),
    ("news_index", "News index"),
    ("news_deep", "News index, page 500"),
    ("article", "The SOC statement"),
    ("policy_area", "Policy area"),
    ("search", 'Search "forensics"'),
    ("css", "Its CSS file"),
]
BULK = "--news 10000 --publications 2000 --portfolios 40 --people 300"
SQLITE_DIR = Path("/tmp/portal-bench-pages")
PROTECTED = {"portal", "test_portal"}

PICK = r"""
import json
import django
django.setup()
from news.models import NewsArticlePage, NewsIndexPage
from portfolios.models import PolicyAreaPage
live = lambda model: model.objects.live().public()
news_index = live(NewsIndexPage).first()
article = live(NewsArticlePage).filter(title__icontains="serious and organised crime harms").first()
area = live(PolicyAreaPage).filter(slug="police-capabilities-and-serious-organised-crime").first()
area = area or live(PolicyAreaPage).order_by("-numchild", "path").first()
print(json.dumps({
    "urls": {"home": "/", "news_index": news_index.url, "news_deep": news_index.url + "?page=500",
             "article": article.url, "policy_area": area.url, "search": "/search/?q=forensics"},
    "news_items": news_index.listed_items().count(),
}))
"""


def sites(args):
    """(name, database, content, DATABASE_URL) of each site measured."""
    found = []
    for database in args.databases:
        for content in args.contents:
            if database == "sqlite":
                url = f"sqlite:///{SQLITE_DIR / f'{content}.sqlite3'}"
            else:
                url = f"{args.postgres}/portal_bench_{content}"
            found.append((f"{database}, {content}", database, content, url))
    return found


def site_args(args, url, number):
    return SimpleNamespace(
        database_url=url,
        media_root=args.media_root,
        static_root=args.static_root,
        log_level="WARNING",
        run_dir=args.run_dir,
        port=args.port + number,
        workers=2,
    )


def psql(args, sql):
    host = args.postgres.split("@")[-1].split(":")[0]
    subprocess.run(["psql", "-h", host, "-U", "postgres", "-d", "postgres", "-qc", sql], check=True)


def prepare(args, name, database, content, url, site):
    """A fresh database for the demo content (as a new deployment has); the bulk one topped up."""
    if database == "postgres":
        db = url.rsplit("/", 1)[-1]
        if db in PROTECTED:
            fail(f"refusing the database {db}")
        if content == "demo" and not args.keep_demo:
            psql(args, f"DROP DATABASE IF EXISTS {db}")
        query = f"SELECT 1 FROM pg_database WHERE datname='{db}'"
        command = ["psql", "-h", HOST, "-U", "postgres", "-d", "postgres", "-tAc", query]
        exists = subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
        if not exists:
            psql(args, f"CREATE DATABASE {db}")
    else:
        SQLITE_DIR.mkdir(exist_ok=True)
        path = Path(url.removeprefix("sqlite:///"))
        if content == "demo" and not args.keep_demo:
            path.unlink(missing_ok=True)
    say(f"Preparing {name}: migrate, then {'load_demo' if content == 'demo' else 'load_bulk ' + BULK}")
    manage(site, "migrate", "--no-input", "-v0")
    if content == "demo":
        manage(site, "load_demo", quiet=True)
    else:
        manage(site, "load_bulk", *BULK.split(), quiet=True)
    result = subprocess.run(
        [str(PYTHON), "-c", PICK], cwd=REPO, env=app_environment(site), capture_output=True, text=True
    )
    if result.returncode:
        fail(f"could not pick the pages of {name}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def measured(base, path, args):
    """hey for each pass, averaged: req/s and p95 (the passes' mean), and how many responses."""
    for _ in range(3):  # renditions, per-process caches
        fetch(base + path)
    passes = [hey(base + path, args.duration, args.concurrency) for _ in range(args.passes)]
    return {
        "requests_per_second": statistics.fmean(run["requests_per_second"] for run in passes),
        "p50_ms": statistics.fmean(run["p50_ms"] for run in passes),
        "p95_ms": statistics.fmean(run["p95_ms"] for run in passes),
        "responses": sum(run["responses"] for run in passes),
        "non_200": sum(run["non_200"] for run in passes),
    }


def workers_rss_mb(master_pid):
    """The RSS of each of the gunicorn master's workers, in MB."""
    sizes = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master_pid):
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def ceiling(args, css):
    site = site_args(args, "sqlite://", 9)
    with server(site, app="bench.ceiling_app:application", ready_path=css, name="ceiling") as base:
        return measured(base, css, args)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=5, help="seconds of hey per page type and pass (5)")
    parser.add_argument("--passes", type=int, default=1, help="passes per page type, averaged (1)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--databases", default="sqlite,postgres", type=lambda value: value.split(","))
    parser.add_argument("--contents", default="demo,10k", type=lambda value: value.split(","))
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432", help="server (no database)")
    parser.add_argument("--keep-demo", action="store_true", help="reuse the demo databases (not fresh)")
    parser.add_argument("--port", type=int, default=8770)
    parser.add_argument("--media-root", default="/tmp/portal-bench-media")
    parser.add_argument("--static-root", default="/tmp/portal-bench-static")
    args = parser.parse_args()
    if not 1 <= args.duration <= 60 or not 1 <= args.passes <= 5:
        fail("keep --duration within 1–60 s and --passes within 1–5")
    check_tools()
    started = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()
    results = {"sites": {}}
    with tempfile.TemporaryDirectory(prefix="portal-pages-") as run_dir:
        args.run_dir = run_dir
        prepared = []
        css = None
        for number, (name, database, content, url) in enumerate(sites(args)):
            site = site_args(args, url, number)
            prepared.append((name, database, content, site, prepare(args, name, database, content, url, site)))
        manage(prepared[0][3], "collectstatic", "--no-input", "-v0")
        css = "/static/" + json.loads(Path(args.static_root, "staticfiles.json").read_text())["paths"]["css/portal.css"]
        say("  [ceiling] whitenoise alone, before")
        before = ceiling(args, css)
        for name, database, content, site, picked in prepared:
            with server(site, name=name.replace(", ", "-")) as base:
                urls = {**picked["urls"], "css": css}
                rows = {}
                for key, title in PAGES:
                    say(f"  [{name}] {title:<22} {urls[key][:60]}")
                    rows[key] = {"title": title, "url": urls[key], **measured(base, urls[key], args)}
                served = sum(row["responses"] for row in rows.values())
                rss = workers_rss_mb(site.server_pid)
            results["sites"][name] = {
                "database": database,
                "content": content,
                "news_items": picked["news_items"],
                "pages": rows,
                "memory": {"workers_rss_mb": rss, "after_requests": served},
            }
        say("  [ceiling] whitenoise alone, after")
        after = ceiling(args, css)
    # The mean of the two measurements, one before the sites and one after.
    results["ceiling"] = {key: statistics.fmean([before[key], after[key]]) for key in ("requests_per_second", "p95_ms")}
    results["ceiling_runs"] = [before, after]
    results.update(
        started=started.isoformat(),
        git=git_state(),
        load_average={"before": load_before, "after": os.getloadavg()},
        settings={"duration_s": args.duration, "passes": args.passes, "concurrency": args.concurrency, "workers": 2},
    )
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    RESULTS.mkdir(exist_ok=True)
    paths = write_reports(RESULTS / f"pages-{stamp}", results)
    say("\n" + paths["md"].read_text())
    say("Wrote " + ", ".join(str(path.relative_to(REPO)) for path in paths.values()))


if __name__ == "__main__":
    main()
