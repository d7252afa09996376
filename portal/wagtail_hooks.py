"""The visibility policy (portal.visibility) at the two doors Wagtail serves through itself."""

from wagtail import hooks

from portal import visibility


@hooks.register("before_serve_page", order=-10)
def serve_only_visible_pages(page, request, serve_args, serve_kwargs):
    """Before Wagtail's own privacy check, which lets an unverified superuser through."""
    return visibility.refuse(request, visibility.page_access(request, page))


@hooks.register("before_serve_document", order=-10)
def serve_only_visible_documents(document, request):
    """A file goes out with the pages that use it (an embargoed or draft page's file is "not found",
    a members-only page's asks the visitor to sign in), and within its collection's privacy."""
    return visibility.refuse(request, visibility.document_access(request, document))
