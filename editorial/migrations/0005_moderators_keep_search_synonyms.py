"""Moderators keep the search synonyms (Snippets → Search synonyms): editorial.setup grants them now."""

from django.db import migrations


def apply(apps, schema_editor):
    from editorial import setup

    setup.apply(apps)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0004_remove_stock_editors_group"), ("search", "0002_search_synonyms")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop, elidable=False)]
