"""Placeholder sign-in until the accounts issue lands: shows the page, signs out."""
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dashboard.auth import logout


def signin(request):
    return render(request, "accounts/signin.html")


@require_POST
def signout(request):
    logout(request)
    return redirect("home")
