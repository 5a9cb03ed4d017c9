"""Reads for supplier lists (staff only: the APIs check the role)."""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from organizations.models import Organization
from supplierlists.models import (
    CandidateStatus,
    ClaimInvitation,
    MatchCandidate,
    RowStatus,
    SupplierListImport,
    SupplierListRow,
)


def supplier_list_list() -> QuerySet[SupplierListImport]:
    return SupplierListImport.objects.select_related("sender_organization").defer("content")


def supplier_list_get(*, supplier_list_id: int) -> SupplierListImport:
    supplier_list: SupplierListImport = get_object_or_404(supplier_list_list(), pk=supplier_list_id)
    return supplier_list


def supplier_list_rows(*, supplier_list: SupplierListImport, status: str = "") -> QuerySet[SupplierListRow]:
    rows = supplier_list.rows.select_related("organization").order_by("number")
    return rows.filter(status=status) if status else rows


def supplier_list_figures(*, supplier_list: SupplierListImport) -> dict[str, Any]:
    """Rows created, merged automatically, sent to review (and how they were decided), rejected.

    ``review_share`` is the share of the resolved rows that needed a person (the anchor's 17%);
    ``pending_share`` the share of all rows still waiting for one.
    """
    counts = {
        row["status"]: row["n"]
        for row in SupplierListRow.objects.filter(supplier_list=supplier_list)
        .values("status")
        .annotate(n=Count("id"))
    }
    total = sum(counts.values())
    review_open = counts.get(RowStatus.REVIEW, 0)
    review_merged = counts.get(RowStatus.REVIEW_MERGED, 0)
    review_kept_apart = counts.get(RowStatus.REVIEW_KEPT_APART, 0)
    sent_to_review = review_open + review_merged + review_kept_apart
    rejected = counts.get(RowStatus.REJECTED, 0)
    resolved = total - rejected - counts.get(RowStatus.PENDING, 0)
    return {
        "rows": total,
        "created": counts.get(RowStatus.CREATED, 0),
        "merged_automatically": counts.get(RowStatus.MERGED, 0),
        "sent_to_review": sent_to_review,
        "review_open": review_open,
        "review_merged": review_merged,
        "review_kept_apart": review_kept_apart,
        "rejected": rejected,
        "unresolved": counts.get(RowStatus.PENDING, 0),
        "review_share": round(sent_to_review / resolved, 4) if resolved else 0.0,
        "pending_share": round(review_open / total, 4) if total else 0.0,
    }


def review_queue(
    *, supplier_list_id: int | None = None, status: str = CandidateStatus.OPEN
) -> QuerySet[MatchCandidate]:
    """Candidates for staff, best score first, with both sides loaded for a side-by-side view."""
    candidates = MatchCandidate.objects.select_related("row__supplier_list", "organization").prefetch_related(
        "organization__contacts"
    )
    if status:
        candidates = candidates.filter(status=status)
    if supplier_list_id is not None:
        candidates = candidates.filter(row__supplier_list_id=supplier_list_id)
    return candidates.order_by("-score", "id")


def candidate_get(*, candidate_id: int) -> MatchCandidate:
    candidate: MatchCandidate = get_object_or_404(review_queue(status=""), pk=candidate_id)
    return candidate


def listed_organizations(*, supplier_list_id: int | None = None) -> QuerySet[Organization]:
    """Listed (unclaimed) vendors and the ones claimed through an invitation, newest first, each with
    its invitations newest first (``latest_invitations``) and contacts; of one list when given."""
    organizations = Organization.objects.filter(
        pk__in=SupplierListRow.objects.exclude(organization=None).values("organization")
    )
    if supplier_list_id is not None:
        organizations = organizations.filter(
            pk__in=SupplierListRow.objects.filter(supplier_list_id=supplier_list_id).values("organization")
        )
    return organizations.prefetch_related(
        "contacts",
        Prefetch(
            "claim_invitations",
            queryset=ClaimInvitation.objects.order_by("-created_at", "-id"),
            to_attr="latest_invitations",
        ),
    ).order_by("-created_at", "-id")
