from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from portal.blocks import BaseStreamBlock
from portfolios.widgets import PersonChooserBlock


class QuoteBlock(blocks.StructBlock):
    quote = blocks.RichTextBlock(
        features=["bold", "italic", "link"],
        help_text="The words as said, without quotation marks: the site adds them.",
    )
    person = PersonChooserBlock(
        required=False,
        help_text="Who said it, if they are in People. Otherwise write their name below.",
    )
    role = blocks.CharBlock(
        label="their role when they said it",
        required=False,
        help_text="E.g. “PCC for Devon and Cornwall”. Left empty, it is filled with the person's "
        "role line when you save, and then kept as it was, even if their role changes later.",
    )
    speaker_name = blocks.CharBlock(
        required=False,
        help_text="Only for a speaker who is not in People.",
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("person") and not value.get("speaker_name"):
            raise StructBlockValidationError(
                block_errors={"person": ValidationError("Choose the person quoted, or write the speaker's name.")}
            )
        return value


class NewsBodyBlock(BaseStreamBlock):
    quote = QuoteBlock()
