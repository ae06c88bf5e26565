from django.shortcuts import render

from dashboard.auth import agent_required


@agent_required
def home(request):
    return render(request, "agent/home.html")
