"""Every page type renders in a fixed number of queries, however many items it shows.

Each test renders a page with few items, adds many, and renders it again: the two
counts must be the same, and within QUERY_BUDGET. A page whose count grows with its
items has an N+1 query somewhere; run with `-s` to see the queries of both renders.

Each measured request is preceded by unmeasured ones: the very first request
creates the site's settings row, and a first render also fills the per-process
caches (image renditions, content types) that later requests read instead.
"""

import datetime
import io
import itertools
import json
import re

from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model

from portfolios.models import PortfolioContact, PortfolioLead
from publications.models import PublicationAttachment
from tests.news.factories import NewsArticlePageFactory, VideoPageFactory
from tests.portal.factories import StandardPageFactory
from tests.portfolios.factories import PersonFactory, PortfolioPageFactory
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory

QUERY_BUDGET = 15
MANY = 25

_photo_numbers = itertools.count(1)
_COLUMNS = re.compile(r"SELECT (?!COUNT).*? FROM", re.DOTALL)


def queries_for(client, url):
    """The queries of a GET of `url` (after two unmeasured GETs), printed for `pytest -s`."""
    # Twice: the first creates the settings row, which moves the content version on, and with it
    # what the first had kept for the version (portal.version_memo).
    for _ in range(2):
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    queries = [query["sql"] for query in context.captured_queries]
    print(f"\n{url}: {len(queries)} queries")
    for number, sql in enumerate(queries, start=1):
        print(f"  {number:>2}. {_COLUMNS.sub('SELECT … FROM', sql)[:400]}")
    return queries


def assert_fixed_budget(few, many):
    assert len(many) == len(few), f"{len(few)} queries with few items, {len(many)} with many"
    assert len(many) <= QUERY_BUDGET


# Content ------------------------------------------------------------------


def photo():
    """A small real JPEG as a Wagtail image, so person cards render an image rendition."""
    number = next(_photo_numbers)
    data = io.BytesIO()
    PILImage.new("RGB", (120, 120), ((number * 40) % 256, 90, 140)).save(data, format="JPEG")
    return get_image_model().objects.create(title=f"Photo {number}", file=ImageFile(data, name=f"photo-{number}.jpg"))


def person(with_photo=False, **kwargs):
    return PersonFactory(photo=photo() if with_photo else None, **kwargs)


def add_portfolio(policy_area, leads=2, former=0, photos=False):
    portfolio = PortfolioPageFactory(parent=policy_area)
    roles = itertools.cycle(["lead", "joint_lead", "deputy_lead"])
    portfolio.leads = [PortfolioLead(person=person(photos), role=next(roles)) for _ in range(leads)] + [
        PortfolioLead(person=person(photos), role="lead", ended_on=datetime.date(2023, 5, 1)) for _ in range(former)
    ]
    portfolio.contacts = [PortfolioContact(person=person(photos, role="Senior Policy Manager", email="a@example.org"))]
    portfolio.save_revision().publish()
    return portfolio


def quote(speaker, number=0):
    return {"type": "quote", "value": {"quote": f"<p>Quote {number}.</p>", "person": speaker.pk, "role": "PCC"}}


def add_news(news_index, count, portfolios=(), speaker=None):
    articles = []
    for number in range(count):
        body = [{"type": "paragraph", "value": f"<p>Paragraph {number}.</p>"}]
        if speaker is not None:
            body.append(quote(speaker, number))
        articles.append(
            NewsArticlePageFactory(
                parent=news_index,
                news_type=["news", "statement", "comment", "blog"][number % 4],
                portfolios=list(portfolios),
                body=json.dumps(body),
            )
        )
    return articles


def add_videos(news_index, count, portfolios=(), speaker=None):
    return [VideoPageFactory(parent=news_index, portfolios=list(portfolios), speaker=speaker) for _ in range(count)]


def add_publications(publication_index, count, portfolios=(), files=2):
    return [
        PublicationPageFactory(
            parent=publication_index,
            portfolios=list(portfolios),
            attachments=[
                PublicationAttachment(document=PolicyDocumentFactory(file_name=f"file-{n}.pdf", size=2_000))
                for n in range(files)
            ],
        )
        for _ in range(count)
    ]


# Page types ----------------------------------------------------------------


def test_home_page(client, home, policy_area, news_index, publication_index):
    add_news(news_index, 1)
    few = queries_for(client, home.url)

    add_news(news_index, MANY)
    add_videos(news_index, 5)
    for _ in range(4):
        StandardPageFactory(parent=home, show_in_menus=True)
    many = queries_for(client, home.url)

    assert_fixed_budget(few, many)


def test_policy_area_page(client, policy_area, news_index, publication_index):
    portfolio = add_portfolio(policy_area)
    add_news(news_index, 1, [portfolio])
    add_videos(news_index, 1, [portfolio])
    add_publications(publication_index, 1, [portfolio])
    few = queries_for(client, policy_area.url)

    portfolios = [add_portfolio(policy_area, leads=3, former=1, photos=True) for _ in range(8)]
    add_news(news_index, MANY, portfolios)
    add_videos(news_index, 5, portfolios)
    add_publications(publication_index, 5, portfolios)
    many = queries_for(client, policy_area.url)

    assert_fixed_budget(few, many)


def test_portfolio_page(client, policy_area, news_index, publication_index):
    portfolio = add_portfolio(policy_area, leads=1)
    add_news(news_index, 1, [portfolio])
    add_videos(news_index, 1, [portfolio])
    add_publications(publication_index, 1, [portfolio])
    few = queries_for(client, portfolio.url)

    portfolio.leads = [
        *portfolio.leads.all(),
        *(PortfolioLead(person=person(True), role="joint_lead") for _ in range(4)),
        *(PortfolioLead(person=person(True), role="lead", ended_on=datetime.date(2022, 1, 31)) for _ in range(4)),
    ]
    portfolio.contacts = [*portfolio.contacts.all(), *(PortfolioContact(person=person(True)) for _ in range(3))]
    portfolio.save_revision().publish()
    add_news(news_index, MANY, [portfolio])
    add_videos(news_index, 5, [portfolio])
    add_publications(publication_index, 5, [portfolio])
    many = queries_for(client, portfolio.url)

    assert_fixed_budget(few, many)


def test_person_page(client, policy_area, news_index):
    someone = person(with_photo=True, name="Alex Morgan", slug="alex-morgan")
    portfolio = add_portfolio(policy_area)
    portfolio.leads = [PortfolioLead(person=someone, role="lead")]
    portfolio.save_revision().publish()
    add_news(news_index, 1, speaker=someone)
    add_videos(news_index, 1, speaker=someone)
    url = "/people/alex-morgan/"
    few = queries_for(client, url)

    for number in range(6):
        other = add_portfolio(policy_area)
        if number % 2:
            other.leads = [PortfolioLead(person=someone, role="deputy_lead", ended_on=datetime.date(2021, 3, 1))]
        else:
            other.contacts = [PortfolioContact(person=someone)]
        other.save_revision().publish()
    add_news(news_index, MANY, [portfolio], speaker=someone)
    add_videos(news_index, 12, [portfolio], speaker=someone)
    many = queries_for(client, url)

    assert_fixed_budget(few, many)


def add_listing(news_index, count, portfolio):
    """Articles and videos a day apart, one in five a video: each page of the listing shows both types
    (a listing page costs one query per page type on it, however many items it shows)."""
    today = datetime.date.today()
    for number in range(count):
        date = today - datetime.timedelta(days=number + news_index.get_children().count())
        if number % 5 == 2:
            VideoPageFactory(parent=news_index, date=date, portfolios=[portfolio])
        else:
            NewsArticlePageFactory(parent=news_index, date=date, portfolios=[portfolio])


def test_news_index_first_and_deep_pages(client, policy_area, news_index):
    portfolio = add_portfolio(policy_area)
    add_listing(news_index, 3, portfolio)
    few = queries_for(client, news_index.url)

    add_listing(news_index, MANY + 20, portfolio)
    first = queries_for(client, news_index.url)
    deep = queries_for(client, news_index.url + "?page=4")

    assert_fixed_budget(few, first)
    assert_fixed_budget(few, deep)


def test_news_article_with_quotes(client, policy_area, news_index):
    speaker = person()
    article = NewsArticlePageFactory(
        parent=news_index,
        news_type="statement",
        portfolios=[add_portfolio(policy_area)],
        body=json.dumps([{"type": "paragraph", "value": "<p>Opening.</p>"}, quote(speaker)]),
    )
    few = queries_for(client, article.url)

    portfolios = [add_portfolio(policy_area) for _ in range(6)]
    body = []
    for number in range(MANY):
        body.append({"type": "paragraph", "value": f"<p>Paragraph {number}.</p>"})
        body.append(quote(person(), number))
    body.append({"type": "quote", "value": {"quote": "<p>Said by a guest.</p>", "speaker_name": "A Guest"}})
    article.body = json.dumps(body)
    article.portfolios = portfolios
    article.save_revision().publish()
    add_news(news_index, MANY, portfolios, speaker=speaker)
    many = queries_for(client, article.url)

    assert_fixed_budget(few, many)


def test_video_page(client, policy_area, news_index):
    speaker = person(with_photo=True)
    video = VideoPageFactory(
        parent=news_index,
        speaker=speaker,
        speaker_role="PCC",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        transcript="<p>Good morning.</p>",
        portfolios=[add_portfolio(policy_area)],
    )
    few = queries_for(client, video.url)

    portfolios = [add_portfolio(policy_area) for _ in range(6)]
    video.portfolios = portfolios
    video.save_revision().publish()
    add_videos(news_index, MANY, portfolios, speaker=speaker)
    many = queries_for(client, video.url)

    assert_fixed_budget(few, many)


def test_publication_index(client, policy_area, publication_index):
    portfolio = add_portfolio(policy_area)
    add_publications(publication_index, 2, [portfolio])
    few = queries_for(client, publication_index.url)

    add_publications(publication_index, MANY, [portfolio])
    many = queries_for(client, publication_index.url)

    assert_fixed_budget(few, many)


def test_publication_page_with_its_files(client, policy_area, publication_index):
    (publication,) = add_publications(publication_index, 1, [add_portfolio(policy_area)], files=2)
    few = queries_for(client, publication.url)

    portfolios = [add_portfolio(policy_area) for _ in range(6)]
    publication.attachments = [
        *publication.attachments.all(),
        *(
            PublicationAttachment(document=PolicyDocumentFactory(file_name=f"more-{n}.pdf", size=2_000))
            for n in range(6)
        ),
    ]
    publication.portfolios = portfolios
    publication.save_revision().publish()
    add_publications(publication_index, MANY, portfolios, files=1)
    many = queries_for(client, publication.url)

    assert_fixed_budget(few, many)


def test_search_results(client, policy_area, news_index, publication_index):
    """A results page loads its items a query per kind of result: few and many results are of one kind
    here (news articles), while other, unmatched content grows too."""
    portfolio = add_portfolio(policy_area)
    for number in range(2):
        NewsArticlePageFactory(parent=news_index, title=f"Rural crime summit {number}", summary="Rural.")
    url = "/search/?q=rural+crime"
    few = queries_for(client, url)

    for number in range(MANY + 5):
        NewsArticlePageFactory(
            parent=news_index,
            title=f"Rural crime update {number}",
            summary="What PCCs are doing about rural crime.",
            portfolios=[portfolio],
        )
    add_videos(news_index, 5, [portfolio])
    add_publications(publication_index, 5, [portfolio])
    for _ in range(5):
        person()
    many = queries_for(client, url)
    deep = queries_for(client, url + "&page=3")

    assert_fixed_budget(few, many)
    # Only the first page looks up search promotions and counts the query's hits: later pages cost less.
    assert len(deep) <= len(many)
