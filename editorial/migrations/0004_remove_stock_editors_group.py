"""Wagtail's stock "Editors" group deleted (or, if someone is in it, left with no permission): see
editorial.setup.remove_stock_groups. Runs setup.apply again, which is idempotent."""

from django.db import migrations


def apply(apps, schema_editor):
    from editorial import setup

    setup.apply(apps)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0003_moderators_handle_format_requests")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop, elidable=False)]
