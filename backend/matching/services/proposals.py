"""Proposals kept in line with a request's matching run, forward matching, and expiry."""

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record, state_transition
from catalog.models import Product
from matching.models import Proposal, ProposalStatus
from matching.scoring import (
    fingerprint,
)
from matching.selectors import (
    live_proposals,
    request_for_matching,
)
from matching.services.evaluation import (
    FORWARD,
    MATCHABLE_STATUSES,
    RequestRun,
    _judge_outside_candidates,
    _top_n,
    matching_evaluate_request,
)
from purchasing.models import PurchaseRequest
from search.percolation import (
    refresh_for_matching,
)

logger = logging.getLogger("matching")

# --- upserting proposals ---


def _expire(proposal: Proposal, *, reason: str) -> None:
    state_transition(
        target=proposal,
        to_state=ProposalStatus.EXPIRED,
        actor=None,
        action="proposals.expired",
        reason=reason,
    )


def _previous_decision(proposal: Proposal) -> dict[str, Any] | None:
    """The decision a pair coming back to the queue had (kept in its audit event, since the row's
    decision fields are cleared for the new review)."""
    if proposal.decided_at is None and not proposal.decision_reason:
        return None
    return {
        "previous_decision": {
            "status": proposal.status,
            "decided_by": proposal.decided_by_id,
            "decided_at": proposal.decided_at.isoformat() if proposal.decided_at else None,
            "reason": proposal.decision_reason,
        }
    }


def _proposals_apply(
    *,
    request_id: int,
    run: RequestRun,
    source_for: Callable[[int], str],
    scope_product_id: int | None = None,
) -> None:
    """Bring the request's proposals in line with ``run``. Runs with the request row locked, so
    forward and reverse runs of one request never interleave. ``scope_product_id`` limits the
    changes to that product's pairs (reverse matching)."""
    now = timezone.now()
    existing = {
        (proposal.vendor_id, proposal.product_id): proposal
        for proposal in Proposal.objects.select_for_update().filter(request_id=request_id).order_by("pk")
    }
    selected = [product_id for product_id in run.selected if scope_product_id in (None, product_id)]
    wanted: set[tuple[int, int]] = set()
    for product_id in selected:
        evaluation = run.evaluations[product_id]
        key = (run.vendors[product_id], product_id)
        wanted.add(key)
        values = {
            "score": evaluation.score,
            "score_parts": evaluation.score_parts,
            "criteria": evaluation.criteria_dicts(),
            "fingerprint": fingerprint(run.request, run.products[product_id]),
            "computed_at": now,
        }
        proposal = existing.get(key)
        if proposal is None:
            proposal = Proposal(
                request_id=request_id,
                vendor_id=key[0],
                product_id=product_id,
                source=source_for(product_id),
                status=ProposalStatus.PROPOSED,
                proposed_at=now,
                **values,
            )
            proposal.save()
            audit_record(
                actor=None,
                action="proposals.proposed",
                target=proposal,
                from_state="",
                to_state=ProposalStatus.PROPOSED,
                reason=f"score {evaluation.score:.0f} ({proposal.source} matching)",
            )
            continue
        if proposal.status == ProposalStatus.APPROVED:
            continue
        if proposal.status == ProposalStatus.REJECTED and proposal.fingerprint == values["fingerprint"]:
            continue
        if proposal.status != ProposalStatus.PROPOSED:
            reason = (
                "the request or the product changed materially since the rejection"
                if proposal.status == ProposalStatus.REJECTED
                else "qualifies again"
            )
            state_transition(
                target=proposal,
                to_state=ProposalStatus.PROPOSED,
                actor=None,
                action="proposals.proposed",
                reason=reason,
                changes={
                    **values,
                    "proposed_at": now,
                    "decided_by": None,
                    "decided_at": None,
                    "decision_reason": "",
                },
                data=_previous_decision(proposal),
            )
            continue
        for name, value in values.items():
            setattr(proposal, name, value)
        proposal.save()
    for key, proposal in existing.items():
        if key in wanted or proposal.status != ProposalStatus.PROPOSED:
            continue
        if scope_product_id is not None and proposal.product_id != scope_product_id:
            continue
        reason = _expiry_reason(run=run, product_id=proposal.product_id)
        _expire(proposal, reason=reason[:2000])


def _expiry_reason(*, run: RequestRun, product_id: int) -> str:
    judged = run.evaluations.get(product_id)
    candidate = judged is not None
    if judged is None:
        judged = _judge_outside_candidates(run=run, product_id=product_id)
    if judged is not None and not judged.eligible:
        return "no longer qualifies: " + "; ".join(item.detail for item in judged.exclusions)
    if candidate and judged is not None:
        return f"no longer among the best {_top_n()} (score {judged.score:.0f})"
    return "no longer a candidate: category, HS heading and text no longer match"


def proposals_expire_for_request(*, request_id: int, reason: str = "the request is no longer open") -> int:
    """Expire the proposals of a request still waiting for review; approved and rejected stay."""
    with transaction.atomic():
        waiting = list(
            Proposal.objects.select_for_update().filter(request_id=request_id, status=ProposalStatus.PROPOSED)
        )
        for proposal in waiting:
            _expire(proposal, reason=reason)
    return len(waiting)


def _apply_run(
    *, request_id: int, run: RequestRun, source_for: Callable[[int], str], scope_product_id: int | None = None
) -> None:
    with transaction.atomic():
        locked = PurchaseRequest.objects.select_for_update().filter(pk=request_id).first()
        if locked is None:
            return
        if locked.status not in MATCHABLE_STATUSES:
            proposals_expire_for_request(request_id=request_id, reason=f"the request is {locked.status}")
            return
        _proposals_apply(
            request_id=request_id, run=run, source_for=source_for, scope_product_id=scope_product_id
        )


def matching_run_for_request(*, request_id: int, today: datetime.date | None = None) -> list[Proposal]:
    """Forward matching of one request; returns its live (proposed or approved) proposals, best first.

    A request that is not open or matched gets its waiting proposals expired instead.
    Raises SearchUnavailable if the engine is down (the task retries).
    """
    purchase_request = request_for_matching(request_id=request_id)
    if purchase_request is None:
        return []
    if purchase_request.status not in MATCHABLE_STATUSES:
        proposals_expire_for_request(
            request_id=request_id, reason=f"the request is {purchase_request.status}"
        )
        return live_proposals(request_id=request_id)
    refresh_for_matching()
    run = matching_evaluate_request(purchase_request=purchase_request, today=today)
    _apply_run(request_id=request_id, run=run, source_for=lambda _product_id: FORWARD)
    proposals = live_proposals(request_id=request_id)
    logger.info(
        "matching.request_matched request=%s candidates=%s proposals=%s",
        request_id,
        len(run.evaluations),
        len(proposals),
    )
    return proposals


def _expire_for_product(*, product_id: int, reason: str) -> None:
    request_ids = sorted(
        set(
            Proposal.objects.filter(product_id=product_id, status=ProposalStatus.PROPOSED).values_list(
                "request_id", flat=True
            )
        )
    )
    for request_id in request_ids:
        with transaction.atomic():
            PurchaseRequest.objects.select_for_update().filter(pk=request_id).first()
            for proposal in Proposal.objects.select_for_update().filter(
                request_id=request_id, product_id=product_id, status=ProposalStatus.PROPOSED
            ):
                _expire(proposal, reason=reason)


def proposals_expire_stale() -> int:
    """Safety net for missed events: expire waiting proposals whose request is no longer open or
    matched, or whose product left the public catalogue."""
    stale = (
        Proposal.objects.filter(status=ProposalStatus.PROPOSED)
        .exclude(request__status__in=MATCHABLE_STATUSES)
        .values_list("request_id", flat=True)
        .distinct()
    )
    count = 0
    for request_id in sorted(set(stale)):
        count += proposals_expire_for_request(request_id=request_id)
    hidden = (
        Proposal.objects.filter(status=ProposalStatus.PROPOSED)
        .exclude(product__in=Product.objects.matchable())
        .values_list("product_id", flat=True)
        .distinct()
    )
    for product_id in sorted(set(hidden)):
        before = Proposal.objects.filter(product_id=product_id, status=ProposalStatus.PROPOSED).count()
        _expire_for_product(product_id=product_id, reason="the product is no longer in the public catalogue")
        count += before
    return count
