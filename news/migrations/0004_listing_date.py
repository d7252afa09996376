import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def list_existing_items(apps, schema_editor):
    """A ListingDate for every article and video there is, as their pages' save() now writes."""
    ListingDate = apps.get_model("news", "ListingDate")
    for model_name in ("NewsArticlePage", "VideoPage"):
        model = apps.get_model("news", model_name)
        rows = model.objects.values_list("pk", "date", "first_published_at").iterator(chunk_size=2000)
        entries = []
        for pk, date, first_published_at in rows:
            if date is None and first_published_at is not None:
                date = timezone.localdate(first_published_at)
            entries.append(ListingDate(page_id=pk, date=date, first_published_at=first_published_at))
        ListingDate.objects.bulk_create(entries, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_quoted_people"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="ListingDate",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="news_listing",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("date", models.DateField(null=True)),
                ("first_published_at", models.DateTimeField(null=True)),
            ],
            options={
                "indexes": [models.Index(fields=["date", "first_published_at", "page"], name="news_listing_order")],
            },
        ),
        migrations.RunPython(list_existing_items, migrations.RunPython.noop),
    ]
