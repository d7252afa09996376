"""Images reach the browser as <picture>: AVIF, then WebP, then a JPEG <img>, each in the sizes it needs.

What is checked is what a user agent reads from the HTML: the <source> types and their
srcset candidates, the fallback <img> and its attributes; and that the files behind the
URLs are really in the formats announced. Wagtail stores each rendition, so rendering a
page again makes no new ones.
"""

import io
import itertools
import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from portfolios.models import PortfolioContact, PortfolioLead
from tests.portal.factories import StandardPageFactory
from tests.portfolios.factories import PersonFactory

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def empty_rendition_cache():
    """Renditions are cached by image id, and ids come round again in each test's database."""
    cache = get_image_model().get_rendition_model().cache_backend
    cache.clear()
    yield
    cache.clear()


def photo(width=400, height=400, image_format="JPEG"):
    """A real image file as a Wagtail image, bigger than the largest rendition asked of it."""
    number = next(_numbers)
    data = io.BytesIO()
    PILImage.new("RGB", (width, height), ((number * 40) % 256, 90, 140)).save(data, format=image_format)
    name = f"photo-{number}.{image_format.lower()}"
    return get_image_model().objects.create(title=f"Photo {number}", file=ImageFile(data, name=name))


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def candidates(srcset):
    """The (url, descriptor) pairs of a srcset."""
    return [tuple(candidate.split()) for candidate in srcset.split(",")]


def sources_by_type(picture):
    return {source["type"]: source for source in picture.find_all("source")}


def rendition_for(image, url):
    return image.renditions.get(file=url.removeprefix("/media/"))


def portfolio_with_lead(portfolio, image):
    person = PersonFactory(name="Kate Green", slug="kate-green", photo=image)
    portfolio.leads = [PortfolioLead(person=person, role="lead")]
    portfolio.save_revision().publish()
    return person


def test_a_portfolio_lead_card_offers_avif_and_webp_at_1x_and_2x_and_loads_lazily(client, portfolio):
    portfolio_with_lead(portfolio, photo())

    soup = soup_of(client.get(portfolio.url))

    picture = soup.select_one(".person-card picture")
    assert picture is not None
    sources = sources_by_type(picture)
    assert list(sources) == ["image/avif", "image/webp"]  # the browser takes the first it supports
    for source in sources.values():
        assert [width for _url, width in candidates(source["srcset"])] == ["96w", "192w"]
        assert source["sizes"] == "4.5rem"
    img = picture.find("img")
    assert img is picture.contents[-1]
    assert img["class"] == ["person-card__photo"]
    assert (img["width"], img["height"]) == ("96", "96")
    assert img["alt"] == ""  # the name is next to it
    assert img["loading"] == "lazy"
    assert img["decoding"] == "async"
    assert img["src"].endswith(".jpg")
    assert [width for _url, width in candidates(img["srcset"])] == ["96w", "192w"]


def test_a_contact_card_on_the_policy_area_page_is_a_lazy_picture_too(client, policy_area, portfolio):
    contact = PersonFactory(name="Alex Campbell", slug="alex-campbell", photo=photo())
    portfolio.contacts = [PortfolioContact(person=contact)]
    portfolio.save_revision().publish()

    soup = soup_of(client.get(policy_area.url))

    picture = soup.select_one(".portfolio .person-card picture")
    assert list(sources_by_type(picture)) == ["image/avif", "image/webp"]
    assert picture.find("img")["loading"] == "lazy"


def test_a_persons_page_photo_is_a_picture_that_loads_at_once(client, portfolio):
    portfolio_with_lead(portfolio, photo())

    soup = soup_of(client.get("/people/kate-green/"))

    picture = soup.select_one(".person-header picture")
    sources = sources_by_type(picture)
    assert list(sources) == ["image/avif", "image/webp"]
    for source in sources.values():
        assert [width for _url, width in candidates(source["srcset"])] == ["160w", "320w"]
        assert source["sizes"] == "(min-width: 40em) 10rem, 7.5rem"
    img = picture.find("img")
    assert img["class"] == ["person-card__photo"]
    assert (img["width"], img["height"]) == ("160", "160")
    assert img["alt"] == ""
    assert not img.has_attr("loading")  # above the fold: lazy would only delay it
    assert not img.has_attr("decoding")


def test_the_files_behind_the_picture_are_in_the_formats_and_sizes_it_announces(client, portfolio):
    image = photo()
    portfolio_with_lead(portfolio, image)

    picture = soup_of(client.get(portfolio.url)).select_one(".person-card picture")

    offered = [(source["type"], source["srcset"]) for source in picture.find_all("source")]
    offered.append(("image/jpeg", picture.find("img")["srcset"]))
    for mime_type, srcset in offered:
        for url, width in candidates(srcset):
            rendition = rendition_for(image, url)
            with rendition.file.open("rb") as file, PILImage.open(file) as opened:
                assert PILImage.MIME[opened.format] == mime_type, url
                assert opened.size == (int(width.removesuffix("w")),) * 2, url


def test_renditions_are_made_once_and_then_reused(client, portfolio):
    image = photo()
    portfolio_with_lead(portfolio, image)
    pages = [portfolio.url, "/people/kate-green/"]

    first = [soup_of(client.get(url)).select_one("picture").decode() for url in pages]
    made = image.renditions.count()
    assert made == 13  # 2 sizes x 3 formats, for the card and for the person's page; the share image (og:image)
    # Again, and then as a new app server would, with nothing in its rendition cache.
    again = [soup_of(client.get(url)).select_one("picture").decode() for url in pages]
    image.renditions.model.cache_backend.clear()
    cold = [soup_of(client.get(url)).select_one("picture").decode() for url in pages]

    assert image.renditions.count() == made
    assert again == first
    assert cold == first


def test_a_content_image_is_offered_in_three_widths_sized_to_the_column(client, home):
    image = photo(width=1600, height=900)
    body = [{"type": "image", "value": {"image": image.pk, "alt_text": "Officers at a briefing", "decorative": False}}]
    page = StandardPageFactory(parent=home, title="About", slug="about", body=json.dumps(body))

    picture = soup_of(client.get(page.url)).select_one("figure.figure picture")

    sources = sources_by_type(picture)
    assert list(sources) == ["image/avif", "image/webp"]
    sizes = "(min-width: 54rem) 800px, (min-width: 40em) calc(100vw - 4rem), calc(100vw - 2rem)"
    for source in sources.values():
        assert sorted(int(width.removesuffix("w")) for _url, width in candidates(source["srcset"])) == [400, 800, 1200]
        assert source["sizes"] == sizes
    img = picture.find("img")
    # As wide as before the <picture>: the 800px JPEG, with its height so nothing shifts while it loads.
    assert (img["width"], img["height"]) == ("800", "450")
    assert img["src"].endswith(".jpg")
    assert img["alt"] == "Officers at a briefing"
    assert img["sizes"] == sizes
    assert img["loading"] == "lazy"
    assert img["decoding"] == "async"
