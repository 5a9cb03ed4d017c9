from typing import Any, Literal

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticatedOrReadOnly

# Every error answer of the API (core.exceptions): a code, a message, and per field what is wrong.
ApiErrorSerializer = inline_serializer(
    name="ApiError",
    fields={
        "code": serializers.CharField(help_text="Machine-readable: invalid, not_authenticated, throttled …"),
        "message": serializers.CharField(help_text="For people."),
        "fields": serializers.DictField(
            required=False,
            help_text="With code invalid: per field a list of {code, message} (nested for dicts and lists).",
        ),
    },
)


# The answers any operation may give besides its own, when the condition holds (see _error_statuses).
ERROR_DESCRIPTIONS = {
    "400": "Invalid input: `fields` names each problem.",
    "401": "Not signed in, or the API token is unknown or expired (`WWW-Authenticate: Token`).",
    "403": "Signed in but not allowed, or a session request without its CSRF token.",
    "404": "No such object, or not one this user may see (or, on a list, a page past its end).",
    "409": "The object's current state does not allow this (already decided, not in review …).",
    "415": "The body is not of a media type the operation reads.",
    "429": "Too many requests (or failed sign-ins) from this address or for this account: see `Retry-After`.",
    "503": "The database or the search engine is unavailable; nothing was changed: see `Retry-After`.",
}

# Permission classes that let anyone read: a safe request to such a view is not refused as such.
READ_FOR_ANYONE = {AllowAny, IsAuthenticatedOrReadOnly}


class AutoSchema(SpectacularAutoSchema):
    """Names nested serializers after their API (``HealthApi.OutputSerializer`` → ``HealthApiOutput``),
    documents the error answers every operation shares, and that an optional query parameter may
    be sent empty.

    The house style nests Input/OutputSerializer inside each API class, so the
    bare class names would collide in the schema's components.
    """

    def get_serializer_name(
        self,
        serializer: serializers.Serializer,  # type: ignore[type-arg]
        direction: Literal["request", "response"],
    ) -> str:
        name = super().get_serializer_name(serializer, direction)
        qualname = type(serializer).__qualname__
        if "." in qualname and not getattr(getattr(serializer, "Meta", None), "ref_name", None):
            outer = qualname.split(".")[-2]
            return f"{outer}{name}"
        return name

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation: dict[str, Any] | None = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        for parameter in operation.get("parameters", []):
            if parameter.get("in") == "query" and not parameter.get("required"):
                # An empty query value (``?kind=``) is read as not given, by django-filter (every
                # filter skips it), by DRF's serializers for query-string input and by the
                # pagination: say so, or an empty value reads as outside an enum or a format.
                parameter["allowEmptyValue"] = True
        responses: dict[str, Any] = operation.setdefault("responses", {})
        for code in self._error_statuses(operation):
            if code not in responses:
                response = self._get_response_for_code(ApiErrorSerializer, code)  # type: ignore[no-untyped-call]
                response["description"] = ERROR_DESCRIPTIONS[code]
                responses[code] = response
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _error_statuses(self, operation: dict[str, Any]) -> list[str]:
        """Which shared error answers this operation can give, from how its view is configured."""
        parameters = operation.get("parameters", [])
        has_body = "requestBody" in operation
        in_path = any(parameter.get("in") == "path" for parameter in parameters)
        in_query = any(parameter.get("in") == "query" for parameter in parameters)
        paginated = any(
            parameter.get("in") == "query" and parameter.get("name") == "page" for parameter in parameters
        )
        authenticates = bool(self.view.get_authenticators())
        permissions = {type(permission) for permission in self.view.get_permissions()}
        safe = self.method in SAFE_METHODS
        codes = ["503"]
        if has_body or in_query or in_path:
            codes.append("400")
        if authenticates:
            codes.append("401")
            # A refusal by role or object, or (unsafe methods) a session request without CSRF token.
            if not safe or not permissions <= READ_FOR_ANYONE:
                codes.append("403")
        if in_path or paginated:
            codes.append("404")
        if in_path and not safe:
            codes.append("409")
        if has_body:
            codes.append("415")
        if self.view.get_throttles():
            codes.append("429")
        return codes
