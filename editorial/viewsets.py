"""Admin → Draft preview links: create one by choosing a page, copy its address, revoke it."""

from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.views import View
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, UserColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from editorial.forms import PreviewLinkForm
from editorial.models import PreviewLink


def links_for(user):
    """The preview links of the pages `user` can edit: nobody is handed the drafts of another section."""
    links = PreviewLink.objects.select_related("page", "created_by")
    if user.is_superuser:
        return links
    pages = policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "change")
    return links.filter(page__in=pages.values("pk"))


def expiry(link):
    if link.expires_at is None:
        return "No expiry"
    return date_format(timezone.localtime(link.expires_at), "j M Y, H:i")


class AddressColumn(Column):
    cell_template_name = "editorial/preview_links/address_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["address"] = request.build_absolute_uri(instance.get_absolute_url()) if request else instance.full_url
        return context


class PreviewLinkIndexView(generic.IndexView):
    default_ordering = "-created_at"

    @cached_property
    def list_display(self):
        return [
            "page",  # the title column: it links to the link's edit view and holds the Revoke action
            AddressColumn("address", label="Address to share"),
            StatusTagColumn("status", label="Status", primary=lambda link: link.is_active),
            UserColumn("created_by", label="Created by"),
            DateColumn("created_at", label="Created", sort_key="created_at"),
            Column("expires", label="Expires", accessor=expiry),
        ]

    def get_base_queryset(self):
        return links_for(self.request.user)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.revoked_at is None and self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    "Revoke",
                    url=reverse("previewlink:revoke", args=[quote(instance.pk)]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


class PreviewLinkCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_message(self, instance):
        return f"Preview link created for “{instance.page.get_admin_display_title()}”. Copy its address from the list."


class PreviewLinkEditView(generic.EditView):
    def get_queryset(self):
        return links_for(self.request.user)


class PreviewLinkRevokeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, View):
    """Asks, then revokes: the link stops working at once, and stays listed as revoked."""

    model = PreviewLink
    permission_required = "change"
    template_name = "editorial/preview_links/confirm_revoke.html"
    page_title = "Revoke preview link"
    header_icon = "link"

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(links_for(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return TemplateResponse(request, self.template_name, self.get_context_data(object=self.object))

    def post(self, request, *args, **kwargs):
        self.object.revoke()
        messages.success(
            request, f"Preview link for “{self.object.page.get_admin_display_title()}” revoked: it no longer works."
        )
        return redirect("previewlink:index")


class PreviewLinkViewSet(ModelViewSet):
    model = PreviewLink
    name = "previewlink"
    icon = "link"
    menu_label = "Draft preview links"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = PreviewLinkIndexView
    add_view_class = PreviewLinkCreateView
    edit_view_class = PreviewLinkEditView
    add_handler = ObjectList([FieldPanel("page"), FieldPanel("expires_at")], base_form_class=PreviewLinkForm)
    edit_handler = ObjectList(
        [FieldPanel("page", read_only=True), FieldPanel("expires_at")], base_form_class=PreviewLinkForm
    )

    @cached_property
    def _add_handler(self):
        return self.add_handler.bind_to_model(self.model)

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(
            panel=self._add_handler, form_class=self._add_handler.get_form_class(), **kwargs
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("revoke/<int:pk>/", PreviewLinkRevokeView.as_view(), name="revoke")]
