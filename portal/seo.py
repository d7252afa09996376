"""What a page tells search engines and sharing sites: description, canonical address, JSON-LD."""

import json

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

DESCRIPTION_LENGTH = 160
# Fields that hold a page's own one-line description, in the order to try them.
DESCRIPTION_FIELDS = ("search_description", "summary", "introduction", "description")
# Keeps a JSON-LD block from closing its <script> element early, as Django's json_script does.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def meta_description(page):
    for field in DESCRIPTION_FIELDS:
        value = getattr(page, field, "")
        text = " ".join(strip_tags(str(value or "")).split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


def json_ld_script(data):
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


def organisation_data(organisation, site_url):
    data = {"@context": "https://schema.org", "@type": "Organization", "name": organisation.organisation_name}
    if site_url:
        data["url"] = site_url
    if organisation.short_name:
        data["alternateName"] = organisation.short_name
    if organisation.contact_email:
        data["email"] = organisation.contact_email
    return data


def breadcrumb_data(trail):
    """`trail`: (name, absolute URL) pairs from the home page to the current page."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def person_data(person, url):
    data = {"@context": "https://schema.org", "@type": "Person", "name": person.name, "url": url}
    if person.role:
        data["jobTitle"] = person.role
    if person.organisation:
        data["affiliation"] = {"@type": "Organization", "name": person.organisation}
    return data
