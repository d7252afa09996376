"""Structured data as Google's rich results and sharing sites read it (extruct, then pyld): the types and
properties each page type gives, og:image on every page, and every address on the one base URL."""

import io
import json
from urllib.parse import urlsplit

import extruct
import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from pyld import jsonld
from wagtail.images import get_image_model

from portal.models import OrganisationSettings
from portfolios.models import PortfolioLead
from tests.news.factories import NewsArticlePageFactory, VideoPageFactory
from tests.portfolios.factories import PersonFactory

BASE = "https://policy.example.org"
S = "https://schema.org/"
# Addresses that are not the site's own: the player a video page embeds, the host it links to.
FOREIGN_HOSTS = {"www.youtube-nocookie.com", "www.youtube.com", "schema.org"}


def offline_schema_org_loader(url, options=None):
    """schema.org's context maps every term into its vocabulary; given here, so no test reaches the network."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": S}}}


jsonld.set_document_loader(offline_schema_org_loader)


def picture(name="Picture"):
    data = io.BytesIO()
    PILImage.new("RGB", (1400, 800), (20, 90, 140)).save(data, format="JPEG")
    return get_image_model().objects.create(title=name, file=ImageFile(data, name=f"{name.lower()}.jpg"))


@pytest.fixture
def on_base_url(settings):
    settings.SITE_BASE_URL = BASE
    settings.WAGTAILAPI_BASE_URL = BASE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "internal.example"]


@pytest.fixture
def content(on_base_url, news_index, portfolio):
    person = PersonFactory(name="Peter McCall", slug="peter-mccall", role="PCC, Cumbria", photo=picture("Portrait"))
    person.save_revision().publish()
    portfolio.leads = [PortfolioLead(person=person, role="lead")]
    portfolio.save_revision().publish()
    figure = {"image": picture("Briefing").pk, "alt_text": "A briefing", "decorative": False}
    body = [{"type": "image", "value": figure}]
    NewsArticlePageFactory(parent=news_index, title="With a picture", date="2024-06-01", body=json.dumps(body))
    NewsArticlePageFactory(parent=news_index, title="Fraud strategy", summary="Victims first.", date="2024-05-01")
    VideoPageFactory(
        parent=news_index,
        title="A video",
        date="2024-01-01",
        description="<p>The lead explains.</p>",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        speaker=person,
    )


def extracted(client, path, status=200):
    response = client.get(path, HTTP_HOST="internal.example")
    assert response.status_code == status, path
    data = extruct.extract(response.content.decode(), base_url=BASE + path, syntaxes=["json-ld", "opengraph"])
    expanded = [node for block in data["json-ld"] for node in jsonld.expand(block)]
    og = dict(data["opengraph"][0]["properties"]) if data["opengraph"] else {}
    return expanded, og


def of_type(expanded, kind):
    return [node for node in expanded if f"{S}{kind}" in node.get("@type", [])]


def value(node, prop):
    [first, *_] = node[f"{S}{prop}"]
    return first.get("@value", first.get("@id", first))


def strings_in(node):
    if isinstance(node, dict):
        for item in node.values():
            yield from strings_in(item)
    elif isinstance(node, list):
        for item in node:
            yield from strings_in(item)
    elif isinstance(node, str):
        yield node


def assert_on_base_url(expanded, og):
    urls = [text for text in [*strings_in(expanded), *og.values()] if text.startswith(("http://", "https://"))]
    hosts = {urlsplit(url).hostname for url in urls if not url.startswith(S)} - FOREIGN_HOSTS
    assert hosts == {"policy.example.org"}, urls


def test_a_statement_is_a_news_article_with_dates_author_publisher_logo_and_its_own_picture(client, content):
    expanded, og = extracted(client, "/news/with-a-picture/")

    [article] = of_type(expanded, "NewsArticle")
    assert value(article, "headline") == "With a picture"
    assert value(article, "datePublished") == "2024-06-01" and value(article, "dateModified")
    [publisher] = article[f"{S}publisher"]
    assert value(publisher, "name") == "Association of Police and Crime Commissioners"
    assert value(publisher, "url") == f"{BASE}/"
    assert value(publisher[f"{S}logo"][0], "url") == f"{BASE}/static/img/logo.png"
    assert value(article[f"{S}author"][0], "name") == "Association of Police and Crime Commissioners"
    image = value(article, "image")
    assert image.startswith(f"{BASE}/media/images/") and og["og:image"] == image
    assert of_type(expanded, "BreadcrumbList")
    assert_on_base_url(expanded, og)


def test_a_statement_with_no_picture_has_the_sites_default_share_image(client, content, home):
    expanded, og = extracted(client, "/news/fraud-strategy/")
    [article] = of_type(expanded, "NewsArticle")
    assert value(article, "image") == og["og:image"] == f"{BASE}/static/img/share.png"

    organisation = OrganisationSettings.for_site(home.get_site())
    organisation.share_image = picture("Default")
    organisation.save()
    expanded, og = extracted(client, "/news/fraud-strategy/")
    [article] = of_type(expanded, "NewsArticle")
    assert value(article, "image") == og["og:image"] and "/default." in og["og:image"]


def test_a_video_page_is_a_video_object_with_upload_date_thumbnail_and_player(client, content):
    expanded, og = extracted(client, "/news/a-video/")

    [video] = of_type(expanded, "VideoObject")
    assert value(video, "name") == "A video"
    assert value(video, "description") == "The lead explains."
    assert value(video, "uploadDate") == "2024-01-01"
    assert value(video, "thumbnailUrl") == f"{BASE}/static/img/share.png"
    assert value(video, "embedUrl").startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    assert of_type(expanded, "BreadcrumbList")
    assert og["og:image"]
    assert_on_base_url(expanded, og)


def test_a_person_page_is_a_person_with_their_photo_and_breadcrumbs_on_the_base_url(client, content):
    expanded, og = extracted(client, "/people/peter-mccall/")

    [person] = of_type(expanded, "Person")
    assert value(person, "name") == "Peter McCall" and value(person, "jobTitle") == "PCC, Cumbria"
    assert value(person, "image") == og["og:image"] and "/portrait." in og["og:image"]
    [crumbs] = of_type(expanded, "BreadcrumbList")
    items = [value(item, "item") for item in crumbs[f"{S}itemListElement"]]
    assert items == [f"{BASE}/", f"{BASE}/people/peter-mccall/"]
    assert_on_base_url(expanded, og)


def test_the_home_page_is_the_organisation_with_logo_and_contact_points(client, content, home):
    organisation = OrganisationSettings.for_site(home.get_site())
    organisation.contact_email, organisation.media_enquiries_phone = "info@example.org", "020 7222 4296"
    organisation.save()

    expanded, og = extracted(client, "/")

    [org] = of_type(expanded, "Organization")
    assert value(org, "url") == f"{BASE}/"
    assert value(org[f"{S}logo"][0], "url") == f"{BASE}/static/img/logo.png"
    points = {value(point, "contactType"): point for point in org[f"{S}contactPoint"]}
    assert value(points["media enquiries"], "telephone") == "020 7222 4296"
    assert value(points["customer support"], "email") == "info@example.org"
    assert og["og:image"] == f"{BASE}/static/img/share.png"
    assert_on_base_url(expanded, og)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/capabilities/", 200),
        ("/capabilities/forensics/", 200),
        ("/news/", 200),
        ("/search/?q=x", 200),
        ("/nope/", 404),
    ],
)
def test_every_page_has_a_title_and_an_image_for_sharing_sites(client, content, path, status):
    expanded, og = extracted(client, path, status)

    assert og["og:title"] and og["og:image"].startswith(f"{BASE}/")
    assert_on_base_url(expanded, og)
