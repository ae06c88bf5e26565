"""What a customer's own pages read: the page of "My orders" asked for (``after``, a signed cursor; one that
is not valid, over-long included, is a 400 with the pagination's message and a link to the newest orders)."""

from django import forms

from dashboard.forms import CursorField


class OrdersPageForm(forms.Form):
    after = CursorField()
