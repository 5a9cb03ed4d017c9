"""Request body parsers with bounds: size, nesting depth, string length, items per container.

DRF's parsers read a JSON body of any size and let ``json`` recurse into any depth (a
body of 100,000 ``[`` is a RecursionError, a 500). These refuse such bodies with a 400
(413 for the size) before and after parsing, for every API view, in one place.
"""

import json
import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import QueryDict
from rest_framework import exceptions, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from core.validators import MAX_BODY_STRING_LENGTH

MAX_JSON_DEPTH = 32
MAX_CONTAINER_ITEMS = 1000
# Strings (skipped whole, escapes included) and the brackets outside them.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


def _max_body_bytes() -> int:
    limit: int = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return limit


def _too_deep() -> exceptions.ParseError:
    return exceptions.ParseError(
        f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep.", code="too_deep"
    )


def _check_depth(text: str) -> None:
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise _too_deep()
        elif char in "]}":
            depth -= 1


def _field_error(path: str, message: str, code: str) -> exceptions.ValidationError:
    return exceptions.ValidationError(
        {path or "non_field_errors": [exceptions.ErrorDetail(message, code=code)]}
    )


def check_value_bounds(value: Any, path: str = "") -> None:
    """Refuse a string longer than MAX_BODY_STRING_LENGTH, or a list or object with too many items."""
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            if len(item) > MAX_BODY_STRING_LENGTH:
                raise _field_error(
                    where.split(".", 1)[0],
                    f"Ensure this field has no more than {MAX_BODY_STRING_LENGTH} characters.",
                    "max_length",
                )
        elif isinstance(item, list | tuple | Mapping):
            if len(item) > MAX_CONTAINER_ITEMS:
                raise _field_error(
                    where.split(".", 1)[0],
                    f"Ensure this field has no more than {MAX_CONTAINER_ITEMS} items.",
                    "too_many_items",
                )
            if isinstance(item, Mapping):
                stack.extend((f"{where}.{key}" if where else str(key), child) for key, child in item.items())
                stack.extend((where, key) for key in item)
            else:
                stack.extend((where, child) for child in item)


def _read_bounded(stream: Any) -> bytes:
    if stream is None:
        return b""
    limit = _max_body_bytes()
    raw: bytes = stream.read(limit + 1)
    if len(raw) > limit:
        raise PayloadTooLarge(f"The request body is larger than {limit} bytes.")
    return raw


class BoundedJSONParser(JSONParser):
    """JSON with a bounded size, depth, string length and container size; no NaN or Infinity."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        raw = _read_bounded(stream)
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise exceptions.ParseError(
                f"The JSON body is not valid {encoding}.", code="parse_error"
            ) from exc
        _check_depth(text)
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as exc:
            raise exceptions.ParseError(f"JSON parse error - {exc}", code="parse_error") from exc
        check_value_bounds(data)
        return data


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not valid JSON")


class BoundedFormParser(FormParser):
    """URL-encoded forms with a bounded size and field length."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        data = QueryDict(_read_bounded(stream), encoding=encoding)
        check_value_bounds({key: data.getlist(key) for key in data})
        return data


class BoundedMultiPartParser(MultiPartParser):
    """Multipart forms: Django bounds the non-file part's size; this bounds each field's length."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        parsed = super().parse(stream, media_type, parser_context)
        data = parsed.data
        check_value_bounds({key: data.getlist(key) for key in data})
        return parsed
