"""Search reads: products, suppliers and suggestions, through the search package."""

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from reference.models import Category
from search import engine, queries
from search.indexes import PRODUCTS, SUPPLIERS
from search.pinyin import HAN

MAX_WINDOW = 10_000  # from + size beyond this needs the cursor


@dataclass
class SearchPage:
    count: int
    results: list[dict[str, Any]]
    facets: dict[str, Any]
    next_cursor: str | None


def encode_cursor(sort_values: list[Any] | None) -> str | None:
    if not sort_values:
        return None
    return base64.urlsafe_b64encode(json.dumps(sort_values).encode()).decode()


def decode_cursor(cursor: str) -> list[Any]:
    """Raise ValueError for a cursor this API did not make."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError("not a cursor from this API") from exc
    if not isinstance(values, list):
        raise ValueError("not a cursor from this API")  # noqa: TRY004  callers catch ValueError only
    return values


def _category_labels(slugs: list[str]) -> dict[str, dict[str, Any]]:
    return {
        category.slug: {"names": category.names, "hs_code": category.hs_code}
        for category in Category.objects.filter(slug__in=slugs)
    }


def _label_facets(facets: dict[str, Any]) -> dict[str, Any]:
    buckets = facets.get("category")
    if isinstance(buckets, list):
        labels = _category_labels([bucket["key"] for bucket in buckets])
        for bucket in buckets:
            bucket.update(labels.get(bucket["key"], {}))
    return facets


def _page(response: dict[str, Any], size: int) -> SearchPage:
    total, hits, last_sort = queries.parse_hits(response)
    more = len(hits) == size
    return SearchPage(
        count=total,
        results=hits,
        facets=_label_facets(queries.parse_facets(response)),
        next_cursor=encode_cursor(last_sort) if more else None,
    )


def product_search(*, query: queries.ProductQuery) -> SearchPage:
    """Faceted product search. Raises SearchUnavailable when the engine is down."""
    response = engine.search(PRODUCTS.alias(), queries.product_search_body(query))
    return _page(response, query.size)


def supplier_search(*, query: queries.SupplierQuery) -> SearchPage:
    response = engine.search(SUPPLIERS.alias(), queries.supplier_search_body(query))
    return _page(response, query.size)


def _category_suggestions(prefix: str, size: int) -> list[dict[str, Any]]:
    """Categories are few (tens): matched in the database, in every language and synonym."""
    needle = prefix.strip().lower()
    candidates = Category.objects.filter(
        Q(names__icontains=needle) | Q(synonyms__icontains=needle) | Q(hs_code__startswith=needle)
    )
    results = []
    for category in candidates[: size * 4]:
        terms = [category.hs_code, *category.all_terms()]
        if any(needle in term.lower() for term in terms):
            results.append(
                {
                    "id": category.pk,
                    "slug": category.slug,
                    "hs_code": category.hs_code,
                    "names": category.names,
                }
            )
    return results[:size]


def suggestions(*, prefix: str, size: int = 5) -> dict[str, list[dict[str, Any]]]:
    """Categories, products and suppliers whose names start like ``prefix``."""
    is_latin = not HAN.search(prefix)
    products = engine.search(PRODUCTS.alias(), queries.suggest_body(prefix, pinyin_field=None, size=size))
    suppliers = engine.search(
        SUPPLIERS.alias(),
        queries.suggest_body(prefix, pinyin_field="pinyin" if is_latin else None, size=size),
    )
    return {
        "categories": _category_suggestions(prefix, size),
        "products": [
            {"id": hit["_source"]["id"], "label": hit["_source"]["suggest"].split(" | ")[0]}
            for hit in products["hits"]["hits"]
        ],
        "suppliers": [
            {"id": hit["_source"]["id"], "label": hit["_source"]["suggest"].split(" | ")[0]}
            for hit in suppliers["hits"]["hits"]
        ],
    }
