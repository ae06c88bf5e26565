from django.shortcuts import render


def home(request):
    """WebDPro's landing page."""
    return render(request, "public/home.html")
