"""A policy area (section) page: an "On this page" list, a real heading for every part, guidance near the top."""

import json

from tests.helpers import soup_of
from tests.portfolios.factories import PolicyAreaPageFactory, PortfolioPageFactory
from tests.publications.factories import PublicationPageFactory

BODY = [
    {"type": "priorities", "value": {"introduction": "Our priorities for tackling SOC are:", "priorities": ["One"]}},
    {"type": "heading", "value": "Modern slavery"},
    {"type": "paragraph", "value": "<p>The APCC Modern Slavery work sits jointly between two portfolios.</p>"},
    {
        "type": "priorities",
        "value": {"introduction": "Our priorities are:", "heading_level": "h3", "priorities": ["Two", "Three"]},
    },
]


def section_page(client, home, publication_index):
    area = PolicyAreaPageFactory(parent=home, title="Capabilities", body=json.dumps(BODY))
    portfolio = PortfolioPageFactory(parent=area, title="Serious Organised Crime")
    publication = PublicationPageFactory(parent=publication_index, title="Strategic Policing Requirement guidance")
    publication.portfolios.set([portfolio])
    publication.save_revision().publish()
    return soup_of(client.get(area.url))


def test_each_list_of_priorities_and_the_modern_slavery_block_has_a_real_heading(client, home, publication_index):
    soup = section_page(client, home, publication_index)

    outline = [(heading.name, heading.get_text(strip=True)) for heading in soup.main.find_all(["h2", "h3"])]
    assert outline[:4] == [
        ("h2", "On this page"),
        ("h2", "Our priorities for tackling SOC are:"),
        ("h2", "Modern slavery"),
        ("h3", "Our priorities are:"),
    ]
    assert not soup.select("p.priorities__introduction"), "no bold paragraph standing in for a heading"


def test_on_this_page_lists_every_section_and_each_link_lands_on_its_heading(client, home, publication_index):
    soup = section_page(client, home, publication_index)

    contents = soup.select_one('nav[aria-labelledby="contents-heading"]')
    links = contents.find_all("a")
    assert [link.get_text(strip=True) for link in links] == [
        "Our priorities for tackling SOC are",
        "Modern slavery",
        "Resources and publications",
        "Portfolio leads",
    ]
    for link in links:
        target = soup.find(id=link["href"].removeprefix("#"))
        assert target and target.name == "h2", link


def test_the_guidance_follows_the_priorities_rather_than_ending_the_page(client, home, publication_index):
    soup = section_page(client, home, publication_index)

    headings = [heading.get_text(strip=True) for heading in soup.main.find_all("h2")]
    assert headings.index("Resources and publications") < headings.index("Portfolio leads")
    guidance = soup.find(id="latest-publications-heading").find_parent("section")
    assert guidance.find("a", string="Strategic Policing Requirement guidance")
