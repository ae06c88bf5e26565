"""Demand forecasting for stock: pure functions over a daily demand series (no I/O, no Django).

The method is chosen per product by the Syntetos–Boylan–Croston classification on

* ADI — the average inter-demand interval: the mean gap, in days, between consecutive days with a
  sale (``len / nonzero`` when there are fewer than two sale days), and
* CV² — the squared coefficient of variation of the non-zero demand sizes,

with the usual cut-offs ADI 1.32 and CV² 0.49:

=============  ============  =====================================================================
class          ADI / CV²     method
=============  ============  =====================================================================
smooth         < 1.32 / < .49  simple exponential smoothing (α chosen from a grid by one-step SSE)
erratic        < 1.32 / ≥ .49  SES too: demand occurs almost every day, so Croston's interval model
                               adds nothing; the size variability goes into the safety stock
intermittent   ≥ 1.32 / < .49  SBA (Croston with the 1 − α/2 bias correction) …
lumpy          ≥ 1.32 / ≥ .49  … or TSB when the item may have stopped selling (the current run of
                               zero days is longer than twice ADI and at least a week): TSB updates
                               the demand probability every day, so its forecast decays towards zero
=============  ============  =====================================================================

Forecasts are a demand *rate* in units per day. Everything returned is plain floats/ints/strings.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from django.utils.translation import ngettext

ADI_CUTOFF = 1.32
CV2_CUTOFF = 0.49

SMOOTH, ERRATIC, INTERMITTENT, LUMPY, NO_DEMAND = "smooth", "erratic", "intermittent", "lumpy", "no_demand"
SES, SBA, TSB, NONE = "SES", "SBA", "TSB", "NONE"

SES_ALPHAS = (0.05, 0.1, 0.2, 0.3, 0.5)
CROSTON_ALPHA = 0.1  # the literature's usual 0.05–0.2; fitting α on short intermittent series is unstable
TSB_ALPHA = 0.1
TSB_BETA = 0.1
LEAD_TIME_DAYS = 7  # time for a reorder to arrive
REVIEW_DAYS = 14  # how long an order should last
SERVICE_Z = 1.65  # ≈ 95 % cycle service level
MIN_NONZERO = 4
MIN_DAYS = 14


# --- Series statistics -----------------------------------------------------------------------------
def nonzero_positions(series) -> list[int]:
    return [i for i, x in enumerate(series) if x > 0]


def adi(series) -> float | None:
    """Average inter-demand interval in periods; None when there was no demand at all."""
    positions = nonzero_positions(series)
    if not positions:
        return None
    if len(positions) == 1:
        return len(series) / 1
    gaps = [b - a for a, b in zip(positions, positions[1:], strict=False)]
    return sum(gaps) / len(gaps)


def cv2(series) -> float | None:
    """Squared coefficient of variation of the non-zero demand sizes (population variance)."""
    sizes = [x for x in series if x > 0]
    if not sizes:
        return None
    mean = sum(sizes) / len(sizes)
    variance = sum((x - mean) ** 2 for x in sizes) / len(sizes)
    return variance / (mean * mean)


def classify(adi_value: float | None, cv2_value: float | None) -> str:
    """Syntetos–Boylan class. The cut-offs belong to the upper class (ADI = 1.32 is intermittent)."""
    if adi_value is None or cv2_value is None:
        return NO_DEMAND
    if adi_value < ADI_CUTOFF:
        return SMOOTH if cv2_value < CV2_CUTOFF else ERRATIC
    return INTERMITTENT if cv2_value < CV2_CUTOFF else LUMPY


def trailing_zeros(series) -> int:
    run = 0
    for x in reversed(series):
        if x > 0:
            break
        run += 1
    return run


def may_have_stopped(series, adi_value: float | None) -> bool:
    """A run of zero days much longer than usual: more than 2×ADI and at least 7 days."""
    if adi_value is None:
        return False
    run = trailing_zeros(series)
    return run >= 7 and run > 2 * adi_value


# --- Methods (each returns the next-period forecast and the in-sample one-step forecasts) -----------
def ses(series, alpha: float) -> float:
    """Simple exponential smoothing, level initialised with the first observation."""
    return _ses_path(series, alpha)[0]


def _ses_path(series, alpha):
    if not series:
        return 0.0, []
    level = float(series[0])
    fitted = []
    for x in series[1:]:
        fitted.append(level)
        level = alpha * x + (1 - alpha) * level
    return level, fitted


def best_ses_alpha(series, alphas=SES_ALPHAS) -> float:
    """α with the smallest one-step-ahead squared error (ties → the smaller, smoother α)."""
    best, best_sse = alphas[0], math.inf
    for alpha in alphas:
        _, fitted = _ses_path(series, alpha)
        sse = sum((x - f) ** 2 for x, f in zip(series[1:], fitted, strict=False))
        if sse < best_sse - 1e-12:
            best, best_sse = alpha, sse
    return best


def croston(series, alpha: float = CROSTON_ALPHA, sba: bool = True) -> float:
    """Croston's method; with ``sba`` the Syntetos–Boylan approximation (× (1 − α/2)).

    Initialised with the first sale's size and the series' average inter-demand interval, then the
    size z and interval p are smoothed at each later sale. Forecast = z / p per period.
    """
    positions = nonzero_positions(series)
    if not positions:
        return 0.0
    z = float(series[positions[0]])
    p = float(adi(series) or 1.0)
    q = 1
    for x in series[positions[0] + 1 :]:
        if x > 0:
            z = z + alpha * (x - z)
            p = p + alpha * (q - p)
            q = 1
        else:
            q += 1
    rate = z / p
    return rate * (1 - alpha / 2) if sba else rate


def tsb(series, alpha: float = TSB_ALPHA, beta: float = TSB_BETA) -> float:
    """Teunter–Syntetos–Babai: demand probability updated *every* period, size at each sale.

    Initialised with the first sale's size and 1/ADI as the probability of a sale; forecast = p × z.
    After k days without sales the forecast has shrunk by (1 − β)^k.
    """
    positions = nonzero_positions(series)
    if not positions:
        return 0.0
    z = float(series[positions[0]])
    p = 1.0 / float(adi(series) or 1.0)
    for x in series[positions[0] + 1 :]:
        if x > 0:
            p = p + beta * (1 - p)
            z = z + alpha * (x - z)
        else:
            p = p + beta * (0 - p)
    return p * z


# --- The whole forecast ----------------------------------------------------------------------------
@dataclass
class Forecast:
    classification: str
    method: str
    parameters: dict
    adi: float | None
    cv2: float | None
    rate_per_day: float
    days_of_cover: float | None
    stockout_date: str | None  # ISO date, None when no stock-out is in sight
    reorder_quantity: int
    safety_stock: int
    confidence: str  # low | medium | high
    note: str
    history_days: int
    nonzero_days: int
    units_sold: int
    notes: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def std(series) -> float:
    if len(series) < 2:
        return 0.0
    mean = sum(series) / len(series)
    return math.sqrt(sum((x - mean) ** 2 for x in series) / (len(series) - 1))


def confidence_of(history_days: int, nonzero_days: int) -> tuple[str, str]:
    if history_days < MIN_DAYS or nonzero_days < MIN_NONZERO:
        return "low", (
            _days("Only %(n)s day of history", "Only %(n)s days of history", history_days)
            + _days(" with %(n)s day of sales", " with %(n)s days of sales", nonzero_days)
            + f": treat this as a rough guess until there are at least {MIN_NONZERO} days with sales over "
            f"{MIN_DAYS} days."
        )
    if history_days < 30 or nonzero_days < 10:
        return "medium", "A few weeks of sales: reasonable, and it will firm up as more orders come in."
    return "high", (
        _days("Based on %(n)s day", "Based on %(n)s days", history_days)
        + _days(" with %(n)s day of sales.", " with %(n)s days of sales.", nonzero_days)
    )


def _days(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n) % {"n": n}


def forecast(
    series, stock: int, today: date, lead_time_days: int = LEAD_TIME_DAYS, review_days: int = REVIEW_DAYS
) -> Forecast:
    """Classify the daily demand ``series`` (oldest first, ending today) and forecast stock cover."""
    series = [max(0, int(x)) for x in series]
    n_days = len(series)
    positions = nonzero_positions(series)
    a, c = adi(series), cv2(series)
    cls = classify(a, c)
    notes = []
    if cls == NO_DEMAND:
        method, params, rate = NONE, {}, 0.0
        notes.append("No sales in the window, so no demand rate.")
    elif cls in (SMOOTH, ERRATIC):
        alpha = best_ses_alpha(series)
        method, params, rate = SES, {"alpha": alpha}, ses(series, alpha)
        if cls == ERRATIC:
            notes.append(
                "Sells most days but in very different amounts: exponential smoothing with extra safety stock."
            )
    elif may_have_stopped(series, a):
        method, params = TSB, {"alpha": TSB_ALPHA, "beta": TSB_BETA}
        rate = tsb(series, TSB_ALPHA, TSB_BETA)
        notes.append(
            _days("No sales for %(n)s day", "No sales for %(n)s days", trailing_zeros(series))
            + f" (usually every {a:.1f}): it may have stopped selling, so the forecast decays (TSB)."
        )
    else:
        method, params, rate = SBA, {"alpha": CROSTON_ALPHA}, croston(series, CROSTON_ALPHA, sba=True)
    rate = max(0.0, rate)
    horizon = lead_time_days + review_days
    sigma = std(series)
    safety = math.ceil(SERVICE_Z * sigma * math.sqrt(horizon)) if rate > 0 else 0
    stock = max(0, int(stock or 0))
    if rate > 1e-9:
        cover = stock / rate
        stockout = (today + timedelta(days=math.floor(cover))).isoformat() if cover < 3650 else None
        reorder = max(0, math.ceil(rate * horizon + safety - stock))
    else:
        cover, stockout, reorder = None, None, 0
    confidence, note = confidence_of(n_days, len(positions))
    return Forecast(
        classification=cls,
        method=method,
        parameters={**params, "lead_time_days": lead_time_days, "review_days": review_days, "service_z": SERVICE_Z},
        adi=a,
        cv2=c,
        rate_per_day=rate,
        days_of_cover=cover,
        stockout_date=stockout,
        reorder_quantity=reorder,
        safety_stock=safety,
        confidence=confidence,
        note=note,
        history_days=n_days,
        nonzero_days=len(positions),
        units_sold=sum(series),
        notes=notes,
    )
