"""The "On this page" list of a policy area page: its body's headings, then its own sections."""

from django.utils.text import slugify

# Block types whose value gives a heading, and how to read its text and level from the value.
HEADINGS = {
    "heading": lambda value: (str(value), "h2"),
    "priorities": lambda value: (value["introduction"], value.get("heading_level") or "h2"),
}


def body_with_anchors(body):
    """[(block, anchor)] for the body's blocks (anchor None for a block with no heading), and the
    [{"anchor", "text"}] entries of its top-level (h2) headings, each anchor unique on the page."""
    blocks, contents, taken = [], [], set()
    for block in body:
        read = HEADINGS.get(block.block_type)
        if read is None:
            blocks.append((block, None))
            continue
        text, level = read(block.value)
        anchor = base = slugify(text) or "section"
        number = 1
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"
        taken.add(anchor)
        blocks.append((block, anchor))
        if level == "h2":
            contents.append({"anchor": anchor, "text": text.rstrip(" :")})
    return blocks, contents


def section_entries(sections):
    """Contents entries for hub sections from portfolios.models.latest_filed_under (see latest.html)."""
    return [{"anchor": f"latest-{section['id']}-heading", "text": section["heading"]} for section in sections]
