"""A site built before this app kept its accessibility statement as a standard page (the one
Settings → Organisation links from the footer). It becomes an accessibility statement page, keeping
its id, address, title, introduction, body and history; the new fields start at their defaults. The
body's sections that the page type now writes itself (a heading such as "Enforcement procedure" and
what follows it, to the next heading) are left out, so the page does not say them twice."""

import json

from django.db import migrations


OWN_SECTIONS = {
    "feedback and contact information",
    "reporting accessibility problems",
    "reporting accessibility problems with this website",
    "enforcement procedure",
    "technical information about this website's accessibility",
    "compliance status",
    "non-accessible content",
    "preparation of this accessibility statement",
}


def without_own_sections(blocks):
    kept, skipping = [], False
    for block in blocks:
        if block.get("type") == "heading":
            skipping = " ".join(str(block.get("value", "")).replace("’", "'").lower().split()) in OWN_SECTIONS
        if not skipping:
            kept.append(block)
    return kept


def convert_statement_pages(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    page_model = apps.get_model("wagtailcore", "Page")
    revision_model = apps.get_model("wagtailcore", "Revision")
    standard_page = apps.get_model("portal", "StandardPage")
    statement_page = apps.get_model("accessibility", "AccessibilityStatementPage")
    organisations = apps.get_model("portal", "OrganisationSettings")

    standard_type = content_types.objects.get_for_model(standard_page)
    statement_type, _ = content_types.objects.get_or_create(
        app_label="accessibility", model="accessibilitystatementpage"
    )
    linked = organisations.objects.exclude(accessibility_statement_page=None)
    page_ids = set(linked.values_list("accessibility_statement_page_id", flat=True))
    for old in standard_page.objects.filter(pk__in=page_ids):
        if page_model.objects.filter(path__startswith=old.path, depth=old.depth + 1).exists():
            continue  # a statement page has no children: a standard page with some stays as it is
        page_id, introduction, body = old.pk, old.introduction, json.dumps(without_own_sections(list(old.body.get_prep_value())))
        old.delete(keep_parents=True)  # the standard page's own row only: the page itself stays
        statement_page(page_ptr_id=page_id, introduction=introduction, body=body).save_base(raw=True)
        page_model.objects.filter(pk=page_id).update(content_type=statement_type)
        revision_model.objects.filter(object_id=str(page_id), content_type=standard_type).update(
            content_type=statement_type
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accessibility", "0001_accessibility_statement_page"),
        ("portal", "0007_contacts_press_office_and_accessibility"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(convert_statement_pages, migrations.RunPython.noop)]
