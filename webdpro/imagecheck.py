"""One check for every uploaded image (product photos, proof-of-delivery photos).

Only the formats a phone or a shop's computer makes and every browser shows are accepted (JPEG, PNG,
WebP; product photos also GIF): the format is read from the file's header, never from its name, so a
TIFF, ICO, PPM or BMP renamed ``.jpg`` is refused. The pixel count is checked before any pixel is
decoded (decompression bombs), then the whole file is verified and decoded.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from webdpro.errors import ValidationFailed

PHOTO_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}


def _names(formats) -> str:
    names = [NAMES.get(f, f) for f in ("JPEG", "PNG", "WEBP", "GIF") if f in formats]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


def open_checked(
    data: bytes, *, field: str, formats=PHOTO_FORMATS, max_pixels: int = 40_000_000, label: str = "That file"
) -> Image.Image:
    """The decoded image, or ValidationFailed naming ``field``."""
    bad = ValidationFailed(
        _("%(label)s is not a photo we can read. Upload a %(names)s image.")
        % {"label": label, "names": _names(formats)},
        field=field,
    )
    try:
        probe = Image.open(io.BytesIO(data))  # reads the header only
        if probe.format not in formats:
            raise bad
        width, height = probe.size
        if width * height > max_pixels:
            raise ValidationFailed(
                _("%(label)s is too large in pixels (%(width)s×%(height)s).")
                % {"label": label, "width": width, "height": height},
                field=field,
            )
        probe.verify()  # structural check; the image must be reopened after verify()
        image = Image.open(io.BytesIO(data))
        image.load()
        return image
    except ValidationFailed:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationFailed(_("%(label)s is too large in pixels.") % {"label": label}, field=field) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise bad from exc
