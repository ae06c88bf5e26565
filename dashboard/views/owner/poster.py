"""Owner views: the store poster (page to preview and print, PDF A4/A5, PNG) and the WhatsApp share link."""

from __future__ import annotations

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from dashboard.auth import owner_required
from dashboard.forms import ON_OFF, ChoiceOf, valid_data
from dashboard.views.common import run_action
from dashboard.views.owner.common import owner_store
from webdpro.storefront import poster

DEFAULT_SIZE = "A4"


class PosterPdfForm(forms.Form):
    """The PDF's paper size (query string); none asked for is A4."""

    size = ChoiceOf(concept=gettext_lazy("poster size"), choices=[(s, s) for s in poster.SIZES], required=False)


class PosterPngForm(forms.Form):
    """Whether the image is a download (``?download=1``) or shown in the page."""

    download = ChoiceOf(concept=gettext_lazy("download switch"), choices=ON_OFF, required=False)


def _poster(store):
    return poster.for_store(store, store.config_dict)


@owner_required
@require_GET
def poster_page(request, store_id):
    store = owner_store(request, store_id)
    info = _poster(store)
    share_text = _("Order from %(name)s online:") % {"name": info.name}
    context = {
        "store": store,
        "poster": info,
        "whatsapp_url": poster.whatsapp_link(share_text, info.url),
        "active_nav": "owner:poster",
    }
    return render(request, "owner/stores/poster.html", context)


@owner_required
@require_GET
def poster_pdf(request, store_id):
    store = owner_store(request, store_id)
    form = PosterPdfForm(request.GET)

    def respond(size, error, status):
        if error is not None:
            return render(request, "errors/domain.html", {"error": error}, status=status)
        response = HttpResponse(poster.pdf(_poster(store), size), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="poster-{store.slug or store.store_id}-{size}.pdf"'
        return response

    return run_action(request, lambda: valid_data(form)["size"] or DEFAULT_SIZE, respond)


@owner_required
@require_GET
def poster_png(request, store_id):
    store = owner_store(request, store_id)
    form = PosterPngForm(request.GET)

    def respond(download, error, status):
        if error is not None:
            return render(request, "errors/domain.html", {"error": error}, status=status)
        response = HttpResponse(poster.png(_poster(store)), content_type="image/png")
        if download:
            response["Content-Disposition"] = f'attachment; filename="poster-{store.slug or store.store_id}.png"'
        response["Cache-Control"] = "private, max-age=60"
        return response

    return run_action(request, lambda: valid_data(form)["download"] == "1", respond)


urlpatterns = [
    path("stores/<ulid:store_id>/poster/", poster_page, name="poster"),
    path("stores/<ulid:store_id>/poster.pdf", poster_pdf, name="poster_pdf"),
    path("stores/<ulid:store_id>/poster.png", poster_png, name="poster_png"),
]
