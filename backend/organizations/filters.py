"""Query-string filters and ordering (``?ordering=-created_at``) for the organisation lists."""

import django_filters

from audit.models import AuditEvent
from core.filters import OrderingFilter
from organizations.models import (
    BuyerType,
    Contact,
    Document,
    DocumentType,
    Organization,
    OrganizationKind,
    VerificationStatus,
)


class OrganizationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices)
    buyer_type = django_filters.ChoiceFilter(choices=BuyerType.choices)
    country = django_filters.CharFilter(lookup_expr="iexact", help_text="ISO 3166-1 alpha-2, e.g. CN")
    verification_status = django_filters.ChoiceFilter(choices=VerificationStatus.choices)
    ordering = OrderingFilter(fields=("name", "created_at", "country"))

    class Meta:
        model = Organization
        fields = ["kind", "buyer_type", "country", "verification_status"]


class ContactFilter(django_filters.FilterSet):
    ordering = OrderingFilter(fields=("name", "created_at"))

    class Meta:
        model = Contact
        fields: list[str] = []


class DocumentFilter(django_filters.FilterSet):
    document_type = django_filters.ChoiceFilter(choices=DocumentType.choices)
    ordering = OrderingFilter(fields=("created_at", "valid_until", "document_type"))

    class Meta:
        model = Document
        fields = ["document_type"]


class AuditEventFilter(django_filters.FilterSet):
    action = django_filters.CharFilter(help_text="e.g. organization.verified")
    ordering = OrderingFilter(fields=("created_at",))

    class Meta:
        model = AuditEvent
        fields = ["action"]
