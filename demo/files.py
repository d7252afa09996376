"""Real, valid demo files of a chosen size, the same bytes on every run.

The seed names the association's files and their sizes but not their contents,
so the demo writes stand-in documents that say what they are, padded with an
image of seeded noise to the seed's size. Their size on the site is read from
the files like any other upload's.
"""

import io
import math
import random
import textwrap

from PIL import Image
from pptx import Presentation
from pptx.util import Inches, Pt

STAND_IN_NOTE = (
    "This is a stand-in copy generated for the Policy Portal demonstration site. "
    "The association's original file is not part of the demo's source text."
)


def _noise(seed, length):
    return random.Random(seed).randbytes(length)


def _pdf_text_stream(lines, y=780):
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    body = ["BT", "/F1 12 Tf", "16 TL", f"56 {y} Td"]
    for index, line in enumerate(escaped):
        body.append(f"({line}) Tj" if index == 0 else f"({line}) '")
    body.append("ET")
    return "\n".join(body).encode("latin-1", "replace")


def _marked(tag, stream):
    """Content marked for a structure element (tagged PDF): the page's one marked-content item, MCID 0."""
    return f"/{tag} <</MCID 0>> BDC\n".encode() + stream + b"\nEMC"


PADDING_NOTE = "The picture below is random noise that pads this stand-in to the size of the original file."


def make_pdf(title, paragraphs, target_size, seed, accessible=False):
    """A PDF of text pages plus a closing page with a noise image sized to reach `target_size` bytes.

    `accessible`: tagged as an accessible PDF is (each page's text a paragraph and the picture a figure
    with alternative text in a structure tree, the title shown as the window title, the language
    given, and the closing page saying in text what its picture is), as the accessibility checks of
    publications.file_checks find it. Otherwise it is the untagged kind of file they find fault with."""
    lines = [title, ""]
    for paragraph in [*paragraphs, STAND_IN_NOTE]:
        lines.extend(textwrap.wrap(paragraph, 85))
        lines.append("")
    text_pages = [lines[start : start + 44] for start in range(0, len(lines), 44)]

    def build(image_height):
        width = 512
        image_data = _noise(seed, width * image_height * 3)
        objects = []  # each a bytes body; object numbers are index + 1
        page_count = len(text_pages) + 1
        first_page = 4
        kids = " ".join(f"{first_page + i * 2} 0 R" for i in range(page_count))
        objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
        objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {page_count} >>".encode())
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        image_number = first_page + page_count * 2
        for page_lines in text_pages:
            stream = _pdf_text_stream(page_lines)
            stream = _marked("P", stream) if accessible else stream
            objects.append(
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {len(objects) + 2} 0 R "
                f"/Resources << /Font << /F1 3 0 R >> >> >>".encode()
            )
            objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        scaled_height = max(1, round(483 * image_height / width))
        stream = f"q 483 0 0 {scaled_height} 56 {760 - scaled_height} cm /Im1 Do Q".encode()
        if accessible:
            stream = _marked("Figure", stream) + b"\n" + _pdf_text_stream([PADDING_NOTE], y=800)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {len(objects) + 2} 0 R "
            f"/Resources << /XObject << /Im1 {image_number} 0 R >> /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8 /Length %d >>\nstream\n"
            % (width, image_height, len(image_data))
            + image_data
            + b"\nendstream"
        )
        out = io.BytesIO()
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
        return out.getvalue()

    overhead = len(build(1)) - 512 * 3
    data = build(max(1, math.ceil((target_size - overhead) / (512 * 3))))
    return _tagged(data, title) if accessible else data


def _tagged(data, title):
    """The PDF `data` (each page one marked-content item: text pages a paragraph, the last a figure) with
    the structure tree that says so, the title in its properties shown as the window title, and its language."""
    import pikepdf  # imported here: only the demo's accessible stand-ins need it

    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    document = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=root))
    elements, parents = [], []
    for number, page in enumerate(pdf.pages):
        is_figure = number == len(pdf.pages) - 1
        element = pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem,
            S=pikepdf.Name.Figure if is_figure else pikepdf.Name.P,
            P=document,
            Pg=page.obj,
            K=0,
        )
        if is_figure:
            element.Alt = pikepdf.String("Random noise that pads this stand-in file to the size of the original.")
        element = pdf.make_indirect(element)
        page.obj.StructParents = number
        elements.append(element)
        parents.extend([number, pikepdf.Array([element])])
    document.K = pikepdf.Array(elements)
    root.K = pikepdf.Array([document])
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(parents)))
    root.ParentTreeNextKey = len(pdf.pages)
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.Lang = pikepdf.String("en-GB")
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    pdf.docinfo[pikepdf.Name.Title] = title
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def make_pptx(title, paragraphs, target_size, seed):
    """A PowerPoint file with a title slide, a text slide and a noise picture sized to reach `target_size`."""

    def build(side):
        presentation = Presentation()
        slide = presentation.slides.add_slide(presentation.slide_layouts[0])
        slide.shapes.title.text = title
        slide.placeholders[1].text = "Association of Police and Crime Commissioners"
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = "About this file"
        body = slide.placeholders[1].text_frame
        body.text = paragraphs[0]
        for paragraph in [*paragraphs[1:], STAND_IN_NOTE]:
            body.add_paragraph().text = paragraph
        for paragraph in body.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(18)
        picture = io.BytesIO()
        Image.frombytes("RGB", (side, side), _noise(seed, side * side * 3)).save(picture, format="PNG")
        picture.seek(0)
        slide = presentation.slides.add_slide(presentation.slide_layouts[5])
        slide.shapes.title.text = "Illustration"
        slide.shapes.add_picture(picture, Inches(2), Inches(1.8), height=Inches(5))
        out = io.BytesIO()
        presentation.save(out)
        return out.getvalue()

    overhead = len(build(8))
    side = max(8, round(math.sqrt(max(target_size - overhead, 0) / 3)))
    return build(side)


def password_protected(pdf_data, password="demo-stand-in"):
    """The PDF encrypted with a password to open it: a file nobody but its owner can read, or check.
    (Encryption is salted at random: unlike the other stand-ins, its bytes differ from run to run.)"""
    import pikepdf  # imported here: only the demo's example of a locked file needs it

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf_data)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner=password, user=password))
    return out.getvalue()
