"""After a moderator presses "Request changes", the editor sees their comment where they work: at
the top of the page's edit view and in a dashboard panel, not only in History.

Wagtail keeps the request as the workflow state "needs changes", whose current task state is the
rejected one, with the moderator (`finished_by`), the time and the comment.
"""

from django.contrib import messages
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState


def changes_requested(workflow_state):
    """(moderator's name, when, comment) of a workflow state that needs changes, else None."""
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = workflow_state.current_task_state
    if task_state is None:
        return None
    moderator = task_state.finished_by
    name = (moderator.get_full_name() or moderator.get_username()) if moderator else "A moderator"
    return name, task_state.finished_at, task_state.get_comment()


def describe(found):
    name, when, comment = found
    stamp = f" on {timezone.localtime(when):%-d %B %Y at %H:%M %Z}" if when else ""
    said = f": “{comment}”" if comment else " (with no comment)"
    return f"{name} requested changes{stamp}{said}. Make them, then resubmit."


def show_on_edit_view(request, page):
    """The `before_edit_page` hook: a message at the top of the edit view, when the page is opened."""
    if request.method != "GET":
        return None
    found = changes_requested(page.current_workflow_state)
    if found:
        messages.warning(request, describe(found))
    return None


class ChangesRequestedPanel(Component):
    """The dashboard's "Changes requested of you": the pages the user submitted that came back."""

    name = "changes_requested"
    template_name = "editorial/home/changes_requested.html"
    order = 205  # above Wagtail's "Your pages in a workflow" (210)

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        states = (
            WorkflowState.objects.filter(
                status=WorkflowState.STATUS_NEEDS_CHANGES,
                requested_by=request.user,
                base_content_type__model="page",
                base_content_type__app_label="wagtailcore",
            )
            .select_related("current_task_state__finished_by")
            .order_by("-current_task_state__finished_at")
        )
        pages = Page.objects.in_bulk([int(state.object_id) for state in states])
        items = []
        for state in states:
            page = pages.get(int(state.object_id))
            found = changes_requested(state)
            if page and found:
                items.append({"page": page, "text": describe(found)})
        return {**super().get_context_data(parent_context), "items": items}
