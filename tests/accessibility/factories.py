from accessibility.models import AccessibilityStatementPage
from tests.portal.factories import PageFactory


class AccessibilityStatementPageFactory(PageFactory):
    class Meta:
        model = AccessibilityStatementPage

    title = "Accessibility statement"
    slug = "accessibility-statement"
    introduction = "This accessibility statement applies to the policy section of the website."
