
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portfolios', '0001_initial'),
        ('publications', '0002_policydocument_extracted_text'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='publicationpage',
            index=models.Index(django.db.models.functions.comparison.Coalesce('last_updated_on', 'published_on'), models.F('page_ptr'), name='publication_listing_order'),
        ),
    ]
