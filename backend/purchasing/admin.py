from django.contrib import admin
from django.http import HttpRequest

from purchasing.models import DuplicateFlag, ImportBatch, PurchaseRequest


@admin.register(PurchaseRequest)
class PurchaseRequestAdmin(admin.ModelAdmin[PurchaseRequest]):
    list_display = (
        "id",
        "title",
        "buyer",
        "category",
        "end_user",
        "quantity",
        "unit",
        "destination_country",
        "needed_by",
        "status",
        "created_at",
    )
    list_filter = ("status", "destination_country", "category", "buyer__buyer_type")
    search_fields = ("title", "description", "end_user", "buyer__name")
    date_hierarchy = "created_at"
    raw_id_fields = ("buyer", "category", "import_batch", "created_by")
    filter_horizontal = ("required_standards",)
    # The status changes through the audited workflow (API), never by hand.
    readonly_fields = ("status", "end_user_key", "import_batch", "created_by", "created_at", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # New requests go through the API so they are validated, audited, indexed and checked for duplicates.
        return False

    def has_change_permission(self, request: HttpRequest, obj: PurchaseRequest | None = None) -> bool:
        # Edits and deletes bypassing the services would skip validation, the audit trail,
        # the outbox (the search index) and duplicate detection; staff use the API for them.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: PurchaseRequest | None = None) -> bool:
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin[ImportBatch]):
    list_display = ("id", "filename", "buyer", "row_count", "uploaded_by", "created_at")
    search_fields = ("filename", "buyer__name")
    date_hierarchy = "created_at"
    readonly_fields = ("buyer", "uploaded_by", "filename", "row_count", "created_at", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(DuplicateFlag)
class DuplicateFlagAdmin(admin.ModelAdmin[DuplicateFlag]):
    list_display = ("id", "request", "duplicate_of", "reason", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("reason", "request__title", "duplicate_of__title", "request__end_user")
    date_hierarchy = "created_at"
    # Merging and dismissing are audited workflows (POST /api/v1/requests/duplicates/{id}/merge|dismiss/).
    readonly_fields = ("request", "duplicate_of", "reason", "status", "created_at", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: DuplicateFlag | None = None) -> bool:
        return False
