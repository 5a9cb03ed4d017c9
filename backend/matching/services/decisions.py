"""Staff decisions on proposals: approve, reject, and both in bulk (all or nothing)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.services import state_transition
from core.exceptions import Conflict
from matching.models import Proposal, ProposalStatus
from matching.services.evaluation import MATCHABLE_STATUSES, matching_evaluate_pair
from organizations.models import Organization, VerificationStatus
from organizations.services import organization_verify_buyer
from purchasing.models import PurchaseRequest, RequestStatus
from purchasing.services import purchase_request_transition

# --- staff decisions ---


def _lock_for_decision(*, proposal_ids: Sequence[int]) -> dict[int, Proposal]:
    """Lock the requests, then the proposals (the order matching uses), and return the proposals."""
    request_ids = sorted(
        set(Proposal.objects.filter(pk__in=list(proposal_ids)).values_list("request_id", flat=True))
    )
    list(PurchaseRequest.objects.select_for_update().filter(pk__in=request_ids).order_by("pk"))
    return {
        proposal.pk: proposal
        for proposal in Proposal.objects.select_for_update(of=("self",))
        .select_related("request", "product", "vendor")
        .filter(pk__in=list(proposal_ids))
        .order_by("pk")
    }


def _require_proposed(proposal: Proposal, action: str) -> None:
    if proposal.status != ProposalStatus.PROPOSED:
        raise Conflict(f"Only a proposed proposal can be {action}; this one is {proposal.status}.")


def _require_verified_buyer(*, proposal: Proposal, actor: User, verify_buyer: bool) -> None:
    """Approval reveals the vendor's contacts to the buyer, so the buyer must be verified; staff
    may verify it in the same step (``verify_buyer``), which is audited on the buyer."""
    buyer = Organization.objects.get(pk=proposal.request.buyer_id)
    if buyer.verification_status == VerificationStatus.VERIFIED:
        return
    if not verify_buyer:
        raise Conflict(
            f"The buyer {buyer.name} is {VerificationStatus(buyer.verification_status).label.lower()}: "
            "only a verified buyer receives vendors' contacts. Verify the buyer first, or approve "
            "with verify_buyer: true.",
            code="buyer_not_verified",
        )
    organization_verify_buyer(
        organization=buyer, actor=actor, reason=f"verified by staff while approving proposal {proposal.pk}"
    )


# Approval creates the introduction, in the approval's transaction. Introductions sit above
# matching (an introduction is made of a proposal), so that app registers its service here
# from its AppConfig.ready instead of matching importing it.
_introduction_hooks: list[Callable[[Proposal, User], object]] = []


def proposal_approval_hook_register(hook: Callable[[Proposal, User], object]) -> None:
    """Run ``hook(proposal, actor)`` for each approved proposal (introductions registers one)."""
    if hook not in _introduction_hooks:
        _introduction_hooks.append(hook)


def _approval_introduces(proposal: Proposal, actor: User) -> None:
    if not _introduction_hooks:
        raise RuntimeError("No app introduces approved proposals: is introductions installed?")
    for hook in _introduction_hooks:
        hook(proposal, actor)


def _approve_locked(*, proposal: Proposal, actor: User, reason: str, verify_buyer: bool = False) -> Proposal:
    _require_proposed(proposal, "approved")
    purchase_request = proposal.request
    # Another approval in the same bulk action may have moved the request already.
    purchase_request.refresh_from_db(fields=["status"])
    if purchase_request.status not in MATCHABLE_STATUSES:
        raise Conflict(f"The request is {purchase_request.status}; its proposals cannot be approved.")
    _require_verified_buyer(proposal=proposal, actor=actor, verify_buyer=verify_buyer)
    evaluation = matching_evaluate_pair(purchase_request=purchase_request, product=proposal.product)
    if not evaluation.eligible:
        raise Conflict(
            "The pair no longer qualifies: " + "; ".join(item.detail for item in evaluation.exclusions) + "."
        )
    state_transition(
        target=proposal,
        to_state=ProposalStatus.APPROVED,
        actor=actor,
        action="proposals.approved",
        reason=reason,
        changes={"decided_by": actor, "decided_at": timezone.now(), "decision_reason": reason},
    )
    _approval_introduces(proposal, actor)
    if purchase_request.status == RequestStatus.OPEN:
        purchase_request_transition(
            purchase_request=purchase_request,
            actor=actor,
            status=RequestStatus.MATCHED,
            reason=f"proposal {proposal.pk} approved",
        )
    return proposal


def _reject_locked(*, proposal: Proposal, actor: User, reason: str) -> Proposal:
    _require_proposed(proposal, "rejected")
    state_transition(
        target=proposal,
        to_state=ProposalStatus.REJECTED,
        actor=actor,
        action="proposals.rejected",
        reason=reason,
        changes={"decided_by": actor, "decided_at": timezone.now(), "decision_reason": reason},
    )
    return proposal


def _reason_required(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError("Say why the proposal is rejected.", code="required")}
        )
    return reason


def proposal_approve(
    *, proposal: Proposal, actor: User, reason: str = "", verify_buyer: bool = False
) -> Proposal:
    """Approve a proposed pair: the introduction is created and an open request becomes matched,
    all in one transaction. 409 when the proposal is not proposed, the request is not open or
    matched, the buyer is not verified (unless ``verify_buyer``: staff verify it in the same
    step), or the pair no longer passes the hard rules."""
    with transaction.atomic():
        locked = _lock_for_decision(proposal_ids=[proposal.pk]).get(proposal.pk)
        if locked is None:
            raise Conflict("The proposal no longer exists.")
        return _approve_locked(proposal=locked, actor=actor, reason=reason.strip(), verify_buyer=verify_buyer)


def proposal_reject(*, proposal: Proposal, actor: User, reason: str) -> Proposal:
    """Reject a proposed pair with a reason (required). 409 when it is not proposed."""
    reason = _reason_required(reason)
    with transaction.atomic():
        locked = _lock_for_decision(proposal_ids=[proposal.pk]).get(proposal.pk)
        if locked is None:
            raise Conflict("The proposal no longer exists.")
        return _reject_locked(proposal=locked, actor=actor, reason=reason)


@dataclass(frozen=True)
class BulkItem:
    id: int
    ok: bool
    code: str  # approved, rejected, not_found, conflict, invalid
    message: str


class ProposalBulkFailed(Exception):
    """Some items could not be decided; nothing was changed."""

    def __init__(self, items: list[BulkItem]) -> None:
        self.items = items
        self.not_found = any(item.code == "not_found" for item in items)
        failed = sum(1 for item in items if not item.ok)
        super().__init__(f"{failed} of {len(items)} proposal(s) cannot be decided; nothing was changed.")
        self.message = str(self)


class _Rollback(Exception):
    def __init__(self, items: list[BulkItem]) -> None:
        super().__init__("rollback")
        self.items = items


def proposals_bulk_decide(
    *, ids: Sequence[int], action: str, actor: User, reason: str = "", verify_buyer: bool = False
) -> list[BulkItem]:
    """Approve or reject many proposals at once, all or nothing.

    Raises ProposalBulkFailed (with a result per item) if any item is missing or cannot be
    decided; then nothing changes.
    """
    if action not in ("approve", "reject"):
        raise ValidationError({"action": ValidationError("Use approve or reject.", code="invalid_choice")})
    if action == "reject":
        reason = _reason_required(reason)
    ordered = list(dict.fromkeys(ids))
    items: list[BulkItem] = []
    try:
        with transaction.atomic():
            items = _bulk_decide_locked(
                ids=ordered, action=action, actor=actor, reason=reason.strip(), verify_buyer=verify_buyer
            )
    except _Rollback as rollback:
        raise ProposalBulkFailed(rollback.items) from None
    return items


def _bulk_decide_locked(
    *, ids: list[int], action: str, actor: User, reason: str, verify_buyer: bool
) -> list[BulkItem]:
    """Decide each item in its own savepoint, so every failure is reported; raise _Rollback (undoing
    the whole transaction) if any failed."""
    proposals = _lock_for_decision(proposal_ids=ids)
    items: list[BulkItem] = []
    for proposal_id in ids:
        proposal = proposals.get(proposal_id)
        if proposal is None:
            items.append(BulkItem(proposal_id, False, "not_found", "No such proposal."))
            continue
        try:
            with transaction.atomic():
                if action == "approve":
                    _approve_locked(proposal=proposal, actor=actor, reason=reason, verify_buyer=verify_buyer)
                else:
                    _reject_locked(proposal=proposal, actor=actor, reason=reason)
        except Conflict as exc:
            items.append(BulkItem(proposal_id, False, "conflict", str(exc.detail)))
        except ValidationError as exc:
            items.append(BulkItem(proposal_id, False, "invalid", "; ".join(exc.messages)))
        else:
            items.append(BulkItem(proposal_id, True, proposal.status, f"{proposal.status}."))
    if not all(item.ok for item in items):
        raise _Rollback(items)
    return items
