from django.shortcuts import render

from dashboard.auth import superadmin_required


@superadmin_required
def home(request):
    return render(request, "superadmin/home.html")
