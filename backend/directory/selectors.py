"""Search reads: products, suppliers and suggestions, through the search package."""

import base64
import binascii
import dataclasses
import json
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from reference.models import Category, Market, Standard
from search import engine, queries
from search.indexes import PRODUCT_SUGGESTIONS, PRODUCTS, SUPPLIERS
from search.pinyin import HAN

MAX_WINDOW = 10_000  # from + size beyond this needs the cursor


@dataclass
class SearchPage:
    count: int
    results: list[dict[str, Any]]
    facets: dict[str, Any]
    next_cursor: str | None
    relaxed: bool = False  # nothing matched the words as written; these are close matches


def encode_cursor(sort: str, sort_values: list[Any] | None) -> str | None:
    """An opaque cursor: the sort it belongs to and the sort key of the last hit."""
    if not sort_values:
        return None
    return base64.urlsafe_b64encode(json.dumps({"sort": sort, "after": sort_values}).encode()).decode()


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number a cursor can hold")


def decode_cursor(cursor: str, *, sort: str, sorts: dict[str, list[Any]]) -> list[Any]:
    """The ``search_after`` values of ``cursor``; ValueError if this API did not make it for ``sort``."""
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor.encode()), parse_constant=_refuse_constant)
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ValueError("not a cursor from this API") from exc
    if not isinstance(payload, dict) or payload.get("sort") != sort:
        raise ValueError("not a cursor for this sort order")
    values = payload.get("after")
    if not isinstance(values, list) or not queries.cursor_fits_sort(values, sorts[sort]):
        raise ValueError("not a cursor from this API")
    return values


REFERENCE_TTL_SECONDS = 60.0


@dataclass(frozen=True)
class _Reference:
    """Categories, markets and standards as searches need them: read by every search, edited rarely."""

    loaded_at: float
    labels: dict[str, dict[str, Any]]  # category slug → {"names", "hs_code"}
    children: dict[str, list[str]]  # category slug → its sub-categories' slugs
    markets: frozenset[str]
    standards: frozenset[str]

    def known(self, kind: str) -> Collection[str]:
        return {"category": self.labels.keys(), "market": self.markets, "standard": self.standards}[kind]


class _ReferenceCache:
    """The reference data, read from the database at most once a minute per process.

    An admin's edit shows in search within ``REFERENCE_TTL_SECONDS``; a value the snapshot
    does not know (a category added a moment ago) makes it read the database again.
    """

    def __init__(self) -> None:
        self._snapshot: _Reference | None = None

    def get(self, *, refresh: bool = False) -> _Reference:
        """The snapshot; ``refresh`` re-reads it unless it is under a second old."""
        snapshot = self._snapshot
        if snapshot is not None:
            age = time.monotonic() - snapshot.loaded_at
            if age <= REFERENCE_TTL_SECONDS and not (refresh and age > 1.0):
                return snapshot
        snapshot = self._load()
        self._snapshot = snapshot
        return snapshot

    @staticmethod
    def _load() -> _Reference:
        labels: dict[str, dict[str, Any]] = {}
        children: dict[str, list[str]] = {}
        for slug, parent, names, hs_code in Category.objects.values_list(
            "slug", "parent__slug", "names", "hs_code"
        ):
            labels[slug] = {"names": names, "hs_code": hs_code}
            if parent:
                children.setdefault(parent, []).append(slug)
        return _Reference(
            loaded_at=time.monotonic(),
            labels=labels,
            children=children,
            markets=frozenset(Market.objects.values_list("code", flat=True)),
            standards=frozenset(Standard.objects.values_list("code", flat=True)),
        )


_reference = _ReferenceCache()


def categories_with_descendants(slugs: Iterable[str]) -> list[str]:
    """``slugs`` and the slugs of all their sub-categories (a parent stands for its subtree)."""
    children = _reference.get().children
    wanted = set(slugs)
    frontier = list(wanted)
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in wanted:
                wanted.add(child)
                frontier.append(child)
    return sorted(wanted)


def unknown_reference_codes(*, kind: str, values: list[str]) -> list[str]:
    """The values that name no category (``kind="category"``), market or standard."""
    if kind not in ("category", "market", "standard"):
        raise ValueError(f"unknown reference kind {kind!r}")
    if not values:
        return []
    unknown = [value for value in values if value not in _reference.get().known(kind)]
    if unknown:  # perhaps added since the snapshot was read
        known = _reference.get(refresh=True).known(kind)
        unknown = [value for value in unknown if value not in known]
    return unknown


def _category_labels(slugs: list[str]) -> dict[str, dict[str, Any]]:
    labels = _reference.get().labels
    if any(slug not in labels for slug in slugs):
        labels = _reference.get(refresh=True).labels
    return {slug: labels[slug] for slug in slugs if slug in labels}


def _label_facets(facets: dict[str, Any]) -> dict[str, Any]:
    buckets = facets.get("category")
    if isinstance(buckets, list):
        labels = _category_labels([bucket["key"] for bucket in buckets])
        for bucket in buckets:
            bucket.update(labels.get(bucket["key"], {"names": {}, "hs_code": ""}))
    return facets


def _page(response: dict[str, Any], size: int, sort: str, *, relaxed: bool) -> SearchPage:
    total, hits, last_sort = queries.parse_hits(response)
    more = len(hits) == size
    return SearchPage(
        count=total,
        results=hits,
        facets=_label_facets(queries.parse_facets(response)),
        next_cursor=encode_cursor(sort, last_sort) if more else None,
        relaxed=relaxed,
    )


def _leniencies(text: str) -> list[queries.Leniency]:
    """The matching levels to try in turn: typos for any text, half the words for two or more."""
    if not text.strip():
        return [queries.Leniency.EXACT]
    levels = [queries.Leniency.EXACT, queries.Leniency.TYPOS]
    if len(text.split()) > 1:
        levels.append(queries.Leniency.PARTIAL)
    return levels


def product_search(*, query: queries.ProductQuery) -> SearchPage:
    """Faceted product search. Raises SearchUnavailable when the engine is down.

    When nothing matches the words as written, the search tries again with typo tolerance,
    then with half of the words, and says so (``relaxed``).
    """
    if query.categories:
        query = dataclasses.replace(query, categories=categories_with_descendants(query.categories))
    for leniency in _leniencies(query.text):
        query = dataclasses.replace(query, leniency=leniency)
        response = engine.faceted_search(PRODUCTS.alias(), queries.product_search_body(query))
        page = _page(response, query.size, query.sort, relaxed=leniency > queries.Leniency.EXACT)
        if page.count:
            break
    return page


def supplier_search(*, query: queries.SupplierQuery) -> SearchPage:
    """Faceted search of verified suppliers, relaxed like ``product_search``. May raise SearchUnavailable."""
    if query.categories:
        query = dataclasses.replace(query, categories=categories_with_descendants(query.categories))
    for leniency in _leniencies(query.text):
        query = dataclasses.replace(query, leniency=leniency)
        response = engine.faceted_search(SUPPLIERS.alias(), queries.supplier_search_body(query))
        page = _page(response, query.size, query.sort, relaxed=leniency > queries.Leniency.EXACT)
        if page.count:
            break
    return page


def _category_suggestions(prefix: str, size: int) -> list[dict[str, Any]]:
    """Categories are few (tens): matched in the database, in every language and synonym.

    A category whose name starts with the prefix comes before one that only mentions it.
    """
    needle = prefix.strip().lower()
    candidates = Category.objects.filter(
        Q(names__icontains=needle) | Q(synonyms__icontains=needle) | Q(hs_code__startswith=needle)
    )
    ranked: list[tuple[int, Category]] = []
    for category in candidates:
        names = [str(name).lower() for name in category.names.values()]
        terms = [category.hs_code, *(term.lower() for term in category.all_terms())]
        words = [word for term in terms for word in term.split()]
        if any(name.startswith(needle) for name in names):
            ranked.append((0, category))
        elif any(word.startswith(needle) for word in words) or category.hs_code.startswith(needle):
            ranked.append((1, category))
        elif any(needle in term for term in terms):
            ranked.append((2, category))
    ranked.sort(key=lambda item: (item[0], item[1].hs_code, item[1].slug))
    return [
        {"id": category.pk, "slug": category.slug, "hs_code": category.hs_code, "names": category.names}
        for _rank, category in ranked[:size]
    ]


def suggestions(*, prefix: str, size: int = 5) -> dict[str, list[dict[str, Any]]]:
    """Categories, products and suppliers whose names start like ``prefix`` (pinyin for Chinese names)."""
    is_latin = not HAN.search(prefix)
    texts = engine.search(PRODUCT_SUGGESTIONS.alias(), queries.suggestion_texts_body(prefix))
    scored_keys = {hit["_id"]: float(hit["_score"] or 0) for hit in texts["hits"]["hits"]}
    products = (
        engine.search(PRODUCTS.alias(), queries.suggested_products_body(scored_keys, size=size))
        if scored_keys
        else {"hits": {"hits": []}}
    )
    suppliers = engine.search(
        SUPPLIERS.alias(),
        queries.suggest_body(prefix, pinyin_field="pinyin" if is_latin else None, size=size),
    )
    return {
        "categories": _category_suggestions(prefix, size),
        "products": [
            {"id": hit["_source"]["id"], "label": hit["_source"]["suggest"][0]}
            for hit in products["hits"]["hits"]
        ],
        "suppliers": [
            {"id": hit["_source"]["id"], "label": hit["_source"]["suggest"].split(" | ")[0]}
            for hit in suppliers["hits"]["hits"]
        ],
    }
