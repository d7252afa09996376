"""The editorial roles, the members' collection and the news review workflow, as the migration and
`manage.py setup_editorial` leave them."""

from io import StringIO

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)

from editorial import setup
from tests.publications.factories import PublicationIndexPageFactory


def snapshot():
    """Everything setup_editorial governs, as plain data, to compare before and after."""
    return {
        "groups": {
            group.name: sorted(group.permissions.values_list("content_type__app_label", "codename"))
            for group in Group.objects.filter(name__in=setup.ROLES)
        },
        "pages": sorted(GroupPagePermission.objects.values_list("group__name", "page_id", "permission__codename")),
        "collections": sorted(
            GroupCollectionPermission.objects.values_list("group__name", "collection__name", "permission__codename")
        ),
        "restrictions": sorted(
            CollectionViewRestriction.objects.values_list("collection__name", "restriction_type", "groups__name")
        ),
        "workflows": sorted(WorkflowPage.objects.values_list("page_id", "workflow__name")),
        "tasks": sorted(Workflow.objects.values_list("name", "workflow_tasks__task__name")),
        "collections_tree": sorted(Collection.objects.values_list("name", "path", "depth", "numchild")),
    }


# The data migration ----------------------------------------------------------------------------------


def test_the_migration_created_the_four_roles_with_exactly_their_permissions(db):
    groups = snapshot()["groups"]
    assert groups["Members"] == []
    assert groups["News editors"] == [
        ("editorial", "add_previewlink"),
        ("editorial", "change_previewlink"),
        ("editorial", "view_documentdownloadcount"),
        ("editorial", "view_previewlink"),
        ("wagtailadmin", "access_admin"),
    ]
    assert ("portfolios", "publish_person") in groups["Portfolio editors"]
    assert ("portfolios", "change_person") not in groups["News editors"]
    assert set(groups["Moderators"]) >= {("wagtailadmin", "access_admin"), ("portfolios", "publish_person")}

    root = Page.get_first_root_node()
    moderators = GroupPagePermission.objects.filter(group__name="Moderators")
    assert sorted(moderators.values_list("page_id", "permission__codename")) == [
        (root.pk, codename) for codename in ("add_page", "change_page", "lock_page", "publish_page", "unlock_page")
    ]
    # News editors may touch no page until a news index exists; never the home page or the root.
    assert not GroupPagePermission.objects.filter(group__name__in=["News editors", "Members"]).exists()


def test_the_migration_created_the_members_only_collection_restricted_to_members(db):
    collection = Collection.objects.get(name="Members only")
    assert collection.get_parent() == Collection.get_first_root_node()
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert list(restriction.groups.values_list("name", flat=True)) == ["Members"]


def test_the_news_review_workflow_has_one_task_approved_by_moderators(db):
    workflow = Workflow.objects.get(name="News review")
    tasks = [workflow_task.task.specific for workflow_task in workflow.workflow_tasks.all()]
    assert len(tasks) == 1
    assert list(tasks[0].groups.values_list("name", flat=True)) == ["Moderators"]


def test_a_news_index_created_later_gets_the_workflow_and_the_news_editors_grants(news_index, policy_area):
    assert WorkflowPage.objects.get(page=news_index).workflow.name == "News review"
    news_editors = GroupPagePermission.objects.filter(group__name="News editors")
    assert sorted(news_editors.values_list("page_id", "permission__codename")) == [
        (news_index.pk, "add_page"),
        (news_index.pk, "change_page"),
    ]
    portfolio_editors = GroupPagePermission.objects.filter(group__name="Portfolio editors")
    assert sorted(portfolio_editors.values_list("page_id", "permission__codename")) == [
        (policy_area.pk, "add_page"),
        (policy_area.pk, "change_page"),
        (policy_area.pk, "publish_page"),
    ]
    # Other page types get nothing: a publications index is not a news editor's.
    publications = PublicationIndexPageFactory(parent=news_index.get_parent())
    assert not GroupPagePermission.objects.filter(page=publications).exists()
    assert not WorkflowPage.objects.filter(page=publications).exists()


def test_setup_editorial_is_idempotent_and_puts_back_what_was_changed_by_hand(news_index, policy_area):
    call_command("setup_editorial", stdout=StringIO())
    before = snapshot()

    out = StringIO()
    call_command("setup_editorial", stdout=out)
    assert snapshot() == before
    assert "on 1 news index page(s)" in out.getvalue()

    # Someone widens a role by hand and drops the workflow: the command restores both.
    news_editors = Group.objects.get(name="News editors")
    GroupPagePermission.objects.create(
        group=news_editors, page=news_index.get_parent(), permission=GroupPagePermission.objects.first().permission
    )
    news_editors.permissions.add(*Group.objects.get(name="Portfolio editors").permissions.all())
    WorkflowPage.objects.filter(page=news_index).delete()
    Group.objects.get(name="Members").delete()

    call_command("setup_editorial", stdout=StringIO())
    after = snapshot()
    assert after == before


def test_setup_with_the_real_models_matches_the_migration(db):
    """The migration ran apply() with historical models; running it with the real ones changes nothing."""
    before = snapshot()
    setup.apply(apps)
    assert snapshot() == before
