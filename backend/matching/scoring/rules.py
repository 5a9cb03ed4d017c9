"""Certificates on a day, market rules met or missing, currency conversion, and the hard rules
(verified vendor, published product, market rules naming an approval)."""

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.utils.translation import gettext_noop

from core.i18n import Phrase, PhraseList
from matching.scoring.facts import (
    BASE_CURRENCY,
    EXPORT,
    MET,
    NOT_MET,
    CertificateFacts,
    Criterion,
    ProductFacts,
    RequestFacts,
    RuleFacts,
)
from matching.scoring.phrases import market_name, rule_phrase, say


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


def _rule_label(rule: RuleFacts) -> Phrase:
    return rule_phrase(market=rule.market, standards=rule.standards, mode=rule.mode, category=rule.category)


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
