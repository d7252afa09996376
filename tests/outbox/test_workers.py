"""Real worker processes (`manage.py db_worker --backend mail`) on PostgreSQL send what the site queued.

The issue's finding: "Request changes" with a comment, while the mail server is down, answered 500,
recorded nothing and stored the comment again on each autosave. Now it completes, and the mail
arrives once the server is back.
"""

import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest
import requests
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.core.management import call_command
from django.test import Client
from wagtail.models import Comment, PageSubscription, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset

from news.models import NewsArticlePage
from outbox.models import OutboxMessage
from tests.helpers import PASSWORD, add_url, article_form, errors
from tests.mail_queue import REPO
from tests.smtp_server import free_port


def user(django_user_model, username, role):
    person = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
    person.groups.add(Group.objects.get(name=role))
    return person


def submitted_statement(client, news_editor, news_index):
    """The news editor's statement, in moderation; they follow its comments (the new comment emails them)."""
    client.force_login(news_editor)
    response = client.post(
        add_url(NewsArticlePage, news_index), article_form("Reviewed statement", "reviewed", action="action-submit")
    )
    assert response.status_code == 302, errors(response)
    article = NewsArticlePage.objects.get(slug="reviewed")
    assert article.current_workflow_state is not None, response["Location"]
    PageSubscription.objects.update_or_create(page=article, user=news_editor, defaults={"comment_notifications": True})
    return article


def assert_changes_were_requested_once(response, article):
    assert response.status_code == 302, errors(response)
    state = WorkflowState.objects.for_instance(article).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert TaskState.objects.get(workflow_state=state).status == TaskState.STATUS_REJECTED
    assert [c.text for c in Comment.objects.filter(page=article)] == ["Is this the final title?"]


def request_changes_with_a_comment(article):
    """The moderator's edit form: a new comment on the title, and the "Request changes" button with its note."""
    comment = {
        "id": "",
        "contentpath": "title",
        "text": "Is this the final title?",
        "position": "",
        "resolved": "",
        "DELETE": "",
        "replies": inline_formset([]),
    }
    return article_form(
        "Reviewed statement",
        "reviewed",
        action="action-workflow-action",
        comments=inline_formset([comment]),
        **{
            "workflow-action-name": "reject",
            "workflow-action-extra-data": json.dumps({"comment": "Please check the quotes."}),
        },
    )


def test_request_changes_with_a_comment_while_the_mail_server_is_down_answers_normally_and_keeps_the_mail(
    queued_mail, django_user_model, news_index, django_capture_on_commit_callbacks
):
    """In this process (any database): before the outbox, this answered 500 with ConnectionRefusedError."""
    news_editor = user(django_user_model, "writer", "News editors")
    moderator = user(django_user_model, "moderator", "Moderators")
    article = submitted_statement(Client(), news_editor, news_index)
    queued_mail.stop()

    client = Client()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{article.pk}/edit/", request_changes_with_a_comment(article))

    assert_changes_were_requested_once(response, article)
    kept = [message for message in OutboxMessage.objects.all() if "writer@example.org" in message.recipients]
    assert len(kept) == 2 and all(message.attempts == 1 for message in kept)


def test_request_changes_with_a_comment_while_the_mail_server_is_down_completes_and_the_mail_arrives_later(
    mail_workers, smtp_server, django_user_model, news_index
):
    # The roles and the News review workflow, as the migration makes them (a transactional test's flush took them).
    call_command("setup_editorial", stdout=io.StringIO())
    news_editor = user(django_user_model, "writer", "News editors")
    moderator = user(django_user_model, "moderator", "Moderators")
    article = submitted_statement(Client(), news_editor, news_index)
    smtp_server.stop()
    smtp_server.clear()
    mail_workers.start(OUTBOX_RETRY_SECONDS="1")  # a worker already trying, against a server that is down

    client = Client()
    client.force_login(moderator)
    response = client.post(f"/admin/pages/{article.pk}/edit/", request_changes_with_a_comment(article))

    assert_changes_were_requested_once(response, article)
    assert any("writer@example.org" in message.recipients for message in OutboxMessage.objects.all())

    # The worker tries, fails, and tries again; the server comes back and the mail is delivered.
    mail_workers.wait_until_attempted()
    smtp_server.start()
    mail_workers.wait_until_nothing_is_queued()
    to_writer = smtp_server.to("writer@example.org")
    assert len(to_writer) == 2, [message["Subject"] for message in to_writer]  # changes requested; a new comment
    assert all("Reviewed statement" in message["Subject"] for message in to_writer)
    assert len({message["Message-ID"] for message in smtp_server.messages}) == len(smtp_server.messages)
    assert Comment.objects.filter(page=article).count() == 1


def test_a_password_reset_email_arrives_through_a_worker(mail_workers, smtp_server, django_user_model, home):
    django_user_model.objects.create_user("editor", "editor@example.org", PASSWORD, is_staff=True)
    mail_workers.start()

    response = Client().post("/admin/password_reset/", {"email": "editor@example.org"})

    assert response.status_code == 302
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "editor@example.org"
    assert "/admin/password_reset/confirm/" in message.get_body(("plain",)).get_content()


def test_a_message_that_keeps_failing_is_kept_for_administrators(mail_workers, smtp_server, admin_user):
    smtp_server.stop()
    send_mail("Never delivered", "Body.", "portal@example.org", ["someone@example.org"])
    mail_workers.start(OUTBOX_RETRY_SECONDS="0", OUTBOX_MAX_ATTEMPTS="3")

    mail_workers.wait_until_nothing_is_queued()
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (OutboxMessage.Status.FAILED, 3)
    client = Client()
    client.force_login(admin_user)
    assert "Never delivered" in client.get("/admin/reports/undelivered-email/").content.decode()


def test_two_workers_deliver_each_message_exactly_once(mail_workers, smtp_server):
    addresses = [f"reader-{n}@example.org" for n in range(40)]
    for address in addresses:
        send_mail(f"For {address}", "Body.", "portal@example.org", [address])
    assert OutboxMessage.objects.count() == 40

    mail_workers.start(2)

    smtp_server.wait_for(40)
    mail_workers.wait_until_nothing_is_queued()
    mail_workers.stop()  # nothing more can arrive
    assert sorted(recipient for _, [recipient] in smtp_server.envelopes) == sorted(addresses)


def test_make_runs_one_command_serves_the_site_and_delivers_mail_and_ctrl_c_stops_both(mail_workers, smtp_server):
    port = free_port()
    command = [sys.executable, "manage.py", "serve_with_worker", f"127.0.0.1:{port}"]
    # Its own process group, as a terminal's foreground job: Ctrl+C reaches the server and the worker.
    # And Ctrl+C's default action, as a terminal gives it: a suite run in the background (`.ci/run &`,
    # `nohup`) ignores SIGINT, and every process it starts would inherit that.
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=mail_workers.environment(),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, "the development server did not start"
            time.sleep(0.5)
        send_mail("Hello from make run", "Body.", "portal@example.org", ["developer@example.org"])

        [message] = smtp_server.wait_for(1, timeout=60)
        assert message["Subject"] == "Hello from make run"
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            alive = processes_of_group(process.pid)
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail(f"Ctrl+C did not stop make run's processes within 30 s; still running:\n{alive}")
    assert not group_is_alive(process.pid), "the worker outlived the server"


def processes_of_group(group_id):
    """`ps`'s lines for the processes of a group: what each runs and what it waits in."""
    listing = ["ps", "-o", "pid,ppid,stat,etime,wchan:24,args", "--sid", str(group_id)]
    return subprocess.run(listing, capture_output=True, text=True, check=False).stdout


def group_is_alive(group_id, grace=15):
    """Whether any process of the group is still running `grace` seconds on (then it is killed)."""
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            os.killpg(group_id, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.2)
    os.killpg(group_id, signal.SIGKILL)
    return True
