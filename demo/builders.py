"""How content is made, shared by `load_demo`, `load_bulk` and the tests' factories: as an editor
makes it in the admin, so that every signal, revision and index runs as it does there."""

from django.core.files.base import ContentFile

from demo.files import make_pdf, make_pptx, password_protected

FILE_MAKERS = {"pdf": make_pdf, "pptx": make_pptx}


def add_page(parent, page, *, publish=True):
    """Adds `page` (unsaved) under `parent` with a first revision, then publishes it, or leaves it a draft."""
    page.live = publish
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def add_person(model, **fields):
    """A person (a snippet with drafts), saved and published."""
    person = model.objects.create(**fields)
    person.save_revision().publish()
    return person


def stand_in_file(title, paragraphs, file_name, size, kind=""):
    """The bytes of a real PDF or PowerPoint file of about `size` bytes that says it is a stand-in. A PDF
    may be of a `kind`: "accessible" (tagged, titled, its language given) or "password-protected"."""
    extension = file_name.rsplit(".", 1)[1].lower()
    if kind == "password-protected":
        return password_protected(make_pdf(title, paragraphs, int(size), seed=file_name))
    if kind == "accessible":
        return make_pdf(title, paragraphs, int(size), seed=file_name, accessible=True)
    return FILE_MAKERS[extension](title, paragraphs, int(size), seed=file_name)


def build_document(model, file_name, data, **fields):
    """A document with its file written to storage and read (size, pages, text), not yet saved."""
    document = model(**fields)
    document.file.save(file_name, ContentFile(data), save=False)
    document._set_document_file_metadata()
    return document
