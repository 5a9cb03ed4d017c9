from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from purchasing.models import DuplicateFlag, DuplicateStatus, PurchaseRequest, RequestStatus


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sorts by the requested fields, then by id, so pages never overlap on ties."""

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        ordered: QuerySet[Any] = super().filter(qs, value)
        if value:
            ordered = ordered.order_by(*ordered.query.order_by, "-id")
        return ordered


class PurchaseRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices)
    category = extend_schema_field(OpenApiTypes.INT)(
        django_filters.NumberFilter(field_name="category_id", help_text="Category id.")
    )
    destination_country = django_filters.CharFilter(
        lookup_expr="iexact", help_text="ISO 3166-1 alpha-2 code, e.g. FR."
    )
    buyer = extend_schema_field(OpenApiTypes.INT)(
        django_filters.NumberFilter(field_name="buyer_id", help_text="Buyer organisation id.")
    )
    needed_by_before = django_filters.DateFilter(
        field_name="needed_by", lookup_expr="lte", help_text="Needed by this date or earlier."
    )
    needed_by_after = django_filters.DateFilter(
        field_name="needed_by", lookup_expr="gte", help_text="Needed by this date or later."
    )
    has_duplicates = django_filters.BooleanFilter(
        field_name="has_duplicates", help_text="Has (or has not) an open duplicate flag."
    )
    ordering = StableOrderingFilter(fields=("created_at", "needed_by", "quantity"))

    class Meta:
        model = PurchaseRequest
        fields: list[str] = []


class DuplicateFlagFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=DuplicateStatus.choices, help_text="Defaults to open flags only."
    )
    ordering = StableOrderingFilter(fields=("created_at",))

    class Meta:
        model = DuplicateFlag
        fields: list[str] = []
