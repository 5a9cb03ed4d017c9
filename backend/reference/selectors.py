"""Reads of the reference data: taxonomy, standards, markets and market rules."""

import re
import unicodedata

from django.db.models import Prefetch, Q, QuerySet

from reference.models import Category, Market, MarketRequirement, Standard

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


def category_detail_list() -> QuerySet[Category]:
    """Categories with their market rules, for the detail view."""
    return Category.objects.prefetch_related(_requirements_prefetch(lookup="market_requirements"))


def market_list() -> QuerySet[Market]:
    return Market.objects.prefetch_related(_requirements_prefetch(lookup="requirements"))


def standard_list() -> QuerySet[Standard]:
    return Standard.objects.all()
