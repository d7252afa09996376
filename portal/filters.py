from django import forms


def printable(value, length=60):
    """A value from the address as it may be shown back: no control characters, not too long."""
    return "".join(character for character in str(value) if character.isprintable())[:length]


class ListingFilterForm(forms.Form):
    """A listing's filters: a plain GET form, so every filtered listing has its own address.

    Made with the request's data and the listing's items. A subclass declares its fields and, for
    each, `filter_<name>(items, value)`; `filtered()` applies those whose value is set.

    An address may outlive its choices (a bookmark, a portfolio renamed, a hand-typed ?year=abc): a
    value that is not one of the choices is left out, the form is valid without it, and `ignored`
    says what was left out, for the listing to tell the visitor instead of answering "not found".
    """

    def __init__(self, data, items=None):
        super().__init__(data)
        self.items = items
        self.ignored = []

    def full_clean(self):
        super().full_clean()
        unknown = [name for name in self._errors if name in self.fields]
        if unknown:
            self.ignored = [(self.fields[name].label, printable(self.data.get(name, ""))) for name in unknown]
            data = self.data.copy()
            for name in unknown:
                data.pop(name, None)
            self.data = data
            super().full_clean()

    def filtered(self):
        """The items matching the filters. Call only on a valid form."""
        items = self.items
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if value:
                items = getattr(self, f"filter_{name}")(items, value)
        return items

    @property
    def asked(self):
        """What the form shows depends on besides its choices: the values given and those left out."""
        data = self.data
        given = tuple(
            (name, tuple(data.getlist(name)) if hasattr(data, "getlist") else data.get(name)) for name in self.fields
        )
        return given, tuple(self.ignored)

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in self.fields)

    @property
    def summary(self):
        """What the listing is filtered by, in words: "Forensics, Statement, 2024" ("" when unfiltered)."""
        labels = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if isinstance(field, forms.ModelChoiceField):
                labels.append(str(value))
            else:
                labels.append(str({str(key): label for key, label in field.choices}.get(str(value), value)))
        return ", ".join(labels)
