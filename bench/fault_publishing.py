"""bench/faults' publishing scenario: 50 clients through nginx for 60 s while statements are published
through `add_child` + `publish` and through the admin, with Redis stopped for the middle 20 s."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from fault_scenarios import PAGES, Browser, Load, figures, request, uncached

REPO = Path(__file__).resolve().parent.parent
PUBLISH_IN_A_SHELL = """
from news.models import NewsArticlePage, NewsIndexPage
page = NewsArticlePage(title="Published by a script {n}", slug="script-{n}", summary="Published under load.")
NewsIndexPage.objects.first().add_child(instance=page)
page.save_revision().publish()
"""


def statement_form_data(article_form, title, slug, csrf_token):
    """The admin's add form for a statement, filled in and with Publish pressed."""
    return urlencode({**article_form(title, slug), "csrfmiddlewaretoken": csrf_token})


def form_builder():
    """tests.helpers.article_form, which needs Django's settings (its rich text is converted as the editor's)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from tests.helpers import article_form

    return article_form


def news_index_id(stack):
    shell = "from news.models import NewsIndexPage; print(NewsIndexPage.objects.first().pk)"
    found = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", shell],
        cwd=REPO, env=stack.environment(), check=True, capture_output=True, text=True,
    )  # fmt: skip
    return int(found.stdout.split()[-1])


def publish_through_the_admin(stack, stop, answers):
    browser = Browser(stack, source="127.0.0.60")
    assert browser.sign_in("editor", "bench-admin-password-1") == 302
    add = f"/admin/pages/add/news/newsarticlepage/{news_index_id(stack)}/"
    article_form = form_builder()
    n = 0
    while not stop.is_set():
        n += 1
        _, _, form = browser.go("GET", add)
        body = statement_form_data(article_form, f"Published in the admin {n}", f"admin-{n}", browser.token(form))
        answers.append(browser.go("POST", add, body)[0])
        stop.wait(3)


def publish_in_a_shell(stack, stop, answers):
    n = 0
    while not stop.is_set():
        n += 1
        done = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", PUBLISH_IN_A_SHELL.format(n=n)],
            cwd=REPO, env=stack.environment(), capture_output=True,
        )  # fmt: skip
        answers.append(done.returncode)
        stop.wait(3)


def publishing_without_redis(stack, args, seconds=60, clients=50, redis_down=20):
    for path in PAGES[:3]:  # in the page cache when Redis stops
        request(stack, path)
    load = Load(stack, [*PAGES, uncached, "/news/feed/rss/"], clients)
    stop, admin_answers, shell_answers = threading.Event(), [], []
    publishers = [
        threading.Thread(target=publish_through_the_admin, args=(stack, stop, admin_answers), daemon=True),
        threading.Thread(target=publish_in_a_shell, args=(stack, stop, shell_answers), daemon=True),
    ]
    for publisher in publishers:
        publisher.start()
    time.sleep((seconds - redis_down) / 2)
    stack.redis.terminate()
    stack.redis.wait()
    time.sleep(redis_down)
    stack.start_redis()
    time.sleep((seconds - redis_down) / 2)
    stop.set()
    for publisher in publishers:
        publisher.join(timeout=60)
    events = load.stop()
    result = figures(events)
    result.update(
        clients=clients,
        seconds=seconds,
        redis_stopped_seconds=redis_down,
        responses_5xx=sum(1 for event in events if str(event[2]).startswith("5")),
        published_through_the_admin=admin_answers,
        published_in_a_shell_exit_codes=shell_answers,
    )
    return result
