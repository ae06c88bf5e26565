"""GET /healthz — is the app up and can it reach DynamoDB?"""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from pynamodb.exceptions import DoesNotExist, PynamoDBException

from webdpro.db import Tenant


def check_dynamodb() -> bool:
    try:
        Tenant.get("__healthz__")
    except DoesNotExist:
        return True
    except (PynamoDBException, OSError):
        return False
    return True


@never_cache
def healthz(request):
    ok = check_dynamodb()
    return JsonResponse(
        {"status": "ok" if ok else "degraded", "dynamodb": "ok" if ok else "unreachable"}, status=200 if ok else 503
    )
