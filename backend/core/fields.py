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
