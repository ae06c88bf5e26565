from django.conf import settings


def webdpro(request):
    return {
        "PLATFORM_DOMAIN": settings.PLATFORM_DOMAIN,
        "DEBUG": settings.DEBUG,
    }
