"""A video page accepts only addresses the site can play: those whose player is in the
Content-Security-Policy's frame-src, the one list of players for both. Checked on the model, so the
admin, imports and scripts all refuse the rest, with a message naming the hosts."""

import copy

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import rich_text

from news.models import VideoPage
from news.video_hosts import accepted_hosts_text
from tests.helpers import add_url, errors, page_form, user_in
from tests.news.factories import VideoPageFactory

HOSTS_MESSAGE = "The site can only play videos from YouTube (youtube.com/watch?v=…, youtu.be/…) or Vimeo (vimeo.com/…)."


def video_form(title, slug, video_url):
    data = {"title": title, "slug": slug, "date": "01/11/2026", "speaker": "", "speaker_role": ""}
    data |= {"description": rich_text("<p>What it shows.</p>"), "video_url": video_url, "transcript": rich_text("")}
    return page_form(data, "action-publish", "", {})


@pytest.mark.parametrize(
    "address",
    ["https://www.dailymotion.com/video/x8abcde", "https://example.com/not-a-video.mp4", "https://vimeo.com/"],
)
def test_a_video_page_saved_by_a_script_with_an_address_the_site_cannot_play_is_refused(news_index, address):
    with pytest.raises(ValidationError) as refused:
        VideoPageFactory(parent=news_index, video_url=address)
    assert HOSTS_MESSAGE in refused.value.message_dict["video_url"][0]
    assert not VideoPage.objects.exists()


@pytest.mark.parametrize(
    "address",
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ", "https://vimeo.com/76979871"],
)
def test_a_youtube_or_vimeo_address_is_accepted(news_index, address):
    assert VideoPageFactory(parent=news_index, video_url=address).embed_url


def test_the_admin_refuses_an_unsupported_host_with_the_host_list(client, django_user_model, news_index):
    client.force_login(user_in(django_user_model, "Moderators"))
    response = client.post(
        add_url(VideoPage, news_index), video_form("Dailymotion", "dailymotion", "https://www.dailymotion.com/video/x8")
    )
    assert response.status_code == 200
    assert any(HOSTS_MESSAGE in error for error in errors(response)), errors(response)
    assert not VideoPage.objects.exists()


def test_a_player_taken_out_of_the_content_security_policy_is_no_longer_accepted(settings, news_index):
    csp = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    csp["DIRECTIVES"]["frame-src"] = ["https://www.youtube-nocookie.com"]
    settings.CONTENT_SECURITY_POLICY = csp
    assert accepted_hosts_text() == "YouTube (youtube.com/watch?v=…, youtu.be/…)"
    with pytest.raises(ValidationError):
        VideoPageFactory(parent=news_index, video_url="https://vimeo.com/76979871")
    assert VideoPageFactory(parent=news_index, video_url="https://youtu.be/dQw4w9WgXcQ").embed_url
