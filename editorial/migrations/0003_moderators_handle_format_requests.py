"""Moderators see, fulfil and delete visitors' requests for another format of a file.

Runs editorial.setup.apply again (see 0002), now that setup grants the format-request permissions.
"""

from django.db import migrations


def apply(apps, schema_editor):
    from editorial import setup

    setup.apply(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_roles_collection_and_news_review"),
        ("publications", "0006_accessible_format_requests"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop, elidable=False)]
