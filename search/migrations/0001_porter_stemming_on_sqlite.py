"""On SQLite, the full-text table Wagtail's database search backend reads (wagtailsearch_indexentry_fts)
is made again with FTS5's porter tokenizer, so that words are stemmed as PostgreSQL's English
configuration stems them: "forensic" finds "Forensics", "forensics" finds "forensic".

Wagtail's migration creates the table with FTS5's default tokenizer (unicode61, no stemming) and
offers no setting for it. FTS5 applies a table's tokenizer to the text indexed and to the query
alike, so nothing else changes: the table keeps its name, columns and rowids, Wagtail's triggers
keep filling it, and the entries already indexed are copied across. PostgreSQL and other databases
are left alone. tests/search/test_stemming.py fails if a Wagtail migration makes the table again.
"""

from django.db import migrations

FTS_COLUMNS = "autocomplete, body, title"
PORTER = "tokenize = 'porter unicode61 remove_diacritics 2'"


def _fts_table(apps):
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table + "_fts"


def _make_again(apps, schema_editor, options):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    table = _fts_table(apps)
    entries = table.removesuffix("_fts")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [table])
        if cursor.fetchone() is None:  # no FTS5 in this SQLite: Wagtail's fallback backend is used
            return
        cursor.execute(f"DROP TABLE {table}")
        cursor.execute(f"CREATE VIRTUAL TABLE {table} USING fts5({FTS_COLUMNS}{options})")
        cursor.execute(
            f"INSERT INTO {table} (rowid, title, body, autocomplete) "
            f"SELECT id, title, body, autocomplete FROM {entries}"
        )


def stem_with_porter(apps, schema_editor):
    _make_again(apps, schema_editor, ", " + PORTER)


def stem_nothing(apps, schema_editor):
    _make_again(apps, schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(stem_with_porter, stem_nothing)]
