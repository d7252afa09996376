from django import forms
from django.core.validators import EmailValidator

from alerts.models import AlertList, Frequency
from portal import visibility
from portfolios.models import PolicyAreaPage, PortfolioPage

GENERAL_LISTS = [
    (AlertList.ALL_NEWS, "All news"),
    (AlertList.STATEMENTS, "Statements"),
    (AlertList.PUBLICATIONS, "Resources and publications"),
]


class StrictEmailField(forms.EmailField):
    """An address, no longer than a mailbox may be, with no control characters (no header injection)."""

    default_validators = [EmailValidator(message="Enter an email address in the correct format, like name@example.com")]

    def to_python(self, value):
        value = super().to_python(value)
        if any(ord(character) < 32 or ord(character) == 127 for character in value):
            raise forms.ValidationError("Enter an email address in the correct format, like name@example.com")
        return value.strip()


class SubscribeForm(forms.Form):
    email = StrictEmailField(
        label="Email address",
        max_length=254,
        help_text="We send a link to this address to confirm it: nothing is sent until you follow it.",
        error_messages={"required": "Enter your email address"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    topic = forms.ChoiceField(
        label="What do you want to hear about?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you want to hear about", "invalid_choice": "Choose one of the lists"},
    )
    frequency = forms.ChoiceField(
        label="How often?",
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATELY,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often", "invalid_choice": "Choose how often"},
    )

    def __init__(self, *args, area=None, **kwargs):
        super().__init__(*args, **kwargs)
        portfolios = visibility.visible_pages(None, PortfolioPage.objects.all()).order_by("title")
        if area is not None:
            portfolios = portfolios.child_of(area)
        self.portfolios = {f"portfolio-{p.pk}": p for p in portfolios}
        self.fields["topic"].choices = GENERAL_LISTS + [
            (key, f"{p.title} (portfolio)") for key, p in self.portfolios.items()
        ]

    def chosen_list(self):
        """(list, portfolio or None) of the valid form."""
        topic = self.cleaned_data["topic"]
        if topic in self.portfolios:
            return AlertList.PORTFOLIO, self.portfolios[topic]
        return AlertList(topic), None


def area_for(slug):
    """The public policy area a subscribe link came from, or None."""
    if not slug:
        return None
    return visibility.visible_pages(None, PolicyAreaPage.objects.filter(slug=slug)).first()
