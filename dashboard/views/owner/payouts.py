"""Owner views: "Get paid" (Razorpay Route payout account) and the settlements ledger (page and CSV)."""

from django import forms
from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from dashboard.auth import owner_required
from dashboard.forms import ON_OFF
from dashboard.views.owner.range_forms import DateRangeForm
from webdpro.errors import DomainError, ValidationFailed
from webdpro.payments import kyc, ledger, payouts
from webdpro.payments.gateway import get_gateway


class NoEchoInput(forms.TextInput):
    """Bank account numbers and PANs are never written back into the page, even after an error."""

    def format_value(self, value):
        return None


BUSINESS_TYPE_LABELS = {
    "proprietorship": gettext_lazy("Proprietorship"),
    "individual": gettext_lazy("Individual"),
    "partnership": gettext_lazy("Partnership"),
    "private_limited": gettext_lazy("Private limited company"),
    "public_limited": gettext_lazy("Public limited company"),
    "llp": gettext_lazy("LLP"),
    "trust": gettext_lazy("Trust"),
    "society": gettext_lazy("Society"),
    "ngo": gettext_lazy("NGO"),
    "not_yet_registered": gettext_lazy("Not registered yet"),
}
CATEGORY_LABELS = {
    "groceries": gettext_lazy("Groceries"),
    "restaurant": gettext_lazy("Restaurant or food"),
    "clinic": gettext_lazy("Clinic or healthcare"),
    "fashion": gettext_lazy("Fashion"),
    "other": gettext_lazy("Other shop"),
}


def _text(label, max_length=120, required=True, **attrs):
    return forms.CharField(label=label, max_length=max_length, required=required, widget=forms.TextInput(attrs=attrs))


class PayoutForm(forms.Form):
    legal_business_name = _text(gettext_lazy("Legal business name"), autocomplete="organization")
    business_type = forms.ChoiceField(
        label=gettext_lazy("Business type"), choices=[(k, BUSINESS_TYPE_LABELS[k]) for k in payouts.BUSINESS_TYPES]
    )
    category = forms.ChoiceField(label=gettext_lazy("What you sell"), choices=list(CATEGORY_LABELS.items()))
    contact_name = _text(gettext_lazy("Contact person"), autocomplete="name")
    email = _text(gettext_lazy("Email"), 100, autocomplete="email", inputmode="email")
    phone = _text(gettext_lazy("Mobile number"), 16, autocomplete="tel", inputmode="tel")
    pan = forms.CharField(
        label=gettext_lazy("PAN"),
        max_length=12,
        widget=NoEchoInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    gstin = _text(gettext_lazy("GSTIN (optional)"), 17, required=False, autocapitalize="characters")
    street = _text(gettext_lazy("Registered address"), 100, autocomplete="street-address")
    city = _text(gettext_lazy("City"), 60, autocomplete="address-level2")
    state = _text(gettext_lazy("State"), 60, autocomplete="address-level1")
    postal_code = _text(gettext_lazy("PIN code"), 6, autocomplete="postal-code", inputmode="numeric")
    beneficiary_name = _text(gettext_lazy("Account holder's name"))
    ifsc = _text(gettext_lazy("IFSC"), 11, autocapitalize="characters")
    account_number = forms.CharField(
        label=gettext_lazy("Bank account number"),
        max_length=24,
        widget=NoEchoInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def _kyc(self, name, check):
        try:
            return check(self.cleaned_data.get(name))
        except ValidationFailed as exc:
            raise forms.ValidationError(exc.message) from None

    def clean_pan(self):
        return self._kyc("pan", kyc.clean_pan)

    def clean_gstin(self):
        return self._kyc("gstin", kyc.clean_gstin)

    def clean_ifsc(self):
        return self._kyc("ifsc", kyc.clean_ifsc)

    def clean_account_number(self):
        return self._kyc("account_number", kyc.clean_account_number)


def _initial(tenant) -> dict:
    details = tenant.payout_details
    if details is None:
        return {"phone": (tenant.owner_phone or "").removeprefix("+91"), "legal_business_name": tenant.business_name}
    return {
        name: getattr(details, name)
        for name in (
            "legal_business_name",
            "business_type",
            "contact_name",
            "email",
            "gstin",
            "beneficiary_name",
            "ifsc",
            "street",
            "city",
            "state",
            "postal_code",
        )
    } | {"phone": (details.phone or "").removeprefix("+91"), "category": details.category or "groceries"}


class EditSwitchForm(forms.Form):
    """``?edit=1`` on the "Get paid" page: show the form again to change the details sent."""

    edit = forms.ChoiceField(choices=ON_OFF, required=False)

    def editing(self) -> bool:
        """Whether the form is asked for; any other value shows the page as it is."""
        return self.is_valid() and self.cleaned_data["edit"] == "1"


def _render(request, form, status=200, error=None):
    tenant = request.tenant
    summary = ledger.payout_summary(tenant)
    context = {
        "form": form,
        "payout": summary,
        "error": error,
        "gateway": get_gateway(),
        "show_form": not summary["activated"] or EditSwitchForm(request.GET).editing(),
    }
    template = "owner/payments/get_paid.html"
    if request.htmx and request.htmx.target == "payout-status":
        template += "#status"
    return render(request, template, context, status=status)


@owner_required
@require_http_methods(["GET", "POST"])
def get_paid(request):
    tenant = request.tenant
    if request.method == "GET":
        payouts.refresh_sandbox()
        tenant.refresh(consistent_read=True)
        return _render(request, PayoutForm(initial=_initial(tenant)))
    form = PayoutForm(request.POST)
    if not form.is_valid():
        return _render(request, form, status=400)
    try:
        payouts.submit_onboarding(tenant, form.cleaned_data)
    except ValidationFailed as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _render(request, form, status=400)
    except DomainError as exc:
        return _render(request, form, status=exc.status_code, error=exc.message)
    messages.success(request, _("Payout details sent to Razorpay for review."))
    return redirect("owner:get_paid")


def _range(request):
    """The ledger's first and last day, or ValidationFailed naming the bad field."""
    return DateRangeForm(request.GET, rule=ledger.parse_range).dates()


@owner_required
@require_GET
def settlements(request):
    payouts.refresh_sandbox()
    request.tenant.refresh(consistent_read=True)
    error = None
    try:
        start, end = _range(request)
    except ValidationFailed as exc:
        start, end = ledger.parse_range(None, None)
        error = exc
    context = {
        "ledger": ledger.build(request.tenant.tenant_id, start, end),
        "payout": ledger.payout_summary(request.tenant),
        "gateway": get_gateway(),
        "error": error,
        "start": start,
        "end": end,
    }
    template = "owner/payments/settlements.html"
    if request.htmx and request.htmx.target == "ledger":
        template += "#ledger"
    return render(request, template, context, status=400 if error else 200)


@owner_required
@require_GET
def settlements_csv(request):
    try:
        start, end = _range(request)
    except ValidationFailed as exc:
        return render(
            request, "owner/payments/settlements.html", {"error": exc, "ledger": None, "payout": None}, status=400
        )
    response = StreamingHttpResponse(
        ledger.csv_lines(request.tenant.tenant_id, start, end), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="settlements-{start.isoformat()}-to-{end.isoformat()}.csv"'
    return response


urlpatterns = [
    path("payments/get-paid/", get_paid, name="get_paid"),
    path("payments/settlements/", settlements, name="settlements"),
    path("payments/settlements.csv", settlements_csv, name="settlements_csv"),
]
