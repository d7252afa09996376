"""PostgreSQL plans the site's queries from real row counts and never JIT-compiles them (issue 18:
one search on a fresh database spent 474 ms of 570 compiling a query that runs in 4 ms)."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

REPO = Path(__file__).resolve().parents[2]
POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner only")


def test_the_production_settings_turn_jit_off_for_the_sites_connections():
    env = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL=POSTGRES,
    )
    code = (
        "import django; django.setup(); from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('SHOW jit'); print(cursor.fetchone()[0])\n"
        "    cursor.execute('SHOW statement_timeout'); print(cursor.fetchone()[0])"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True)

    assert result.stdout.split() == ["off", "10s"], result.stderr


def planner_row_count(model):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table])
        return cursor.fetchone()[0]


@on_postgresql
def test_load_demo_leaves_the_planner_with_the_real_row_counts(db):
    call_command("load_demo", stdout=io.StringIO())

    assert planner_row_count(Page) == Page.objects.count()
