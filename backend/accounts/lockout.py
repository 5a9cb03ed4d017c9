"""The answer to a locked-out sign-in (django-axes calls it for the API and the admin)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

LOCKED_OUT_MESSAGE = "Too many failed sign-ins for this account or address; try again in %(minutes)s minutes."


def lockout_response(
    request: HttpRequest, response: Any = None, credentials: Any = None, *args: Any
) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = LOCKED_OUT_MESSAGE % {"minutes": minutes}
    headers = {"Retry-After": str(minutes * 60)}
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "locked_out", "message": message}, status=429, headers=headers)
    return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8", headers=headers)
