"""Sign-in and sign-up with a one-time code, and sign-out.

One page, two steps: the phone step (``accounts:signin`` or ``accounts:signup``) and the code step
(``accounts:verify``), rendered from the partials of ``accounts/signin.html``. With HTMX the phone step
is swapped for the code step in place (and the URL pushed to ``/accounts/verify/``); without JavaScript
every POST redirects to the next step. The phone being verified, and for a sign-up the details typed,
wait in the signed session cookie until the code is right: an owner's account and tenant are created
only once their phone is proven.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, push_url

from dashboard.auth import home_url, login, logout
from dashboard.forms import valid_data
from dashboard.views.accounts.forms import CodeForm, PhoneForm, PhonePrefillForm, SignOutForm, SignupForm
from dashboard.views.common import safe_next
from webdpro.accounts import signin as signin_service
from webdpro.accounts.client_ip import client_ip
from webdpro.accounts.errors import CodeExpired, CodeLocked, NoAccount, RateLimited, SignInRefused
from webdpro.accounts.services import PhoneTaken
from webdpro.accounts.signin import SIGN_IN, SIGN_UP
from webdpro.errors import DomainError
from webdpro.phones import display_phone

PENDING = "_signin"  # session: {"phone", "purpose", "next", "sends_left", "signup": {...}}
SIGN_IN_INSTEAD = gettext_lazy("This phone number already has an account. Sign in instead.")
PAGE = {"signin": "accounts/signin.html", "signup": "accounts/signup.html"}


# --- helpers ---------------------------------------------------------------------------------------
def dev_sms_hint() -> str:
    """Where codes land on a developer's machine (DEBUG and the local backend only)."""
    if not settings.DEBUG or settings.AUTH_BACKEND != "local":
        return ""
    if settings.SMS_BACKEND == "file":
        path = Path(settings.SMS_OUTBOX)
        try:
            return str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
        except ValueError:
            return str(path)
    if settings.SMS_BACKEND == "console":
        return "the terminal running the server"
    return ""


def _landing(user, next_url: str) -> str:
    """``next`` if this user may open it, else the home of their role."""
    if next_url:
        try:
            match = resolve(next_url.split("?")[0])
        except Resolver404:
            match = None
        allowed = getattr(match.func, "allowed_roles", None) if match else None
        if match and (allowed is None or user.role in allowed):
            return next_url
    return home_url(user)


def _go(request, url: str):
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _render(request, page: str, step: str, context: dict, status: int = 200):
    """The whole page, or with HTMX just the step's partial (same template, same context)."""
    context = {"step": step, "dev_hint": dev_sms_hint(), **context}
    template = f"{PAGE[page]}#{step}" if request.htmx else PAGE[page]
    return render(request, template, context, status=status)


def _refusal(request, page, step, context, exc: DomainError):
    context = {**context, "error": exc.message}
    response = _render(request, page, step, context, status=exc.status_code)
    if isinstance(exc, RateLimited):
        response["Retry-After"] = str(exc.retry_after)
    return response


def _code_context(pending: dict, **extra) -> dict:
    return {
        "phone": pending["phone"],
        "purpose": pending["purpose"],
        "sends_left": pending.get("sends_left"),
        "form": extra.pop("form", None) or CodeForm(),
        **extra,
    }


def _code_sent(request, pending: dict, notice: str = ""):
    """After a code went out: show the code step (HTMX) or redirect to it (no JS)."""
    request.session[PENDING] = pending
    if request.htmx:
        response = _render(request, "signin", "code_step", _code_context(pending, notice=notice))
        return push_url(response, reverse("accounts:verify"))
    if notice:
        messages.success(request, notice)
    return redirect("accounts:verify")


def _to_signin_with(request, phone: str, message: str):
    messages.info(request, message)
    return _go(request, reverse("accounts:signin") + "?" + urlencode({"phone": phone}))


# --- views -----------------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def signin(request):
    """Phone step of sign-in."""
    if request.user:
        return redirect(home_url(request.user))
    next_url = safe_next(request)
    if request.method == "GET":
        form = PhoneForm(initial=PhonePrefillForm(request.GET).prefill())
        return _render(request, "signin", "phone_step", {"form": form, "next": next_url})
    form = PhoneForm(request.POST)
    context = {"form": form, "next": next_url}
    if not form.is_valid():
        return _render(request, "signin", "phone_step", context, status=400)
    phone = form.cleaned_data["phone"]
    try:
        sent = signin_service.request_code(phone, client_ip(request.META), purpose=SIGN_IN)
    except NoAccount as exc:
        return _refusal(request, "signin", "phone_step", {**context, "no_account_phone": phone}, exc)
    except DomainError as exc:
        return _refusal(request, "signin", "phone_step", context, exc)
    return _code_sent(
        request, {"phone": sent.phone, "purpose": SIGN_IN, "next": next_url, "sends_left": sent.sends_left}
    )


@require_http_methods(["GET", "POST"])
def signup(request):
    """Sign-up for business owners: details, then the code step; the account exists once the code is right."""
    if request.user:
        return redirect(home_url(request.user))
    if request.method == "GET":
        form = SignupForm(initial=PhonePrefillForm(request.GET).prefill())
        return _render(request, "signup", "signup_step", {"form": form})
    form = SignupForm(request.POST)
    if not form.is_valid():
        return _render(request, "signup", "signup_step", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        sent = signin_service.request_code(data["phone"], client_ip(request.META), purpose=SIGN_UP)
    except PhoneTaken:
        return _to_signin_with(
            request,
            data["phone"],
            _("%(phone)s already has a WebDPro account. Sign in with it here.")
            % {"phone": display_phone(data["phone"])},
        )
    except DomainError as exc:
        return _refusal(request, "signup", "signup_step", {"form": form}, exc)
    details = {
        "name": data["name"].strip(),
        "business_name": data["business_name"].strip(),
        "email": data["email"] or None,
    }
    return _code_sent(
        request, {"phone": sent.phone, "purpose": SIGN_UP, "next": "", "signup": details, "sends_left": sent.sends_left}
    )


@require_http_methods(["GET", "POST"])
def verify(request):
    """Code step, for sign-in and sign-up."""
    pending = request.session.get(PENDING)
    if not pending:
        if request.user:
            return redirect(home_url(request.user))
        messages.info(request, _("Enter your mobile number and we'll send you a code."))
        return _go(request, reverse("accounts:signin"))
    if request.method == "GET":
        return _render(request, "signin", "code_step", _code_context(pending))
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _render(request, "signin", "code_step", _code_context(pending, form=form), status=400)
    try:
        user, tenant = _finish(pending, form.cleaned_data["code"])
    except DomainError as exc:
        return _code_refused(request, pending, form, exc)
    return _signed_in(request, pending, user, tenant)


def _finish(pending: dict, code: str):
    if pending["purpose"] == SIGN_UP:
        return signin_service.finish_sign_up(pending["phone"], code, **pending["signup"])
    return signin_service.finish_sign_in(pending["phone"], code)


def _no_account(request, pending: dict, exc):
    request.session.pop(PENDING, None)
    context = {"form": PhoneForm(initial={"phone": pending["phone"]}), "no_account_phone": pending["phone"]}
    return _refusal(request, "signin", "phone_step", context, exc)


def _code_refused(request, pending: dict, form, exc):
    """The answer to a refused code: sign in instead, refused for good, no account, or try again."""
    if isinstance(exc, PhoneTaken):
        request.session.pop(PENDING, None)
        return _to_signin_with(request, pending["phone"], str(SIGN_IN_INSTEAD))
    if isinstance(exc, SignInRefused):
        request.session.pop(PENDING, None)
        return _refusal(request, "signin", "refused", {}, exc)
    if isinstance(exc, NoAccount):
        return _no_account(request, pending, exc)
    dead = isinstance(exc, (CodeLocked, CodeExpired))
    return _refusal(request, "signin", "code_step", _code_context(pending, form=form, code_dead=dead), exc)


def _signed_in(request, pending: dict, user, tenant):
    request.session.pop(PENDING, None)
    login(request, user)
    request._cached_tenant = tenant
    if pending["purpose"] == SIGN_UP:
        messages.success(
            request,
            _("Welcome to WebDPro, %(name)s! Your account for %(business_name)s is ready.")
            % {"name": user.name, "business_name": tenant.business_name},
        )
    else:
        if user.name:
            messages.success(request, _("Welcome back, %(name)s!") % {"name": user.name})
        else:
            messages.success(request, _("Welcome back!"))
    return _go(request, _landing(user, pending.get("next") or ""))


@require_POST
def resend(request):
    """Send a new code to the phone being verified (same limits as the first send)."""
    pending = request.session.get(PENDING)
    if not pending:
        messages.info(request, _("Enter your mobile number and we'll send you a code."))
        return _go(request, reverse("accounts:signin"))
    try:
        sent = signin_service.request_code(pending["phone"], client_ip(request.META), purpose=pending["purpose"])
    except PhoneTaken:
        request.session.pop(PENDING, None)
        return _to_signin_with(request, pending["phone"], str(SIGN_IN_INSTEAD))
    except NoAccount as exc:
        return _no_account(request, pending, exc)
    except DomainError as exc:
        return _refusal(request, "signin", "code_step", _code_context(pending), exc)
    pending = {**pending, "sends_left": sent.sends_left}
    return _code_sent(
        request,
        pending,
        notice=_("We sent a new code to %(phone)s. Only the newest code works.") % {"phone": display_phone(sent.phone)},
    )


@require_POST
def signout(request):
    """Sign out: this session and every copy of its cookie end; with ``everywhere=1`` (owners' "Sign out
    everywhere") every session of the user on every device ends."""
    everywhere = valid_data(SignOutForm(request.POST))["everywhere"] == "1"
    logout(request, everywhere=everywhere)
    if everywhere:
        messages.success(request, _("You have signed out on every device."))
    else:
        messages.success(request, _("You have signed out."))
    return redirect("accounts:signin")
