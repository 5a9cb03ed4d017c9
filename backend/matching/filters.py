from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.filters import BooleanFilter, DecimalFilter, IdFilter, OrderingFilter
from matching.models import Proposal, ProposalStatus, proposal_overdue_q


class ProposalFilter(django_filters.FilterSet):
    """The review queue's filters. ``overdue`` relies on the annotation made by the selector."""

    status = django_filters.ChoiceFilter(
        choices=ProposalStatus.choices, help_text="Defaults to proposed (waiting for review)."
    )
    request = IdFilter(field_name="request_id", help_text="Purchase request id.")
    vendor = IdFilter(field_name="vendor_id", help_text="Vendor organisation id.")
    category = django_filters.CharFilter(
        field_name="request__category__slug", help_text="Slug of the request's category."
    )
    destination_country = django_filters.CharFilter(
        field_name="request__destination_country",
        lookup_expr="iexact",
        help_text="The request's destination (ISO 3166-1 alpha-2).",
    )
    vendor_country = django_filters.CharFilter(
        field_name="vendor__country", lookup_expr="iexact", help_text="The vendor's country."
    )
    min_score = extend_schema_field(OpenApiTypes.NUMBER)(
        DecimalFilter(
            field_name="score", lookup_expr="gte", max_value=100, help_text="Score at least this (0–100)."
        )
    )
    overdue = BooleanFilter(
        method="filter_overdue",
        help_text="Waiting for review longer than MEDMATCH_PROPOSAL_REVIEW_HOURS (or not).",
    )
    ordering = OrderingFilter(
        fields=("score", "created_at", "proposed_at", "computed_at"),
        help_text="score, created_at, proposed_at (age in the queue) or computed_at; - for descending.",
    )

    class Meta:
        model = Proposal
        fields: list[str] = []

    def filter_overdue(self, queryset: QuerySet[Proposal], name: str, value: bool) -> QuerySet[Any]:
        overdue = proposal_overdue_q()
        return queryset.filter(overdue) if value else queryset.exclude(overdue)
