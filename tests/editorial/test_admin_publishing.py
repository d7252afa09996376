"""An editor writes a statement in the Wagtail admin and publishes it."""

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsArticlePage
from tests.portfolios.factories import PersonFactory


def test_an_editor_publishes_a_statement_that_then_appears_on_the_news_index_and_its_portfolio(
    client, django_user_model, news_index, portfolio
):
    editor = django_user_model.objects.create_user(username="editor", password="a-long-password-1")
    editor.groups.add(Group.objects.get(name="Moderators"))
    speaker = PersonFactory(name="Darryl Preston", role="PCC, Cambridgeshire")
    client.force_login(editor)

    form_page = client.get(f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/")
    assert form_page.status_code == 200

    form_data = nested_form_data(
        {
            "title": "Forensics lead welcomes review",
            "slug": "forensics-lead-welcomes-review",
            "news_type": "statement",
            "date": "",
            "summary": "The APCC Forensics Lead responds to the review.",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>The review has concluded.</p>")),
                    (
                        "quote",
                        {
                            "quote": rich_text("<p>We welcome it.</p>"),
                            "person": speaker.pk,
                            "role": "",
                            "speaker_name": "",
                        },
                    ),
                ]
            ),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    form_data["portfolios"] = [portfolio.pk]  # a checkbox list, which nested_form_data would number
    response = client.post(f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/", form_data)

    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
    article = NewsArticlePage.objects.get(slug="forensics-lead-welcomes-review")
    assert article.live
    assert article.owner == editor

    index = client.get(news_index.url).content.decode()
    assert "Forensics lead welcomes review" in index
    portfolio_page = client.get(portfolio.url).content.decode()
    assert "Forensics lead welcomes review" in portfolio_page
    statement = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert statement.select_one("figure.quote figcaption").get_text(strip=True) == (
        "Darryl Preston, PCC, Cambridgeshire"
    )


def test_a_statement_without_a_summary_is_not_published_and_the_editors_text_is_kept(admin_client, news_index):
    response = admin_client.post(
        f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/",
        nested_form_data(
            {
                "title": "Half-written statement",
                "slug": "half-written",
                "news_type": "statement",
                "summary": "",
                "body": streamfield([("paragraph", rich_text("<p>Draft words worth keeping.</p>"))]),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "The page could not be created due to validation errors" in html
    assert "Half-written statement" in html and "Draft words worth keeping." in html
    assert not NewsArticlePage.objects.filter(slug="half-written").exists()
