"""Reads of the reference data: taxonomy, standards, markets and market rules."""

import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet

from reference.models import Category, ExchangeRate, Market, MarketKind, MarketRequirement, Standard
from search.categories import infer_categories
from search.errors import SearchUnavailable

HS_DIGITS = re.compile(r"^\d{1,10}$")


def hs_code_prefix_q(*, prefix: str, field: str = "hs_code", hs2022_field: str = "hs2022_code") -> Q:
    """Match an HS code prefix against the stored code or its HS 2022 code.

    Accepts "4015", "4015.1", "401519" and "4015.19"; codes are stored as "4015.19".
    """
    digits = prefix.strip().replace(".", "").replace(" ", "")
    if not HS_DIGITS.match(digits):
        return Q(pk__in=[])
    dotted = digits if len(digits) <= 4 else f"{digits[:4]}.{digits[4:]}"
    return Q(**{f"{field}__startswith": dotted}) | Q(**{f"{hs2022_field}__startswith": dotted})


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def category_ids_matching(*, text: str) -> list[int]:
    """Ids of categories whose name or synonym, in any language, contains ``text`` (case-insensitive).

    Done in Python: the taxonomy is small (tens to hundreds of rows) and this
    folds case correctly for every script, which SQL on JSON values would not.
    """
    needle = _fold(text)
    if not needle:
        return list(Category.objects.values_list("pk", flat=True))
    matching = []
    for category in Category.objects.only("pk", "names", "synonyms"):
        if any(needle in _fold(term) for term in category.all_terms()):
            matching.append(category.pk)
    return matching


def category_descendant_ids(*, category_ids: list[int]) -> list[int]:
    """The given categories and all their descendants (the taxonomy is a shallow tree)."""
    found = set(category_ids)
    frontier = set(category_ids)
    while frontier:
        frontier = set(Category.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return sorted(found)


def category_list() -> QuerySet[Category]:
    return Category.objects.all()


def _requirements_prefetch(*, lookup: str) -> Prefetch[str, QuerySet[MarketRequirement], str]:
    return Prefetch(
        lookup,
        queryset=MarketRequirement.objects.select_related("market", "category").prefetch_related(
            Prefetch("standards", queryset=Standard.objects.order_by("code"))
        ),
    )


@dataclass(frozen=True)
class CategoryGuess:
    category: Category
    confidence: float  # relative to the best guess (1.0)


def category_guesses(*, text: str) -> list[CategoryGuess]:
    """The categories ``text`` is most likely about, best first (the engine reads the taxonomy's
    names and synonyms in six languages). Raises SearchUnavailable when the engine is down."""
    guesses = infer_categories(text)
    by_slug = {
        category.slug: category for category in category_list().filter(slug__in=[g.slug for g in guesses])
    }
    return [
        CategoryGuess(category=by_slug[guess.slug], confidence=guess.confidence)
        for guess in guesses
        if guess.slug in by_slug
    ]


def category_suggestion(*, text: str) -> Category | None:
    """The best guess for ``text``, or None when nothing matches or the engine is down: a
    suggestion is a courtesy, never a reason for a write to fail."""
    if not text.strip():
        return None
    try:
        guesses = category_guesses(text=text)
    except SearchUnavailable:
        return None
    return guesses[0].category if guesses else None


def category_detail_list() -> QuerySet[Category]:
    """Categories with their market rules, for the detail view."""
    return Category.objects.prefetch_related(_requirements_prefetch(lookup="market_requirements"))


def market_codes_for(*, country: str, kind: str = MarketKind.IMPORT) -> frozenset[str]:
    """Codes of the markets of ``kind`` whose countries include ``country``: for an import market
    the destination, for an export market the product's country of origin. Done in Python, so
    that it works on every database (SQLite has no JSON ``contains``); markets are few."""
    return frozenset(
        market.code
        for market in Market.objects.only("code", "kind", "countries")
        if market.kind == kind and country in (market.countries or [])
    )


def market_ids_covering(*, country: str) -> list[int]:
    """Ids of the markets, of either kind, that list ``country``."""
    return [
        market.pk for market in Market.objects.only("pk", "countries") if country in (market.countries or [])
    ]


def market_list() -> QuerySet[Market]:
    return Market.objects.prefetch_related(_requirements_prefetch(lookup="requirements"))


def standard_list() -> QuerySet[Standard]:
    return Standard.objects.all()


def standard_key(code: str) -> str:
    """A standard code as every app compares it: case and runs of white space do not count."""
    return " ".join(code.split()).casefold()


def standard_index() -> dict[str, Standard]:
    """Every standard by ``standard_key`` of its code (a small table: callers load it once per call)."""
    return {standard_key(standard.code): standard for standard in Standard.objects.all()}


def standards_by_code(
    *, codes: Iterable[str], index: Mapping[str, Standard] | None = None
) -> tuple[list[Standard], list[str]]:
    """The one standard resolver: the standards that ``codes`` name (case and spaces ignored), each
    once in the order given, and the codes that name none. Blank codes are skipped."""
    index = standard_index() if index is None else index
    found: dict[int, Standard] = {}
    unknown: list[str] = []
    for code in codes:
        if not code.strip():
            continue
        standard = index.get(standard_key(code))
        if standard is None:
            unknown.append(code.strip())
        else:
            found.setdefault(standard.pk, standard)
    return list(found.values()), unknown


@dataclass(frozen=True)
class FxRates:
    """US dollars per unit of each currency, and the day each rate is from (None: from the
    MEDMATCH_FX_RATES setting, which overrides the table)."""

    rates: dict[str, float] = field(default_factory=dict)
    as_of: dict[str, datetime.date | None] = field(default_factory=dict)


def exchange_rate_list() -> QuerySet[ExchangeRate]:
    return ExchangeRate.objects.all()


def fx_rates_current() -> FxRates:
    """The rate table (admin-editable) with the MEDMATCH_FX_RATES overrides applied."""
    rates: dict[str, float] = {"USD": 1.0}
    as_of: dict[str, datetime.date | None] = {"USD": None}
    for row in ExchangeRate.objects.all():
        rates[row.currency] = float(row.usd_per_unit)
        as_of[row.currency] = row.as_of
    for code, rate in dict(getattr(settings, "MEDMATCH_FX_RATES", {}) or {}).items():
        rates[str(code).upper()] = float(rate)
        as_of[str(code).upper()] = None
    return FxRates(rates=rates, as_of=as_of)


class ReferenceNames:
    """Names of categories and markets in the active language, for explanations that name them
    (``core.i18n.Named``): a category's name in the language (else English), a market's name
    through the catalogues (``backend/locale``). Loads both tables once, on first use."""

    def __init__(self) -> None:
        self._categories: dict[str, dict[str, str]] | None = None
        self._markets: dict[str, str] | None = None

    def __call__(self, kind: str, code: str) -> str | None:
        from django.utils.translation import get_language, gettext

        if kind == "category":
            if self._categories is None:
                self._categories = {
                    slug: names or {} for slug, names in Category.objects.values_list("slug", "names")
                }
            names = self._categories.get(code)
            if not names:
                return None
            language = (get_language() or "en").split("-")[0]
            return names.get(language) or names.get("en") or None
        if kind == "market":
            if self._markets is None:
                self._markets = dict(Market.objects.values_list("code", "name"))
            name = self._markets.get(code)
            return gettext(name) if name else None
        return None
