"""Stock prediction: read a store's sales from its orders, forecast each product, store ``prediction``.

Sales come from ``Order.store_index`` (store_id, created_at) over the last ``WINDOW_DAYS`` days — a
key-range Query, paginated, at most ``MAX_ORDER_PAGES`` pages — excluding CANCELLED orders and orders
still waiting for payment (PENDING_PAYMENT: not a sale yet; they expire or turn into CONFIRMED).
Quantities are bucketed by calendar day in India (Asia/Kolkata). Each product's series starts on the
later of the window start and the product's creation day (or its first sale in the window, if
earlier), so a new product is not treated as having had 90 days of zero sales.

Products with variants also get one forecast per variant, from that variant's own order lines (the same
orders, bucketed by ``variant_id``) and its own stock: ``Product.variant_predictions`` maps variant_id to
the same figures without ``history`` (50 variants stay a few KB), written in the same UpdateItem.

``Product.prediction`` holds (all plain numbers/strings; DynamoDB maps give numbers back as floats,
which is fine here — no money is stored): method, classification, parameters, adi, cv2,
rate_per_day, days_of_cover, stockout_date, reorder_quantity, safety_stock, confidence, note,
notes, history_days, nonzero_days, units_sold, history (daily units, oldest first),
history_start (ISO date), stock_at_forecast, window_days, computed_at, truncated.
"""

from __future__ import annotations

import logging
import math
import threading
from collections import defaultdict
from datetime import date, datetime, timedelta

from pynamodb.exceptions import UpdateError

from webdpro import clock
from webdpro.db import Order, Product, is_condition_failure
from webdpro.db.orders import STATUSES, OrderStatus
from webdpro.products import forecast as fc
from webdpro.products import selectors, variants

log = logging.getLogger(__name__)

WINDOW_DAYS = 90
MAX_ORDER_PAGES = 40
ORDER_PAGE_SIZE = 500
NOT_SALES = (OrderStatus.CANCELLED, OrderStatus.PENDING_PAYMENT)
SALE_STATUSES = tuple(s for s in STATUSES if s not in NOT_SALES)


def daily_sales(store_id: str, since: date, product_ids=None, max_pages: int = MAX_ORDER_PAGES):
    """{product_id: {day: units}} from the store's orders since ``since`` (Asia/Kolkata) — and, for lines of
    a variant, also under ``<product_id>#<variant_id>`` — and whether the page cap was hit (then the oldest
    days are missing and the note says so)."""
    start_utc = clock.day_bounds(since)[0]
    wanted = set(product_ids) if product_ids else None
    sales: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    last_key, pages, truncated = None, 0, False
    while True:
        results = Order.store_index.query(
            store_id,
            Order.created_at >= clock.iso(start_utc),
            filter_condition=Order.status.is_in(*SALE_STATUSES),
            page_size=ORDER_PAGE_SIZE,
            last_evaluated_key=last_key,
            scan_index_forward=False,
        )
        raw = next(results.page_iter)
        pages += 1
        for data in raw.get("Items", []):
            order = Order.from_raw_data(data)
            if order.status in NOT_SALES:
                continue
            day = clock.local_date(order.created_at)
            for item in order.items or []:
                if wanted is None or item.product_id in wanted:
                    sales[item.product_id][day] += int(item.quantity or 0)
                    if getattr(item, "variant_id", None):
                        sales[f"{item.product_id}#{item.variant_id}"][day] += int(item.quantity or 0)
        last_key = results.page_iter.last_evaluated_key
        if not last_key:
            break
        if pages >= max_pages:
            truncated = True
            break
    return sales, truncated


def series_for(product: Product, sales_by_day: dict, window_start: date, today: date) -> tuple[date, list[int]]:
    start = window_start
    if product.created_at:
        try:
            start = max(window_start, clock.local_date(product.created_at))
        except ValueError:
            pass
    sold_days = [d for d, units in sales_by_day.items() if units and window_start <= d <= today]
    if sold_days:  # sales recorded before the product's creation date (e.g. re-created or imported)
        start = min(start, min(sold_days))
    days = (today - start).days + 1
    return start, [int(sales_by_day.get(start + timedelta(days=i), 0)) for i in range(max(days, 1))]


def predict(
    product: Product, sales_by_day: dict, today: date, window_start: date, truncated=False, stock: int | None = None
) -> dict:
    """The forecast of ``product`` (or, with ``stock``, of one of its variants: its sales and stock)."""
    stock = int(product.stock_quantity or 0) if stock is None else int(stock)
    start, series = series_for(product, sales_by_day, window_start, today)
    result = fc.forecast(series, stock, today)
    data = result.as_dict()
    if truncated:
        data["notes"] = [*data["notes"], "Very many orders: only the most recent ones were read."]
    # Floats are fine in a map (no money); drop Nones and round for a readable item.
    clean = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in data.items() if v is not None}
    clean["parameters"] = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in data["parameters"].items()}
    clean.update(
        history=series,
        history_start=start.isoformat(),
        stock_at_forecast=stock,
        window_days=WINDOW_DAYS,
        computed_at=clock.now_iso(),
        truncated=bool(truncated),
    )
    return clean


def refresh(store_id: str, product_ids=None, *, now: datetime | None = None) -> int:
    """Recompute and store the prediction of the store's products (or only ``product_ids``).

    Calls: ⌈orders/500⌉ Queries (≤ MAX_ORDER_PAGES) + one Query or BatchGet per 100 products to read
    them + one UpdateItem per product. Returns how many products were updated. Never raises for one
    product's failure (logged): it is called after order placement/cancellation.
    """
    today = clock.local_today(now)
    window_start = today - timedelta(days=WINDOW_DAYS - 1)
    ids = list(product_ids) if product_ids else None
    products = selectors.get_products(store_id, ids) if ids else list(selectors.iter_products(store_id))
    if not products:
        return 0
    sales, truncated = daily_sales(store_id, window_start, ids)
    updated = 0
    for product in products:
        data = predict(product, sales.get(product.product_id, {}), today, window_start, truncated)
        actions = [Product.prediction.set(data)]
        per_variant = _variant_predictions(product, sales, today, window_start, truncated)
        if per_variant is not None:
            actions.append(Product.variant_predictions.set(per_variant))
        elif product.variant_predictions is not None:
            actions.append(Product.variant_predictions.remove())
        try:
            Product(store_id, product.product_id).update(actions=actions, condition=Product.product_id.exists())
            updated += 1
        except UpdateError as exc:
            if not is_condition_failure(exc):  # deleted meanwhile: nothing to store
                log.warning("prediction not stored", extra={"product_id": product.product_id, "error": repr(exc)})
    return updated


def _variant_predictions(product: Product, sales: dict, today: date, window_start: date, truncated) -> dict | None:
    """variant_id → the variant's forecast (no history), or None for a product without variants."""
    found = variants.variants_of(product)
    if not found:
        return None
    out = {}
    for variant in found:
        own = sales.get(f"{product.product_id}#{variant.variant_id}", {})
        data = predict(product, own, today, window_start, truncated, stock=variant.stock)
        data.pop("history", None)
        out[variant.variant_id] = data
    return out


def _plain(raw) -> dict:
    return raw.as_dict() if hasattr(raw, "as_dict") else dict(raw)


def as_view(product: Product) -> dict | None:
    """The stored prediction as plain Python, with days of cover adjusted to the stock *now*."""
    if not product.prediction:
        return None
    return _view(_plain(product.prediction), int(product.stock_quantity or 0))


def variant_views(product: Product) -> dict[str, dict]:
    """variant_id → its stored forecast as plain Python, adjusted to the variant's stock now (variants
    not forecast yet are missing)."""
    stored = _plain(product.variant_predictions) if product.variant_predictions else {}
    return {
        v.variant_id: _view(_plain(stored[v.variant_id]), v.stock)
        for v in variants.variants_of(product)
        if v.variant_id in stored
    }


def variant_forecasts(product: Product) -> list[tuple]:
    """(variant, its forecast view or None) for each variant, in the editor's order (the product page)."""
    views = variant_views(product)
    return [(v, views.get(v.variant_id)) for v in variants.variants_of(product)]


def _view(raw: dict, stock: int) -> dict:
    rate = float(raw.get("rate_per_day") or 0)
    view = dict(raw)
    view["rate_per_day"] = rate
    view["history"] = [int(x) for x in raw.get("history") or []]
    if rate > 0:
        view["days_of_cover"] = stock / rate
        try:
            computed = clock.local_date(raw["computed_at"])
        except (KeyError, ValueError):
            computed = clock.local_today()
        view["stockout_date"] = (
            (computed + timedelta(days=int(stock / rate))).isoformat() if stock / rate < 3650 else None
        )
        horizon = int(
            float((raw.get("parameters") or {}).get("lead_time_days", fc.LEAD_TIME_DAYS))
            + float((raw.get("parameters") or {}).get("review_days", fc.REVIEW_DAYS))
        )
        view["reorder_quantity"] = max(0, math.ceil(rate * horizon + float(raw.get("safety_stock") or 0) - stock))
    return view


def chart_data(product: Product, view: dict | None, forecast_days: int = 30) -> dict:
    """Labels and series for the product page's Chart.js chart (passed through json_script)."""
    if not view or not view.get("history_start"):
        return {"labels": [], "sales": [], "forecast": [], "stock": []}
    start = date.fromisoformat(view["history_start"])
    history = view["history"]
    labels = [(start + timedelta(days=i)).isoformat() for i in range(len(history) + forecast_days)]
    rate = float(view.get("rate_per_day") or 0)
    forecast_line = [None] * (len(history) - 1) + [round(rate, 3)] * (forecast_days + 1)
    stock_line = [None] * (len(history) - 1)
    level = float(product.stock_quantity or 0)
    for _ in range(forecast_days + 1):
        stock_line.append(round(max(level, 0.0), 2))
        level -= rate
    return {"labels": labels, "sales": history + [None] * forecast_days, "forecast": forecast_line, "stock": stock_line}


# Forecasts are per day, so recomputing on every order would only repeat the same 90-day read on the
# hot path (a busy store would re-read its order history once per order). Orders mark their products
# "due"; one background refresh per store picks up everything marked within the window.
_due: dict[str, set[str]] = {}
_due_lock = threading.Lock()


def refresh_delay_seconds() -> float:
    from django.conf import settings

    return float(getattr(settings, "FORECAST_REFRESH_DELAY_SECONDS", 120))


def refresh_after_order(order, background: bool = True) -> None:
    """Recompute the forecasts of an order's products after it was placed or cancelled.

    By default the products are marked due and one daemon thread per store refreshes all products
    marked within ``FORECAST_REFRESH_DELAY_SECONDS`` (coalesced: one 90-day read per store per window,
    whatever the order rate). ``background=False`` refreshes now. Any failure is logged, never raised
    (the order write has already succeeded).
    """
    product_ids = {item.product_id for item in (order.items or []) if item.product_id}
    if not product_ids:
        return
    if not background:
        _run_refresh(order.store_id, sorted(product_ids))
        return
    with _due_lock:
        pending = _due.get(order.store_id)
        if pending is not None:  # a refresh for this store is already scheduled: join it
            pending.update(product_ids)
            return
        _due[order.store_id] = set(product_ids)
    timer = threading.Timer(refresh_delay_seconds(), _refresh_due, args=(order.store_id,))
    timer.name, timer.daemon = "forecast-refresh", True
    timer.start()


def _refresh_due(store_id: str) -> None:
    with _due_lock:
        product_ids = sorted(_due.pop(store_id, set()))
    if product_ids:
        _run_refresh(store_id, product_ids)


def _run_refresh(store_id: str, product_ids: list[str]) -> None:
    try:
        refresh(store_id, product_ids)
    except Exception as exc:  # noqa: BLE001 — a forecast must never break an order
        log.warning("forecast refresh failed", extra={"store_id": store_id, "error": repr(exc)})
