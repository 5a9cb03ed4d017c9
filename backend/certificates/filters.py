"""Query-string filters and ordering for applications and certificates."""

import django_filters

from certificates.models import ApplicationStatus, Certificate, CertificateStatus, FmApplication
from core.filters import IdFilter, OrderingFilter


class ApplicationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices)
    organization = IdFilter(field_name="organization_id", help_text="Organisation id (staff).")
    counterparty_country = django_filters.CharFilter(lookup_expr="iexact", help_text="ISO 3166-1 alpha-2.")
    ordering = OrderingFilter(fields=("created_at", "updated_at", "submitted_at", "decided_at", "status"))

    class Meta:
        model = FmApplication
        fields: list[str] = []


class CertificateFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CertificateStatus.choices)
    counterparty_country = django_filters.CharFilter(lookup_expr="iexact", help_text="ISO 3166-1 alpha-2.")
    ordering = OrderingFilter(fields=("issued_at", "revoked_at"))

    class Meta:
        model = Certificate
        fields: list[str] = []
