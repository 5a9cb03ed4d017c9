"""Read-only admin: consultations change only through the audited API."""

from django.contrib import admin

from consultations.models import Consultation, ConsultationMessage
from introductions.admin import ReadOnlyAdminMixin


class MessageInline(ReadOnlyAdminMixin, admin.TabularInline[ConsultationMessage, Consultation]):
    model = ConsultationMessage
    fields = ("author", "from_adviser", "body", "created_at")
    readonly_fields = fields
    extra = 0


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Consultation]):
    list_display = ("id", "organization", "topic", "subject", "status", "adviser", "created_at")
    list_filter = ("status", "topic")
    search_fields = ("organization__name", "subject")
    inlines = [MessageInline]
