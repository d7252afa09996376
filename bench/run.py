#!/usr/bin/env python3
"""Load benchmark and Lighthouse scores for Policy Portal: never a test, run by hand.

    .venv/bin/python bench/run.py load         # requests/s and latency per page type (bench/load)
    .venv/bin/python bench/run.py lighthouse   # Lighthouse category scores per page type (bench/lighthouse)

Both prepare the benchmark database (create it if missing, migrate, load_bulk, which
runs load_demo first when there is no site yet, and tops up to the numbers asked for),
collect the static files into a temporary STATIC_ROOT, serve the site with gunicorn and
portal.settings.production on 127.0.0.1, measure, and stop the server. Everything is
bounded: each measurement runs for a fixed time, and nothing but loopback is addressed.
See bench/README.md.
"""

import argparse
import csv
import datetime
import io
import json
import math
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from servers import (
    BENCH,
    CHROME_FLAGS,
    DEFAULT_CACHE_URL,
    DEFAULT_DATABASE_URL,
    HOST,
    LIGHTHOUSE_CATEGORIES,
    PAGE_TYPES,
    REPO,
    RESULTS,
    check_tools,
    database_name,
    fail,
    fetch,
    front_proxy,
    prepare,
    say,
    server,
    stylesheet_url,
)


def percentile(sorted_values, percent):
    """The nearest-rank percentile of a sorted list."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(percent / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def hey(url, duration, concurrency):
    """Runs hey for `duration` seconds with `concurrency` clients; requests/s and latency percentiles.

    Read from hey's per-request CSV rather than its summary, whose percentiles are missing
    (printed as 0) when a slow page gets fewer than 100 responses in the time."""
    command = ["hey", "-z", f"{duration}s", "-c", str(concurrency), "-t", "30", "-o", "csv", url]
    output = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(output)))
    if not rows:
        fail(f"hey got no responses from {url}")
    latencies = sorted(float(row["response-time"]) * 1000 for row in rows)
    elapsed = max(float(row["offset"]) + float(row["response-time"]) for row in rows)
    return {
        "requests_per_second": len(rows) / max(elapsed, duration),
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "p99_ms": percentile(latencies, 99),
        "mean_ms": statistics.fmean(latencies),
        "responses": len(rows),
        "non_200": sum(row["status-code"] != "200" for row in rows),
    }


def measure(base, urls, args, label):
    """Each page type, then the stylesheet, for a fixed time each; one row per target."""
    targets = [(key, title, urls[key]) for key, title in PAGE_TYPES]
    targets.append(("static_css", "Static CSS (ceiling)", stylesheet_url(base)))
    rows = []
    for key, title, path in targets:
        for _ in range(args.warmup):  # renditions, caches and the page cache filled before measuring
            fetch(base + path)
        _status, headers, body = fetch(base + path)
        say(f"  [{label}] {title:<26} {path[:70]}")
        result = hey(base + path, args.duration, args.concurrency)
        rows.append(
            {"key": key, "title": title, "url": path, "bytes": len(body), "x_cache": headers.get("X-Cache"), **result}
        )
    ceiling = rows[-1]["requests_per_second"]
    for row in rows:
        row["of_ceiling"] = row["requests_per_second"] / ceiling if ceiling else None
    return rows


def page_cache_in_use(base, urls):
    """Whether the site serves repeat anonymous requests from a page cache (it says so in X-Cache)."""
    fetch(base + urls["news_index"])
    _status, headers, _body = fetch(base + urls["news_index"])
    return headers.get("X-Cache")


def print_table(mode, rows):
    say()
    say(f"{mode}")
    header = (
        f"{'page type':<26} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'of ceiling':>10} {'non-200':>8}"
    )
    say(header)
    say("-" * len(header))
    for row in rows:
        ratio = f"{row['of_ceiling']:.1%}" if row["of_ceiling"] is not None else "-"
        cache = f"  X-Cache: {row['x_cache']}" if row["x_cache"] else ""
        say(
            f"{row['title']:<26} {row['requests_per_second']:>8.1f} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
            f"{row['p99_ms']:>8.1f} {ratio:>10} {row['non_200']:>8}{cache}"
        )


def plot(path, modes):
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        say(f"No plot: matplotlib is not installed ({REPO}/.venv/bin/pip install matplotlib; the bench only).")
        return None
    names = list(modes)
    pages = [row["title"] for row in modes[names[0]] if row["key"] != "static_css"]
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(12, 9), constrained_layout=True)
    width = 0.8 / len(names)
    for offset, name in enumerate(names):
        rows = [row for row in modes[name] if row["key"] != "static_css"]
        xs = [index + offset * width for index in range(len(rows))]
        top.bar(xs, [row["requests_per_second"] for row in rows], width, label=name)
        bottom.bar(xs, [row["p95_ms"] for row in rows], width, label=f"{name}: p95")
        bottom.scatter(xs, [row["p99_ms"] for row in rows], marker="_", s=200, color="black")
        ceiling = next(row for row in modes[name] if row["key"] == "static_css")
        top.axhline(ceiling["requests_per_second"], linestyle="--", linewidth=1, color=f"C{offset}")
    ticks = [index + width * (len(names) - 1) / 2 for index in range(len(pages))]
    for axis in (top, bottom):
        axis.set_xticks(ticks, pages, rotation=30, ha="right")
    top.set_ylabel("requests/s (dashed: static CSS ceiling)")
    top.set_yscale("log")
    top.legend()
    bottom.set_ylabel("latency, ms (bar p95, tick p99)")
    bottom.legend()
    figure.suptitle("Policy Portal: gunicorn, 2 workers, 8 concurrent clients, loopback")
    figure.savefig(path, dpi=110)
    return path


def run_load(args):
    check_tools()
    setup = prepare(args)
    urls = setup["urls"]
    started = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()
    modes, notes = {}, []
    say(
        f"\nMeasuring {len(PAGE_TYPES)} page types and the stylesheet, "
        f"{args.duration} s each, {args.concurrency} clients"
    )
    with server(args) as base:
        modes["no cache"] = measure(base, urls, args, "no cache")
    if args.cache == "off":
        notes.append("The Redis cache run was not asked for (--cache off).")
    elif not redis_answers(args.cache_url):
        notes.append(f"The Redis cache run was skipped: nothing answers at {args.cache_url}.")
    else:
        with server(args, cache_url=args.cache_url) as base:
            cache_header = page_cache_in_use(base, urls)
            if cache_header or args.cache == "on":
                if not cache_header:
                    notes.append("With CACHE_URL set the site sends no X-Cache header: it has no page cache.")
                modes["Redis cache"] = measure(base, urls, args, "Redis cache")
            else:
                notes.append(
                    "The site has no page cache: with CACHE_URL set it answers without an X-Cache header, and Redis "
                    "would only hold Django's small caches, so the Redis run was skipped (--cache on to run it anyway)."
                )
    load_after = os.getloadavg()

    for mode, rows in modes.items():
        print_table(mode, rows)
    for note in notes:
        say(f"\nNote: {note}")
    say(f"\nLoad average before/after: {load_before[0]:.2f} / {load_after[0]:.2f} (2 cores; others may be running)")

    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    RESULTS.mkdir(exist_ok=True)
    result = {
        "started": started.isoformat(),
        "git": git_state(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "load_before": load_before},
        "load_after": load_after,
        "settings": {
            "django_settings": "portal.settings.production",
            "workers": args.workers,
            "concurrency": args.concurrency,
            "duration_s": args.duration,
            "database": database_name(args.database_url),
            "load_bulk": args.load_bulk,
        },
        "content": setup["content"],
        "urls": urls,
        "modes": modes,
        "notes": notes,
    }
    json_path = RESULTS / f"{stamp}.json"
    json_path.write_text(json.dumps(result, indent=2))
    png_path = plot(RESULTS / f"{stamp}.png", modes)
    say(f"\nWrote {json_path.relative_to(REPO)}" + (f" and {png_path.relative_to(REPO)}" if png_path else ""))


def redis_answers(cache_url):
    parts = urlsplit(cache_url)
    if parts.hostname not in (HOST, "localhost"):
        fail("CACHE_URL must point at this machine's loopback address")
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=2) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def git_state():
    def git(*command):
        return subprocess.run(["git", *command], cwd=REPO, capture_output=True, text=True).stdout.strip()

    return {"commit": git("rev-parse", "HEAD"), "changed_files": len(git("status", "--porcelain").splitlines())}


# Lighthouse ----------------------------------------------------------------------------------------


def run_lighthouse(args):
    check_tools(need_hey=False)
    lighthouse = BENCH / "node_modules" / ".bin" / "lighthouse"
    if not lighthouse.exists():
        say("Installing Lighthouse into bench/node_modules (npm ci)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH, check=True)
    if not Path(args.chrome_path).exists():
        fail(f"no Chromium at {args.chrome_path}: apt-get install chromium, or give --chrome-path")
    setup = prepare(args)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    reports = RESULTS / f"lighthouse-{stamp}"
    reports.mkdir(parents=True)
    rows = []
    with server(args) as backend, front_proxy(args, backend) as base:
        for key, title in PAGE_TYPES:
            url = base + setup["urls"][key]
            fetch(url)  # warm: renditions and caches
            report = reports / f"{key}.json"
            say(f"  Lighthouse: {title:<26} {setup['urls'][key][:70]}")
            # Lighthouse now and then fails to record a trace (NO_NAVSTART): one more try.
            for attempt in (1, 2):
                completed = subprocess.run(
                    [
                        str(lighthouse),
                        url,
                        "--quiet",
                        "--output=json",
                        f"--output-path={report}",
                        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
                        f"--chrome-flags={CHROME_FLAGS}",
                        *args.lighthouse_args.split(),
                    ],
                    cwd=BENCH,
                    env={**os.environ, "CHROME_PATH": args.chrome_path},
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
                if not completed.returncode and report.exists():
                    break
                say(f"    failed (attempt {attempt} of 2): {completed.stderr.strip()[-500:]}")
            else:
                rows.append({"key": key, "title": title, "url": setup["urls"][key], "scores": None})
                continue
            data = json.loads(report.read_text())
            scores = {
                name: round(data["categories"][name]["score"] * 100)
                if data["categories"][name]["score"] is not None
                else None
                for name in LIGHTHOUSE_CATEGORIES
            }
            metrics = {
                audit: data["audits"][audit].get("numericValue")
                for audit in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                              "cumulative-layout-shift", "server-response-time")
                if audit in data["audits"]
            }  # fmt: skip
            rows.append({"key": key, "title": title, "url": setup["urls"][key], "scores": scores, "metrics": metrics})

    say()
    header = f"{'page type':<26} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}   {'LCP ms':>7} {'TTFB ms':>8}"
    say(header)
    say("-" * len(header))
    for row in rows:
        if row["scores"] is None:
            say(f"{row['title']:<26} failed")
            continue
        scores = [row["scores"][name] for name in LIGHTHOUSE_CATEGORIES]
        lcp = row["metrics"].get("largest-contentful-paint") or 0
        ttfb = row["metrics"].get("server-response-time") or 0
        say(f"{row['title']:<26} " + " ".join(f"{score:>5}" for score in scores) + f"   {lcp:>7.0f} {ttfb:>8.0f}")
    summary = RESULTS / f"lighthouse-{stamp}.json"
    summary.write_text(json.dumps({"started": stamp, "git": git_state(), "pages": rows}, indent=2))
    say(f"\nWrote {summary.relative_to(REPO)} (full reports in {reports.relative_to(REPO)}/)")
    failed = [row for row in rows if row["scores"] is None]
    if failed:
        sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["load", "lighthouse"])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--media-root", default=os.environ.get("BENCH_MEDIA_ROOT", "/tmp/portal-bench-media"))
    parser.add_argument("--static-root", default="/tmp/portal-bench-static")
    parser.add_argument(
        "--load-bulk",
        default="--news 10000 --publications 2000 --portfolios 40 --people 300",
        help="The load_bulk arguments for the benchmark content (default: %(default)s).",
    )
    parser.add_argument("--skip-prepare", action="store_true", help="Use the database as it is (no migrate/load).")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per page type (default 10).")
    parser.add_argument("--warmup", type=int, default=3, help="Unmeasured requests before each page type.")
    parser.add_argument(
        "--cache",
        choices=["auto", "on", "off"],
        default="auto",
        help="auto: run again with CACHE_URL when the site shows a page cache (X-Cache header).",
    )
    parser.add_argument("--cache-url", default=os.environ.get("BENCH_CACHE_URL", DEFAULT_CACHE_URL))
    parser.add_argument("--log-level", default="INFO", help="The site's LOG_LEVEL while measured (default INFO).")
    parser.add_argument("--chrome-path", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--lighthouse-args", default="", help='More Lighthouse flags, e.g. "--preset=desktop".')
    args = parser.parse_args()
    if not 1 <= args.duration <= 120 or not 1 <= args.concurrency <= 64:
        fail("keep --duration within 1–120 s and --concurrency within 1–64")
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as run_dir:
        args.run_dir = run_dir
        run_load(args) if args.what == "load" else run_lighthouse(args)


if __name__ == "__main__":
    main()
