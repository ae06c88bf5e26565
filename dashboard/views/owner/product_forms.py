"""The products area's forms: the list's filters, a product's fields and photos, the inline and bulk edits,
stock adjustments (the product's and one variant's), the variants editor, a product's GST details and the
CSV import. Shapes only: the rules and their messages live in ``webdpro.products`` and ``webdpro.gst``,
which these forms call rather than copy."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy

from dashboard.forms import ON_OFF, ChoiceOf, CountOf, CursorField, RupeesField, TextOf, valid_data
from webdpro.errors import ValidationFailed
from webdpro.gst import services as gst
from webdpro.products import csvio, selectors, services
from webdpro.products import variants as variant_service
from webdpro.products.selectors import PAGE_SIZES, ProductFilter
from webdpro.products.services import CORRECTION, DAMAGED, RECEIVED


def _domain_check(fn, value):
    try:
        return fn(value)
    except ValidationFailed as exc:
        raise forms.ValidationError(exc.message) from exc


# --- The list ---------------------------------------------------------------------------------------
@dataclass
class ProductListing:
    """One page of the list as asked for: the filters, the page size and where to start."""

    filter: ProductFilter
    size: int = selectors.DEFAULT_PAGE_SIZE
    cursor: str = ""

    def query(self, cursor: str | None = None) -> str:
        """The query string of this listing starting at ``cursor`` (the first page when None)."""
        flt = self.filter
        params = {
            "q": flt.q,
            "category": flt.category or "",
            "active": {True: "yes", False: "no"}.get(flt.active, ""),
            "low": "1" if flt.low_stock else "",
            "size": self.size if self.size != selectors.DEFAULT_PAGE_SIZE else "",
            "cursor": cursor or "",
        }
        return urlencode({k: v for k, v in params.items() if v})


def first_listing() -> ProductListing:
    """The first page of every product at the default size: what an empty query string asks for."""
    return ProductListing(ProductFilter(), selectors.DEFAULT_PAGE_SIZE, None)


class ProductListForm(forms.Form):
    """The product list's filters and page (query string). A status or low-stock value that is not one of
    the page's own, or an over-long category, is refused (a 400 naming it, as the order desk refuses its
    filters); a page size the page does not offer falls back to the default and the search is cut to 60
    characters, as on the desk. The cursor is checked by ``webdpro.pagination`` when the page is read."""

    q = forms.CharField(required=False)
    category = TextOf(concept=gettext_lazy("category"), max_length=60, required=False)
    active = ChoiceOf(
        concept=gettext_lazy("status"),
        choices=[("yes", gettext_lazy("Active")), ("no", gettext_lazy("Inactive"))],
        required=False,
    )
    low = ChoiceOf(concept=gettext_lazy("low-stock filter"), choices=ON_OFF, required=False)
    size = forms.CharField(required=False)
    cursor = CursorField()

    def clean_q(self):
        return self.cleaned_data["q"][:60]

    def clean_size(self):
        try:
            size = int(self.cleaned_data["size"] or selectors.DEFAULT_PAGE_SIZE)
        except ValueError:
            return selectors.DEFAULT_PAGE_SIZE
        return size if size in PAGE_SIZES else selectors.DEFAULT_PAGE_SIZE

    def listing(self) -> ProductListing:
        """The listing asked for, or ValidationFailed naming the first bad field. An empty query string (the
        list as opened from the menu) is the first page of every product at the default size, what validating
        no data gives (tests/unit/test_product_list_form.py holds the two equal), without the fields' work."""
        if not self.data:
            return first_listing()
        data = valid_data(self)
        return ProductListing(self._filter(data), data["size"], data["cursor"])

    def first_page(self) -> ProductListing:
        """After a refusal: the first page of the listing asked for (when only its cursor was refused), or
        of the whole list (when a filter was)."""
        if set(self.errors) <= {"cursor"}:
            return ProductListing(self._filter(self.cleaned_data), self.cleaned_data["size"])
        return ProductListing(ProductFilter())

    @staticmethod
    def _filter(data) -> ProductFilter:
        return ProductFilter(
            category=data["category"] or None,
            active={"yes": True, "no": False}.get(data["active"]),
            low_stock=data["low"] == "1",
            q=data["q"],
        )


class _SharedFields(dict):
    """A form's fields that its instances share instead of copying: Django deep-copies a form's fields for
    each instance (so one may change its own), ~0.1 ms a request for the list's six fields and widgets; the
    list's filters are read and never changed, displayed or given per-instance choices."""

    def __deepcopy__(self, memo):
        return dict(self)


ProductListForm.base_fields = _SharedFields(ProductListForm.base_fields)


# --- A product ----------------------------------------------------------------------------------------
class PhotosInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """The photos chosen in one file input, as a list (none chosen: an empty list). How many a product may
    have and whether each is a photo are ``webdpro.products.images``' rules, applied when they are stored."""

    widget = PhotosInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp,image/gif")

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(PhotosField, self).clean(upload) for upload in files if upload]


class ProductForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    price = RupeesField(
        label=gettext_lazy("Price (₹)"),
        help_text=gettext_lazy("Exact rupees, e.g. 1299 or 1,299.50"),
        concept=gettext_lazy("price"),
        maximum=services.MAX_PRICE,
        positive=True,
    )
    category = forms.CharField(
        label=gettext_lazy("Category"),
        required=False,
        max_length=60,
        help_text=gettext_lazy("Pick one of your store's categories or type a new one."),
        widget=forms.TextInput(attrs={"list": "category-options", "autocomplete": "off"}),
    )
    stock_quantity = CountOf(
        label=gettext_lazy("Stock (units)"),
        concept=gettext_lazy("stock"),
        min_value=0,
        max_value=services.MAX_STOCK,
        initial=0,
    )
    stock_seen = CountOf(
        concept=gettext_lazy("stock you saw"),
        min_value=0,
        max_value=services.MAX_STOCK,
        required=False,
        widget=forms.HiddenInput,
    )
    low_stock_threshold = CountOf(
        label=gettext_lazy("Low-stock alert at"),
        concept=gettext_lazy("low-stock alert level"),
        min_value=0,
        max_value=services.MAX_STOCK,
        initial=5,
        help_text=gettext_lazy("Alert when stock is at or below this number."),
    )
    is_active = forms.BooleanField(label=gettext_lazy("Show on the storefront"), required=False, initial=True)
    images = PhotosField(label=gettext_lazy("Photos"))

    def clean_name(self):
        return _domain_check(services.clean_name, self.cleaned_data["name"])


REMOVE_PHOTOS = gettext_lazy("Choose the photos to remove from the product's photos.")


class ProductEditForm(ProductForm):
    """A product's fields, and which of its photos to remove (ticked beside each photo)."""

    remove_images = forms.MultipleChoiceField(
        required=False,
        widget=forms.MultipleHiddenInput,
        error_messages={"invalid_choice": REMOVE_PHOTOS, "invalid_list": REMOVE_PHOTOS},
    )

    def __init__(self, *args, photos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove_images"].choices = [(name, name) for name in photos]


class InlineForm(forms.Form):
    """One field of a product row edited in place: its price, its stock (over the number the owner saw) or
    whether it is shown."""

    field = forms.ChoiceField(
        choices=[("price", "price"), ("stock", "stock"), ("active", "active")],
        error_messages={
            "required": gettext_lazy("Nothing to change."),
            "invalid_choice": gettext_lazy("Nothing to change."),
        },
    )
    price = RupeesField(concept=gettext_lazy("price"), maximum=services.MAX_PRICE, positive=True, required=False)
    stock_quantity = CountOf(concept=gettext_lazy("stock"), min_value=0, max_value=services.MAX_STOCK, required=False)
    stock_seen = CountOf(
        concept=gettext_lazy("stock you saw"), min_value=0, max_value=services.MAX_STOCK, required=False
    )
    is_active = forms.BooleanField(required=False)

    def save(self, store, product, by):
        """The change, through the products service (ValidationFailed naming a bad field)."""
        data = valid_data(self)
        if data["field"] == "price":
            return services.set_price(store.store_id, product.product_id, data["price"])
        if data["field"] == "stock":
            seen = data["stock_seen"] if "stock_seen" in self.data else product.stock_quantity
            return services.set_stock(store, product.product_id, data["stock_quantity"], seen, by=by)
        return services.set_active(store.store_id, product.product_id, data["is_active"])


class BulkForm(forms.Form):
    """Products ticked in the list, to show or hide together."""

    action = forms.ChoiceField(
        choices=[("activate", "activate"), ("deactivate", "deactivate")],
        error_messages={
            "required": gettext_lazy("Choose activate or deactivate."),
            "invalid_choice": gettext_lazy("Choose activate or deactivate."),
        },
    )
    ids = forms.MultipleChoiceField(required=False, widget=forms.MultipleHiddenInput)
    back = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].valid_value = lambda value: len(value) <= 40  # ids are checked by the service

    def back_url(self, store) -> str:
        back = reverse("owner:products", kwargs={"store_id": store.store_id})
        query = self.data.get("back", "")[:2000]
        return back + ("?" + query if query else "")


class AdjustForm(forms.Form):
    """A stock change of the product: what happened, how many units and why (a reason is required by the
    products service, which says so in its own words)."""

    kind = ChoiceOf(
        label=gettext_lazy("What happened"),
        concept=gettext_lazy("kind of change"),
        choices=[(k, v) for k, v in services.ADJUSTMENT_KINDS.items()],
    )
    quantity = CountOf(
        label=gettext_lazy("Units"),
        concept=gettext_lazy("quantity"),
        min_value=-services.MAX_STOCK,
        max_value=services.MAX_STOCK,
        help_text=gettext_lazy("For a correction, use a minus sign for fewer (e.g. −2)."),
    )
    reason = TextOf(
        label=gettext_lazy("Reason"),
        concept=gettext_lazy("reason"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("E.g. supplier bill no., “crate dropped”, stock count."),
    )


class ImportTemplateForm(forms.Form):
    """The import page's query string: ``?template=1`` downloads the empty CSV."""

    template = ChoiceOf(concept=gettext_lazy("template download"), choices=ON_OFF, required=False)


class ImportForm(forms.Form):
    """The CSV file to import (at most ``csvio.MAX_BYTES``)."""

    file = forms.FileField(error_messages={"required": gettext_lazy("Choose a CSV file to upload.")})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > csvio.MAX_BYTES:
            raise forms.ValidationError(
                gettext_lazy("The file is larger than 2 MB. Split it into smaller files."), code="too_big"
            )
        return upload


# --- GST ----------------------------------------------------------------------------------------------
class GstRateField(forms.TypedChoiceField):
    """One of the GST slabs; anything else is refused with the GST service's own message."""

    def validate(self, value):
        try:
            super().validate(value)
        except forms.ValidationError as exc:
            raise forms.ValidationError(str(gst.RATE_REFUSAL), code=exc.code) from exc


class ProductTaxForm(forms.Form):
    """A product's HSN code (checked by ``webdpro.gst.services.clean_hsn``) and its GST rate, one of the
    GST slabs (``webdpro.gst.services.RATES``)."""

    hsn_code = TextOf(label=gettext_lazy("HSN code"), concept=gettext_lazy("HSN code"), max_length=20, required=False)
    gst_rate = GstRateField(
        label=gettext_lazy("GST rate"), choices=[(str(rate), f"{rate}%") for rate in gst.RATES], coerce=int
    )

    def clean_hsn_code(self):
        return _domain_check(gst.clean_hsn, self.cleaned_data["hsn_code"])

    @classmethod
    def of(cls, product) -> ProductTaxForm:
        return cls(initial={"hsn_code": product.hsn_code or "", "gst_rate": str(product.gst_rate or 0)})


# --- Variants -----------------------------------------------------------------------------------------
def _format(text, **values):
    return str(text) % values


_concept = lazy(_format, str)  # "row 3 price" in the language of the request that shows it
OPTION_NAME = gettext_lazy("option %(n)s name")
ROW_OPTION = gettext_lazy("row %(n)s option %(j)s")
ROW_PRICE = gettext_lazy("row %(n)s price")
ROW_STOCK = gettext_lazy("row %(n)s stock")
ROW_SKU = gettext_lazy("row %(n)s SKU")
ROW_PHOTO = gettext_lazy("row %(n)s photo")
ROW_VARIANT = gettext_lazy("row %(n)s variant")
ROW_KEYS = ("id", "price", "stock", "sku", "image")
OPTIONS = variant_service.MAX_OPTIONS


class VariantsForm(forms.Form):
    """The variants editor: the option names ``option_<j>`` and one row per variant ``v<i>_opt_<j>``,
    ``v<i>_price``, ``v<i>_stock``, ``v<i>_sku``, ``v<i>_image`` and ``v<i>_id``. Each field's shape is
    checked here (an amount of rupees, a whole number, lengths, one of the product's photos); the rules
    across fields (names, duplicates, at least one variant) are ``webdpro.products.variants``', whose
    refusals name these same fields."""

    def __init__(self, *args, product, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        for j in range(OPTIONS):
            self.fields[f"option_{j}"] = TextOf(concept=_concept(OPTION_NAME, n=j + 1), max_length=30, required=False)
        photos = [("", "—")] + [(name, name) for name in product.images or []]
        for i in range(variant_service.MAX_VARIANTS):
            self.fields.update(self._row_fields(i, i + 1, photos))

    @staticmethod
    def _row_fields(i: int, n: int, photos) -> dict:
        fields = {
            f"v{i}_id": TextOf(concept=_concept(ROW_VARIANT, n=n), max_length=10, required=False),
            f"v{i}_price": RupeesField(
                concept=_concept(ROW_PRICE, n=n), maximum=services.MAX_PRICE, positive=True, required=False
            ),
            f"v{i}_stock": CountOf(
                concept=_concept(ROW_STOCK, n=n), min_value=0, max_value=variant_service.MAX_STOCK, required=False
            ),
            f"v{i}_sku": TextOf(concept=_concept(ROW_SKU, n=n), max_length=40, required=False),
            f"v{i}_image": ChoiceOf(concept=_concept(ROW_PHOTO, n=n), choices=photos, required=False),
        }
        for j in range(OPTIONS):
            fields[f"v{i}_opt_{j}"] = TextOf(concept=_concept(ROW_OPTION, n=n, j=j + 1), max_length=30, required=False)
        return fields

    def names(self) -> list[str]:
        return [self.cleaned_data[f"option_{j}"] for j in range(OPTIONS)]

    def rows(self) -> list[dict]:
        """One dict per row, as ``webdpro.products.variants.set_variants`` takes them."""
        data = self.cleaned_data
        rows = []
        for i in range(variant_service.MAX_VARIANTS):
            row = {key: data[f"v{i}_{key}"] for key in ROW_KEYS}
            row.update({f"opt_{j}": data[f"v{i}_opt_{j}"] for j in range(OPTIONS)})
            row.update({key: "" if row[key] is None else str(row[key]) for key in ("price", "stock")})
            rows.append(row)
        return rows

    def save(self, store, by):
        valid_data(self)
        return variant_service.set_variants(store, self.product, self.names(), self.rows(), by=by)

    def editor(self, blank: int = 3) -> dict:
        """What the editor shows again after a refusal: the values as typed, in the rows they were typed
        in (so a message naming ``v3_price`` is about the fourth row), and which fields were refused."""
        typed = {name: self.data.get(name, "") for name in self.fields}
        bad = set(self.errors)
        used = [
            i
            for i in range(variant_service.MAX_VARIANTS)
            if any(str(typed[f"v{i}_{key}"]).strip() for key in (*ROW_KEYS, *(f"opt_{j}" for j in range(OPTIONS))))
        ]
        last = max(used, default=-1)
        indexes = used + list(range(last + 1, min(last + 1 + blank, variant_service.MAX_VARIANTS)))
        rows = [
            {
                "index": i,
                **{key: typed[f"v{i}_{key}"] for key in ROW_KEYS},
                "options": [typed[f"v{i}_opt_{j}"] for j in range(OPTIONS)],
                "bad": [key for key in ROW_KEYS if f"v{i}_{key}" in bad],
                "bad_options": [j for j in range(OPTIONS) if f"v{i}_opt_{j}" in bad],
            }
            for i in indexes
        ]
        return {
            "names": [typed[f"option_{j}"] for j in range(OPTIONS)],
            "bad_names": [j for j in range(OPTIONS) if f"option_{j}" in bad],
            "rows": rows,
            "variants": variant_service.variants_of(self.product),
        }


ADJUST_KINDS = [
    (RECEIVED, gettext_lazy("Received")),
    (DAMAGED, gettext_lazy("Damaged / lost")),
    (CORRECTION, gettext_lazy("Correction")),
]


class VariantAdjustForm(forms.Form):
    """One variant's stock change: which variant (one of the product's), what happened, how many units and
    why. Units received or damaged count as given (the sign follows what happened); a correction is signed."""

    variant_id = ChoiceOf(concept=gettext_lazy("variant"))
    kind = ChoiceOf(concept=gettext_lazy("kind of change"), choices=ADJUST_KINDS)
    quantity = CountOf(
        concept=gettext_lazy("quantity"), min_value=-variant_service.MAX_STOCK, max_value=variant_service.MAX_STOCK
    )
    reason = TextOf(concept=gettext_lazy("reason"), max_length=200, required=False)

    def __init__(self, *args, product, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        self.fields["variant_id"].choices = [(v.variant_id, v.label) for v in variant_service.variants_of(product)]

    def clean_reason(self):
        return " ".join(self.cleaned_data["reason"].split())

    def save(self, store, by, default_reason: str):
        data = valid_data(self)
        quantity, kind = data["quantity"], data["kind"]
        delta = -abs(quantity) if kind == DAMAGED else (abs(quantity) if kind == RECEIVED else quantity)
        reason = data["reason"] or default_reason
        return variant_service.adjust_stock(store, self.product, data["variant_id"], delta, kind, reason, by=by)
