"""A 404 on a store host (an unknown path) looks like the storefront's, not the app's."""

from django.shortcuts import render


def not_found(request, exception=None):
    return render(request, "storefront/missing.html", {"unknown_page": True}, status=404)
