"""A member signed in on the public site sees who they are signed in as on every page, and a sign-out
button; an anonymous visitor sees neither, and a page served to a member is never cached for others."""

from bs4 import BeautifulSoup

from tests.helpers import user_in


def bar(response):
    return BeautifulSoup(response.content, "html.parser").select_one(".signed-in")


def test_a_signed_in_member_sees_their_name_and_a_sign_out_button_on_every_page(client, django_user_model, news_index):
    member = user_in(django_user_model, "Members", username="pcc-office")
    member.first_name, member.last_name = "Pat", "Office"
    member.save()
    client.force_login(member)

    for url in ("/", news_index.url, "/search/", "/no-such-page/"):
        signed_in = bar(client.get(url))
        assert signed_in.select_one(".signed-in__name").get_text(" ", strip=True) == "Signed in as Pat Office", url
        form = signed_in.find("form")
        assert form["method"] == "post" and form["action"] == "/logout/"
        assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
        assert form.find("button", type="submit").get_text(strip=True) == "Sign out"


def test_a_member_with_no_name_is_shown_by_username(client, django_user_model, home):
    client.force_login(user_in(django_user_model, "Members", username="office-7"))
    assert bar(client.get("/")).select_one(".signed-in__name").get_text(" ", strip=True) == "Signed in as office-7"


def test_signing_out_from_the_bar_signs_the_member_out_and_the_bar_goes(client, django_user_model, home):
    client.force_login(user_in(django_user_model, "Members"))
    response = client.post(bar(client.get("/")).find("form")["action"])
    assert response.status_code == 302 and response["Location"] == "/"
    assert bar(client.get("/")) is None


def test_an_anonymous_visitor_sees_no_bar_even_after_a_member_visited_with_the_page_cache_on(
    client, django_user_model, home, settings
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_SECONDS = 600
    member_client = client.__class__()
    member_client.force_login(user_in(django_user_model, "Members"))
    assert bar(member_client.get("/")) is not None
    assert bar(client.get("/")) is None
    assert bar(client.get("/")) is None  # the second time from the shared cache
