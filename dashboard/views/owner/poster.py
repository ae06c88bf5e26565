"""Owner views: the store poster (page to preview and print, PDF A4/A5, PNG) and the WhatsApp share link."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dashboard.auth import owner_required
from dashboard.views.owner.common import owner_store
from webdpro.storefront import poster


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
    size = request.GET.get("size", "A4")
    if size not in poster.SIZES:
        return HttpResponse(_("size: choose A4 or A5."), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(poster.pdf(_poster(store), size), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="poster-{store.slug or store.store_id}-{size}.pdf"'
    return response


@owner_required
@require_GET
def poster_png(request, store_id):
    store = owner_store(request, store_id)
    response = HttpResponse(poster.png(_poster(store)), content_type="image/png")
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="poster-{store.slug or store.store_id}.png"'
    response["Cache-Control"] = "private, max-age=60"
    return response


urlpatterns = [
    path("stores/<ulid:store_id>/poster/", poster_page, name="poster"),
    path("stores/<ulid:store_id>/poster.pdf", poster_pdf, name="poster_pdf"),
    path("stores/<ulid:store_id>/poster.png", poster_png, name="poster_png"),
]
