"""One JSON shape for every API error.

{"code": "invalid", "message": "...", "fields": {"field": [{"code": "...", "message": "..."}]}}
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext, gettext_noop
from django.views.defaults import server_error
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

from core.i18n import validation_error_translated
from search.errors import SearchUnavailable


class ServiceUnavailable(exceptions.APIException):
    """A backing service (search engine, broker) is down; the client may retry later."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "A backing service is unavailable."
    default_code = "service_unavailable"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the object's current state."
    default_code = "conflict"


def _field_errors(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {key: _field_errors(value) for key, value in detail.items()}
    if isinstance(detail, list):
        if all(isinstance(item, exceptions.ErrorDetail) for item in detail):
            return [{"code": item.code, "message": str(item)} for item in detail]
        return [_field_errors(item) for item in detail]
    if isinstance(detail, exceptions.ErrorDetail):
        return [{"code": detail.code, "message": str(detail)}]
    return detail


# The database driver could not reach the database (down, restarting, out of connections,
# SQLite locked past its busy timeout): the client may retry; nothing was half-written.
DATABASE_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError)
DATABASE_UNAVAILABLE = {
    "code": "database_unavailable",
    "message": gettext_noop(
        "The database is temporarily unavailable. Nothing was saved; try again in a minute."
    ),
}


def _database_unavailable() -> ServiceUnavailable:
    return ServiceUnavailable(gettext(DATABASE_UNAVAILABLE["message"]), code=DATABASE_UNAVAILABLE["code"])


def server_error_handler(request: HttpRequest) -> HttpResponse:
    """Django's handler500, for errors outside DRF's views (middleware, sessions, plain views).

    A database outage is a JSON 503 ``database_unavailable`` on every path; other errors under
    /api/ are a JSON 500; elsewhere Django's own page.
    """
    import sys

    exc = sys.exc_info()[1]
    if isinstance(exc, DATABASE_ERRORS):
        response: HttpResponse = JsonResponse(DATABASE_UNAVAILABLE, status=503)
        response["Retry-After"] = "30"
        return response
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "server_error", "message": "An unexpected error occurred."}, status=500)
    return server_error(request)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DATABASE_ERRORS):
        exc = _database_unavailable()
    elif isinstance(exc, SearchUnavailable):
        exc = ServiceUnavailable(
            gettext("Search is temporarily unavailable. Your data is safe; try again in a minute."),
            code="search_unavailable",
        )
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(validation_error_translated(exc)))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response

    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        if isinstance(detail, list):
            detail = {"non_field_errors": detail}
        body: dict[str, Any] = {
            "code": "invalid",
            "message": gettext("The request has invalid fields."),
            "fields": _field_errors(detail),
        }
    else:
        codes = exc.get_codes()
        body = {
            "code": codes if isinstance(codes, str) else exc.default_code,
            "message": str(exc.detail)
            if not isinstance(exc.detail, dict | list)
            else str(exc.default_detail),
        }
    response.data = body
    if response.status_code == status.HTTP_503_SERVICE_UNAVAILABLE:
        response["Retry-After"] = "30"
    return response
