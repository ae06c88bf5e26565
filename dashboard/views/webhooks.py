"""``POST /webhooks/razorpay/``: Razorpay's webhooks (see ``webdpro.payments.webhooks``).

CSRF-exempt (Razorpay cannot send a token); authenticity is the HMAC-SHA256 ``X-Razorpay-Signature``
over the raw body, checked before anything is parsed. 400 on a bad signature, 200 once applied (or
already applied / not ours / not handled), 503 when it should be retried later.
"""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from webdpro.payments.webhooks import process_webhook


@csrf_exempt
@require_POST
def razorpay_webhook(request):
    try:
        body = request.body.decode("utf-8")
    except UnicodeDecodeError:
        return JsonResponse({"error": "body is not UTF-8"}, status=400)
    result = process_webhook(
        body, request.headers.get("X-Razorpay-Signature"), request.headers.get("X-Razorpay-Event-Id")
    )
    key = "status" if result.status < 400 else "error"
    return JsonResponse({key: result.outcome}, status=result.status)
