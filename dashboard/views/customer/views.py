from django.shortcuts import render

from dashboard.auth import customer_required


@customer_required
def orders(request):
    return render(request, "customer/orders.html", {"orders": []})
