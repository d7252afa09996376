from django import forms


class ListingFilterForm(forms.Form):
    """A listing's filters: a plain GET form, so every filtered listing has its own address.

    Made with the request's data and the listing's items. A subclass declares its fields and, for
    each, `filter_<name>(items, value)`; `filtered()` applies those whose value is set.
    """

    def __init__(self, data, items=None):
        super().__init__(data)
        self.items = items

    def filtered(self):
        """The items matching the filters. Call only on a valid form."""
        items = self.items
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if value:
                items = getattr(self, f"filter_{name}")(items, value)
        return items

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in self.fields)
