"""Choosing a person: the chooser offers "Edit this person" only to someone who may edit people.

Wagtail's snippet chooser renders the chosen person's edit link without asking who is looking
(AdminURLFinder() with no user), so a news editor is offered a link that bounces them. Here the
link is left out when the form is drawn; once a person is chosen, the chooser's own answer brings
it back for those who may edit people (Wagtail's chooser view asks AdminURLFinder(user)).
"""

from django.utils.functional import cached_property
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.snippets.widgets import AdminSnippetChooser


class PersonChooser(AdminSnippetChooser):
    def get_value_data_from_instance(self, instance):
        return {**super().get_value_data_from_instance(instance), "edit_url": ""}


class PersonChooserBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("portfolios.Person", **kwargs)

    @cached_property
    def widget(self):
        super().widget  # noqa: B018 - Wagtail's checks and icon
        return PersonChooser(self.target_model, icon=self.meta.icon)

    def deconstruct(self):
        """Stored as Wagtail's own block: the data is the same, so the migrations need not change."""
        _, _, kwargs = super().deconstruct()
        return "wagtail.snippets.blocks.SnippetChooserBlock", ("portfolios.Person",), kwargs
