"""StreamField blocks shared by every page type."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        help_text = "A section heading. The page title is the only top-level heading."


class PrioritiesBlock(blocks.StructBlock):
    introduction = blocks.CharBlock(
        help_text="The sentence before the list, e.g. “Our priorities are:”. It is the list's heading.",
    )
    heading_level = blocks.ChoiceBlock(
        choices=[("h2", "A section of the page"), ("h3", "Part of the section above (under its heading)")],
        default="h2",
        help_text="Choose “Part of the section above” when a heading block introduces this list, "
        "e.g. “Modern slavery”.",
    )
    priorities = blocks.ListBlock(
        blocks.TextBlock(label="Priority"),
        min_num=1,
        help_text="One priority per item, in the order the association gives them.",
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/priorities.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, template="blocks/paragraph.html")
    image = ImageBlock(template="blocks/image.html")
