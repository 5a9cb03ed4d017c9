"""Matching: candidates from the search engine, judged by ``matching.scoring``, kept as proposals;
and the staff decisions on them.

Forward matching (``matching_run_for_request``) searches the products for one request.
Reverse matching (``matching_run_for_product``) percolates a product against the open
requests and re-runs the matching of each request it may serve, so a pair gets the same
score and the same place in its request's ranking whichever side changed.

Proposals are upserted, one row per (request, vendor, product):
- a new pair in the top N is created as *proposed*;
- a proposed pair is updated in place (score, parts, criteria, fingerprint, computed_at);
- a rejected pair stays rejected unless its fingerprint (the material data of request
  and product) changed, then it goes back to *proposed*;
- an expired pair that qualifies again goes back to *proposed* (same row);
- an approved pair is never touched;
- a proposed pair that no longer qualifies (or fell out of the top N) is *expired*,
  not deleted, so the row, its audit trail and its id survive and come back if it
  qualifies again.
Proposals of a request that is no longer open or matched expire. Running any of this
twice yields the same proposals with the same ids.
"""

import datetime
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from celery import Task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record
from catalog.models import Product
from catalog.search_documents import product_document
from core.exceptions import Conflict
from matching.models import MatchIntent, MatchTarget, Proposal, ProposalStatus
from matching.scoring import (
    Evaluation,
    ProductFacts,
    RequestFacts,
    RuleFacts,
    evaluate,
    fingerprint,
    rank,
)
from matching.search_documents import request_match_specs
from matching.selectors import (
    approval_codes,
    export_markets_by_origin,
    live_proposals,
    market_rules,
    product_facts,
    products_for_matching,
    request_facts,
    request_for_matching,
    requests_facts,
    requests_for_matching,
)
from organizations.models import Organization, VerificationStatus
from organizations.services import organization_verify_buyer
from purchasing.models import PurchaseRequest, RequestStatus
from purchasing.services import purchase_request_transition
from reference.selectors import fx_rates_current
from search.matching import (
    ProductCandidate,
    product_candidates,
    product_candidates_many,
    refresh_for_matching,
    request_candidates,
)

logger = logging.getLogger("matching")

MATCHABLE_STATUSES = (RequestStatus.OPEN, RequestStatus.MATCHED)
DEFAULT_TOP_N = 10
DEFAULT_CANDIDATES = 50
# Below this a candidate is not proposed: with the weights and penalties of matching.scoring,
# a pair of another category (same HS heading) and no text match, or with any severe miss,
# stays under it. Measured on tests/matching_eval (see tests/test_matching_quality.py).
DEFAULT_MIN_SCORE = 80.0
DEFAULT_REVERSE_MAX_REQUESTS = 200
FORWARD = "forward"
REVERSE = "reverse"


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def _top_n() -> int:
    return int(_setting("MEDMATCH_MATCH_TOP_N", DEFAULT_TOP_N))


def _fx() -> dict[str, Any]:
    """evaluate()'s keyword arguments for currency conversion: the default table and its dates,
    with the MEDMATCH_FX_RATES overrides."""
    table = fx_rates_current()
    return {"fx_rates": table.rates, "fx_dates": table.as_of}


# --- evaluation ---


@dataclass
class RequestRun:
    """The evaluation of one request against its candidates."""

    request: RequestFacts
    today: datetime.date
    products: dict[int, ProductFacts] = field(default_factory=dict)
    vendors: dict[int, int] = field(default_factory=dict)  # product id → vendor id
    evaluations: dict[int, Evaluation] = field(default_factory=dict)
    selected: list[int] = field(default_factory=list)  # product ids, best first


def matching_evaluate_request(
    *, purchase_request: PurchaseRequest, today: datetime.date | None = None
) -> RequestRun:
    """Candidates from the engine, each judged in Python, and the top N chosen (no writes).

    Raises SearchUnavailable if the engine is down.
    """
    today = today or timezone.localdate()
    spec = request_match_specs([purchase_request], today=today)[purchase_request.pk]
    candidates = product_candidates(spec, size=int(_setting("MEDMATCH_MATCH_CANDIDATES", DEFAULT_CANDIDATES)))
    facts = request_facts(purchase_request=purchase_request, approvals=approval_codes())
    run = RequestRun(request=facts, today=today)
    if not candidates:
        return run
    best = max(candidate.text_score for candidate in candidates)
    products = products_for_matching(product_ids=[candidate.product_id for candidate in candidates])
    exports = export_markets_by_origin(countries=[product.origin_country for product in products.values()])
    run.products = {
        product_id: product_facts(product=product, export_markets=exports[product.origin_country])
        for product_id, product in products.items()
    }
    rules = market_rules(
        markets={*facts.markets, *(code for codes in exports.values() for code in codes)},
        category_ids={
            *([facts.category_id] if facts.category_id else []),
            *(product.category_id for product in run.products.values()),
        },
    )
    fx = _fx()
    for candidate in candidates:
        product = run.products.get(candidate.product_id)
        if product is None:  # deleted since it was indexed
            continue
        run.vendors[product.id] = product.vendor_id
        run.evaluations[product.id] = evaluate(
            facts,
            product,
            rules=rules,
            text_relevance=candidate.text_score / best if best > 0 else 0.0,
            today=today,
            **fx,
        )
    run.selected = rank(
        run.evaluations.items(),
        top_n=_top_n(),
        min_score=float(_setting("MEDMATCH_MATCH_MIN_SCORE", DEFAULT_MIN_SCORE)),
    )
    return run


def matching_evaluate_pair(
    *, purchase_request: PurchaseRequest, product: Product, today: datetime.date | None = None
) -> Evaluation:
    """One pair judged without the engine (text relevance 0): enough to re-check the hard rules."""
    today = today or timezone.localdate()
    facts = request_facts(purchase_request=purchase_request)
    loaded = products_for_matching(product_ids=[product.pk])[product.pk]
    item = product_facts(product=loaded)
    category_ids = {item.category_id, *([facts.category_id] if facts.category_id else [])}
    rules = market_rules(markets={*facts.markets, *item.export_markets}, category_ids=category_ids)
    return evaluate(facts, item, rules=rules, text_relevance=0.0, today=today, **_fx())


def _judge_outside_candidates(*, run: RequestRun, product_id: int) -> Evaluation | None:
    """A pair the engine no longer returned, judged anyway so its expiry can say why."""
    product = products_for_matching(product_ids=[product_id]).get(product_id)
    if product is None:
        return None
    item = product_facts(product=product)
    category_ids = {item.category_id, *([run.request.category_id] if run.request.category_id else [])}
    rules = market_rules(markets={*run.request.markets, *item.export_markets}, category_ids=category_ids)
    return evaluate(run.request, item, rules=rules, text_relevance=0.0, today=run.today, **_fx())


# --- upserting proposals ---


def _transition(
    proposal: Proposal,
    to_state: str,
    *,
    reason: str,
    actor: User | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    audit_record(
        actor=actor,
        action=f"proposals.{to_state}",
        target=proposal,
        from_state=proposal.status if proposal.pk else "",
        to_state=to_state,
        reason=reason,
        data=data,
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
        for name, value in values.items():
            setattr(proposal, name, value)
        if proposal.status != ProposalStatus.PROPOSED:
            reason = (
                "the request or the product changed materially since the rejection"
                if proposal.status == ProposalStatus.REJECTED
                else "qualifies again"
            )
            _transition(proposal, ProposalStatus.PROPOSED, reason=reason, data=_previous_decision(proposal))
            proposal.status = ProposalStatus.PROPOSED
            proposal.proposed_at = now
            proposal.decided_by = None
            proposal.decided_at = None
            proposal.decision_reason = ""
        proposal.save()
    for key, proposal in existing.items():
        if key in wanted or proposal.status != ProposalStatus.PROPOSED:
            continue
        if scope_product_id is not None and proposal.product_id != scope_product_id:
            continue
        reason = _expiry_reason(run=run, product_id=proposal.product_id)
        _transition(proposal, ProposalStatus.EXPIRED, reason=reason[:2000])
        proposal.status = ProposalStatus.EXPIRED
        proposal.save(update_fields=["status", "updated_at"])


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
            _transition(proposal, ProposalStatus.EXPIRED, reason=reason)
            proposal.status = ProposalStatus.EXPIRED
            proposal.save(update_fields=["status", "updated_at"])
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


def _reverse_runs(
    *, product: Product, purchase_requests: list[PurchaseRequest], live: set[int], today: datetime.date
) -> dict[int, RequestRun]:
    """For each request, the product's part of its forward run: the product's evaluation and
    whether it is among the request's best N, computed as ``matching_evaluate_request`` would
    (same candidates, same text normalisation, same ranking) but for all requests at once.

    Requests the product cannot reach are left out, without an engine query: its score only
    grows with text relevance, so if it is ineligible or under the threshold with the best
    possible text relevance it is not selected whatever the other candidates score. Requests
    it has a waiting proposal for (``live``) are always run, as that proposal may expire and
    its reason names the product's place among the candidates.
    """
    top_n = _top_n()
    min_score = float(_setting("MEDMATCH_MATCH_MIN_SCORE", DEFAULT_MIN_SCORE))
    fx = _fx()
    item = product_facts(product=product)
    facts = requests_facts(purchase_requests=purchase_requests)
    markets = {market for request in facts.values() for market in request.markets} | set(item.export_markets)
    category_ids = {item.category_id} | {
        request.category_id for request in facts.values() if request.category_id is not None
    }
    rules = market_rules(markets=markets, category_ids=category_ids)
    reachable = [
        purchase_request
        for purchase_request in purchase_requests
        if purchase_request.pk in live
        or _may_be_selected(
            evaluate(facts[purchase_request.pk], item, rules=rules, text_relevance=1.0, today=today, **fx),
            min_score,
        )
    ]
    logger.info(
        "matching.reverse_reachable product=%s requests=%s reachable=%s",
        product.pk,
        len(purchase_requests),
        len(reachable),
    )
    if not reachable:
        return {}
    specs = request_match_specs(reachable, today=today)
    candidates = product_candidates_many(
        list(specs.values()), size=int(_setting("MEDMATCH_MATCH_CANDIDATES", DEFAULT_CANDIDATES))
    )
    # The other candidates are loaded only where they can decide something: for the requests
    # whose candidates include the product and where it may be selected at its own relevance.
    contested = {
        request_id
        for request_id, found in candidates.items()
        if _may_be_selected(
            _judge_candidate(
                request=facts[request_id], product=item, found=found, rules=rules, today=today, fx=fx
            ),
            min_score,
        )
    }
    others = products_for_matching(
        product_ids={
            candidate.product_id
            for request_id in contested
            for candidate in candidates[request_id]
            if candidate.product_id != product.pk
        }
    )
    exports = export_markets_by_origin(countries=[other.origin_country for other in others.values()])
    other_facts = {
        product_id: product_facts(product=other, export_markets=exports[other.origin_country])
        for product_id, other in others.items()
    }
    # Rules in one list ordered as market_rules orders them, so the criteria read as forward's do.
    rules = market_rules(
        markets=markets | {code for codes in exports.values() for code in codes},
        category_ids=category_ids | {other.category_id for other in other_facts.values()},
    )
    runs: dict[int, RequestRun] = {}
    for purchase_request in reachable:
        run = RequestRun(request=facts[purchase_request.pk], today=today, products={product.pk: item})
        runs[purchase_request.pk] = run
        _place_in_ranking(
            run=run,
            product=item,
            found=candidates.get(purchase_request.pk, []),
            others=other_facts,
            rules=rules,
            fx=fx,
            top_n=top_n,
            min_score=min_score,
        )
    return {request_id: run for request_id, run in runs.items() if run.selected or request_id in live}


def _place_in_ranking(
    *,
    run: RequestRun,
    product: ProductFacts,
    found: list[ProductCandidate],
    others: dict[int, ProductFacts],
    rules: list[RuleFacts],
    fx: dict[str, Any],
    top_n: int,
    min_score: float,
) -> None:
    """Evaluate ``product`` among the request's candidates ``found`` and select it if ``rank``
    would keep it among the best ``top_n``: fewer than ``top_n`` kept candidates rank before it."""
    mine = next((candidate for candidate in found if candidate.product_id == product.id), None)
    if mine is None:  # not (or no longer) a candidate of the request: not selected
        return
    best = max(candidate.text_score for candidate in found)

    def judge(facts: ProductFacts, candidate: ProductCandidate) -> Evaluation:
        relevance = candidate.text_score / best if best > 0 else 0.0
        return evaluate(run.request, facts, rules=rules, text_relevance=relevance, today=run.today, **fx)

    evaluation = judge(product, mine)
    run.vendors[product.id] = product.vendor_id
    run.evaluations[product.id] = evaluation
    if not _may_be_selected(evaluation, min_score):
        return
    ahead = 0
    for candidate in found:
        other = others.get(candidate.product_id)
        if other is None:  # this product, or one deleted since it was indexed
            continue
        judged = judge(other, candidate)
        ranks_before = (-judged.score, other.id) < (-evaluation.score, product.id)
        if ranks_before and _may_be_selected(judged, min_score):
            ahead += 1
            if ahead >= top_n:
                return
    run.selected = [product.id]


def _judge_candidate(
    *,
    request: RequestFacts,
    product: ProductFacts,
    found: list[ProductCandidate],
    rules: list[RuleFacts],
    today: datetime.date,
    fx: dict[str, Any],
) -> Evaluation | None:
    """``product``'s evaluation among the request's candidates ``found`` (as ``_place_in_ranking``
    judges it), or None when it is not one of them."""
    mine = next((candidate for candidate in found if candidate.product_id == product.id), None)
    if mine is None:
        return None
    best = max(candidate.text_score for candidate in found)
    relevance = mine.text_score / best if best > 0 else 0.0
    return evaluate(request, product, rules=rules, text_relevance=relevance, today=today, **fx)


def _may_be_selected(evaluation: Evaluation | None, min_score: float) -> bool:
    """What ``rank`` keeps: eligible and at least ``min_score`` (None, not a candidate: nothing)."""
    return evaluation is not None and evaluation.eligible and evaluation.score >= min_score


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
                _transition(proposal, ProposalStatus.EXPIRED, reason=reason)
                proposal.status = ProposalStatus.EXPIRED
                proposal.save(update_fields=["status", "updated_at"])


def matching_run_for_product(*, product_id: int, today: datetime.date | None = None) -> list[Proposal]:
    """Reverse matching of one product; returns its live proposals, best first.

    The product's document is percolated against the stored request queries; each request
    found (and each request the product is already proposed for) is matched again, and only
    this product's pairs are changed. A product that left the public catalogue (draft,
    archived, vendor no longer verified) has its waiting proposals expired.
    """
    product = products_for_matching(product_ids=[product_id]).get(product_id)
    if product is None:
        return []
    if not Product.objects.matchable().filter(pk=product_id).exists():
        _expire_for_product(product_id=product_id, reason="the product is no longer in the public catalogue")
        return live_proposals(product_id=product_id)
    limit = int(_setting("MEDMATCH_REVERSE_MAX_REQUESTS", DEFAULT_REVERSE_MAX_REQUESTS))
    refresh_for_matching()
    found = request_candidates(product_document(product), size=limit)
    if len(found) >= limit:
        logger.warning("matching.reverse_truncated product=%s limit=%s", product_id, limit)
    already = Proposal.objects.filter(product_id=product_id, status=ProposalStatus.PROPOSED).values_list(
        "request_id", flat=True
    )
    request_ids = list(dict.fromkeys([*found, *sorted(already)]))
    requests = requests_for_matching(request_ids=request_ids)
    matchable: list[PurchaseRequest] = []
    for request_id in request_ids:
        purchase_request = requests.get(request_id)
        if purchase_request is None:
            continue
        if purchase_request.status not in MATCHABLE_STATUSES:
            proposals_expire_for_request(
                request_id=request_id, reason=f"the request is {purchase_request.status}"
            )
            continue
        matchable.append(purchase_request)
    runs = _reverse_runs(
        product=product,
        purchase_requests=matchable,
        live=set(already),
        today=today or timezone.localdate(),
    )
    for request_id, run in runs.items():
        _apply_run(
            request_id=request_id,
            run=run,
            source_for=lambda candidate_id: REVERSE if candidate_id == product_id else FORWARD,
            scope_product_id=product_id,
        )
    proposals = live_proposals(product_id=product_id)
    logger.info(
        "matching.product_matched product=%s requests=%s proposals=%s",
        product_id,
        len(request_ids),
        len(proposals),
    )
    return proposals


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


# --- durable intents and enqueueing (recorded by the outbox drain once the changes are in the index) ---

REDRIVE_BATCH = 500
MAX_ATTEMPTS = 5


def _redrive_after() -> datetime.timedelta:
    """A pending intent enqueued longer ago than this is enqueued again (its task was lost)."""
    return datetime.timedelta(seconds=int(_setting("MEDMATCH_MATCH_REDRIVE_AFTER_SECONDS", 120)))


def _targets_for_changes(changed: Mapping[str, set[int]]) -> dict[MatchTarget, set[int]]:
    """Requests to match forward and products to match in reverse for a set of indexed changes,
    including every product of a changed organisation (e.g. a vendor just verified)."""
    product_ids = set(changed.get("product", set()))
    organization_ids = changed.get("organization", set())
    if organization_ids:
        product_ids.update(
            Product.objects.filter(vendor_id__in=list(organization_ids)).values_list("pk", flat=True)
        )
    return {MatchTarget.REQUEST: set(changed.get("request", set())), MatchTarget.PRODUCT: product_ids}


def matching_intents_record(*, changed: Mapping[str, set[int]], version: int) -> None:
    """Record, in the caller's transaction, that matching is owed for ``changed`` as of ``version``.

    A new change also un-parks an intent: the data that failed may have been fixed.
    """
    now = timezone.now()
    for target, object_ids in _targets_for_changes(changed).items():
        if not object_ids:
            continue
        ids = sorted(object_ids)
        MatchIntent.objects.bulk_create(
            [MatchIntent(target=target, object_id=object_id) for object_id in ids], ignore_conflicts=True
        )
        MatchIntent.objects.filter(target=target, object_id__in=ids, wanted_version__lt=version).update(
            wanted_version=version, enqueued_at=now, parked_at=None, attempts=0, updated_at=now
        )


def matching_run_intent(*, target: MatchTarget, object_id: int) -> list[Proposal]:
    """Run the matching owed to one request or product and record it as done.

    Transient errors (engine or database outage) propagate without counting an attempt; the
    task retries them. Any other error counts an attempt, parks the intent after
    MAX_ATTEMPTS and propagates.
    """
    started_from = (
        MatchIntent.objects.filter(target=target, object_id=object_id)
        .values_list("wanted_version", flat=True)
        .first()
    ) or 0
    try:
        if target == MatchTarget.REQUEST:
            proposals = matching_run_for_request(request_id=object_id)
        else:
            proposals = matching_run_for_product(product_id=object_id)
    except Exception as exc:
        from core.retries import is_transient

        if not is_transient(exc):
            _intent_failed(target=target, object_id=object_id, error=f"{exc.__class__.__name__}: {exc}")
        raise
    now = timezone.now()
    updated = MatchIntent.objects.filter(
        target=target, object_id=object_id, done_version__lt=started_from
    ).update(done_version=started_from, completed_at=now, attempts=0, last_error="", updated_at=now)
    if not updated:
        MatchIntent.objects.filter(target=target, object_id=object_id).update(
            completed_at=now, updated_at=now
        )
    return proposals


def _intent_failed(*, target: MatchTarget, object_id: int, error: str) -> None:
    with transaction.atomic():
        intent = MatchIntent.objects.select_for_update().filter(target=target, object_id=object_id).first()
        if intent is None:
            return
        intent.attempts += 1
        intent.last_error = error[:2000]
        if intent.attempts >= MAX_ATTEMPTS:
            intent.parked_at = timezone.now()
            logger.error("matching.intent_parked target=%s id=%s error=%s", target, object_id, error[:300])
        intent.save(update_fields=["attempts", "last_error", "parked_at", "updated_at"])


def _enqueue(task: "Task[Any, Any]", object_id: int) -> bool:
    try:
        task.apply_async(args=(object_id,), retry=False)
    except Exception as exc:  # noqa: BLE001  any broker failure: the intent stays pending, beat re-drives it
        logger.warning(
            "matching.enqueue_failed task=%s id=%s error=%s", task.name, object_id, exc.__class__.__name__
        )
        return False
    return True


def _task_for(target: str) -> "Task[Any, Any]":
    from matching.tasks import match_product, match_request

    task: Task[Any, Any] = match_request if target == MatchTarget.REQUEST else match_product
    return task


def matching_enqueue_for_changes(*, changed: Mapping[str, set[int]]) -> None:
    """Enqueue forward matching for changed requests and reverse matching for changed products
    (the fast path; the intents recorded by the drain are the durable one)."""
    for target, object_ids in _targets_for_changes(changed).items():
        for object_id in sorted(object_ids):
            _enqueue(_task_for(target), object_id)


def matching_redrive(*, now: datetime.datetime | None = None) -> int:
    """Enqueue again the pending intents whose task was enqueued long ago (lost, or never sent
    because the broker was down). Returns how many were enqueued."""
    now = now or timezone.now()
    pending = list(
        MatchIntent.objects.filter(done_version__lt=F("wanted_version"), parked_at__isnull=True)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lte=now - _redrive_after()))
        .order_by("id")
        .values_list("pk", "target", "object_id")[:REDRIVE_BATCH]
    )
    sent = [pk for pk, target, object_id in pending if _enqueue(_task_for(target), object_id)]
    if sent:
        MatchIntent.objects.filter(pk__in=sent).update(enqueued_at=now)
        logger.info("matching.redriven count=%s", len(sent))
    return len(sent)


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
    _transition(proposal, ProposalStatus.APPROVED, reason=reason, actor=actor)
    proposal.status = ProposalStatus.APPROVED
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.decision_reason = reason
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "updated_at"])
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
    _transition(proposal, ProposalStatus.REJECTED, reason=reason, actor=actor)
    proposal.status = ProposalStatus.REJECTED
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.decision_reason = reason
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "updated_at"])
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
