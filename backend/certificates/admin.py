"""Read-only admin: applications and certificates change only through the audited API."""

from django.contrib import admin

from certificates.models import Certificate, Evidence, FmApplication, ServiceEmail
from introductions.admin import ReadOnlyAdminMixin


class EvidenceInline(ReadOnlyAdminMixin, admin.TabularInline[Evidence, FmApplication]):
    model = Evidence
    fields = ("kind", "original_name", "content_type", "size", "sha256", "created_at")
    readonly_fields = fields
    extra = 0


@admin.register(FmApplication)
class FmApplicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[FmApplication]):
    list_display = (
        "id",
        "organization",
        "status",
        "counterparty_name",
        "counterparty_country",
        "submitted_at",
    )
    list_filter = ("status", "counterparty_country")
    search_fields = ("organization__name", "counterparty_name", "contract_number")
    inlines = [EvidenceInline]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Certificate]):
    list_display = ("number", "holder_name", "status", "issued_at", "pdf_attempts", "revoked_at")
    list_filter = ("status",)
    search_fields = ("number", "holder_name")


@admin.register(ServiceEmail)
class ServiceEmailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[ServiceEmail]):
    list_display = ("key", "kind", "to_email", "language", "attempts", "sent_at", "failed_at")
    list_filter = ("kind", "language")
    search_fields = ("to_email", "key")
