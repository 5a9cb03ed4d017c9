"""Criteria stored in an older phrasing, re-derived so that they read in the reader's language.

Proposals scored before explanations were stored as phrases carry only their English ``detail``;
those scored before ``PHRASING`` 2 carry phrases that neither count days and pieces nor name
categories and markets. Scoring has always written the same English, so the English ``detail`` is
parsed back into today's phrase (the tests check that this gives exactly what scoring stores now).
A text that matches no known phrasing keeps what is stored.
"""

import re
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext_noop

from core.i18n import Phrase, PhraseList
from matching.scoring import (
    CRITERION_NAMES,
    PHRASING,
    capacity_how,
    category_name,
    day_count,
    lead_phrase,
    market_name,
    rule_phrase,
    say,
    unit_phrase,
)

_DATE = r"\d{4}-\d{2}-\d{2}"
_NUM = r"-?[\d,]+(?:\.\d+)?"
_BY = rf"(?:by (?P<date>{_DATE})|within (?P<horizon>\d+) days?)"
_HOW = (
    rf"(?P<per_day>{_NUM})/day × (?P<days>-?\d+) days? after a (?P<lead>-?\d+)-day lead time "
    rf"\+ (?P<stock>{_NUM}) in stock"
)
_RULE = r"(?P<market>\S+) asks for (?P<standards>.+?) \((?P<category>[^()]*)\)"
_NOTE = (
    rf"(?: \(≈ (?P<nprice>{_NUM}) vs (?P<ntarget>{_NUM}) (?P<ncurrency>\S+); "
    r"(?P<rates>rates as of .+|rates from MEDMATCH_FX_RATES)\))?"
)
_CONSTANTS = [
    gettext_noop("vendor not verified"),
    gettext_noop("product not published"),
    gettext_noop("vendor verified"),
    gettext_noop("listed vendor, not verified yet: its source is allowed for matching"),
    gettext_noop("the request names no category; matched on text"),
    gettext_noop("no text match (found by category)"),
    gettext_noop("no standards required"),
    gettext_noop("no severe misses"),
]

Groups = Mapping[str, str | None]


def _g(groups: Groups, name: str) -> str:
    return groups.get(name) or ""


def _rule(groups: Groups) -> Phrase:
    standards = _g(groups, "standards")
    mode = "any" if " or " in standards else "all"
    codes = standards.split(" or " if mode == "any" else " and ")
    return rule_phrase(
        market=_g(groups, "market"), standards=codes, mode=mode, category=_g(groups, "category")
    )


def _by(groups: Groups) -> Phrase:
    if groups.get("date"):
        return say(gettext_noop("by %(date)s"), date=_g(groups, "date"))
    return say(gettext_noop("within %(days)s"), days=day_count(_g(groups, "horizon")))


def _how(groups: Groups) -> Phrase:
    return capacity_how(
        per_day=_g(groups, "per_day"),
        days=_g(groups, "days"),
        lead=_g(groups, "lead"),
        stock=_g(groups, "stock"),
    )


def _unit(groups: Groups, count: str) -> str | Phrase:
    return unit_phrase(_g(groups, "unit"), _g(groups, count))


def _note(groups: Groups) -> str | Phrase:
    if not groups.get("nprice"):
        return ""
    rates_text = _g(groups, "rates")
    rates = (
        say(gettext_noop("rates as of %(dates)s"), dates=rates_text.removeprefix("rates as of "))
        if rates_text.startswith("rates as of ")
        else say(gettext_noop("rates from MEDMATCH_FX_RATES"))
    )
    return say(
        gettext_noop(" (≈ %(price)s vs %(target)s %(currency)s; %(rates)s)"),
        price=_g(groups, "nprice"),
        target=_g(groups, "ntarget"),
        currency=_g(groups, "ncurrency"),
        rates=rates,
    )


_MISSING_ITEMS: list[tuple[str, Callable[[Groups], Phrase]]] = [
    (
        rf"(?P<code>.+) certificate expired (?P<date>{_DATE})",
        lambda g: say(
            gettext_noop("%(code)s certificate expired %(date)s"), code=_g(g, "code"), date=_g(g, "date")
        ),
    ),
    (
        rf"(?P<code>.+) certificate valid only from (?P<date>{_DATE})",
        lambda g: say(
            gettext_noop("%(code)s certificate valid only from %(date)s"),
            code=_g(g, "code"),
            date=_g(g, "date"),
        ),
    ),
    (
        rf"no (?P<code>.+) certificate valid for (?P<market>\S+) on (?P<date>{_DATE})",
        lambda g: say(
            gettext_noop("no %(code)s certificate valid for %(market)s on %(date)s"),
            code=_g(g, "code"),
            market=market_name(_g(g, "market")),
            date=_g(g, "date"),
        ),
    ),
    (
        r"(?P<code>.+) not claimed or certified",
        lambda g: say(gettext_noop("%(code)s not claimed or certified"), code=_g(g, "code")),
    ),
]


def _one_of(text: str, patterns: list[tuple[str, Callable[[Groups], Phrase]]]) -> Phrase | None:
    for pattern, build in patterns:
        match = re.fullmatch(pattern, text)
        if match is not None:
            return build(match.groupdict())
    return None


def _rule_missing(text: str) -> Phrase | None:
    """ "EU asks for CE MDR (surgical-masks): CE MDR certificate expired 2020-03-01; …"."""
    match = re.fullmatch(rf"{_RULE}: (?P<missing>.+)", text)
    if match is None:
        return None
    items = [_one_of(item, _MISSING_ITEMS) for item in match["missing"].split("; ")]
    if any(item is None for item in items):
        return None
    return say(
        gettext_noop("%(rule)s: %(missing)s"),
        rule=_rule(match.groupdict()),
        missing=PhraseList(tuple(item for item in items if item is not None)),
    )


def _market_unmet(text: str) -> Phrase | None:
    """Unmet technical rules, one after the other ("…; US asks for …")."""
    rules = [_rule_missing(part) for part in re.split(r"; (?=\S+ asks for )", text)]
    if not rules or any(rule is None for rule in rules):
        return None
    return say("%(rules)s", rules=PhraseList(tuple(rule for rule in rules if rule is not None)))


def _severe(groups: Groups) -> Phrase | None:
    names = _g(groups, "criteria").split(", ")
    if any(name not in CRITERION_NAMES for name in names):
        return None
    return say(
        gettext_noop("severe misses: %(criteria)s (−%(points)s points each)"),
        criteria=PhraseList(tuple(say(CRITERION_NAMES[name]) for name in names), ", "),
        points=_g(groups, "points"),
    )


_PATTERNS: list[tuple[str, Callable[[Groups], Phrase | None]]] = [
    *[(re.escape(text), lambda _g, text=text: say(text)) for text in _CONSTANTS],
    (
        rf"{_RULE}: met for (?P<date2>{_DATE})",
        lambda g: say(gettext_noop("%(rule)s: met for %(date)s"), rule=_rule(g), date=_g(g, "date2")),
    ),
    (
        r"same category \((?P<category>[^()]*)\)",
        lambda g: say(
            gettext_noop("same category (%(category)s)"), category=category_name(_g(g, "category"))
        ),
    ),
    (
        r"same HS heading (?P<heading>\S*), other category \((?P<category>[^()]*)\)",
        lambda g: say(
            gettext_noop("same HS heading %(heading)s, other category (%(category)s)"),
            heading=_g(g, "heading"),
            category=category_name(_g(g, "category")),
        ),
    ),
    (
        r"other category \((?P<category>[^()]*), HS (?P<heading>[^()]*)\); text match only",
        lambda g: say(
            gettext_noop("other category (%(category)s, HS %(heading)s); text match only"),
            category=category_name(_g(g, "category")),
            heading=_g(g, "heading"),
        ),
    ),
    (
        r"text relevance (?P<percent>\d+%) of the best candidate",
        lambda g: say(
            gettext_noop("text relevance %(percent)s of the best candidate"), percent=_g(g, "percent")
        ),
    ),
    (
        r"no market rules recorded for (?P<country>.+)",
        lambda g: say(gettext_noop("no market rules recorded for %(country)s"), country=_g(g, "country")),
    ),
    (
        r"meets the rules of (?P<markets>.+)",
        lambda g: say(
            gettext_noop("meets the rules of %(markets)s"),
            markets=PhraseList(tuple(market_name(code) for code in _g(g, "markets").split(", ")), ", "),
        ),
    ),
    (
        r"missing (?P<missing>.+?) \(required by the buyer\); meets (?P<codes>.+)",
        lambda g: say(
            gettext_noop("missing %(missing)s (required by the buyer); meets %(codes)s"),
            missing=_g(g, "missing"),
            codes=_g(g, "codes"),
        ),
    ),
    (
        r"missing (?P<missing>.+) \(required by the buyer\)",
        lambda g: say(gettext_noop("missing %(missing)s (required by the buyer)"), missing=_g(g, "missing")),
    ),
    (r"meets (?P<codes>.+)", lambda g: say(gettext_noop("meets %(codes)s"), codes=_g(g, "codes"))),
    (
        rf"can supply (?P<available>{_NUM}) (?P<unit>.+?) {_BY} \({_HOW}\) for (?P<quantity>{_NUM}) wanted",
        lambda g: say(
            gettext_noop("can supply %(available)s %(unit)s %(by)s (%(how)s) for %(quantity)s wanted"),
            available=_g(g, "available"),
            unit=_unit(g, "available"),
            by=_by(g),
            how=_how(g),
            quantity=_g(g, "quantity"),
        ),
    ),
    (
        rf"capacity (?P<percent>\d+%) of quantity: (?P<available>{_NUM}) of (?P<quantity>{_NUM}) "
        rf"(?P<unit>.+?) {_BY} \({_HOW}\)",
        lambda g: say(
            gettext_noop(
                "capacity %(percent)s of quantity: %(available)s of %(quantity)s %(unit)s %(by)s (%(how)s)"
            ),
            percent=_g(g, "percent"),
            available=_g(g, "available"),
            quantity=_g(g, "quantity"),
            unit=_unit(g, "quantity"),
            by=_by(g),
            how=_how(g),
        ),
    ),
    (
        r"lead time (?P<lead>-?\d+) days?; no needed-by date",
        lambda g: say(gettext_noop("lead time %(lead)s; no needed-by date"), lead=day_count(_g(g, "lead"))),
    ),
    (
        r"lead time (?P<lead>-?\d+) days?, needed in (?P<days>-?\d+)",
        lambda g: lead_phrase(_g(g, "lead"), _g(g, "days")),
    ),
    (
        r"no target price; (?P<band>.+)",
        lambda g: say(gettext_noop("no target price; %(band)s"), band=_g(g, "band")),
    ),
    (
        r"price not comparable \((?P<pc>\S+) vs (?P<rc>\S+)\): no exchange rate for (?P<missing>.+); "
        r"no price points",
        lambda g: say(
            gettext_noop(
                "price not comparable (%(product_currency)s vs %(request_currency)s): "
                "no exchange rate for %(missing)s; no price points"
            ),
            product_currency=_g(g, "pc"),
            request_currency=_g(g, "rc"),
            missing=_g(g, "missing"),
        ),
    ),
    (
        rf"price (?P<band>.+?) within target (?P<target>{_NUM} \S+){_NOTE}",
        lambda g: say(
            gettext_noop("price %(band)s within target %(target)s%(note)s"),
            band=_g(g, "band"),
            target=_g(g, "target"),
            note=_note(g),
        ),
    ),
    (
        rf"price (?P<percent>\d+%) above target: from (?P<band>.+?), target (?P<target>{_NUM} \S+){_NOTE}",
        lambda g: say(
            gettext_noop("price %(percent)s above target: from %(band)s, target %(target)s%(note)s"),
            percent=_g(g, "percent"),
            band=_g(g, "band"),
            target=_g(g, "target"),
            note=_note(g),
        ),
    ),
    (
        rf"minimum order (?P<moq>{_NUM}) within quantity (?P<quantity>{_NUM})",
        lambda g: say(
            gettext_noop("minimum order %(moq)s within quantity %(quantity)s"),
            moq=_g(g, "moq"),
            quantity=_g(g, "quantity"),
        ),
    ),
    (
        rf"minimum order (?P<moq>{_NUM}) above quantity (?P<quantity>{_NUM})",
        lambda g: say(
            gettext_noop("minimum order %(moq)s above quantity %(quantity)s"),
            moq=_g(g, "moq"),
            quantity=_g(g, "quantity"),
        ),
    ),
    (r"severe misses: (?P<criteria>.+) \(−(?P<points>\d+) points each\)", _severe),
]


def phrase_from_english(detail: str, *, criterion: str = "") -> Phrase | None:
    """Today's phrase for an explanation scoring wrote in English for ``criterion``, or None when
    none fits."""
    for pattern, build in _PATTERNS:
        match = re.fullmatch(pattern, detail)
        if match is not None:
            return build(match.groupdict())
    # The soft market criterion lists its unmet rules; a hard rule's exclusion is one of them.
    return _market_unmet(detail) if criterion == "market" else _rule_missing(detail)


def criterion_phrase(item: Mapping[str, Any]) -> Phrase | None:
    """The phrase of a stored criterion when it is stored in an older phrasing (None: use what is
    stored, which is today's phrasing or an English text that no phrasing fits)."""
    if item.get("phrasing") == PHRASING:
        return None
    detail = item.get("detail")
    if not isinstance(detail, str):
        return None
    return phrase_from_english(detail, criterion=str(item.get("criterion", "")))
