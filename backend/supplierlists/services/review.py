"""Staff review of the rows resolution held back: merge a row into its candidate
organisation, or keep it apart as a new one; one at a time or all-or-nothing in bulk.
"""

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record
from core.exceptions import Conflict
from supplierlists.models import (
    CandidateStatus,
    MatchCandidate,
    RowStatus,
)
from supplierlists.services.resolve import row_organization_create, row_organization_merge


class CandidatesBulkFailed(Exception):
    def __init__(self, *, not_open: list[int], not_found: list[int]) -> None:
        self.not_open, self.not_found = not_open, not_found
        super().__init__("Nothing was changed: some candidates are not waiting for review.")
        self.message = str(self)


def _candidate_decide(*, candidate: MatchCandidate, actor: User, action: str) -> MatchCandidate:
    candidate = (
        MatchCandidate.objects.select_for_update().select_related("row__supplier_list").get(pk=candidate.pk)
    )
    if candidate.status != CandidateStatus.OPEN:
        raise Conflict("This candidate has already been decided.", code="candidate_decided")
    row = candidate.row
    supplier_list = row.supplier_list
    if action == "merge":
        organization = row_organization_merge(
            supplier_list=supplier_list,
            row=row,
            organization=candidate.organization,
            actor=actor,
            automatic=False,
        )
        row.status, candidate.status = RowStatus.REVIEW_MERGED, CandidateStatus.MERGED
    else:
        organization = row_organization_create(supplier_list=supplier_list, row=row, actor=actor)
        row.status, candidate.status = RowStatus.REVIEW_KEPT_APART, CandidateStatus.KEPT_APART
    row.organization = organization
    row.save(update_fields=["status", "organization"])
    candidate.decided_by, candidate.decided_at = actor, timezone.now()
    candidate.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action=f"supplier_list.candidate_{candidate.status}",
        target=candidate,
        from_state=CandidateStatus.OPEN,
        to_state=candidate.status,
        data={"organization": organization.pk, "row": row.number, "supplier_list": supplier_list.pk},
    )
    return candidate


@transaction.atomic
def candidate_merge(*, candidate: MatchCandidate, actor: User) -> MatchCandidate:
    """The row is the candidate organisation: add its contacts and source to it."""
    return _candidate_decide(candidate=candidate, actor=actor, action="merge")


@transaction.atomic
def candidate_keep_apart(*, candidate: MatchCandidate, actor: User) -> MatchCandidate:
    """The row is another company: create a listed organisation from it."""
    return _candidate_decide(candidate=candidate, actor=actor, action="keep_apart")


@transaction.atomic
def candidates_bulk_decide(*, ids: Sequence[int], action: str, actor: User) -> list[MatchCandidate]:
    """Merge or keep apart many candidates: all of them, or none (CandidatesBulkFailed)."""
    wanted = list(dict.fromkeys(ids))
    candidates = {c.pk: c for c in MatchCandidate.objects.select_for_update().filter(pk__in=wanted)}
    not_found = [pk for pk in wanted if pk not in candidates]
    not_open = [pk for pk in wanted if pk in candidates and candidates[pk].status != CandidateStatus.OPEN]
    if not_found or not_open:
        raise CandidatesBulkFailed(not_open=not_open, not_found=not_found)
    return [_candidate_decide(candidate=candidates[pk], actor=actor, action=action) for pk in wanted]
