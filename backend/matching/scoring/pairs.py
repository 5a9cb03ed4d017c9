"""A pair evaluated (every criterion, the score as the sum of its parts), candidates ranked, and
the fingerprint of a pair's material data."""

import datetime
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence

from django.utils.translation import gettext_noop

from matching.scoring.commercial import _moq, _penalty, _price
from matching.scoring.criteria import _capacity, _category, _lead_time, _market, _required_standards, _text
from matching.scoring.facts import MET, PARTIAL, Criterion, Evaluation, ProductFacts, RequestFacts, RuleFacts
from matching.scoring.phrases import say
from matching.scoring.rules import _hard_rules, _reference_day


def evaluate(
    request: RequestFacts,
    product: ProductFacts,
    *,
    rules: Sequence[RuleFacts],
    text_relevance: float,
    today: datetime.date,
    fx_rates: Mapping[str, float] | None = None,
    fx_dates: Mapping[str, datetime.date | None] | None = None,
) -> Evaluation:
    """Judge one pair. ``rules`` are the market rules for the request's and the product's categories
    (rules of other markets are ignored); ``text_relevance`` is the engine's text score divided by
    the best candidate's (0–1); ``fx_rates`` are US dollars per unit and ``fx_dates`` the day each
    rate is from (shown in the explanation)."""
    day = _reference_day(request, today)
    applicable = [rule for rule in rules if rule.category in {request.category_slug, product.category_slug}]
    exclusions, hard_met, technical_rules = _hard_rules(request, product, applicable, day)
    parts: dict[str, float] = {}
    criteria: list[Criterion] = (
        [Criterion("vendor_verified", MET, say(gettext_noop("vendor verified")), expected=True, actual=True)]
        if product.vendor_verified
        else [
            Criterion(
                "vendor_verified",
                PARTIAL,
                say(gettext_noop("listed vendor, not verified yet: its source is allowed for matching")),
                expected=True,
                actual=False,
            )
        ]
        if product.vendor_candidate
        else []
    )
    criteria.extend(hard_met)
    for name, (points, criterion) in (
        ("category", _category(request, product)),
        ("text", _text(text_relevance)),
        ("standards", _required_standards(request, product, day)),
        ("market", _market(product, technical_rules, day, request)),
        ("capacity", _capacity(request, product, today)),
        ("lead_time", _lead_time(request, product, today)),
        ("price", _price(request, product, fx_rates or {}, fx_dates or {})),
        ("moq", _moq(request, product)),
    ):
        parts[name] = round(points, 2)
        criteria.append(criterion)
    penalty, explanation = _penalty(criteria)
    parts["penalty"] = penalty
    criteria.append(explanation)
    score = round(min(100.0, max(0.0, sum(parts.values()))), 2)
    return Evaluation(
        eligible=not exclusions, score=score, score_parts=parts, criteria=criteria, exclusions=exclusions
    )


def rank(evaluations: Iterable[tuple[int, Evaluation]], *, top_n: int, min_score: float) -> list[int]:
    """Product ids of the eligible pairs scoring at least ``min_score``, best first, at most ``top_n``."""
    eligible = [
        (evaluation.score, product_id)
        for product_id, evaluation in evaluations
        if evaluation.eligible and evaluation.score >= min_score
    ]
    eligible.sort(key=lambda item: (-item[0], item[1]))
    return [product_id for _score, product_id in eligible[:top_n]]


def fingerprint(request: RequestFacts, product: ProductFacts) -> str:
    """A hash of the material data of the pair: a rejected pair comes back only when it changes."""
    material = {
        "request": {
            "category": request.category_id,
            "quantity": request.quantity,
            "needed_by": request.needed_by.isoformat() if request.needed_by else None,
            "destination": request.destination_country,
            "standards": sorted(request.required_standards),
            "target": str(request.target_unit_price.normalize()) if request.target_unit_price else None,
            "currency": request.currency,
        },
        "product": {
            "category": product.category_id,
            "capacity": product.capacity_per_day,
            "stock": product.stock,
            "lead_time": product.lead_time_days,
            "price": [str(product.price_min.normalize()), str(product.price_max.normalize())],
            "currency": product.currency,
            "standards": sorted(product.standards),
            "certificates": sorted(
                [
                    sorted(certificate.standards),
                    sorted(certificate.markets),
                    certificate.valid_from.isoformat() if certificate.valid_from else "",
                    certificate.valid_until.isoformat() if certificate.valid_until else "",
                    str(certificate.owner_id == product.vendor_id),
                ]
                for certificate in product.certificates
            ),
        },
    }
    encoded = json.dumps(material, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()
