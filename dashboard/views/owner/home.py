from django.shortcuts import render
from django.urls import path

from dashboard.auth import owner_required


@owner_required
def dashboard_home(request):
    return render(request, "owner/home.html")


urlpatterns = [path("", dashboard_home, name="home")]
