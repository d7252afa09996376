"""Storage for image renditions under names nobody can guess (STORAGES["renditions"]).

The proxy serves /media/images/ itself. A rendition made for a draft or an embargoed page (in a
preview) must not be found there by trying its original's name and a common size, so each rendition
goes into a folder of its own with a random name.
"""

import posixpath
import secrets

from django.core.files.storage import FileSystemStorage


class UnguessableNames:
    def generate_filename(self, filename):
        folder, name = posixpath.split(super().generate_filename(filename))
        return posixpath.join(folder, secrets.token_hex(8), name)


class UnguessableFileSystemStorage(UnguessableNames, FileSystemStorage):
    pass


try:  # only when django-storages is installed, for media on S3 (see the README)
    from storages.backends.s3 import S3Storage
except ImportError:
    pass
else:

    class UnguessableS3Storage(UnguessableNames, S3Storage):
        pass
