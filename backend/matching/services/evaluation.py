"""Matching settings, and one request judged against its engine candidates (no writes)."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone

from catalog.models import Product
from matching.scoring import (
    Evaluation,
    ProductFacts,
    RequestFacts,
    evaluate,
    rank,
)
from matching.search_documents import request_match_specs
from matching.selectors import (
    approval_codes,
    export_markets_by_origin,
    market_rules,
    product_facts,
    products_for_matching,
    request_facts,
)
from purchasing.models import PurchaseRequest, RequestStatus
from reference.selectors import fx_rates_current
from search.percolation import (
    product_candidates,
)

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
