from django.shortcuts import redirect, render
from django.urls import path

from dashboard.auth import owner_required
from dashboard.views.owner.common import CURRENT_STORE, owner_store


@owner_required
def dashboard_home(request):
    store_id = request.GET.get("store")
    if store_id:  # the header's store switcher
        owner_store(request, store_id)
        request.session[CURRENT_STORE] = store_id
        return redirect("owner:home")
    return render(request, "owner/home.html")


urlpatterns = [path("", dashboard_home, name="home")]
