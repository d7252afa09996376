"""The editorial roles, the "Members only" collection and the "News review" workflow.

Calls editorial.setup.apply with the historical models: the same code as `manage.py setup_editorial`,
so both give the same result. To change a role later, change editorial/setup.py and add a
migration that runs apply again (it is idempotent and sets each role's permissions exactly).
"""

from django.db import migrations


def apply(apps, schema_editor):
    from editorial import setup

    setup.apply(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("news", "0003_quoted_people"),
        ("portfolios", "0001_initial"),
        ("publications", "0002_policydocument_extracted_text"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop, elidable=False)]
