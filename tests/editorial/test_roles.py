"""Each role, driving the real Wagtail admin: what it needs, it can do; more, it cannot.

News editors write and submit; Moderators approve (which publishes) and publish; Portfolio editors
look after policy areas, portfolios and people; Members never reach the admin.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, WorkflowState

from news.models import NewsArticlePage
from portfolios.models import Person
from tests.helpers import add_url, article_form, errors, user_in
from tests.news.factories import NewsArticlePageFactory
from tests.portfolios.factories import PersonFactory


@pytest.fixture
def news_editor(django_user_model):
    return user_in(django_user_model, "News editors")


@pytest.fixture
def moderator(django_user_model):
    return user_in(django_user_model, "Moderators")


@pytest.fixture
def portfolio_editor(django_user_model):
    return user_in(django_user_model, "Portfolio editors")


@pytest.fixture
def member(django_user_model):
    return user_in(django_user_model, "Members")


def action_buttons(response):
    """The names of the page editor's action buttons (publish, submit…)."""
    soup = BeautifulSoup(response.content, "html.parser")
    return {button.get("name") for button in soup.select("footer button[name], footer input[name]")} | {
        button.get("name") for button in soup.select("button[name^=action-]")
    }


# News editors -----------------------------------------------------------------------------------------


def test_a_news_editor_cannot_publish_a_statement_and_submits_it_to_moderation_instead(
    client, news_editor, moderator, news_index
):
    client.force_login(news_editor)
    form = client.get(add_url(NewsArticlePage, news_index))
    assert form.status_code == 200
    buttons = action_buttons(form)
    print(sorted(buttons))
    assert "action-publish" not in buttons
    assert "action-submit" in buttons

    # Posting "publish" anyway is not obeyed: the statement is saved as a draft, not published.
    client.post(add_url(NewsArticlePage, news_index), article_form("Forced statement", "forced"))
    forced = NewsArticlePage.objects.get(slug="forced")
    assert not forced.live and forced.first_published_at is None
    assert client.get(forced.url).status_code == 404

    # Submitting to moderation works, and starts the News review workflow.
    response = client.post(
        add_url(NewsArticlePage, news_index), article_form("Reviewed statement", "reviewed", action="action-submit")
    )
    assert response.status_code == 302, errors(response)
    article = NewsArticlePage.objects.get(slug="reviewed")
    assert not article.live
    state = article.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "News review"

    # The news editor may not approve it.
    task_state = state.current_task_state
    approve = f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/"
    assert client.post(approve, {"comment": ""}).status_code in (302, 403)
    article.refresh_from_db()
    assert not article.live

    # While it is in moderation, it is locked to the news editor: an edit is refused.
    edit = client.post(f"/admin/pages/{article.pk}/edit/", article_form("Changed in moderation", "reviewed"))
    article.refresh_from_db()
    assert article.get_latest_revision().as_object().title == "Reviewed statement"
    assert edit.status_code in (200, 302, 403)

    # A moderator approves the task, which publishes the statement.
    client.force_login(moderator)
    response = client.post(approve, {"comment": "Checked the quotes."})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live
    assert article.current_workflow_state is None
    client.logout()
    assert "Reviewed statement" in client.get(news_index.url).content.decode()


def test_a_moderator_publishes_directly_and_can_lock_and_unlock(client, moderator, news_index):
    client.force_login(moderator)
    form = client.get(add_url(NewsArticlePage, news_index))
    assert "action-publish" in action_buttons(form)
    response = client.post(add_url(NewsArticlePage, news_index), article_form("Moderated statement", "moderated"))
    assert response.status_code == 302, errors(response)
    article = NewsArticlePage.objects.get(slug="moderated")
    assert article.live

    assert client.post(f"/admin/pages/{article.pk}/lock/").status_code == 302
    article.refresh_from_db()
    assert article.locked and article.locked_by == moderator
    assert client.post(f"/admin/pages/{article.pk}/unlock/").status_code == 302
    article.refresh_from_db()
    assert not article.locked


def test_a_news_editor_works_only_under_the_news_index(client, news_editor, news_index, portfolio, publication_index):
    client.force_login(news_editor)
    home = news_index.get_parent()
    article = NewsArticlePageFactory(parent=news_index, title="A published statement")

    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{news_index.pk}/").status_code == 200
    # Not the home page, the portfolios, the publications, or a new section of the site.
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code in (302, 403)
    assert client.get(f"/admin/pages/{portfolio.pk}/edit/").status_code in (302, 403)
    assert client.get(f"/admin/pages/add/publications/publicationpage/{publication_index.pk}/").status_code in (
        302,
        403,
    )
    assert client.get(f"/admin/pages/add/portal/standardpage/{home.pk}/").status_code in (302, 403)
    # No unpublishing, and no deleting: that is a moderator's call (nothing is lost).
    assert client.post(f"/admin/pages/{article.pk}/unpublish/").status_code in (302, 403)
    article.refresh_from_db()
    assert article.live
    draft = NewsArticlePageFactory(parent=news_index, title="A colleague's draft", publish=False)
    client.post(f"/admin/pages/{draft.pk}/delete/")
    assert Page.objects.filter(pk=draft.pk).exists()


def test_a_news_editor_can_quote_people_and_upload_files_but_not_edit_people(client, news_editor, news_index):
    person = PersonFactory(name="Darryl Preston", role="PCC, Cambridgeshire")
    client.force_login(news_editor)

    assert client.get("/admin/snippets/choose/portfolios/person/").status_code == 200
    assert client.get("/admin/snippets/portfolios/person/add/").status_code in (302, 403)
    assert client.get(f"/admin/snippets/portfolios/person/edit/{person.pk}/").status_code in (302, 403)
    assert client.get("/admin/documents/multiple/add/").status_code == 200
    assert client.get("/admin/images/multiple/add/").status_code == 200
    # No users, no groups, no site settings.
    for url in ("/admin/users/", "/admin/groups/", "/admin/sites/", "/admin/workflows/list/"):
        assert client.get(url).status_code in (302, 403), url

    response = client.post(
        add_url(NewsArticlePage, news_index),
        article_form("Statement with a quote", "with-a-quote", action="action-submit", person=person),
    )
    assert response.status_code == 302, errors(response)
    draft = NewsArticlePage.objects.get(slug="with-a-quote").get_latest_revision_as_object()
    quote = next(block for block in draft.body if block.block_type == "quote")
    assert quote.value["person"] == person and quote.value["role"] == "PCC, Cambridgeshire"


# Portfolio editors ------------------------------------------------------------------------------------


def test_a_portfolio_editor_publishes_portfolio_pages_and_people_and_nothing_else(
    client, portfolio_editor, portfolio, news_index
):
    client.force_login(portfolio_editor)
    form = client.get(f"/admin/pages/{portfolio.pk}/edit/")
    assert form.status_code == 200
    assert "action-publish" in action_buttons(form)

    response = client.post(
        "/admin/snippets/portfolios/person/add/",
        {"name": "Emily Spurrell", "slug": "emily-spurrell", "role": "PCC, Merseyside", "action-publish": "publish"},
    )
    assert response.status_code == 302
    assert Person.objects.get(slug="emily-spurrell").live

    assert client.get(add_url(NewsArticlePage, news_index)).status_code in (302, 403)
    assert client.get(f"/admin/pages/{news_index.get_parent().pk}/edit/").status_code in (302, 403)


# Members ----------------------------------------------------------------------------------------------


def test_a_member_has_no_admin_at_all(client, member):
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert client.get("/admin/pages/").status_code == 302
    assert client.get("/admin/documents/").status_code == 302
