"""Autosave leaves no orphan drafts: an add form is not autosaved (the page exists once the editor
saves it), its edit form is; a slug already in use is reported at the top of the form, where the
editor is, not only on the Promote tab. (In a real browser: tests/browser/test_admin_editing.py.)"""

import re

import pytest

from news.models import NewsArticlePage
from tests.helpers import add_url, article_form, user_in
from tests.news.factories import NewsArticlePageFactory


@pytest.fixture
def news_editor(client, django_user_model):
    user = user_in(django_user_model, "News editors")
    client.force_login(user)
    return user


def form_tag(response):
    """The opening tag of Wagtail's page form, where its Stimulus controllers are named."""
    found = re.search(
        r'<form\s+id="page-edit-form".*?data-w-unsaved-force-value="[a-z]*"\s*>', response.content.decode(), re.S
    )
    assert found, "Wagtail's page form is no longer where this test looks"
    return " ".join(found.group(0).split())


def test_an_add_form_is_not_autosaved_but_an_edit_form_is(client, news_editor, news_index):
    add_form = client.get(add_url(NewsArticlePage, news_index))
    assert "w-autosave" not in form_tag(add_form)

    article = NewsArticlePageFactory(parent=news_index)
    edit_form = client.get(f"/admin/pages/{article.pk}/edit/")
    assert 'data-controller="w-init w-unsaved w-autosave"' in form_tag(edit_form)
    assert "w-unsaved:add->w-autosave#save:prevent" in form_tag(edit_form)


def test_a_slug_in_use_is_reported_at_the_top_of_the_form_naming_the_promote_tab(client, news_editor, news_index):
    NewsArticlePageFactory(parent=news_index, title="Serious organised crime", slug="serious-organised-crime")
    response = client.post(
        add_url(NewsArticlePage, news_index), article_form("Serious organised crime", "serious-organised-crime")
    )
    assert response.status_code == 200
    top = " ".join(response.content.decode().split("page-edit-form", 1)[0].split())
    assert "The page&#x27;s address could not be used:" in top or "The page's address could not be used:" in top
    assert "Change the title, or the slug on the Promote tab." in top
