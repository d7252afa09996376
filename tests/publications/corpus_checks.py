"""The accessibility checks run on a file of the corpus (tests/publications/corpus/, made by real tools)."""

from pathlib import Path

from publications.file_checks import check_file

CORPUS = Path(__file__).parent / "corpus"
MB = 1024 * 1024


def check(name, extension=None):
    path = CORPUS / name
    return check_file(path, extension or path.suffix)
