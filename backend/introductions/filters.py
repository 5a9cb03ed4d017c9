"""Query-string filters and ordering for introductions and notifications."""

from typing import Any

import django_filters
from django.db.models import QuerySet

from core.filters import BooleanFilter, IdFilter, OrderingFilter
from introductions.models import Introduction, IntroductionStatus, Notification


class IntroductionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=IntroductionStatus.choices)
    vendor = IdFilter(field_name="vendor_id", help_text="Vendor organisation id.")
    buyer = IdFilter(field_name="buyer_id", help_text="Buyer organisation id.")
    request = IdFilter(field_name="request_id", help_text="Purchase request id.")
    product = IdFilter(field_name="product_id", help_text="Product id.")
    country = django_filters.CharFilter(
        field_name="request__destination_country",
        lookup_expr="iexact",
        help_text="Destination country of the request (ISO 3166-1 alpha-2, e.g. FR).",
    )
    created_after = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", help_text="Created on this date or later."
    )
    created_before = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", help_text="Created on this date or earlier."
    )
    ordering = OrderingFilter(
        fields=("created_at", "updated_at", "status", "replied_at", "closed_at", "deal_value")
    )

    class Meta:
        model = Introduction
        fields: list[str] = []


class NotificationFilter(django_filters.FilterSet):
    unread = BooleanFilter(method="filter_unread", help_text="true: only unread; false: only read.")
    kind = django_filters.CharFilter(help_text="e.g. introduction.created")
    ordering = OrderingFilter(fields=("created_at", "read_at"))

    class Meta:
        model = Notification
        fields: list[str] = []

    def filter_unread(self, queryset: QuerySet[Any], name: str, value: bool | None) -> QuerySet[Any]:
        if value is None:
            return queryset
        return queryset.filter(read_at__isnull=value)
