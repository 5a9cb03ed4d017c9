"""The phrases of the explanations: numbers as shown, a msgid with its parameters, counted days and
pieces, named categories and markets, a market rule, how capacity and lead time were reckoned
(``matching.explanations`` builds the same phrases from older stored English)."""

from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.utils.translation import gettext_noop

from core.i18n import Named, Phrase, PhraseList, plural_noop


def _number(value: float | int | Decimal) -> str:
    """1234567 → '1,234,567'; 0.125 → '0.125'; 12.50 → '12.5'."""
    if isinstance(value, int) or (isinstance(value, float | Decimal) and value == int(value)):
        return f"{int(value):,}"
    return f"{float(value):,.4f}".rstrip("0").rstrip(".")


def _percent(value: float) -> str:
    return f"{round(value * 100):.0f}%"


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


def rule_phrase(*, market: str, standards: Sequence[str], mode: str, category: str) -> Phrase:
    """ "EU asks for CE MDR and EN 14683 (surgical-masks)", with the market and category named."""
    joiner = gettext_noop(" and ") if mode == "all" else gettext_noop(" or ")
    return say(
        gettext_noop("%(market)s asks for %(standards)s (%(category)s)"),
        market=market_name(market),
        standards=PhraseList(tuple(standards), joiner),
        category=category_name(category),
    )


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
