"""Django admin for staff. Verification state changes only through the audited services."""

from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from accounts.models import User
from audit.services import audit_record
from core.exceptions import Conflict
from organizations.models import Contact, Document, Organization, VerificationStatus
from organizations.services import organization_changed, organization_verify
from outbox.models import OutboxOperation
from outbox.services import outbox_record

# Set by upload checks and the verification workflow; never typed in by hand.
DOCUMENT_READONLY_FIELDS = (
    "organization",
    "document_type",
    "original_name",
    "content_type",
    "size",
    "sha256",
    "created_at",
    "updated_at",
)
VERIFICATION_READONLY_FIELDS = (
    "verification_status",
    "verification_note",
    "verified_at",
    "created_at",
    "updated_at",
)


class ContactInline(admin.TabularInline[Contact, Organization]):
    model = Contact
    extra = 0
    fields = ("name", "role", "email", "phone", "wechat", "whatsapp")


class DocumentInline(admin.TabularInline[Document, Organization]):
    model = Document
    extra = 0
    fields = ("document_type", "original_name", "number", "valid_until", "size", "created_at")
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # uploads go through the API, which checks content and size


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin[Organization]):
    list_display = (
        "name",
        "kind",
        "buyer_type",
        "country",
        "city",
        "verification_status",
        "verified_at",
        "created_at",
    )
    list_filter = ("kind", "buyer_type", "verification_status", "country")
    search_fields = ("name", "registration_id", "city")
    readonly_fields = VERIFICATION_READONLY_FIELDS
    inlines = [ContactInline, DocumentInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # Django 6 default, today
    actions = ["verify_selected"]

    def save_model(
        self, request: HttpRequest, obj: Organization, form: ModelForm[Organization], change: bool
    ) -> None:
        # The admin's change view runs in a transaction, so the audit and outbox rows commit with the edit.
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user if isinstance(request.user, User) else None,
            action="organization.updated" if change else "organization.created",
            target=obj,
            data={"fields": list(form.changed_data), "via": "admin"},
        )
        organization_changed(organization=obj)

    def delete_model(self, request: HttpRequest, obj: Organization) -> None:
        organization_id = obj.pk
        super().delete_model(request, obj)
        outbox_record(entity="organization", entity_id=organization_id, operation=OutboxOperation.DELETE)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Organization]) -> None:
        organization_ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        for organization_id in organization_ids:
            outbox_record(entity="organization", entity_id=organization_id, operation=OutboxOperation.DELETE)

    @admin.action(description="Verify the selected pending organisations")
    def verify_selected(self, request: HttpRequest, queryset: QuerySet[Organization]) -> None:
        assert isinstance(request.user, User)
        verified = 0
        for organization in queryset.filter(verification_status=VerificationStatus.PENDING):
            try:
                organization_verify(organization=organization, actor=request.user)
            except Conflict:
                continue  # changed state since the page was loaded
            verified += 1
        self.message_user(request, f"{verified} organisation(s) verified.", messages.SUCCESS)


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin[Contact]):
    list_display = ("name", "organization", "role", "email", "phone")
    search_fields = ("name", "email", "phone", "organization__name")
    list_select_related = ("organization",)
    raw_id_fields = ("organization",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin[Document]):
    list_display = ("__str__", "organization", "document_type", "content_type", "valid_until", "created_at")
    list_filter = ("document_type", "content_type")
    search_fields = ("original_name", "number", "issuer", "organization__name", "sha256")
    list_select_related = ("organization",)
    # The stored file is served only through the API (members and staff); no storage link here.
    exclude = ("file",)
    readonly_fields = DOCUMENT_READONLY_FIELDS

    # Read-only: uploads, edits and deletions go through the API, which checks content and size,
    # re-indexes covered products and sends a verified vendor back to review.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
