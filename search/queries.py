"""Query builders for product and supplier search, and suggestions.

Builders return request bodies; ``search.engine.search`` sends them. Parsing
helpers turn responses into plain dicts for the API layer.
"""

from dataclasses import dataclass, field
from typing import Any

from search.analysis import language_query_fields

HIGHLIGHT_TAGS = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"]}

PRODUCT_TEXT_FIELDS = [
    *language_query_fields("name", 3),
    *language_query_fields("category_terms", 2),
    *language_query_fields("description"),
    "vendor_name^2",
    "vendor_pinyin^2",
    "model_number^2",
    "standards^2",
]
SUPPLIER_TEXT_FIELDS = [
    "name^3",
    *language_query_fields("legal_name", 3),
    "pinyin^3",
    *language_query_fields("category_terms", 2),
    "description",
]

PRODUCT_SORTS: dict[str, list[Any]] = {
    "relevance": ["_score", {"id": "desc"}],
    "price": [{"price_min": "asc"}, {"id": "asc"}],
    "-price": [{"price_min": "desc"}, {"id": "asc"}],
    "lead_time": [{"lead_time_days": "asc"}, {"id": "asc"}],
    "capacity": [{"capacity_per_day": "desc"}, {"id": "asc"}],
    "moq": [{"min_order_quantity": "asc"}, {"id": "asc"}],
    "newest": [{"created_at": "desc"}, {"id": "desc"}],
}
SUPPLIER_SORTS: dict[str, list[Any]] = {
    "relevance": ["_score", {"id": "desc"}],
    "name": [{"name.raw": "asc"}, {"id": "asc"}],
    "products": [{"product_count": "desc"}, {"id": "asc"}],
    "capacity": [{"capacity_per_day_max": "desc"}, {"id": "asc"}],
    "newest": [{"verified_at": "desc"}, {"id": "desc"}],
}

PRODUCT_FACETS = {
    "category": "category_slug",
    "hs_heading": "hs_heading",
    "country": "vendor_country",
    "market": "certificate_markets",
    "standard": "standards",
    "currency": "currency",
}
SUPPLIER_FACETS = {
    "category": "category_slugs",
    "country": "country",
    "market": "certificate_markets",
    "standard": "standards",
}


@dataclass
class ProductQuery:
    text: str = ""
    categories: list[str] = field(default_factory=list)
    hs_code: str = ""
    countries: list[str] = field(default_factory=list)
    markets: list[str] = field(default_factory=list)
    standards: list[str] = field(default_factory=list)
    vendor_id: int | None = None
    capacity_min: int | None = None
    moq_max: int | None = None
    lead_time_max: int | None = None
    price_min: float | None = None
    price_max: float | None = None
    currency: str = ""
    sort: str = "relevance"
    size: int = 20
    offset: int = 0
    search_after: list[Any] | None = None


@dataclass
class SupplierQuery:
    text: str = ""
    categories: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    markets: list[str] = field(default_factory=list)
    standards: list[str] = field(default_factory=list)
    capacity_min: int | None = None
    sort: str = "relevance"
    size: int = 20
    offset: int = 0
    search_after: list[Any] | None = None


def text_clause(text: str, fields: list[str]) -> dict[str, Any]:
    """Full text in any language, typo-tolerant, with exact phrases ranked first."""
    return {
        "bool": {
            "should": [
                {
                    "multi_match": {
                        "query": text,
                        "fields": fields,
                        "type": "best_fields",
                        "fuzziness": "AUTO",
                        "prefix_length": 1,
                        "operator": "or",
                        "minimum_should_match": "2<70%",
                        "tie_breaker": 0.3,
                    }
                },
                {"multi_match": {"query": text, "fields": fields, "type": "phrase", "boost": 2}},
            ],
            "minimum_should_match": 1,
        }
    }


def _range(field_name: str, gte: float | None = None, lte: float | None = None) -> dict[str, Any] | None:
    bounds = {key: value for key, value in (("gte", gte), ("lte", lte)) if value is not None}
    return {"range": {field_name: bounds}} if bounds else None


def _terms(field_name: str, values: list[str]) -> dict[str, Any] | None:
    return {"terms": {field_name: values}} if values else None


def _page(body: dict[str, Any], size: int, offset: int, search_after: list[Any] | None) -> None:
    body["size"] = size
    if search_after:
        body["search_after"] = search_after
    else:
        body["from"] = offset


def product_search_body(query: ProductQuery) -> dict[str, Any]:
    filters = [
        _terms("category_slug", query.categories),
        {"prefix": {"hs_code": query.hs_code}} if query.hs_code else None,
        _terms("vendor_country", query.countries),
        _terms("certificate_markets", query.markets),
        _terms("standards", query.standards),
        {"term": {"vendor_id": query.vendor_id}} if query.vendor_id else None,
        _range("capacity_per_day", gte=query.capacity_min),
        _range("min_order_quantity", lte=query.moq_max),
        _range("lead_time_days", lte=query.lead_time_max),
        # A product is within a price range when its price band overlaps it.
        _range("price_max", gte=query.price_min),
        _range("price_min", lte=query.price_max),
        {"term": {"currency": query.currency}} if query.currency else None,
    ]
    must = [text_clause(query.text, PRODUCT_TEXT_FIELDS)] if query.text.strip() else [{"match_all": {}}]
    body: dict[str, Any] = {
        "query": {"bool": {"must": must, "filter": [f for f in filters if f]}},
        "sort": PRODUCT_SORTS.get(query.sort, PRODUCT_SORTS["relevance"]),
        "track_total_hits": True,
        "aggs": {
            name: {"terms": {"field": field_name, "size": 50}} for name, field_name in PRODUCT_FACETS.items()
        },
        "_source": {"excludes": ["all_text", "suggest", "vendor_pinyin", "certificates", "content_hash"]},
    }
    body["aggs"]["capacity"] = {"stats": {"field": "capacity_per_day"}}
    body["aggs"]["lead_time"] = {"stats": {"field": "lead_time_days"}}
    body["aggs"]["price"] = {"stats": {"field": "price_min"}}
    if query.text.strip():
        body["highlight"] = {
            **HIGHLIGHT_TAGS,
            "fields": {"name_*": {"number_of_fragments": 0}, "description_*": {}, "vendor_name": {}},
            "require_field_match": False,
        }
    _page(body, query.size, query.offset, query.search_after)
    return body


def supplier_search_body(query: SupplierQuery) -> dict[str, Any]:
    filters = [
        _terms("category_slugs", query.categories),
        _terms("country", query.countries),
        _terms("certificate_markets", query.markets),
        _terms("standards", query.standards),
        _range("capacity_per_day_max", gte=query.capacity_min),
    ]
    must = [text_clause(query.text, SUPPLIER_TEXT_FIELDS)] if query.text.strip() else [{"match_all": {}}]
    body: dict[str, Any] = {
        "query": {"bool": {"must": must, "filter": [f for f in filters if f]}},
        "sort": SUPPLIER_SORTS.get(query.sort, SUPPLIER_SORTS["relevance"]),
        "track_total_hits": True,
        "aggs": {
            name: {"terms": {"field": field_name, "size": 50}} for name, field_name in SUPPLIER_FACETS.items()
        },
        "_source": {"excludes": ["all_text", "suggest", "pinyin", "content_hash"]},
    }
    if query.text.strip():
        body["highlight"] = {
            **HIGHLIGHT_TAGS,
            "fields": {"name": {"number_of_fragments": 0}, "legal_name_*": {"number_of_fragments": 0}},
            "require_field_match": False,
        }
    _page(body, query.size, query.offset, query.search_after)
    return body


def suggest_body(prefix: str, *, pinyin_field: str | None, size: int = 5) -> dict[str, Any]:
    """Search-as-you-type over the ``suggest`` field (and pinyin prefixes for Chinese names)."""
    should: list[dict[str, Any]] = [
        {
            "multi_match": {
                "query": prefix,
                "type": "bool_prefix",
                "fields": ["suggest", "suggest._2gram", "suggest._3gram"],
            }
        }
    ]
    if pinyin_field:
        should.append({"prefix": {pinyin_field: {"value": prefix.lower().replace(" ", "")}}})
    return {
        "size": size,
        "query": {"bool": {"should": should, "minimum_should_match": 1}},
        "_source": ["id", "suggest"],
    }


def parse_hits(response: dict[str, Any]) -> tuple[int, list[dict[str, Any]], list[Any] | None]:
    """(total, hits with ``_source``, ``highlight`` and ``score``, the sort key of the last hit)."""
    hits = response["hits"]["hits"]
    total = response["hits"]["total"]["value"]
    results = [
        {**hit["_source"], "_highlight": hit.get("highlight", {}), "_score": hit.get("_score")}
        for hit in hits
    ]
    last_sort = hits[-1].get("sort") if hits else None
    return total, results, last_sort


def parse_facets(response: dict[str, Any]) -> dict[str, Any]:
    facets: dict[str, Any] = {}
    for name, aggregation in response.get("aggregations", {}).items():
        if "buckets" in aggregation:
            facets[name] = [
                {"key": bucket["key"], "count": bucket["doc_count"]} for bucket in aggregation["buckets"]
            ]
        else:
            facets[name] = {key: aggregation.get(key) for key in ("min", "max", "avg", "count")}
    return facets
