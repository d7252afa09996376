"""The documents endpoint of the public API, without the files of publications not yet out.

Wagtail's own endpoint already leaves out files in private collections. This one also leaves out
a file attached to publications none of which is live and visible to the caller (an embargoed
publication's files, say), so that not even its title and address are listed before it goes live.
Register it in portal/api.py in place of Wagtail's:

    api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
"""

from wagtail.documents.api.v2.views import DocumentsAPIViewSet

from editorial.access import withheld_document_ids


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().exclude(pk__in=withheld_document_ids(self.request))
