"""A first look at the admin with no extra step: on a development site's first `make run`
(`create_demo_users`), one demo user per role with a generated password, printed once with the
admin's address; never with production settings."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from news.models import NewsArticlePage
from tests.helpers import add_url, article_form, errors

ROLES = {
    "demo-admin": None,
    "demo-news-editor": "News editors",
    "demo-moderator": "Moderators",
    "demo-portfolio-editor": "Portfolio editors",
    "demo-member": "Members",
}


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("create_demo_users", "--admin-url", "http://127.0.0.1:8000/admin/", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def sign_ins(output):
    return dict(re.findall(r"^\s+(demo-[a-z-]+)\s+(\S+)\s", output, re.M))


@pytest.fixture
def development(settings):
    settings.DEMO_USERS_ALLOWED = True


def test_the_first_run_creates_one_user_per_role_and_prints_their_sign_ins_once(db, development):
    output, _ = run()
    assert "the admin: http://127.0.0.1:8000/admin/" in output
    printed = sign_ins(output)
    assert set(printed) == set(ROLES)
    assert len(set(printed.values())) == 5 and all(len(password) >= 16 for password in printed.values())
    users = {user.username: user for user in get_user_model().objects.filter(username__in=ROLES)}
    for username, role in ROLES.items():
        assert users[username].check_password(printed[username])
        assert [group.name for group in users[username].groups.all()] == ([role] if role else [])
    assert users["demo-admin"].is_superuser and not users["demo-news-editor"].is_superuser

    again, _ = run()
    assert sign_ins(again) == {} and "create_demo_users --reset" in again
    assert get_user_model().objects.filter(username__in=ROLES).count() == 5


def test_reset_gives_new_passwords(db, development):
    first = sign_ins(run()[0])
    second = sign_ins(run("--reset")[0])
    assert set(second) == set(ROLES) and all(first[name] != second[name] for name in ROLES)


def test_no_demo_user_is_ever_created_with_production_settings(db, settings):
    settings.DEMO_USERS_ALLOWED = False
    output, error = run()
    assert "only for development sites" in error and sign_ins(output) == {}
    assert not get_user_model().objects.filter(username__startswith="demo-").exists()


def test_production_and_the_base_settings_never_allow_demo_users():
    from portal.settings import base, dev

    assert base.DEMO_USERS_ALLOWED is False and dev.DEMO_USERS_ALLOWED is True


def test_a_news_editor_signed_in_with_a_printed_sign_in_writes_and_submits_a_statement(client, development, news_index):
    password = sign_ins(run()[0])["demo-news-editor"]
    signed_in = client.post("/admin/login/", {"username": "demo-news-editor", "password": password})
    assert signed_in.status_code == 302 and signed_in.url == "/admin/"
    response = client.post(
        add_url(NewsArticlePage, news_index), article_form("First statement", "first", action="action-submit")
    )
    assert response.status_code == 302, errors(response)
    article = NewsArticlePage.objects.get(slug="first")
    assert not article.live
    assert article.current_workflow_state.status == "in_progress"
