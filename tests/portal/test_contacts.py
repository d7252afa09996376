"""Contacts editors keep in Settings → Organisation: the press office and the accessibility contact,
shown on the media enquiries page, in every footer and in the organisation's structured data."""

import json

import pytest

from portal.models import OrganisationSettings
from tests.helpers import soup_of, text_of
from tests.portal.factories import StandardPageFactory


@pytest.fixture
def contacts(home):
    media_page = StandardPageFactory(parent=home, title="Media enquiries", slug="media-enquiries")
    organisation = OrganisationSettings.for_site(home.get_site())
    organisation.media_enquiries_page = media_page
    organisation.media_enquiries_email = "press@example.org"
    organisation.media_enquiries_phone = "020 7946 0000"
    organisation.media_enquiries_hours = "Monday to Friday, 9am to 5pm"
    organisation.media_enquiries_out_of_hours_phone = "07700 900000"
    organisation.accessibility_email = "access@example.org"
    organisation.accessibility_phone = "020 7946 0001"
    organisation.save()
    return media_page


def test_the_media_enquiries_page_gives_the_press_office_email_phone_hours_and_out_of_hours_line(client, contacts):
    soup = soup_of(client.get(contacts.url))
    details = soup.select_one(".contact-details")
    assert details.find("h2").get_text(strip=True) == "Contact the press office"
    assert text_of(details.find("dl")) == (
        "Email press@example.org Telephone 020 7946 0000 Hours Monday to Friday, 9am to 5pm "
        "Out of hours 07700 900000 (for journalists on deadline)"
    )
    assert details.find("a", href="mailto:press@example.org")
    assert details.find("a", href="tel:02079460000")
    assert details.find("a", href="tel:07700900000")


def test_other_pages_do_not_repeat_the_press_office_details_in_their_body(client, contacts, home):
    other = StandardPageFactory(parent=home, title="About", slug="about")
    assert not soup_of(client.get(other.url)).select_one("main .contact-details")


def test_every_footer_gives_the_press_office_and_the_accessibility_contact(client, contacts, home):
    for url in ("/", "/search/", contacts.url):
        footer = soup_of(client.get(url)).find("footer")
        text = text_of(footer)
        assert "Email: press@example.org" in text and "Telephone: 020 7946 0000" in text
        assert "Monday to Friday, 9am to 5pm" in text and "Out of hours: 07700 900000" in text
        accessibility = footer.select_one(".site-footer__accessibility")
        assert accessibility.find("a", href="mailto:access@example.org")
        assert accessibility.find("a", href="tel:02079460001")


def test_with_no_press_office_details_the_media_page_says_where_to_write(client, home):
    media_page = StandardPageFactory(parent=home, title="Media enquiries", slug="media-enquiries")
    organisation = OrganisationSettings.for_site(home.get_site())
    organisation.media_enquiries_page = media_page
    organisation.contact_email = "hello@example.org"
    organisation.save()
    details = soup_of(client.get(media_page.url)).select_one(".contact-details")
    assert "Email hello@example.org and say you are asking for the press office." in text_of(details)


def test_the_organisations_structured_data_has_a_contact_point_for_the_press_and_for_accessibility(client, contacts):
    soup = soup_of(client.get("/"))
    blocks = [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]
    organisation = next(block for block in blocks if block["@type"] == "Organization")
    points = [point for point in organisation["contactPoint"] if point["contactType"] != "customer support"]
    assert points == [
        {
            "@type": "ContactPoint",
            "contactType": "media enquiries",
            "email": "press@example.org",
            "telephone": "020 7946 0000",
        },
        {
            "@type": "ContactPoint",
            "contactType": "accessibility",
            "email": "access@example.org",
            "telephone": "020 7946 0001",
        },
    ]
