"""An index on Wagtail's page table for "the children of this page": (depth, path).

A page's children are the pages one level deeper whose path starts with its own. Wagtail
indexes the path alone, and every page of the site is under the home page, so reading the
home page's children (the menu, on every page) scanned the whole table: 3 ms with 12,500
pages, 0.06 ms with this index.
"""

from django.db import migrations

INDEX = "portal_page_depth_path"


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_search_index_title_body"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
