"""Opening a storefront for a request: which store, may it be shown, in which language, and its URLs."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property, wraps

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import get_script_prefix, reverse
from django.utils import translation

from dashboard.views.storefront.forms import PreviewForm
from webdpro.errors import NotFound
from webdpro.orders.statuses import Fulfilment
from webdpro.storefront import config as sfconfig
from webdpro.storefront import store as storefront_store
from webdpro.storefront.cart import Cart
from webdpro.stores import preview
from webdpro.stores.selectors import resolve_domain
from webdpro.stores.statuses import StoreStatus

ID_SLOT = "0" * 26  # a well-formed id (dashboard/converters.py ulid), replaced by each link's own
ULID = re.compile(r"[0-9A-HJKMNP-TV-Z]{26}")
PREVIEW_SESSION_KEY = "sf_preview"
ORDERS_SESSION_KEY = "sf_orders"


@dataclass
class Storefront:
    store: object  # webdpro.db.Store
    config: dict
    theme: dict
    lang: str
    slug: str | None
    by_host: bool
    preview: bool
    cart: Cart
    reads: object = None  # what the view's ``read`` fetched with the store (see storefront_page)
    settings_digest: bytes | None = None  # of ``config`` (webdpro/storefront/store.py), else worked out here
    links: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def store_id(self) -> str:
        return self.store.store_id

    @property
    def name(self) -> str:
        return self.config.get("name") or self.store.name or ""

    def url(self, name: str, **kwargs) -> str:
        """The link to the storefront page ``name``. One ``reverse`` per name and store per process (links
        do not change while it runs; a page links to the cart from every card and to each product twice):
        an id is filled into the name's link."""
        if not self.links:
            self.links = _store_links(self.by_host, self.slug)
        if not kwargs:
            if name not in self.links:
                self.links[name] = self._reverse(name, {})
            return self.links[name]
        if len(kwargs) == 1:
            ((key, value),) = kwargs.items()
            if isinstance(value, str) and ULID.fullmatch(value):
                template = self._link_template(name, key)
                if template:
                    return template.format(value)
        return self._reverse(name, kwargs)

    def _link_template(self, name: str, key: str) -> str | None:
        """``name``'s link with ``{}`` in place of the id ``key`` (None if the link cannot be one)."""
        if (name, key) not in self.links:
            built = self._reverse(name, {key: ID_SLOT})
            safe = built.count(ID_SLOT) == 1 and "{" not in built and "}" not in built
            self.links[(name, key)] = built.replace(ID_SLOT, "{}") if safe else None
        return self.links[(name, key)]

    def _reverse(self, name: str, kwargs: dict) -> str:
        if not self.by_host:
            kwargs = {"slug": self.slug, **kwargs}
        return reverse(f"storefront:{name}", kwargs=kwargs)

    @cached_property
    def frame_key(self) -> tuple:
        """What the frame's fragments (``{% frame %}``, templatetags/fragments.py) may print, as a key: the
        store's settings as read in this request, its name and status, and where its links point."""
        store = self.store
        settings_read = self.settings_digest or hashlib.blake2b(repr(self.config).encode(), digest_size=16).digest()
        return (
            store.store_id,
            settings_read,
            store.name,
            store.status,
            store.language,
            self.slug,
            self.by_host,
            self.preview,
            get_script_prefix(),
        )

    @property
    def whatsapp(self) -> str | None:
        return sfconfig.whatsapp_number(self.config)

    @property
    def open_for_orders(self) -> bool:
        return self.store.status == StoreStatus.PUBLISHED

    @cached_property
    def _hours_state(self):
        from webdpro.stores import hours

        return hours.state(hours.schedule(self.config))

    @property
    def has_hours(self) -> bool:
        """Whether the store keeps opening hours: without, it is open at any time and has no hours label (the
        header prints the clock's label only for a store with hours)."""
        from webdpro.stores import hours

        return hours.schedule(self.config) is not None

    @property
    def hours_label(self) -> str:
        """'Open now · closes 10 pm' / 'Closed · opens 7 am tomorrow' (empty without a schedule)."""
        from webdpro.stores import hours

        return hours.describe(self._hours_state)

    @property
    def is_open_now(self) -> bool:
        return self._hours_state.is_open

    @property
    def schedules_when_closed(self) -> bool:
        from webdpro.stores import hours

        sched = hours.schedule(self.config)
        return sched is not None and sched.outside == hours.SCHEDULE

    @property
    def fulfilment_modes(self) -> list[str]:
        from webdpro.orders.rules import fulfilment_modes

        return fulfilment_modes(self.config)

    @property
    def pickup_only(self) -> bool:
        return self.fulfilment_modes == [Fulfilment.PICKUP]

    @property
    def area_label(self) -> str:
        from webdpro.stores import area

        return area.describe(area.area(self.config))


_links: dict = {}  # (script prefix, by host, slug) → that storefront's links (Storefront.url)
LINKS_MAX = 5000  # stores whose links one process keeps


def _store_links(by_host: bool, slug) -> dict:
    key = (get_script_prefix(), by_host, None if by_host else slug)
    links = _links.get(key)
    if links is None:
        if len(_links) >= LINKS_MAX:
            _links.clear()
        links = _links[key] = {}
    return links


def _claim(request, slug):
    if slug is None:
        return getattr(request, "storefront_claim", None)
    return resolve_domain(f"{slug}.{settings.PLATFORM_DOMAIN}")


def _missing(request, status=404):
    return render(request, "storefront/missing.html", status=status)


def _read_store(request, tenant_id, store_id, read):
    """(the store as the storefront reads it (webdpro/storefront/store.py) or None, what ``read`` fetched
    with it or None)."""
    reads = read(request, tenant_id, store_id) if read is not None else None
    if reads is not None:
        return (storefront_store.derived(reads.store) if reads.store is not None else None), reads
    return storefront_store.read(tenant_id, store_id), None


def open_storefront(request, slug=None, read=None):
    """A :class:`Storefront`, or the response to send instead (404 unknown/draft, 503 suspended)."""
    claim = _claim(request, slug)
    if claim is None:
        return _missing(request)
    tenant_id, store_id = claim
    found, reads = _read_store(request, tenant_id, store_id, read)
    if found is None:
        return _missing(request)
    store, config = found.store, found.config
    lang = sfconfig.language(store, config)
    if store.status == StoreStatus.SUSPENDED:
        with translation.override(lang):
            response = render(
                request,
                "storefront/unavailable.html",
                {"store_name": config.get("name") or store.name, "lang": lang},
                status=503,
            )
        response["Retry-After"] = "3600"
        return response
    in_preview = False
    if store.status != StoreStatus.PUBLISHED:
        token = PreviewForm(request.GET).token()
        allowed = list(request.session.get(PREVIEW_SESSION_KEY) or [])
        if token and preview.read_token(token) == (tenant_id, store_id):
            if store_id not in allowed:
                allowed = (allowed + [store_id])[-10:]
                request.session[PREVIEW_SESSION_KEY] = allowed
        if store_id not in allowed:
            return _missing(request)
        in_preview = True
    return Storefront(
        store=store,
        config=config,
        theme=found.theme,
        lang=lang,
        slug=slug or store.slug,
        by_host=slug is None,
        preview=in_preview,
        cart=Cart(request.session, store_id),
        reads=reads,
        settings_digest=found.digest,
    )


def storefront_page(view=None, *, read=None):
    """Open the store (404/503 as needed), activate its language, render the view's response.

    ``read(request, tenant_id, store_id)``: for a view that needs more than the store, an object with a
    ``store`` attribute (None if there is no such store) read in the same call as what else the view needs
    (``sf.reads``), or None to read only the store."""
    if view is None:
        return lambda view: storefront_page(view, read=read)

    @wraps(view)
    def wrapper(request, *args, slug=None, **kwargs):
        sf = open_storefront(request, slug, read)
        if not isinstance(sf, Storefront):
            return sf
        request.storefront = sf
        with translation.override(sf.lang):
            request.LANGUAGE_CODE = sf.lang
            try:
                response = view(request, sf, *args, **kwargs)
            except (Http404, NotFound):
                response = render(
                    request,
                    "storefront/not_found.html",
                    {"sf": sf, "theme": sf.theme, "config": sf.config, "cart": sf.cart},
                    status=404,
                )
        response.headers.setdefault("Content-Language", sf.lang)
        response.headers.setdefault("Vary", "Cookie")
        return response

    return wrapper


# --- Orders this visitor may see ------------------------------------------------------------------


def remember_order(request, store_id: str, order_id: str) -> None:
    orders = dict(request.session.get(ORDERS_SESSION_KEY) or {})
    mine = [o for o in orders.get(store_id, []) if o != order_id]
    orders[store_id] = ([order_id] + mine)[:10]
    while len(orders) > 5:
        orders.pop(next(iter(orders)))
    request.session[ORDERS_SESSION_KEY] = orders


def remembered_orders(request, store_id: str) -> list[str]:
    return list((request.session.get(ORDERS_SESSION_KEY) or {}).get(store_id, []))


def placed_in_session(request, order) -> bool:
    """True when this visitor placed (or tracked with its phone) ``order`` in this session — for
    ``payments:pay`` and other pages that may show a storefront order to its customer."""
    return order.order_id in remembered_orders(request, order.store_id)
