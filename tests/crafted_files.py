"""Hostile files, made on the spot: for the tests and for bench/faults."""

import io
import zipfile

MB = 1024 * 1024


def inflating_pptx(megabytes=300):
    """A valid PowerPoint file of a few hundred KB whose one slide's XML inflates to `megabytes` MB.

    Written as a stream: making it never holds the inflated slide in memory.
    """
    from pptx import Presentation

    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "Crafted"
    plain = io.BytesIO()
    presentation.save(plain)
    source = zipfile.ZipFile(plain)
    crafted = io.BytesIO()
    with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "ppt/slides/slide1.xml":
                package.writestr(info, data)
                continue
            head, tail = data.rsplit(b"</p:sld>", 1)
            member = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            with package.open(member, "w", force_zip64=True) as slide_xml:
                slide_xml.write(head)
                comment = b"<!--" + b" " * (MB - 7) + b"-->"
                for _ in range(megabytes):
                    slide_xml.write(comment)
                slide_xml.write(b"</p:sld>" + tail)
    return crafted.getvalue()
