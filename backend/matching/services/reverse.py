"""Reverse matching: a new or changed product percolated against the open requests and placed
in each one's ranking as its forward run would place it."""

import datetime
import logging
from typing import Any

from django.utils import timezone

from catalog.models import Product
from catalog.search_documents import product_document
from matching.models import Proposal, ProposalStatus
from matching.scoring import (
    Evaluation,
    ProductFacts,
    RequestFacts,
    RuleFacts,
    evaluate,
)
from matching.search_documents import request_match_specs
from matching.selectors import (
    export_markets_by_origin,
    live_proposals,
    market_rules,
    product_facts,
    products_for_matching,
    requests_facts,
    requests_for_matching,
)
from matching.services.evaluation import (
    DEFAULT_CANDIDATES,
    DEFAULT_MIN_SCORE,
    DEFAULT_REVERSE_MAX_REQUESTS,
    FORWARD,
    MATCHABLE_STATUSES,
    REVERSE,
    RequestRun,
    _fx,
    _setting,
    _top_n,
)
from matching.services.proposals import _apply_run, _expire_for_product, proposals_expire_for_request
from purchasing.models import PurchaseRequest
from search.percolation import (
    ProductCandidate,
    product_candidates_many,
    refresh_for_matching,
    request_candidates,
)

logger = logging.getLogger("matching")


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
