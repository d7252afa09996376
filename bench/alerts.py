#!/usr/bin/env python
"""Email alerts at scale (issue 12), by hand, never by CI: N confirmed subscribers to one portfolio, one
statement published through the admin, every alert accepted by a local SMTP server (aiosmtpd).

Reports the publish request's latency (with a handful of subscribers and with N: it must not grow, the
fan-out is the workers' job) and messages per second from publish to the last message accepted, with 1
and with 2 `db_worker --backend mail` processes. Writes bench/results/alerts-<time>.json and .md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_alerts .venv/bin/python bench/alerts.py \\
        --subscribers 10000 --workers 1 2
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Counter:
    def __init__(self):
        self.count, self.last = 0, None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            self.last = time.monotonic()
        return "250 OK"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or url.rstrip("/").rsplit("/", 1)[-1] in ("portal", "test_portal"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own (not portal or test_portal).")

    from aiosmtpd.controller import Controller

    counter, port = Counter(), free_port()
    smtp = Controller(counter, hostname="127.0.0.1", port=port)
    smtp.start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "TASKS_BACKEND": "database",
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=REPO, env=env, check=True)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Page, Site

    from alerts.models import AlertDelivery, AlertItem, AlertList, Subscriber, Subscription
    from demo.builders import add_page
    from news.models import NewsArticlePage, NewsIndexPage
    from outbox.models import OutboxMessage
    from portal.models import HomePage
    from portfolios.models import PolicyAreaPage, PortfolioPage
    from tests.helpers import add_url, article_form

    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        root.get_children().delete()
        home = add_page(root, HomePage(title="Home", slug="home"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "policy.example.org", "port": 443, "root_page": home}
        )
    news = NewsIndexPage.objects.first() or add_page(home, NewsIndexPage(title="News", slug="news"))
    area = PolicyAreaPage.objects.first() or add_page(
        home, PolicyAreaPage(title="Area", slug="area", introduction="<p>x</p>")
    )
    portfolio = PortfolioPage.objects.first() or add_page(
        area, PortfolioPage(title="Bench portfolio", slug="bench", summary="x")
    )
    admin = get_user_model().objects.filter(
        username="bench-admin"
    ).first() or get_user_model().objects.create_superuser("bench-admin", password="bench-password-long-1")
    client = Client()
    client.force_login(admin)

    def reset(subscribers):
        AlertDelivery.objects.all().delete()
        AlertItem.objects.all().delete()
        OutboxMessage.objects.all().delete()
        DBTaskResult.objects.all().delete()
        Subscriber.objects.all().delete()
        now = timezone.now()
        made = Subscriber.objects.bulk_create(
            (Subscriber(email=f"reader{n}@example.org", confirmed_at=now) for n in range(subscribers)), batch_size=2000
        )
        Subscription.objects.bulk_create(
            (Subscription(subscriber=s, list=AlertList.PORTFOLIO, portfolio=portfolio, confirmed_at=now) for s in made),
            batch_size=2000,
        )

    def publish(title):
        slug = f"bench-{time.time_ns()}"
        data = {**article_form(title, slug, update_alert_note=""), "portfolios": [portfolio.pk]}
        started = time.perf_counter()
        response = client.post(add_url(NewsArticlePage, news), data)
        elapsed = time.perf_counter() - started
        assert response.status_code == 302, response.status_code
        assert NewsArticlePage.objects.get(slug=slug).live
        return elapsed

    results = {"subscribers": args.subscribers, "runs": []}
    reset(5)
    publish("Warm-up")
    latency_few = sorted(publish(f"Few subscribers {n}") for n in range(3))[1]
    for workers in args.workers:
        reset(args.subscribers)
        counter.count, counter.last = 0, None
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "db_worker",
                    "--backend",
                    "mail",
                    "--queue-name",
                    "mail",
                    "--interval",
                    "0.1",
                    "--no-startup-delay",
                    "--worker-id",
                    f"bench-{workers}-{n}",
                ],
                cwd=REPO,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for n in range(workers)
        ]
        try:
            time.sleep(2)
            started = time.monotonic()
            latency = publish(f"Bench with {workers} worker(s)")
            deadline = started + args.timeout
            while counter.count < args.subscribers and time.monotonic() < deadline:
                time.sleep(0.5)
            seconds = (counter.last or time.monotonic()) - started
            duplicates = AlertDelivery.objects.filter(status=AlertDelivery.SENT).count() - counter.count
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=30)
        run = {
            "workers": workers,
            "publish_latency_s": round(latency, 3),
            "accepted": counter.count,
            "seconds": round(seconds, 1),
            "messages_per_second": round(counter.count / seconds, 1),
            "sent_minus_accepted": duplicates,
        }
        print(json.dumps(run), flush=True)
        results["runs"].append(run)
    results["publish_latency_few_subscribers_s"] = round(latency_few, 3)
    smtp.stop()

    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = REPO / "bench" / "results"
    (out / f"alerts-{stamp}.json").write_text(json.dumps(results, indent=2) + "\n")
    lines = [
        f"# Email alerts: {args.subscribers} subscribers to one portfolio ({stamp})",
        "",
        f"Publish request latency with 5 subscribers: {results['publish_latency_few_subscribers_s']} s",
        "",
        "| Workers | Publish latency (s) | Accepted by SMTP | Seconds | Messages/s |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {r['workers']} | {r['publish_latency_s']} | {r['accepted']} | {r['seconds']} | {r['messages_per_second']} |"
        for r in results["runs"]
    ]
    (out / f"alerts-{stamp}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
