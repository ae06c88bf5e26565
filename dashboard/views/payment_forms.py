"""What the customer's pay page reads: the signed pay link (``t``), Checkout's callback fields and the sandbox's
buttons. An over-long pay link is a link that is not valid (404, like a forged one); a bad callback field or
sandbox choice is a 400 naming it on the pay page, before anything is written."""

from django import forms
from django.utils.translation import gettext_lazy

from dashboard.forms import ChoiceOf, TextOf
from webdpro.payments import selectors

PAY_LINK_MAX_LENGTH = 200  # "<timestamp>:<signature>", under a hundred characters
ONLINE_METHOD_CHOICES = [(method.value, method.label) for method in selectors.ONLINE_METHODS]
SANDBOX_ACTIONS = [("pay", "pay"), ("fail", "fail")]


class PayLinkForm(forms.Form):
    """The pay link's token (``t``), if the visitor came with one."""

    t = forms.CharField(required=False, max_length=PAY_LINK_MAX_LENGTH)


class CallbackForm(forms.Form):
    """Checkout's success handler posts Razorpay's order and payment ids and their signature (verified by the
    payments service)."""

    razorpay_order_id = TextOf(concept=gettext_lazy("Razorpay order id"), max_length=100, required=False)
    razorpay_payment_id = TextOf(concept=gettext_lazy("Razorpay payment id"), max_length=100, required=False)
    razorpay_signature = TextOf(concept=gettext_lazy("Razorpay signature"), max_length=200, required=False)


class SandboxForm(forms.Form):
    """The sandbox page's Pay / Fail buttons and the online method chosen there (none: the order's own)."""

    action = ChoiceOf(concept=gettext_lazy("sandbox action"), choices=SANDBOX_ACTIONS)
    method = ChoiceOf(concept=gettext_lazy("payment method"), choices=ONLINE_METHOD_CHOICES, required=False)
