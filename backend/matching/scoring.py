"""Scoring of one (request, product) pair: hard rules, soft criteria and an explanation.

Pure Python over plain dataclasses, so it can be tested without a database or an
engine. ``evaluate`` answers whether the pair is eligible (no hard rule broken),
its score (0–100, the sum of ``score_parts``) and the criteria, each with a status
(met, partial, not_met) and a human explanation with the numbers.

Hard rules exclude a candidate:
- the vendor is not verified, or the product is not published;
- a market rule (for the request's or the product's category) of the destination's
  import market, or of the export market of the product's country of origin (exports
  from China to anywhere), names a regulatory approval (``Standard.kind == "approval"``) and the
  product has no certificate satisfying the rule on the day the goods are needed.
  A certificate counts when it belongs to the product's vendor, lists the
  standard, lists the market or no market at all (for an export rule, any market:
  a recognised foreign certificate is what the exporting country asks for), and is
  valid on that day.
  Technical standards in such a rule are satisfied by a valid certificate or by
  the product's own claim.

Soft criteria lower the score (weights in ``WEIGHTS``): category, text relevance,
the buyer's required standards, market rules made only of technical standards,
capacity against quantity, lead time against the date, price against the target
and the minimum order quantity. A severe miss — a required standard missing, less
than half the quantity by the date, less than half the time the lead time needs, a
price more than double the target, a minimum order more than double the quantity —
also costs ``SEVERE_PENALTY`` points in the ``penalty`` part, so that such a pair
falls below the proposal threshold unless everything else is right. The score is
always the sum of ``score_parts`` (clamped to 0–100).
"""

import datetime
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_noop

from core.i18n import Named, Phrase, PhraseList, plural_noop

MET = "met"
PARTIAL = "partial"
NOT_MET = "not_met"

WEIGHTS: dict[str, float] = {
    "category": 25.0,
    "text": 10.0,
    "standards": 20.0,
    "market": 5.0,
    "capacity": 15.0,
    "lead_time": 10.0,
    "price": 10.0,
    "moq": 5.0,
}
# Without a needed-by date, capacity is judged over this many days.
DEFAULT_HORIZON_DAYS = 30
# A price this far above the target (as a fraction) earns no price points; beyond it is severe.
PRICE_TOLERANCE = 1.0
# Capacity (or time for the lead time) below this share of what is needed is a severe miss.
PARTIAL_SHARE = 0.5
# A minimum order above this multiple of the quantity is a severe miss.
MOQ_TOLERANCE = 2.0
# Points taken off for each severe miss (see the module docstring).
SEVERE_PENALTY = 20.0
SEVERE_CRITERIA = ("standards", "capacity", "lead_time", "price", "moq")
# How the severe misses name a criterion to a reader (the English text shows the code itself).
CRITERION_NAMES = {
    "standards": gettext_noop("standards"),
    "capacity": gettext_noop("capacity"),
    "lead_time": gettext_noop("lead_time"),
    "price": gettext_noop("price"),
    "moq": gettext_noop("moq"),
}
# The phrasing of the stored explanations: 2 counts days and pieces (plural forms) and names
# categories and markets; criteria stored otherwise are re-derived from their English text.
PHRASING = 2
BASE_CURRENCY = "USD"
IMPORT = "import"
EXPORT = "export"


@dataclass(frozen=True)
class CertificateFacts:
    owner_id: int  # the organisation the certificate document belongs to
    standards: frozenset[str]
    markets: frozenset[str]
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    number: str = ""

    def valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def covers_market(self, markets: frozenset[str]) -> bool:
        """A certificate naming no market is accepted everywhere; otherwise one must match."""
        return not self.markets or not markets or bool(self.markets & markets)


@dataclass(frozen=True)
class RuleFacts:
    """A market rule: to sell ``category`` into ``market`` a product needs all/any of ``standards``."""

    market: str
    category: str
    mode: str  # "all" or "any"
    standards: tuple[str, ...]
    approvals: frozenset[str]  # the standards in the rule that are regulatory approvals
    kind: str = IMPORT  # import: applies by destination; export: by the product's origin

    @property
    def names_approval(self) -> bool:
        return bool(self.approvals)

    @property
    def certificate_markets(self) -> frozenset[str]:
        """The markets a certificate must cover to count for this rule (none: any market will do)."""
        return frozenset() if self.kind == EXPORT else frozenset({self.market})


@dataclass(frozen=True)
class RequestFacts:
    id: int
    category_id: int | None
    category_slug: str
    category_ids: frozenset[int]  # the category and its sub-categories
    hs_heading: str
    quantity: int
    unit: str
    needed_by: datetime.date | None
    destination_country: str
    markets: frozenset[str]  # market codes covering the destination country
    required_standards: tuple[str, ...]
    approval_codes: frozenset[str]  # which standard codes (anywhere) are regulatory approvals
    target_unit_price: Decimal | None
    currency: str
    # Export markets covering the destination: goods that stay inside one are not exported.
    destination_export_markets: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ProductFacts:
    id: int
    vendor_id: int
    vendor_verified: bool
    published: bool
    category_id: int
    category_slug: str
    hs_heading: str
    capacity_per_day: int
    stock: int
    lead_time_days: int
    min_order_quantity: int
    price_min: Decimal
    price_max: Decimal
    currency: str
    standards: frozenset[str]
    certificates: tuple[CertificateFacts, ...] = ()
    origin_country: str = ""
    export_markets: frozenset[str] = frozenset()  # export markets covering the country of origin
    # Verified, or listed from a source staff allow for matching (None: the same as vendor_verified).
    vendor_matchable: bool | None = None

    @property
    def vendor_candidate(self) -> bool:
        """May matching propose this vendor at all (``Organization.objects.matchable``)?"""
        return self.vendor_verified if self.vendor_matchable is None else self.vendor_matchable


@dataclass(frozen=True)
class Criterion:
    criterion: str
    status: str
    phrase: Phrase
    expected: Any = None
    actual: Any = None

    @property
    def detail(self) -> str:
        """The explanation in English (as stored; the API renders the phrase in the reader's language)."""
        return self.phrase.english

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the English ``detail`` for old readers, and the phrase's ``template`` and
        ``params`` for ``stored_phrase_text``."""
        return {
            "criterion": self.criterion,
            "status": self.status,
            "detail": self.detail,
            **self.phrase.stored(),
            # Which phrasing the template follows (see ``matching.explanations``).
            "phrasing": PHRASING,
            "expected": self.expected,
            "actual": self.actual,
        }


@dataclass
class Evaluation:
    eligible: bool
    score: float
    score_parts: dict[str, float]
    criteria: list[Criterion]
    exclusions: list[Criterion] = field(default_factory=list)

    def criteria_dicts(self) -> list[dict[str, Any]]:
        return [criterion.as_dict() for criterion in [*self.exclusions, *self.criteria]]


# --- helpers ---


def _number(value: float | int | Decimal) -> str:
    """1234567 → '1,234,567'; 0.125 → '0.125'; 12.50 → '12.5'."""
    if isinstance(value, int) or (isinstance(value, float | Decimal) and value == int(value)):
        return f"{int(value):,}"
    return f"{float(value):,.4f}".rstrip("0").rstrip(".")


def _percent(value: float) -> str:
    return f"{round(value * 100):.0f}%"


def _reference_day(request: RequestFacts, today: datetime.date) -> datetime.date:
    """The day certificates must be valid on: the needed-by date, or today without one."""
    if request.needed_by is None:
        return today
    return max(request.needed_by, today)


def _valid_certificates(product: ProductFacts, day: datetime.date) -> list[CertificateFacts]:
    return [
        certificate
        for certificate in product.certificates
        if certificate.owner_id == product.vendor_id and certificate.valid_on(day)
    ]


def _has_certificate(
    product: ProductFacts, code: str, markets: frozenset[str], day: datetime.date
) -> CertificateFacts | None:
    for certificate in _valid_certificates(product, day):
        if code in certificate.standards and certificate.covers_market(markets):
            return certificate
    return None


def _expired_certificate(
    product: ProductFacts, code: str, markets: frozenset[str]
) -> CertificateFacts | None:
    """A certificate of the vendor for ``code`` and the market that is not valid on the day (for the
    explanation: "CE MDR certificate expired 2020-03-01")."""
    for certificate in product.certificates:
        if (
            certificate.owner_id == product.vendor_id
            and code in certificate.standards
            and certificate.covers_market(markets)
        ):
            return certificate
    return None


def _standard_met(
    product: ProductFacts, code: str, *, approval: bool, markets: frozenset[str], day: datetime.date
) -> bool:
    if _has_certificate(product, code, markets, day) is not None:
        return True
    return not approval and code in product.standards


def _rule_met(product: ProductFacts, rule: RuleFacts, day: datetime.date) -> tuple[bool, list[str]]:
    """(satisfied, the standards missing) for one market rule."""
    markets = rule.certificate_markets
    missing = [
        code
        for code in rule.standards
        if not _standard_met(product, code, approval=code in rule.approvals, markets=markets, day=day)
    ]
    if rule.mode == "any":
        return len(missing) < len(rule.standards), missing
    return not missing, missing


def say(template: str, **params: str | Phrase | PhraseList | Named) -> Phrase:
    """A phrase of the explanation: ``template`` is a msgid of ``backend/locale`` (numbers and dates
    go in as the strings shown today, so every language shows the same figures)."""
    return Phrase(template, params)


def counted(
    msgids: tuple[str, str], count_param: str, /, **params: str | Phrase | PhraseList | Named
) -> Phrase:
    """A phrase in the plural form for the number in ``params[count_param]`` (see ``Phrase``)."""
    singular, plural = msgids
    return Phrase(singular, params, plural=plural, count=count_param)


def day_count(days: int | str) -> Phrase:
    """The words for "1 day", "30 days" in the reader's language."""
    return counted(plural_noop("%(count)s day", "%(count)s days"), "count", count=str(days))


def unit_phrase(unit: str, count: str) -> str | Phrase:
    """The request's unit for ``count`` of it: the default "piece" is a word of the reader's
    language (in its plural form), a unit the buyer typed stays as typed."""
    if unit in {"", "piece", "pieces"}:
        return counted(plural_noop("piece", "pieces"), "count", count=count)
    return unit


def category_name(slug: str) -> Named:
    return Named("category", slug)


def market_name(code: str) -> Named:
    return Named("market", code)


def _codes(codes: Iterable[str]) -> str:
    return ", ".join(codes)


def _rule_label(rule: RuleFacts) -> Phrase:
    return rule_phrase(market=rule.market, standards=rule.standards, mode=rule.mode, category=rule.category)


def rule_phrase(*, market: str, standards: Sequence[str], mode: str, category: str) -> Phrase:
    """ "EU asks for CE MDR and EN 14683 (surgical-masks)", with the market and category named."""
    joiner = gettext_noop(" and ") if mode == "all" else gettext_noop(" or ")
    return say(
        gettext_noop("%(market)s asks for %(standards)s (%(category)s)"),
        market=market_name(market),
        standards=PhraseList(tuple(standards), joiner),
        category=category_name(category),
    )


def _missing_detail(
    product: ProductFacts, rule: RuleFacts, missing: Sequence[str], day: datetime.date
) -> Phrase:
    markets = rule.certificate_markets
    parts: list[str | Phrase] = []
    for code in missing:
        if code in rule.approvals:
            old = _expired_certificate(product, code, markets)
            if old is not None and old.valid_until is not None and old.valid_until < day:
                parts.append(
                    say(
                        gettext_noop("%(code)s certificate expired %(date)s"),
                        code=code,
                        date=old.valid_until.isoformat(),
                    )
                )
            elif old is not None and old.valid_from is not None and old.valid_from > day:
                parts.append(
                    say(
                        gettext_noop("%(code)s certificate valid only from %(date)s"),
                        code=code,
                        date=old.valid_from.isoformat(),
                    )
                )
            else:
                parts.append(
                    say(
                        gettext_noop("no %(code)s certificate valid for %(market)s on %(date)s"),
                        code=code,
                        market=market_name(rule.market),
                        date=day.isoformat(),
                    )
                )
        else:
            parts.append(say(gettext_noop("%(code)s not claimed or certified"), code=code))
    return say(
        # A msgid for its punctuation: French puts a space before the colon, Chinese uses "：".
        gettext_noop("%(rule)s: %(missing)s"),
        rule=_rule_label(rule),
        missing=PhraseList(tuple(parts)),
    )


def to_base_currency(amount: Decimal, currency: str, rates: Mapping[str, float]) -> Decimal | None:
    """``amount`` in USD, using ``rates`` (USD per unit of the currency); None without a rate."""
    if currency == BASE_CURRENCY:
        return amount
    rate = rates.get(currency)
    if rate is None:
        return None
    return amount * Decimal(str(rate))


def rule_applies(rule: RuleFacts, *, request: RequestFacts, product: ProductFacts) -> bool:
    """An import rule applies when the request goes to its market; an export rule when the product
    comes from it and goes elsewhere (whatever the destination)."""
    if rule.kind == EXPORT:
        return rule.market in product.export_markets and rule.market not in request.destination_export_markets
    return rule.market in request.markets


# --- the criteria ---


def _hard_rules(
    request: RequestFacts, product: ProductFacts, rules: Sequence[RuleFacts], day: datetime.date
) -> tuple[list[Criterion], list[Criterion], list[RuleFacts]]:
    """(exclusions, hard rules met, the technical-only rules left for the soft ``market`` criterion)."""
    exclusions: list[Criterion] = []
    met: list[Criterion] = []
    if not product.vendor_candidate:
        exclusions.append(
            Criterion(
                "vendor_verified",
                NOT_MET,
                say(gettext_noop("vendor not verified")),
                expected=True,
                actual=False,
            )
        )
    if not product.published:
        exclusions.append(
            Criterion(
                "product_published",
                NOT_MET,
                say(gettext_noop("product not published")),
                expected=True,
                actual=False,
            )
        )
    technical_rules: list[RuleFacts] = []
    for rule in rules:
        if not rule_applies(rule, request=request, product=product):
            continue
        if not rule.names_approval:
            technical_rules.append(rule)
            continue
        satisfied, missing = _rule_met(product, rule, day)
        if satisfied:
            met.append(
                Criterion(
                    "market_approval",
                    MET,
                    say(
                        gettext_noop("%(rule)s: met for %(date)s"),
                        rule=_rule_label(rule),
                        date=day.isoformat(),
                    ),
                    expected=list(rule.standards),
                    actual=sorted(set(rule.standards) - set(missing)),
                )
            )
        else:
            exclusions.append(
                Criterion(
                    "market_approval",
                    NOT_MET,
                    _missing_detail(product, rule, missing, day),
                    expected=list(rule.standards),
                    actual=sorted(set(rule.standards) - set(missing)),
                )
            )
    return exclusions, met, technical_rules


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


def capacity_how(*, per_day: str, days: str, lead: str, stock: str) -> Phrase:
    """How the capacity was reckoned: "10,000/day × 25 days after a 5-day lead time + 0 in stock"."""
    return say(
        gettext_noop("%(per_day)s/day × %(days)s after a %(lead)s lead time + %(stock)s in stock"),
        per_day=per_day,
        days=day_count(days),
        # English says "5-day" whatever the number; other languages count the days.
        lead=counted(plural_noop("%(count)s-day", "%(count)s-day"), "count", count=lead),
        stock=stock,
    )


def lead_phrase(lead: int | str, days: int | str) -> Phrase:
    return counted(
        plural_noop("lead time %(lead)s, needed in %(days)s", "lead time %(lead)s, needed in %(days)s"),
        "days",
        lead=day_count(lead),
        days=str(days),
    )


def _rates_note(currencies: Sequence[str], dates: Mapping[str, datetime.date | None]) -> Phrase | str:
    """Where the rates used come from: the table's as-of date(s), or the setting."""
    used = [code for code in dict.fromkeys(currencies) if code != BASE_CURRENCY]
    days = sorted({day.isoformat() for code in used if (day := dates.get(code)) is not None})
    if days:
        return say(gettext_noop("rates as of %(dates)s"), dates=_codes(days))
    return say(gettext_noop("rates from MEDMATCH_FX_RATES")) if used else ""


def _price(
    request: RequestFacts,
    product: ProductFacts,
    rates: Mapping[str, float],
    dates: Mapping[str, datetime.date | None],
) -> tuple[float, Criterion]:
    weight = WEIGHTS["price"]
    band = f"{_number(product.price_min)}–{_number(product.price_max)} {product.currency}"
    if request.target_unit_price is None:
        return weight, Criterion(
            "price",
            MET,
            say(gettext_noop("no target price; %(band)s"), band=band),
            expected=None,
            actual=band,
        )
    target = request.target_unit_price
    target_text = f"{_number(target)} {request.currency}"
    note: str | Phrase
    if product.currency == request.currency:
        price, goal, note = product.price_min, target, ""
    else:
        converted_price = to_base_currency(product.price_min, product.currency, rates)
        converted_target = to_base_currency(target, request.currency, rates)
        if converted_price is None or converted_target is None:
            # Unknown is not "fine": a price that cannot be checked earns no price points.
            missing = [
                code
                for code in (product.currency, request.currency)
                if to_base_currency(Decimal(1), code, rates) is None
            ]
            return 0.0, Criterion(
                "price",
                PARTIAL,
                say(
                    gettext_noop(
                        "price not comparable (%(product_currency)s vs %(request_currency)s): "
                        "no exchange rate for %(missing)s; no price points"
                    ),
                    product_currency=product.currency,
                    request_currency=request.currency,
                    missing=_codes(dict.fromkeys(missing)),
                ),
                expected=target_text,
                actual=band,
            )
        price, goal = converted_price, converted_target
        rates_note = _rates_note((product.currency, request.currency), dates)
        note = say(
            gettext_noop(" (≈ %(price)s vs %(target)s %(currency)s; %(rates)s)"),
            price=_number(round(price, 4)),
            target=_number(round(goal, 4)),
            currency=BASE_CURRENCY,
            rates=rates_note,
        )
    if price <= goal:
        return weight, Criterion(
            "price",
            MET,
            say(
                gettext_noop("price %(band)s within target %(target)s%(note)s"),
                band=band,
                target=target_text,
                note=note,
            ),
            expected=target_text,
            actual=band,
        )
    over = float(price / goal) - 1
    points = weight * max(0.0, 1 - over / PRICE_TOLERANCE)
    status = PARTIAL if over <= PRICE_TOLERANCE else NOT_MET
    return points, Criterion(
        "price",
        status,
        say(
            gettext_noop("price %(percent)s above target: from %(band)s, target %(target)s%(note)s"),
            percent=_percent(over),
            band=band,
            target=target_text,
            note=note,
        ),
        expected=target_text,
        actual=band,
    )


def _moq(request: RequestFacts, product: ProductFacts) -> tuple[float, Criterion]:
    moq, quantity = product.min_order_quantity, request.quantity
    if moq <= quantity:
        return WEIGHTS["moq"], Criterion(
            "moq",
            MET,
            say(
                gettext_noop("minimum order %(moq)s within quantity %(quantity)s"),
                moq=_number(moq),
                quantity=_number(quantity),
            ),
            expected=quantity,
            actual=moq,
        )
    status = PARTIAL if moq <= quantity * MOQ_TOLERANCE else NOT_MET
    return 0.0, Criterion(
        "moq",
        status,
        say(
            gettext_noop("minimum order %(moq)s above quantity %(quantity)s"),
            moq=_number(moq),
            quantity=_number(quantity),
        ),
        expected=quantity,
        actual=moq,
    )


def _penalty(criteria: Sequence[Criterion]) -> tuple[float, Criterion]:
    severe = [
        item.criterion
        for item in criteria
        if item.criterion in SEVERE_CRITERIA
        and (item.status == NOT_MET or (item.criterion == "standards" and item.status == PARTIAL))
    ]
    if not severe:
        return 0.0, Criterion("penalty", MET, say(gettext_noop("no severe misses")), expected=[], actual=[])
    return -SEVERE_PENALTY * len(severe), Criterion(
        "penalty",
        NOT_MET,
        say(
            gettext_noop("severe misses: %(criteria)s (−%(points)s points each)"),
            criteria=PhraseList(tuple(say(CRITERION_NAMES[name]) for name in severe), ", "),
            points=f"{SEVERE_PENALTY:.0f}",
        ),
        expected=[],
        actual=severe,
    )


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
