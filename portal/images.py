"""The admin's image upload, refusing files Pillow cannot read to the end with a form error."""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class CompleteImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        # Wagtail reads the image here and lets a truncated file's OSError through as a 500.
        try:
            super().check_image_pixel_size(f)
        except OSError as error:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class PortalImageForm(BaseImageForm):
    file = CompleteImageField(label="File")
