"""The soft criteria of fit: category, text relevance, required standards, technical market rules,
capacity and lead time."""

import datetime
from collections.abc import Sequence

from django.utils.translation import gettext_noop

from core.i18n import Phrase, PhraseList
from matching.scoring.facts import (
    DEFAULT_HORIZON_DAYS,
    MET,
    NOT_MET,
    PARTIAL,
    PARTIAL_SHARE,
    WEIGHTS,
    Criterion,
    ProductFacts,
    RequestFacts,
    RuleFacts,
)
from matching.scoring.phrases import (
    _codes,
    _number,
    _percent,
    capacity_how,
    category_name,
    day_count,
    lead_phrase,
    market_name,
    say,
    unit_phrase,
)
from matching.scoring.rules import _missing_detail, _rule_met, _standard_met


def _category(request: RequestFacts, product: ProductFacts) -> tuple[float, Criterion]:
    weight = WEIGHTS["category"]
    if request.category_id is None:
        return weight / 2, Criterion(
            "category",
            PARTIAL,
            say(gettext_noop("the request names no category; matched on text")),
            expected=None,
            actual=product.category_slug,
        )
    if product.category_id in request.category_ids:
        return weight, Criterion(
            "category",
            MET,
            say(gettext_noop("same category (%(category)s)"), category=category_name(product.category_slug)),
            expected=request.category_slug,
            actual=product.category_slug,
        )
    if request.hs_heading and product.hs_heading == request.hs_heading:
        return weight / 2, Criterion(
            "category",
            PARTIAL,
            say(
                gettext_noop("same HS heading %(heading)s, other category (%(category)s)"),
                heading=product.hs_heading,
                category=category_name(product.category_slug),
            ),
            expected=request.category_slug,
            actual=product.category_slug,
        )
    return 0.0, Criterion(
        "category",
        NOT_MET,
        say(
            gettext_noop("other category (%(category)s, HS %(heading)s); text match only"),
            category=category_name(product.category_slug),
            heading=product.hs_heading,
        ),
        expected=request.category_slug,
        actual=product.category_slug,
    )


def _text(relevance: float) -> tuple[float, Criterion]:
    relevance = min(1.0, max(0.0, relevance))
    status = MET if relevance >= 0.5 else PARTIAL if relevance > 0 else NOT_MET
    detail = (
        say(gettext_noop("text relevance %(percent)s of the best candidate"), percent=_percent(relevance))
        if relevance > 0
        else say(gettext_noop("no text match (found by category)"))
    )
    return WEIGHTS["text"] * relevance, Criterion(
        "text", status, detail, expected=1.0, actual=round(relevance, 3)
    )


def _required_standards(
    request: RequestFacts, product: ProductFacts, day: datetime.date
) -> tuple[float, Criterion]:
    weight = WEIGHTS["standards"]
    required = list(request.required_standards)
    if not required:
        return weight, Criterion(
            "standards", MET, say(gettext_noop("no standards required")), expected=[], actual=[]
        )
    met = [
        code
        for code in required
        if _standard_met(
            product, code, approval=code in request.approval_codes, markets=request.markets, day=day
        )
    ]
    missing = [code for code in required if code not in met]
    if not missing:
        return weight, Criterion(
            "standards",
            MET,
            say(gettext_noop("meets %(codes)s"), codes=_codes(required)),
            expected=required,
            actual=met,
        )
    status = PARTIAL if met else NOT_MET
    detail = (
        say(
            gettext_noop("missing %(missing)s (required by the buyer); meets %(codes)s"),
            missing=_codes(missing),
            codes=_codes(met),
        )
        if met
        else say(gettext_noop("missing %(missing)s (required by the buyer)"), missing=_codes(missing))
    )
    return weight * len(met) / len(required), Criterion(
        "standards", status, detail, expected=required, actual=met
    )


def _market(
    product: ProductFacts, technical_rules: Sequence[RuleFacts], day: datetime.date, request: RequestFacts
) -> tuple[float, Criterion]:
    weight = WEIGHTS["market"]
    if not request.markets:
        return weight, Criterion(
            "market",
            MET,
            say(
                gettext_noop("no market rules recorded for %(country)s"), country=request.destination_country
            ),
            expected=[],
            actual=[],
        )
    unmet: list[str | Phrase] = []
    expected: list[str] = []
    for rule in technical_rules:
        expected.extend(rule.standards)
        satisfied, missing = _rule_met(product, rule, day)
        if not satisfied:
            unmet.append(_missing_detail(product, rule, missing, day))
    markets = PhraseList(tuple(market_name(code) for code in sorted(request.markets)), ", ")
    if not unmet:
        return weight, Criterion(
            "market",
            MET,
            say(gettext_noop("meets the rules of %(markets)s"), markets=markets),
            expected=sorted(set(expected)),
            actual=None,
        )
    return 0.0, Criterion(
        "market",
        NOT_MET,
        say("%(rules)s", rules=PhraseList(tuple(unmet))),
        expected=sorted(set(expected)),
        actual=None,
    )


def _days_available(request: RequestFacts, today: datetime.date) -> int:
    if request.needed_by is None:
        return DEFAULT_HORIZON_DAYS
    return (request.needed_by - today).days


def _capacity(request: RequestFacts, product: ProductFacts, today: datetime.date) -> tuple[float, Criterion]:
    days = _days_available(request, today)
    production_days = max(0, days - product.lead_time_days)
    available = product.capacity_per_day * production_days + product.stock
    share = available / request.quantity if request.quantity else 1.0
    by = (
        say(gettext_noop("by %(date)s"), date=request.needed_by.isoformat())
        if request.needed_by
        else say(gettext_noop("within %(days)s"), days=day_count(DEFAULT_HORIZON_DAYS))
    )
    how = capacity_how(
        per_day=_number(product.capacity_per_day),
        days=str(production_days),
        lead=str(product.lead_time_days),
        stock=_number(product.stock),
    )
    if share >= 1:
        return WEIGHTS["capacity"], Criterion(
            "capacity",
            MET,
            say(
                gettext_noop("can supply %(available)s %(unit)s %(by)s (%(how)s) for %(quantity)s wanted"),
                available=_number(available),
                unit=unit_phrase(request.unit, _number(available)),
                by=by,
                how=how,
                quantity=_number(request.quantity),
            ),
            expected=request.quantity,
            actual=available,
        )
    status = PARTIAL if share >= PARTIAL_SHARE else NOT_MET
    return WEIGHTS["capacity"] * share, Criterion(
        "capacity",
        status,
        say(
            gettext_noop(
                "capacity %(percent)s of quantity: %(available)s of %(quantity)s %(unit)s %(by)s (%(how)s)"
            ),
            percent=_percent(share),
            available=_number(available),
            quantity=_number(request.quantity),
            unit=unit_phrase(request.unit, _number(request.quantity)),
            by=by,
            how=how,
        ),
        expected=request.quantity,
        actual=available,
    )


def _lead_time(request: RequestFacts, product: ProductFacts, today: datetime.date) -> tuple[float, Criterion]:
    weight = WEIGHTS["lead_time"]
    lead = product.lead_time_days
    if request.needed_by is None:
        return weight, Criterion(
            "lead_time",
            MET,
            say(gettext_noop("lead time %(lead)s; no needed-by date"), lead=day_count(lead)),
            expected=None,
            actual=lead,
        )
    days = (request.needed_by - today).days
    if lead <= days:
        return weight, Criterion("lead_time", MET, lead_phrase(lead, days), expected=days, actual=lead)
    share = max(0, days) / lead if lead else 0.0
    status = PARTIAL if share >= PARTIAL_SHARE else NOT_MET
    return weight * share, Criterion("lead_time", status, lead_phrase(lead, days), expected=days, actual=lead)
