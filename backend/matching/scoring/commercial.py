"""The commercial criteria (price against the target, with converted currencies; minimum order)
and the penalty for severe misses."""

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.utils.translation import gettext_noop

from core.i18n import Phrase, PhraseList
from matching.scoring.facts import (
    BASE_CURRENCY,
    CRITERION_NAMES,
    MET,
    MOQ_TOLERANCE,
    NOT_MET,
    PARTIAL,
    PRICE_TOLERANCE,
    SEVERE_CRITERIA,
    SEVERE_PENALTY,
    WEIGHTS,
    Criterion,
    ProductFacts,
    RequestFacts,
)
from matching.scoring.phrases import _codes, _number, _percent, say
from matching.scoring.rules import to_base_currency


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
