from django.apps import AppConfig


class AccessibilityConfig(AppConfig):
    """The accessibility statement: a page type in the shape of GOV.UK's model statement, whose list of
    what is not accessible is read from the content itself."""

    name = "accessibility"
    verbose_name = "Accessibility statement"
