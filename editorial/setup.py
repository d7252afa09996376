"""The editorial roles, the members' collection and the news review workflow, made exactly so.

`apply(apps)` is run by the data migration (with the historical models) and by
`manage.py setup_editorial` (with the real ones): both give the same result, and running
either again changes nothing. Each role's permissions are set to exactly the lists below, so
a permission added to one of these groups by hand in Settings → Groups is taken away again
the next time either runs: change a role here, in code, and add a migration that calls
`apply` again.

Page permissions in Wagtail are granted on a page and cover it and everything under it; there
is no way to grant them for one page type. So "News editors" get theirs on each news index
page, not on the home page (which would let them edit the home page, the policy areas and the
publications too), and "Portfolio editors" theirs on each policy area page (which covers its
portfolios). A news index or policy area created later gets the same grants, and the news
index the news review workflow, as soon as it is created (see `editorial.signals`).
"""

from django.db.models import F

NEWS_EDITORS = "News editors"
MODERATORS = "Moderators"  # created by Wagtail's own migrations; reused
PORTFOLIO_EDITORS = "Portfolio editors"
MEMBERS = "Members"
ROLES = (NEWS_EDITORS, MODERATORS, PORTFOLIO_EDITORS, MEMBERS)
# Wagtail's own migrations create "Editors" with add and change on the whole tree: one wrong click in
# Settings → Users would give a newcomer the home page and the policy area. It is deleted; if
# someone is in it already, it is kept for them with no permission at all (nobody loses a group
# without a word), and an administrator moves them to one of ROLES.
STOCK_GROUPS = ("Editors",)

MEMBERS_COLLECTION = "Members only"
NEWS_REVIEW = "News review"
NEWS_REVIEW_TASK = "Moderators approve news"

# (app label, model, codename, name): the names are Django's and Wagtail's own, so that
# Django's post_migrate, finding the permission already there, leaves it alone.
ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")


def _model_permission(app_label, model, action, verbose_name):
    return (app_label, model, f"{action}_{model}", f"Can {action} {verbose_name}")


def _person(action):
    return _model_permission("portfolios", "person", action, "person")


def _preview_link(action):
    return _model_permission("editorial", "previewlink", action, "draft preview link")


DOWNLOAD_REPORT = _model_permission("editorial", "documentdownloadcount", "view", "document download count")
STAFF_TOOLS = [_preview_link("add"), _preview_link("change"), _preview_link("view"), DOWNLOAD_REPORT]


def _document(action):
    return _model_permission("wagtaildocs", "document", action, "document")


def _image(action):
    return _model_permission("wagtailimages", "image", action, "image")


# Visitors' requests for another format of a file (their email address is kept until the file is sent).
FORMAT_REQUESTS = [
    _model_permission("publications", "accessibleformatrequest", a, "accessible format request")
    for a in ("view", "change", "delete")
]

# The acronyms and other names the site search understands (Snippets → Search synonyms).
SEARCH_SYNONYMS = [
    _model_permission("search", "searchsynonym", a, "search synonym") for a in ("add", "change", "delete", "view")
]

# Documents and images are granted per collection; on the root collection a grant covers them all.
MEDIA_EDITING = [_document(a) for a in ("add", "change", "choose")] + [_image(a) for a in ("add", "change", "choose")]
MEDIA_MANAGING = [_document(a) for a in ("add", "change", "delete", "choose")] + [
    _image(a) for a in ("add", "change", "delete", "choose")
]

# Where page permissions are granted: "root" (the whole tree) or the pages of a type.
ROOT = ("wagtailcore", "page")
NEWS_INDEXES = ("news", "newsindexpage")
POLICY_AREAS = ("portfolios", "policyareapage")

ROLE_PERMISSIONS = {
    NEWS_EDITORS: {
        "model": [ACCESS_ADMIN, *STAFF_TOOLS],
        "pages": {NEWS_INDEXES: ["add", "change"]},
        "collection": MEDIA_EDITING,
    },
    MODERATORS: {
        "model": [
            ACCESS_ADMIN,
            *STAFF_TOOLS,
            *FORMAT_REQUESTS,
            *SEARCH_SYNONYMS,
            *(_person(a) for a in ("add", "change", "publish", "lock", "unlock")),
        ],
        "pages": {ROOT: ["add", "change", "publish", "lock", "unlock"]},
        "collection": MEDIA_MANAGING,
    },
    PORTFOLIO_EDITORS: {
        "model": [ACCESS_ADMIN, *STAFF_TOOLS, *(_person(a) for a in ("add", "change", "publish"))],
        "pages": {POLICY_AREAS: ["add", "change", "publish"]},
        "collection": MEDIA_EDITING,
    },
    # Members never see the admin: the group only opens private pages and the members' collection.
    MEMBERS: {"model": [], "pages": {}, "collection": []},
}

PAGE_PERMISSION_NAMES = {
    "add": "Can add page",
    "change": "Can change page",
    "publish": "Publish any page",
    "lock": "Lock/unlock pages you've locked",
    "unlock": "Unlock any page",
    "bulk_delete": "Delete pages with children",
}


def apply(apps):
    """Creates or corrects everything. `apps`: a migration's historical apps, or django.apps.apps."""
    groups = {name: _group(apps, name) for name in ROLES}
    for name, spec in ROLE_PERMISSIONS.items():
        _set_model_permissions(apps, groups[name], spec["model"])
        _set_page_permissions(apps, groups[name], spec["pages"])
        _set_collection_permissions(apps, groups[name], spec["collection"])
    remove_stock_groups(apps)
    members_collection(apps, groups[MEMBERS])
    workflow = news_review_workflow(apps, groups[MODERATORS])
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    for page_id in _page_ids(apps, NEWS_INDEXES):
        WorkflowPage.objects.update_or_create(page_id=page_id, defaults={"workflow": workflow})


def grant_on_new_page(apps, page_id, page_type):
    """For a news index or policy area just created: its roles' grants and, for a news index, the
    news review workflow. Adds only; nothing else is reset (run `apply` for that)."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for name, spec in ROLE_PERMISSIONS.items():
        actions = spec["pages"].get(page_type)
        if not actions:
            continue
        group, _ = Group.objects.get_or_create(name=name)
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page_id, permission=_page_permission(apps, action)
            )
    if page_type == NEWS_INDEXES:
        moderators, _ = Group.objects.get_or_create(name=MODERATORS)
        workflow = apps.get_model("wagtailcore", "Workflow").objects.filter(name=NEWS_REVIEW).first()
        workflow = workflow or news_review_workflow(apps, moderators)
        apps.get_model("wagtailcore", "WorkflowPage").objects.get_or_create(
            page_id=page_id, defaults={"workflow": workflow}
        )


def remove_stock_groups(apps):
    """Wagtail's stock groups that are not one of ROLES: deleted, or emptied of permissions if in use."""
    for group in apps.get_model("auth", "Group").objects.filter(name__in=STOCK_GROUPS):
        if group.user_set.exists():
            _set_model_permissions(apps, group, [])
            _set_page_permissions(apps, group, {})
            _set_collection_permissions(apps, group, [])
        else:
            group.delete()


def members_collection(apps, members):
    """The "Members only" collection under the root, viewable by the Members group alone."""
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    root = Collection.objects.get(depth=1)
    collection = Collection.objects.filter(depth=2, path__startswith=root.path, name=MEMBERS_COLLECTION).first()
    if collection is None:
        collection = _add_child_collection(Collection, root, MEMBERS_COLLECTION)
    restrictions = CollectionViewRestriction.objects.filter(collection=collection)
    restriction = restrictions.filter(restriction_type="groups").first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type="groups")
    # Exactly one restriction, for Members: a second (say, a password) would let others in too.
    restrictions.exclude(pk=restriction.pk).delete()
    restriction.groups.set([members])
    return collection


def news_review_workflow(apps, moderators):
    """The "News review" workflow: one task, approved by a Moderator."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    task = GroupApprovalTask.objects.filter(name=NEWS_REVIEW_TASK).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=NEWS_REVIEW_TASK, content_type=content_type, active=True)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.set([moderators])

    workflow, _ = Workflow.objects.get_or_create(name=NEWS_REVIEW, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


# Helpers ----------------------------------------------------------------------------------------


def _group(apps, name):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=name)
    return group


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _page_permission(apps, action):
    return _permission(apps, "wagtailcore", "page", f"{action}_page", PAGE_PERMISSION_NAMES[action])


def _page_ids(apps, page_type):
    if page_type == ROOT:
        return list(apps.get_model("wagtailcore", "Page").objects.filter(depth=1).values_list("pk", flat=True))
    return list(apps.get_model(*page_type).objects.values_list("pk", flat=True))


def _set_model_permissions(apps, group, permissions):
    group.permissions.set([_permission(apps, *permission) for permission in permissions])


def _set_page_permissions(apps, group, grants):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    wanted = set()
    for page_type, actions in grants.items():
        for page_id in _page_ids(apps, page_type):
            for action in actions:
                wanted.add((page_id, _page_permission(apps, action).pk))
    existing = {(row.page_id, row.permission_id): row.pk for row in GroupPagePermission.objects.filter(group=group)}
    GroupPagePermission.objects.filter(pk__in=[pk for key, pk in existing.items() if key not in wanted]).delete()
    for page_id, permission_id in wanted - existing.keys():
        GroupPagePermission.objects.create(group=group, page_id=page_id, permission_id=permission_id)


def _set_collection_permissions(apps, group, permissions):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.get(depth=1)
    wanted = {(root.pk, _permission(apps, *permission).pk) for permission in permissions}
    existing = {
        (row.collection_id, row.permission_id): row.pk for row in GroupCollectionPermission.objects.filter(group=group)
    }
    GroupCollectionPermission.objects.filter(pk__in=[pk for key, pk in existing.items() if key not in wanted]).delete()
    for collection_id, permission_id in wanted - existing.keys():
        GroupCollectionPermission.objects.create(group=group, collection_id=collection_id, permission_id=permission_id)


_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's materialised-path alphabet
_STEPLEN = 4


def _add_child_collection(Collection, parent, name):
    """treebeard's add_child, which historical models lack: the next path under `parent`."""
    last = Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = int(last.path[-_STEPLEN:], len(_ALPHABET)) + 1 if last else 1
    step = ""
    while number:
        number, digit = divmod(number, len(_ALPHABET))
        step = _ALPHABET[digit] + step
    child = Collection.objects.create(
        name=name, path=parent.path + step.rjust(_STEPLEN, "0"), depth=parent.depth + 1, numchild=0
    )
    Collection.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    return child
