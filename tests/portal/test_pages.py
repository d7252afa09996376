"""Every page type lives under its allowed parent and renders for an anonymous visitor."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from demo.files import make_pptx
from news.models import NewsArticlePage, VideoPage
from portal.models import HomePage, StandardPage
from portfolios.models import PolicyAreaPage, PortfolioLead, PortfolioPage
from publications.models import PublicationAttachment, PublicationPage
from tests.helpers import text_of
from tests.news.factories import NewsArticlePageFactory, VideoPageFactory
from tests.portal.factories import StandardPageFactory
from tests.portfolios.factories import PersonFactory, PolicyAreaPageFactory
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory


def visit(client, page_or_url):
    url = page_or_url if isinstance(page_or_url, str) else page_or_url.url
    response = client.get(url)
    return response, BeautifulSoup(response.content, "html.parser")


def test_home_page_lists_sections_and_latest_news(client, home, policy_area, news_index):
    NewsArticlePageFactory(parent=news_index, title="Commissioners welcome new strategy")
    policy_area.show_in_menus = True
    policy_area.save_revision().publish()

    response, soup = visit(client, home)

    assert response.status_code == 200
    assert soup.h1.get_text(strip=True) == home.title
    assert "Commissioners welcome new strategy" in text_of(soup.find(id="latest-news-heading").parent)
    assert soup.select_one('nav[aria-label="Main"]').find("a", string=policy_area.title)


def test_standard_page_renders_its_body(client, home):
    page = StandardPageFactory(
        parent=home,
        title="Media enquiries",
        body=json.dumps([{"type": "heading", "value": "Press office"}, {"type": "paragraph", "value": "<p>Call.</p>"}]),
    )

    response, soup = visit(client, page)

    assert response.status_code == 200
    assert soup.h1.get_text(strip=True) == "Media enquiries"
    assert soup.find("h2", string="Press office")


def test_policy_area_page_shows_priorities_portfolios_leads_and_contacts(client, home):
    area = PolicyAreaPageFactory(
        parent=home,
        body=json.dumps(
            [{"type": "priorities", "value": {"introduction": "Our priorities are:", "priorities": ["Join up."]}}]
        ),
    )
    lead = PersonFactory(name="Darryl Preston", role="PCC, Cambridgeshire")
    contact = PersonFactory(name="Alex Campbell", role="Senior Policy Manager")
    portfolio = PortfolioPage(title="Forensics", summary="Leading our work on forensics.")
    portfolio.leads = [PortfolioLead(person=lead, role="lead")]
    portfolio.contacts.add(portfolio.contacts.model(person=contact))
    area.add_child(instance=portfolio)
    portfolio.save_revision().publish()

    response, soup = visit(client, area)

    assert response.status_code == 200
    page_text = text_of(soup)
    assert "Our priorities are: Join up." in page_text
    assert "Forensics" in page_text and "Leading our work on forensics." in page_text
    assert "Lead Darryl Preston PCC, Cambridgeshire" in page_text
    assert "APCC contact Alex Campbell Senior Policy Manager" in page_text


def test_portfolio_page_lists_current_and_former_leads_and_its_latest_items(
    client, portfolio, news_index, publication_index
):
    current = PersonFactory(name="Kate Green", role="Deputy Mayor, Greater Manchester")
    former = PersonFactory(name="Donna Jones", role="")
    portfolio.leads = [
        PortfolioLead(person=current, role="joint_lead"),
        PortfolioLead(person=former, role="joint_lead", ended_on=datetime.date(2024, 5, 2)),
    ]
    portfolio.save_revision().publish()
    NewsArticlePageFactory(parent=news_index, title="Forensic contracts change", portfolios=[portfolio])
    NewsArticlePageFactory(parent=news_index, title="Unrelated news")
    VideoPageFactory(parent=news_index, title="Forensics update", portfolios=[portfolio])
    document = PolicyDocumentFactory()
    PublicationPageFactory(
        parent=publication_index,
        title="FCN explainer",
        portfolios=[portfolio],
        attachments=[PublicationAttachment(document=document)],
    )

    response, soup = visit(client, portfolio)

    assert response.status_code == 200
    leads = text_of(soup.find(id="leads-heading").parent)
    assert "Joint Lead Kate Green" in leads and "Donna Jones" not in leads
    assert "Former Joint Lead Donna Jones Until May 2024" in text_of(soup.find(id="former-leads-heading").parent)
    news = text_of(soup.find(id="latest-news-articles-heading").parent)
    assert "Forensic contracts change" in news and "Unrelated news" not in news
    assert "Forensics update" in text_of(soup.find(id="latest-videos-heading").parent)
    assert "FCN explainer" in text_of(soup.find(id="latest-publications-heading").parent)


def test_news_index_lists_articles_and_videos_newest_first_by_display_date(client, news_index):
    NewsArticlePageFactory(parent=news_index, title="Backdated statement", date="2020-01-01")
    VideoPageFactory(parent=news_index, title="Summit video", date="2022-11-14")
    NewsArticlePageFactory(parent=news_index, title="Undated news")  # shows today's date

    response, soup = visit(client, news_index)

    assert response.status_code == 200
    titles = [heading.get_text(strip=True) for heading in soup.select(".card__title")]
    assert titles == ["Undated news", "Summit video", "Backdated statement"]


def test_a_changed_display_date_moves_an_item_in_the_listing_once_it_is_published(
    client, news_index, publication_index
):
    NewsArticlePageFactory(parent=news_index, title="Spring statement", date="2024-04-01")
    moved = NewsArticlePageFactory(parent=news_index, title="Winter statement", date="2024-01-10")

    def listed():
        return [heading.get_text(strip=True) for heading in visit(client, news_index)[1].select(".card__title")]

    moved.date = datetime.date(2024, 6, 1)
    moved.save_revision()
    assert listed() == ["Spring statement", "Winter statement"], "a draft's date is not the live page's"

    moved.get_latest_revision().publish()
    assert listed() == ["Winter statement", "Spring statement"]

    moved.copy(update_attrs={"title": "Winter statement (copy)", "slug": "winter-copy"}, keep_live=True)
    assert listed() == ["Winter statement (copy)", "Winter statement", "Spring statement"]


def test_news_index_paginates_and_never_fails_on_a_bad_page_number(client, news_index):
    for number in range(12):
        NewsArticlePageFactory(parent=news_index, title=f"Item {number:02d}", date=f"2024-01-{number + 1:02d}")

    first = visit(client, news_index.url)[1].select(".card__title")
    for bad in ["abc", "-1", "0", ""]:
        response, soup = visit(client, f"{news_index.url}?page={bad}")
        assert response.status_code == 200
        assert soup.select(".card__title") == first
    response, soup = visit(client, f"{news_index.url}?page=99999")
    assert response.status_code == 200
    assert [h.get_text(strip=True) for h in soup.select(".card__title")] == ["Item 01", "Item 00"]
    assert soup.select_one('.pagination [aria-current="page"]').get_text(" ", strip=True) == "Page 2"


def test_statement_shows_quotes_attributed_to_people_with_the_role_they_held(client, news_index, portfolio):
    speaker = PersonFactory(name="Alison Hernandez", role="PCC, Devon & Cornwall and the Isles of Scilly")
    body = [
        {"type": "paragraph", "value": "<p>The Government has launched a strategy.</p>"},
        {"type": "quote", "value": {"quote": "<p>Never before.</p>", "person": speaker.pk, "role": "PCC for Devon"}},
        {"type": "quote", "value": {"quote": "<p>Welcome.</p>", "person": None, "speaker_name": "A partner"}},
    ]
    article = NewsArticlePageFactory(
        parent=news_index, news_type="statement", body=json.dumps(body), portfolios=[portfolio]
    )

    response, soup = visit(client, article)

    assert response.status_code == 200
    assert soup.select_one(".page-heading__kicker").get_text(strip=True) == "Statement"
    quotes = soup.select("figure.quote")
    assert quotes[0].blockquote.get_text(strip=True) == "Never before."
    assert quotes[0].figcaption.get_text(strip=True) == "Alison Hernandez, PCC for Devon"
    assert quotes[1].figcaption.get_text(strip=True) == "A partner"
    assert soup.select_one(".filed-under").find("a", string="Forensics")


def test_a_quote_keeps_the_role_the_person_held_when_their_role_changes(client, news_index):
    speaker = PersonFactory(name="Kate Green", role="Deputy Mayor for Greater Manchester")
    body = [{"type": "quote", "value": {"quote": "<p>Vital.</p>", "person": speaker.pk, "role": ""}}]
    article = NewsArticlePageFactory(parent=news_index, body=json.dumps(body))

    speaker.role = "Mayor of Somewhere Else"
    speaker.save()

    soup = visit(client, article)[1]
    assert soup.select_one("figure.quote figcaption").get_text(strip=True) == (
        "Kate Green, Deputy Mayor for Greater Manchester"
    )


def test_video_page_shows_speaker_date_and_description_without_loading_the_host(client, news_index):
    speaker = PersonFactory(name="Mark Shelford")
    video = VideoPageFactory(
        parent=news_index,
        speaker=speaker,
        speaker_role="APCC Lead for Economic & Cyber Crime",
        date="2022-11-14",
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
    )

    response, soup = visit(client, video)

    assert response.status_code == 200
    assert "Mark Shelford, APCC Lead for Economic & Cyber Crime" in text_of(soup)
    assert soup.find("time", attrs={"datetime": "2022-11-14"})
    assert not soup.find("iframe"), "no third-party request before the visitor asks to play"


def test_publication_page_names_each_file_by_its_title_then_format_size_and_pages_or_slides(client, publication_index):
    pdf = PolicyDocumentFactory(title="FCN explainer (PDF)", file_name="fcn-explainer.pdf", size=300_000)
    slides = make_pptx("FCN explainer", ["The network."], 20_000, "s")
    pptx = PolicyDocumentFactory(title="FCN explainer (PowerPoint)", file_name="fcn-explainer.pptx", data=slides)
    publication = PublicationPageFactory(
        parent=publication_index,
        attachments=[PublicationAttachment(document=pdf), PublicationAttachment(document=pptx)],
        last_updated_on="2025-02-01",
        change_note="Corrected the contacts",
    )

    response, soup = visit(client, publication)

    assert response.status_code == 200
    links = soup.select(".attachment-list > li .attachment__link a")
    assert [link.get_text() for link in links] == ["FCN explainer (PDF)", "FCN explainer (PowerPoint)"]
    assert [link["download"] for link in links] == ["fcn-explainer.pdf", "fcn-explainer.pptx"]
    metas = [text_of(meta) for meta in soup.select(".attachment-list > li .attachment__meta")]
    size = f"{pdf.file.size / 1024 / 1024:.2f} MB"
    assert metas == [f"PDF, {size}, 2 pages", f"PowerPoint, {pptx.human_size}, 3 slides"]
    assert "fcn-explainer.pptx" not in text_of(soup), "a file name is read out character by character"
    assert soup.select(".dates dd")[1].get_text() == "1 February 2025: Corrected the contacts"


def test_a_missing_attachment_file_shows_the_page_without_its_size(client, publication_index):
    document = PolicyDocumentFactory(file_name="gone.pdf")
    publication = PublicationPageFactory(
        parent=publication_index, attachments=[PublicationAttachment(document=document)]
    )
    document.file.storage.delete(document.file.name)

    response, soup = visit(client, publication)

    assert response.status_code == 200
    assert text_of(soup.select_one(".attachment__meta")) == "PDF, 2 pages"


def test_a_corrupt_pdf_is_accepted_without_a_page_count(client, publication_index):
    document = PolicyDocumentFactory(file_name="broken.pdf", data=b"%PDF-1.4 this is not a PDF")
    publication = PublicationPageFactory(
        parent=publication_index, attachments=[PublicationAttachment(document=document)]
    )

    assert document.page_count is None
    response, soup = visit(client, publication)
    assert response.status_code == 200
    assert text_of(soup.select_one(".attachment__meta")) == "PDF, 1 KB"


def test_publication_index_lists_publications(client, publication_index):
    PublicationPageFactory(parent=publication_index, title="SPR guidance")

    response, soup = visit(client, publication_index)

    assert response.status_code == 200
    assert soup.find("a", string="SPR guidance")


def test_unknown_address_gives_the_styled_not_found_page(client, home):
    response, soup = visit(client, "/no/such/page/")

    assert response.status_code == 404
    assert soup.h1.get_text(strip=True) == "Page not found"
    assert soup.find("form", attrs={"role": "search"})
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize(
    ("page_class", "allowed_parents"),
    [
        (HomePage, {"Page"}),
        (StandardPage, {"HomePage", "StandardPage"}),
        (PolicyAreaPage, {"HomePage"}),
        (PortfolioPage, {"PolicyAreaPage"}),
        (NewsArticlePage, {"NewsIndexPage"}),
        (VideoPage, {"NewsIndexPage"}),
        (PublicationPage, {"PublicationIndexPage"}),
    ],
)
def test_each_page_type_names_the_parents_it_belongs_under(page_class, allowed_parents):
    assert {model.__name__ for model in page_class.allowed_parent_page_models()} == allowed_parents


def test_a_page_cannot_be_created_under_a_wrong_parent(admin_client, home, news_index):
    assert not PortfolioPage.can_create_at(home)
    assert not NewsArticlePage.can_create_at(home)
    assert NewsArticlePage.can_create_at(news_index)

    response = admin_client.post(
        f"/admin/pages/add/portfolios/portfoliopage/{home.pk}/",
        {"title": "Misplaced", "slug": "misplaced", "summary": "Nowhere.", "action-publish": "publish"},
        follow=True,
    )
    assert "Sorry, you do not have permission to access this area." in response.content.decode()
    assert not PortfolioPage.objects.filter(slug="misplaced").exists()

    response = admin_client.get(f"/admin/pages/{home.pk}/add_subpage/")
    offered = response.content.decode()
    assert "Policy area page" in offered and "Portfolio page" not in offered
