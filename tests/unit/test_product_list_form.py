"""The products list's filters form: an empty query string (the list opened from the menu) skips the fields'
validation, and must give exactly what validating it would: the first page of every product at the default
size (``first_listing``). Query strings whose values are all empty go through the fields and give the same
listing."""

from __future__ import annotations

from django.http import QueryDict

from dashboard.forms import valid_data
from dashboard.views.owner.product_forms import ProductListForm, ProductListing, first_listing
from webdpro.products import selectors
from webdpro.products.selectors import ProductFilter


def validated(query: str) -> ProductListing:
    """The listing as the form's fields give it (no shortcut)."""
    data = valid_data(ProductListForm(QueryDict(query)))
    return ProductListing(ProductListForm._filter(data), data["size"], data["cursor"])


def test_empty_query_is_what_validating_it_gives():
    shortcut = ProductListForm(QueryDict("")).listing()
    assert shortcut == validated("")
    assert shortcut == first_listing() == ProductListing(ProductFilter(), selectors.DEFAULT_PAGE_SIZE, None)
    assert shortcut.query() == ""
    assert not shortcut.filter.is_filtered


def test_empty_values_go_through_the_fields_to_the_same_listing():
    for query in ("q=", "q=&category=&active=&low=&size=&cursor=", "size=25", "size=7"):
        form = ProductListForm(QueryDict(query))
        assert form.listing() == validated("") == validated(query), query


def test_a_filter_is_still_read():
    listing = ProductListForm(QueryDict("q=tea&active=no&size=50")).listing()
    assert listing == ProductListing(ProductFilter(active=False, q="tea"), 50, None)
