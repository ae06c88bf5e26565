"""WebDPro's own small authentication (django.contrib.auth needs a relational database).

The signed session cookie holds the user's phone and ``session_version``; the middleware loads the
user and, for owners and agents, the tenant lazily, once per request: one BatchGetItem for both when the
session names the tenant (``_utenant``, set at sign-in or on the first tenant read; the user's own
``tenant_id`` is still what counts), else one GetItem each.
Bumping ``User.session_version`` signs the user out everywhere; signing out adds the session's random id
(``_usid``) to ``User.revoked_sessions``, so a copy of the cookie taken before sign-out is refused too.
"""

from __future__ import annotations

import secrets
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import rotate_token
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from webdpro.accounts.anonymous import ANONYMOUS
from webdpro.accounts.roles import Role
from webdpro.accounts.services import dashboard_language, end_session, is_session_revoked, sign_out_everywhere
from webdpro.db import Tenant, User, get_many, get_or_none

SESSION_PHONE = "_uphone"
SESSION_VERSION = "_uver"
SESSION_ID = "_usid"  # random per sign-in: sign-out revokes this id, so every copy of the cookie ends
SESSION_TENANT = "_utenant"  # where the user's tenant is read from in the same call as the user (a hint)
TENANT_ROLES = (Role.BUSINESS_OWNER, Role.DELIVERY_AGENT)


def login(request, user: User) -> None:
    """Start a fresh session for ``user`` (new session key and CSRF token: no fixation)."""
    request.session.cycle_key()
    rotate_token(request)
    request.session[SESSION_PHONE] = user.phone
    request.session[SESSION_VERSION] = user.session_version or 0
    request.session[SESSION_ID] = secrets.token_urlsafe(16)
    if user.tenant_id and user.role in TENANT_ROLES:
        request.session[SESSION_TENANT] = user.tenant_id
    request._cached_user = user
    request.user = user
    if hasattr(request, "_cached_tenant"):
        del request._cached_tenant


def logout(request, everywhere: bool = False) -> None:
    """End the session: this cookie and every copy of it (``everywhere``: every session of the user)."""
    user = getattr(request, "_cached_user", None) or request.user
    if user:
        if everywhere:
            sign_out_everywhere(user)
        else:
            end_session(user, request.session.get(SESSION_ID), settings.SESSION_COOKIE_AGE)
    request.session.flush()
    rotate_token(request)
    request.user = ANONYMOUS
    request._cached_user = ANONYMOUS


def _load_user(request):
    if not hasattr(request, "_cached_user"):
        phone = request.session.get(SESSION_PHONE)
        user = ANONYMOUS
        if phone:
            candidate = _read_user(request, phone)
            if (
                candidate is not None
                and candidate.is_active
                and (candidate.session_version or 0) == request.session.get(SESSION_VERSION, 0)
                and not is_session_revoked(candidate, request.session.get(SESSION_ID))
            ):
                candidate.is_authenticated = True
                user = candidate
            else:
                request.session.flush()
                request.__dict__.pop("_cached_tenant", None)
        request._cached_user = user
    return request._cached_user


def _read_user(request, phone: str):
    """The user by phone; with the session's tenant hint, the tenant in the same call (kept only if it is
    the user's own tenant and the user's role has one)."""
    hint = request.session.get(SESSION_TENANT)
    if not hint:
        return get_or_none(User, phone)
    user, tenant = get_many((User, phone), (Tenant, hint))
    if user is not None and user.role in TENANT_ROLES and user.tenant_id == hint:
        request._cached_tenant = tenant
    return user


def _load_tenant(request):
    user = _load_user(request)  # with the session's tenant hint, this read the tenant too
    if not hasattr(request, "_cached_tenant"):
        tenant = None
        if user and user.tenant_id and user.role in TENANT_ROLES:
            tenant = get_or_none(Tenant, user.tenant_id)
            if tenant is not None and request.session.get(SESSION_TENANT) != tenant.tenant_id:
                request.session[SESSION_TENANT] = tenant.tenant_id  # the next request reads both at once
        request._cached_tenant = tenant
    return request._cached_tenant


class AuthenticationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = SimpleLazyObject(lambda: _load_user(request))
        request.tenant = SimpleLazyObject(lambda: _load_tenant(request))
        return self.get_response(request)


User.is_authenticated = True  # a loaded User is a signed-in user


def sign_in_url(request) -> str:
    """Sign-in, then back to this page: for an HTMX request the page the browser shows, not the fragment."""
    htmx = getattr(request, "htmx", False)
    here = (htmx.current_url_abs_path if htmx else None) or request.get_full_path()
    return reverse("accounts:signin") + "?" + urlencode({"next": here})


HOME_URLS = {
    Role.SUPER_ADMIN: "console:home",
    Role.BUSINESS_OWNER: "owner:home",
    Role.DELIVERY_AGENT: "agent:home",
    Role.CUSTOMER: "customer:orders",
}


def home_url(user) -> str:
    return reverse(HOME_URLS.get(getattr(user, "role", None), "home"))


def _suspended(request, tenant):
    """A suspended business's owner or agent still holding a session: sign them out, say why."""
    from django.contrib import messages

    from webdpro.accounts.signin import suspension_message

    message = suspension_message(tenant)
    logout(request)
    messages.error(request, message)
    return full_page_redirect(request, reverse("accounts:signin"))


def full_page_redirect(request, url: str):
    """A redirect the browser follows as a full page. htmx ignores headers on a 3xx (the XHR follows it
    and swaps the target page into the fragment), so an HTMX request gets ``HX-Redirect`` on a 200."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)


def role_required(*roles):
    """Allow only signed-in users with one of ``roles``; owners and agents need a live tenant.

    Anonymous → sign-in, back to this page afterwards (an HTMX request, such as the order desk's poll
    after the session ended, loads the sign-in page as a full page); wrong role → 403.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user:
                return full_page_redirect(request, sign_in_url(request))
            if user.role not in roles:
                raise PermissionDenied(_("Your account cannot open this page."))
            if user.role in (Role.BUSINESS_OWNER, Role.DELIVERY_AGENT) and not request.tenant:
                raise PermissionDenied(_("Your account is not linked to a business."))
            if user.role in (Role.BUSINESS_OWNER, Role.DELIVERY_AGENT) and request.tenant.is_suspended:
                return _suspended(request, request.tenant)
            return _in_chosen_language(user, view, request, *args, **kwargs)

        wrapper.allowed_roles = roles
        return wrapper

    return decorator


def _in_chosen_language(user, view, request, *args, **kwargs):
    """An owner's pages in the dashboard language they chose (else their browser's)."""
    language = dashboard_language(user) if user.role == Role.BUSINESS_OWNER else None
    if not language:
        return view(request, *args, **kwargs)
    with translation.override(language):
        request.LANGUAGE_CODE = language
        return view(request, *args, **kwargs)


owner_required = role_required(Role.BUSINESS_OWNER)
agent_required = role_required(Role.DELIVERY_AGENT)
superadmin_required = role_required(Role.SUPER_ADMIN)
customer_required = role_required(Role.CUSTOMER)
# A person's own purchases: anyone signed in (an owner or agent may also be a customer of any store).
purchases_required = role_required(Role.CUSTOMER, Role.BUSINESS_OWNER, Role.DELIVERY_AGENT, Role.SUPER_ADMIN)


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in browser and on every file
    download (CSV exports carry customers' names, phones and addresses): no shared cache or back-button
    cache keeps them after sign-out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        signed_in = session is not None and bool(session.get(SESSION_PHONE))
        if signed_in or response.get("Content-Disposition", "").startswith("attachment"):
            patch_cache_control(response, private=True, no_store=True)
        return response
