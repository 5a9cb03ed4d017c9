from django.contrib import admin
from django.http import HttpRequest

from matching.models import Proposal


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin[Proposal]):
    """Read-only: proposals are computed by matching and decided through the audited API."""

    list_display = ("id", "request", "vendor", "product", "score", "status", "source", "proposed_at")
    list_filter = ("status", "source", "request__destination_country", "vendor__country")
    search_fields = ("request__title", "vendor__name", "decision_reason")
    date_hierarchy = "proposed_at"
    raw_id_fields = ("request", "vendor", "product", "decided_by")
    readonly_fields = (
        "request",
        "vendor",
        "product",
        "score",
        "score_parts",
        "criteria",
        "fingerprint",
        "status",
        "source",
        "decision_reason",
        "decided_by",
        "decided_at",
        "computed_at",
        "proposed_at",
        "created_at",
        "updated_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Proposal | None = None) -> bool:
        # Approving here would skip the introduction, the request transition and the audit trail.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Proposal | None = None) -> bool:
        return False
