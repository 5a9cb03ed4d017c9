"""Serializer fields shared by the apps' APIs."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.validators import identity_text


class IdentityCharField(serializers.CharField):
    """A name of a person or organisation: NFKC-normalised, no control or invisible characters."""

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        try:
            return identity_text(value)
        except DjangoValidationError as exc:
            message = exc.message % exc.params if exc.params else exc.message
            raise serializers.ValidationError(str(message), code=exc.code) from exc


@extend_schema_field({"anyOf": [{"type": "string", "format": "email"}, {"type": "string", "maxLength": 0}]})
class OptionalEmailOutputField(serializers.CharField):
    """An e-mail address that may be empty (a contact or staff member without one): the schema
    says "an address or the empty string", where EmailField's ``format: email`` was broken by ""."""


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class CommaSeparatedListField(serializers.ListField):
    """A list given as repeated keys (``a=1&a=2``), comma-separated (``a=1,2``) or a JSON array."""

    def to_internal_value(self, data: Any) -> list[Any]:
        if isinstance(data, str):
            data = [data]
        if isinstance(data, list | tuple):
            parts: list[Any] = []
            for item in data:
                if isinstance(item, str):
                    parts.extend(part.strip() for part in item.split(",") if part.strip())
                else:
                    parts.append(item)
            data = parts
        result: list[Any] = super().to_internal_value(data)
        return result


@extend_schema_field({"type": "array", "items": {"type": "integer"}})
class CommaSeparatedIdListField(CommaSeparatedListField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=serializers.IntegerField(min_value=1), **kwargs)
