"""Reading from what check_file is given: a filesystem path, or a binary file object open for reading."""

import os


def is_path(source):
    return isinstance(source, str | os.PathLike)


def rewind(source):
    """Back to the start of a file object (a path needs nothing)."""
    if not is_path(source):
        source.seek(0)


def head(source, count):
    """The first count bytes."""
    if is_path(source):
        with open(source, "rb") as file:
            return file.read(count)
    source.seek(0)
    try:
        return source.read(count)
    finally:
        source.seek(0)


def size(source):
    """The size in bytes."""
    if is_path(source):
        return os.path.getsize(source)
    source.seek(0, os.SEEK_END)
    try:
        return source.tell()
    finally:
        source.seek(0)
