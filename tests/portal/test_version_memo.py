"""What is kept per content version is kept per visibility class: never shown to another class,
and dropped when the version moves on (issue 18)."""

from django.contrib.auth.models import Group
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from portal import content_version, visibility
from portal.version_memo import per_content_version
from tests.helpers import user_in
from tests.portal.factories import StandardPageFactory


def request_of(user=None):
    request = RequestFactory().get("/")
    if user is not None:
        request.user = user
    return request


def members_page(home):
    page = StandardPageFactory(parent=home, title="Members' page")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Members"))
    return page


def test_members_and_anonymous_visitors_never_share_a_kept_value(home, django_user_model):
    members_page(home)
    member = user_in(django_user_model, "Members", "member")
    visible = lambda request: lambda: visibility.visible_pages(request).count()  # noqa: E731

    anonymous = per_content_version(request_of(), "pages", visible(None))
    for_member = per_content_version(request_of(member), "pages", visible(request_of(member)))

    assert for_member == anonymous + 1


def test_visitors_who_see_the_same_pages_share_the_class(home, django_user_model):
    members_page(home)
    first, second = (user_in(django_user_model, "Members", name) for name in ("first", "second"))
    nobody = user_in(django_user_model, None)

    assert visibility.visibility_key(request_of(first)) == visibility.visibility_key(request_of(second))
    assert visibility.visibility_key(request_of(nobody)) != visibility.visibility_key(request_of(first))
    assert visibility.visibility_key(request_of()) == visibility.visibility_key(None) == "anonymous"


def test_a_kept_value_is_made_again_when_the_content_version_moves_on(home):
    made = []
    compute = lambda: made.append(1) or len(made)  # noqa: E731

    assert per_content_version(None, "n", compute) == 1
    assert per_content_version(None, "n", compute) == 1
    content_version.bump()

    assert per_content_version(None, "n", compute) == 2


def test_only_the_most_recently_asked_values_are_kept(home, monkeypatch):
    monkeypatch.setattr("portal.version_memo.MOST_KEPT", 2)
    made = []
    compute = lambda name: lambda: made.append(name) or name  # noqa: E731

    for name in ("first", "second", "first", "third", "first", "second"):
        per_content_version(None, name, compute(name))

    assert made == ["first", "second", "third", "second"]  # "second" was the least recent when "third" came
