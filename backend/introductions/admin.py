"""Read-mostly admin: introductions change through the audited API (approval, outcome, beat)."""

from django.contrib import admin
from django.http import HttpRequest

from introductions.models import EmailDelivery, Introduction, Notification


class ReadOnlyAdminMixin:
    """Staff look; changes bypassing the services would skip the audit trail and notifications."""

    def has_add_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False


class NotificationInline(ReadOnlyAdminMixin, admin.TabularInline[Notification, Introduction]):
    model = Notification
    fields = ("user", "kind", "title", "read_at", "created_at")
    readonly_fields = fields
    extra = 0
    show_change_link = True


class EmailDeliveryInline(ReadOnlyAdminMixin, admin.TabularInline[EmailDelivery, Introduction]):
    model = EmailDelivery
    fields = ("kind", "sequence", "party", "to_email", "language", "attempts", "sent_at", "failed_at")
    readonly_fields = fields
    extra = 0


@admin.register(Introduction)
class IntroductionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Introduction]):
    list_display = (
        "id",
        "vendor",
        "buyer",
        "request",
        "product",
        "status",
        "reminders_sent",
        "deal_quantity",
        "deal_value",
        "deal_currency",
        "created_at",
    )
    list_filter = ("status", "deal_currency", "request__destination_country")
    search_fields = ("vendor__name", "buyer__name", "request__title", "no_deal_reason")
    date_hierarchy = "created_at"
    list_select_related = ("vendor", "buyer", "request", "product")
    raw_id_fields = ("proposal", "request", "product", "vendor", "buyer", "approved_by")
    readonly_fields = (
        "proposal",
        "request",
        "product",
        "vendor",
        "buyer",
        "status",
        "approved_by",
        "replied_at",
        "deal_quantity",
        "deal_value",
        "deal_currency",
        "no_deal_reason",
        "reminders_sent",
        "last_reminded_at",
        "closed_at",
        "created_at",
        "updated_at",
    )
    inlines = [NotificationInline, EmailDeliveryInline]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Notification]):
    list_display = ("id", "user", "kind", "title", "introduction", "read_at", "created_at")
    list_filter = ("kind",)
    search_fields = ("title", "user__email")
    date_hierarchy = "created_at"
    list_select_related = ("user",)
    readonly_fields = ("user", "kind", "introduction", "title", "body", "details", "read_at", "created_at")


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[EmailDelivery]):
    list_display = ("id", "introduction", "kind", "sequence", "to_email", "language", "sent_at", "failed_at")
    list_filter = ("kind", "language")
    search_fields = ("to_email",)
    date_hierarchy = "created_at"
    readonly_fields = (
        "introduction",
        "kind",
        "sequence",
        "party",
        "user",
        "to_email",
        "language",
        "attempts",
        "last_error",
        "sent_at",
        "failed_at",
        "created_at",
    )
