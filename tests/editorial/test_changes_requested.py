"""After "Request changes", the editor sees the moderator's comment on the page they must change and
on their dashboard, not only in History."""

import pytest

from news.models import NewsArticlePage
from tests.helpers import add_url, article_form, errors, text_of, user_in

COMMENT = "The quote from the PCC for Kent needs their approval first."


@pytest.fixture
def sent_back(client, django_user_model, news_index):
    """A statement a news editor submitted and a moderator sent back with a comment."""
    news_editor = user_in(django_user_model, "News editors")
    moderator = user_in(django_user_model, "Moderators")
    moderator.first_name, moderator.last_name = "Mo", "Derator"
    moderator.save()
    client.force_login(news_editor)
    response = client.post(
        add_url(NewsArticlePage, news_index), article_form("Kent statement", "kent", action="action-submit")
    )
    assert response.status_code == 302, errors(response)
    article = NewsArticlePage.objects.get(slug="kent")
    task_state = article.current_workflow_state.current_task_state
    client.force_login(moderator)
    reject = f"/admin/pages/workflow/action/{article.pk}/reject/{task_state.pk}/"
    assert client.post(reject, {"comment": COMMENT}).status_code in (200, 302)
    client.force_login(news_editor)
    return article


def test_the_news_editor_sees_the_moderators_request_on_the_page_edit_view(client, sent_back):
    page = text_of(client.get(f"/admin/pages/{sent_back.pk}/edit/"))
    assert "Mo Derator requested changes on " in page
    assert f"“{COMMENT}”. Make them, then resubmit." in page


def test_the_news_editor_sees_the_moderators_request_on_the_dashboard(client, sent_back):
    dashboard = text_of(client.get("/admin/"))
    assert "Changes requested of you" in dashboard
    assert "Kent statement Mo Derator requested changes on" in dashboard
    assert COMMENT in dashboard


def test_once_resubmitted_the_request_is_no_longer_shown(client, sent_back):
    resubmit = article_form("Kent statement", "kent", action="action-submit")
    assert client.post(f"/admin/pages/{sent_back.pk}/edit/", resubmit).status_code == 302
    assert COMMENT not in text_of(client.get("/admin/"))
    assert COMMENT not in text_of(client.get(f"/admin/pages/{sent_back.pk}/edit/"))
