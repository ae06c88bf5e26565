"""Product images: checked with Pillow, resized, stored through Django's storage API.

The default storage is the local filesystem under MEDIA_ROOT in development and S3 (django-storages)
when AWS_STORAGE_BUCKET_NAME is set; this module only talks to ``default_storage``.

An upload must be at most ``MAX_BYTES``, decode as a real JPEG/PNG/WebP/GIF image, and have at most
``MAX_PIXELS`` pixels (Pillow's decompression-bomb guard is raised to an error, not a warning). It is
re-encoded (which drops EXIF/GPS and any payload appended to the file), orientation-corrected, and
shrunk to fit ``MAX_SIDE`` px: WebP when it has transparency, otherwise JPEG.
"""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from webdpro.errors import ValidationFailed
from webdpro.ids import new_id
from webdpro.imagecheck import PHOTO_FORMATS, open_checked

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 1200
MAX_PIXELS = 40_000_000
MAX_IMAGES = 6
ALLOWED_FORMATS = PHOTO_FORMATS | {"GIF"}


def process_upload(upload, store_id: str) -> str:
    """Validate, resize and store one uploaded file; returns the storage name."""
    size = getattr(upload, "size", None)
    if size is None or size > MAX_BYTES:
        raise ValidationFailed(
            _("“%(name)s” is larger than 5 MB. Use a smaller photo.") % {"name": upload.name}, field="images"
        )
    data = upload.read()
    if len(data) > MAX_BYTES:
        raise ValidationFailed(
            _("“%(name)s” is larger than 5 MB. Use a smaller photo.") % {"name": upload.name}, field="images"
        )
    image = _open_checked(data, upload.name)
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    out = io.BytesIO()
    if has_alpha:
        image.convert("RGBA").save(out, "WEBP", quality=85, method=4)
        ext = "webp"
    else:
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=True)
        ext = "jpg"
    name = f"products/{store_id}/{new_id().lower()}.{ext}"
    return default_storage.save(name, ContentFile(out.getvalue()))


def _open_checked(data: bytes, label: str) -> Image.Image:
    return open_checked(data, field="images", formats=ALLOWED_FORMATS, max_pixels=MAX_PIXELS, label=f"“{label}”")


def image_url(name: str) -> str:
    try:
        return default_storage.url(name)
    except Exception:  # a misconfigured bucket must not break the page
        return ""


def delete_image(name: str) -> None:
    try:
        default_storage.delete(name)
    except Exception:
        pass
