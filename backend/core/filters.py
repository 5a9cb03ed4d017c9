"""Query-string filters shared by every list endpoint, so that each kind of parameter behaves the
same everywhere: a value that cannot be applied is refused with a 400 naming the parameter, never
ignored and never passed on to the database to overflow there.

- ``IdFilter``: an object id, 1 … 2^63 − 1 (a BigAutoField).
- ``IntegerFilter``: a whole number within a PostgreSQL ``integer`` column (what PositiveIntegerField
  and the index's ``integer`` fields hold); narrower bounds can be given.
- ``DecimalFilter``: a finite number within given bounds.
- ``BooleanFilter``: true/false (also 1/0, yes/no); anything else is refused.
- ``OrderingFilter``: the listed fields, ``-`` for descending, several comma-separated; an unknown
  field is refused; the id is added as the last key so that pages never overlap on ties.
"""

from decimal import Decimal
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.validators import ID_MAX, INTEGER_MAX

TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})


class StrictBooleanField(forms.Field):
    """A query-string boolean: empty means "not given"; anything but true/false is an error."""

    default_error_messages = {
        "invalid_boolean": "“%(value)s” is not a boolean; use true or false.",
    }

    def to_python(self, value: Any) -> bool | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        word = str(value).strip().casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValidationError(
            self.error_messages["invalid_boolean"], code="invalid_boolean", params={"value": value}
        )

    def validate(self, value: Any) -> None:
        """None is "not given", which is allowed."""


class BooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (NumberFilter alone accepts 1.5), bounded to what an integer column holds."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, min_value: int = 0, max_value: int = INTEGER_MAX, **kwargs: Any) -> None:
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(IntegerFilter):
    """An object id."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(*args, **kwargs)


class DecimalFilter(django_filters.NumberFilter):
    """A finite decimal number between ``min_value`` and ``max_value``."""

    def __init__(
        self, *args: Any, min_value: Decimal | int = 0, max_value: Decimal | int, **kwargs: Any
    ) -> None:
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)


class OrderingFilter(django_filters.OrderingFilter):
    """Sorts by the requested fields (unknown ones are refused), then by id, so pages never overlap."""

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        ordered: QuerySet[Any] = super().filter(qs, value)
        if value and not any(term.lstrip("-") in ("id", "pk") for term in value):
            ordered = ordered.order_by(*ordered.query.order_by, "-id")
        return ordered


def filtered(filterset: django_filters.FilterSet) -> QuerySet[Any]:
    """The filterset's rows; its errors, per field, as a ValidationError (a 400) when invalid."""
    if not filterset.is_valid():
        raise ValidationError(filterset.errors.as_data())
    queryset: QuerySet[Any] = filterset.qs
    return queryset
