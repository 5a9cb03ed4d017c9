"""Read shapes of applications, their evidence and certificates, and of the force-majeure figures
(shared with the trade-services dashboard)."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from certificates.models import (
    ApplicationStatus,
    Certificate,
    CertificateStatus,
    Evidence,
    EvidenceKind,
    FmApplication,
)
from certificates.selectors import review_time_left
from certificates.services.applications import application_reference
from certificates.services.pdf_generation import verification_url


class TradeDurationSerializer(serializers.Serializer[dict[str, Any]]):
    count = serializers.IntegerField()
    median_hours = serializers.FloatField(allow_null=True)
    p90_hours = serializers.FloatField(allow_null=True)
    within_target_share = serializers.FloatField(allow_null=True, required=False)


class TradeGroupRowSerializer(serializers.Serializer[dict[str, Any]]):
    applications = serializers.IntegerField()
    issued = serializers.IntegerField()
    median_hours = serializers.FloatField(allow_null=True)
    p90_hours = serializers.FloatField(allow_null=True)
    within_target_share = serializers.FloatField(allow_null=True)


class TradeMonthRowSerializer(TradeGroupRowSerializer):
    month = serializers.CharField(help_text="YYYY-MM of submission (UTC).")


class TradeCountryRowSerializer(TradeGroupRowSerializer):
    country = serializers.CharField(help_text="Counterparty country.")


class TradeCertificatesSerializer(serializers.Serializer[dict[str, Any]]):
    target_hours = serializers.FloatField()
    applications = serializers.IntegerField(help_text="Submitted at least once.")
    by_status = serializers.DictField(child=serializers.IntegerField())
    issued = serializers.IntegerField()
    revoked = serializers.IntegerField()
    submission_to_issue = TradeDurationSerializer(help_text="First submission → issue (approval).")
    by_month = TradeMonthRowSerializer(many=True)
    by_counterparty_country = TradeCountryRowSerializer(many=True)


class EvidenceOutputSerializer(serializers.Serializer[Evidence]):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    description = serializers.CharField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    created_at = serializers.DateTimeField()
    file_url = serializers.SerializerMethodField(help_text="Opens inline in the browser (members and staff).")

    def get_file_url(self, evidence: Evidence) -> str:
        return reverse(
            "certificate-evidence-file",
            kwargs={"application_id": evidence.application_id, "evidence_id": evidence.pk},
        )


class CertificateSummarySerializer(serializers.Serializer[Certificate]):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=CertificateStatus.choices)
    issued_at = serializers.DateTimeField()


class ApplicationOutputSerializer(serializers.Serializer[FmApplication]):
    id = serializers.IntegerField()
    reference = serializers.SerializerMethodField()
    organization = serializers.IntegerField(source="organization_id")
    organization_name = serializers.CharField(source="organization.name")
    status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    counterparty_name = serializers.CharField()
    counterparty_country = serializers.CharField()
    counterparty_language = serializers.CharField()
    contract_number = serializers.CharField()
    contract_date = serializers.DateField(allow_null=True)
    goods = serializers.CharField()
    contract_value = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    obligation = serializers.CharField()
    obligation_due_date = serializers.DateField(allow_null=True)
    event_description = serializers.CharField()
    event_location = serializers.CharField()
    event_start = serializers.DateField(allow_null=True)
    event_end = serializers.DateField(allow_null=True)
    evidence = EvidenceOutputSerializer(many=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    last_submitted_at = serializers.DateTimeField(allow_null=True)
    info_request = serializers.CharField()
    member_reply = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    rejection_reason = serializers.CharField()
    review_seconds_left = serializers.SerializerMethodField(
        help_text="Seconds left against the review target (negative: overdue); null before submission."
    )
    clock_paused = serializers.SerializerMethodField(help_text="True while more information is awaited.")
    certificate = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_reference(self, application: FmApplication) -> str:
        return application_reference(application)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_review_seconds_left(self, application: FmApplication) -> int | None:
        if application.submitted_at is None:
            return None
        return int(review_time_left(application=application, now=timezone.now()).total_seconds())

    def get_clock_paused(self, application: FmApplication) -> bool:
        return application.status == ApplicationStatus.INFO_REQUESTED

    @extend_schema_field(CertificateSummarySerializer(allow_null=True))
    def get_certificate(self, application: FmApplication) -> dict[str, Any] | None:
        certificate = getattr(application, "certificate", None)
        return CertificateSummarySerializer(certificate).data if certificate else None


class CertificateOutputSerializer(serializers.Serializer[Certificate]):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=CertificateStatus.choices)
    application = serializers.IntegerField(source="application_id")
    organization = serializers.IntegerField(source="application.organization_id")
    issued_at = serializers.DateTimeField()
    holder_name = serializers.CharField()
    holder_country = serializers.CharField()
    counterparty_country = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    facts = serializers.DictField(
        child=serializers.CharField(), help_text="The contract and facts as approved."
    )
    pdf_sha256 = serializers.CharField(help_text="Empty until the signed PDF is made.")
    pdf_generated_at = serializers.DateTimeField(allow_null=True)
    pdf_url = serializers.SerializerMethodField(help_text="Null until the signed PDF is made.")
    verification_url = serializers.SerializerMethodField(help_text="The public page the QR code opens.")
    revoked_at = serializers.DateTimeField(allow_null=True)
    revocation_reason = serializers.CharField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_pdf_url(self, certificate: Certificate) -> str | None:
        if not certificate.pdf:
            return None
        return reverse("certificate-pdf", kwargs={"certificate_id": certificate.pk})

    def get_verification_url(self, certificate: Certificate) -> str:
        return verification_url(certificate.number)
