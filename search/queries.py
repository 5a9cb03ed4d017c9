"""Query builders for product and supplier search, and suggestions.

Builders return request bodies; ``search.engine.search`` sends them. Parsing
helpers turn responses into plain dicts for the API layer.

Facets are disjunctive: the buckets of a facet are counted with every filter but
that facet's own selection (applied as a ``post_filter``), so choosing "CN" under
country still shows how many results the other countries would give.
"""

import math
import re
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from search.analysis import language_query_fields

# ``encoder: html`` escapes the stored text around the tags: vendors write product
# names, and a client may insert highlights as HTML.
HIGHLIGHT = {
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "encoder": "html",
    "require_field_match": False,
}
FUZZY_BOOST = 0.5

PRODUCT_TEXT_FIELDS = [
    *language_query_fields("name", 3),
    *language_query_fields("category_terms", 2),
    *language_query_fields("description"),
    "vendor_name^2",
    "vendor_pinyin^2",
    "model_number^2",
    "standards^2",
]
# Phrases are ranked up where word order means something: names and category terms.
PRODUCT_PHRASE_FIELDS = [*language_query_fields("name", 3), *language_query_fields("category_terms", 2)]
SUPPLIER_TEXT_FIELDS = [
    "name^3",
    *language_query_fields("legal_name", 3),
    "pinyin^3",
    *language_query_fields("category_terms", 2),
    "description",
]
SUPPLIER_PHRASE_FIELDS = [
    "name^3",
    *language_query_fields("legal_name", 3),
    *language_query_fields("category_terms", 2),
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


class Leniency(IntEnum):
    """How loosely the words must match; a search that finds nothing tries the next level.

    Typo tolerance costs the engine far more than exact matching (and highlighting what it
    found costs more again), so it is the second try, not the first.
    """

    EXACT = 0  # every word, as written (after stemming and normalisation), or most of them
    TYPOS = 1  # the same, each word within a few edits ("surgcal" → "surgical")
    PARTIAL = 2  # with typos, and only half of the words ("BiPAP machine")


@dataclass(frozen=True)
class Facet:
    field: str
    size: int  # enough buckets for every value the reference data can hold


PRODUCT_FACETS = {
    "category": Facet("category_slug", 200),
    "hs_heading": Facet("hs_heading", 200),
    "country": Facet("vendor_country", 250),
    "market": Facet("certificate_markets", 50),
    "standard": Facet("standards", 200),
    "currency": Facet("currency", 50),
}
PRODUCT_STATS = {"capacity": "capacity_per_day", "lead_time": "lead_time_days", "price": "price_min"}
SUPPLIER_FACETS = {
    "category": Facet("category_slugs", 200),
    "country": Facet("country", 250),
    "market": Facet("certificate_markets", 50),
    "standard": Facet("standards", 200),
}


@dataclass
class ProductQuery:
    """A product search. ``categories`` are leaf or parent slugs, already expanded to their children."""

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
    leniency: Leniency = Leniency.EXACT


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
    leniency: Leniency = Leniency.EXACT


MINIMUM_SHOULD_MATCH = "2<70%"  # one or two words: all of them; more: seven in ten
# When nothing matches that well ("BiPAP machine"), search again for any half of the words.
RELAXED_MINIMUM_SHOULD_MATCH = "50%"
# Edits allowed per word: none up to 3 characters, one up to 6, two from 7 on.
WORD_FUZZINESS = "AUTO:4,7"


# Each query term becomes a clause per field (and again in the phrase clause); the engine
# refuses queries of more than 1,024 clauses. Sixteen terms over 25 fields stay below.
MAX_QUERY_TERMS = 16
# Roughly what the standard tokenizer makes a token: a run of letters and digits, or one ideograph.
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W_\u3400-\u9fff\uf900-\ufaff]+")


def clip_query(text: str, max_terms: int = MAX_QUERY_TERMS) -> str:
    """``text`` cut after its ``max_terms``-th term (a word, or a single Chinese character)."""
    for count, match in enumerate(_TOKEN.finditer(text), start=1):
        if count == max_terms:
            return text[: match.end()]
    return text


def _fuzzy_words_clause(text: str, field_name: str, minimum_should_match: str) -> dict[str, Any] | None:
    """Each word of ``text`` matched in ``field_name`` within a few edits ("surgcal" → "surgical").

    Words with digits (N95, FFP2, 19083) must match exactly: a standard one digit off
    is another standard.
    """
    words = [word for word in text.split() if any(char.isalnum() for char in word)]
    if not words:
        return None
    return {
        "bool": {
            "should": [
                {
                    "match": {
                        field_name: {
                            "query": word,
                            "operator": "and",
                            "fuzziness": 0 if any(char.isdigit() for char in word) else WORD_FUZZINESS,
                            "prefix_length": 1,
                            "max_expansions": 10,
                        }
                    }
                }
                for word in words
            ],
            "minimum_should_match": minimum_should_match,
        }
    }


def text_clause(
    text: str,
    fields: list[str],
    *,
    typos: bool = True,
    fuzzy_field: str | None = None,
    phrase_fields: list[str] | None = None,
    minimum_should_match: str = MINIMUM_SHOULD_MATCH,
) -> dict[str, Any]:
    """Full text in any language, typo-tolerant unless ``typos=False``, exact phrases ranked first.

    Each language field analyses the query its own way (stemming, CJK bigrams, Arabic
    normalisation), and the best field counts most. Without ``fuzzy_field`` the
    language fields themselves tolerate typos; with it (an unstemmed catch-all field
    such as ``all_text``), typos are matched there instead, word by word, and the
    language fields match exactly: a stem one edit away from another is often a
    different word, and a misspelt word often stems differently from the right one.

    Exact phrases are looked for in ``phrase_fields`` (default: ``fields``) when the text
    has two terms or more. Only the first ``MAX_QUERY_TERMS`` terms of ``text`` count (see
    ``clip_query``).
    """
    text = clip_query(text)
    best_fields: dict[str, Any] = {
        "query": text,
        "fields": fields,
        "type": "best_fields",
        "operator": "or",
        "minimum_should_match": minimum_should_match,
        "tie_breaker": 0.3,
    }
    if typos and fuzzy_field is None:
        best_fields.update({"fuzziness": "AUTO", "prefix_length": 1})
    should: list[dict[str, Any]] = [{"multi_match": best_fields}]
    if len(_TOKEN.findall(text)) > 1:
        phrase = {"query": text, "fields": phrase_fields or fields, "type": "phrase", "slop": 1, "boost": 2}
        should.append({"multi_match": phrase})
    fuzzy = _fuzzy_words_clause(text, fuzzy_field, minimum_should_match) if typos and fuzzy_field else None
    if fuzzy is not None:
        fuzzy["bool"]["boost"] = FUZZY_BOOST
        should.append(fuzzy)
    return {"bool": {"should": should, "minimum_should_match": 1}}


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


def _all_of(clauses: list[dict[str, Any] | None]) -> dict[str, Any]:
    return {"bool": {"filter": [clause for clause in clauses if clause]}}


def _text_or_all(
    text: str, fields: list[str], phrase_fields: list[str], *, leniency: Leniency
) -> dict[str, Any]:
    if not text:
        return {"match_all": {}}
    return text_clause(
        text,
        fields,
        typos=leniency >= Leniency.TYPOS,
        fuzzy_field="all_text",
        phrase_fields=phrase_fields,
        minimum_should_match=RELAXED_MINIMUM_SHOULD_MATCH
        if leniency >= Leniency.PARTIAL
        else MINIMUM_SHOULD_MATCH,
    )


def _highlight(text: str, fields: list[str], highlighted: dict[str, Any]) -> dict[str, Any]:
    """Highlight the words as written: marking what typo tolerance found costs more than the search."""
    return {
        **HIGHLIGHT,
        "highlight_query": {"multi_match": {"query": clip_query(text), "fields": fields}},
        "fields": highlighted,
    }


def _faceted_body(
    *,
    must: dict[str, Any],
    filters: list[dict[str, Any] | None],
    selections: dict[str, dict[str, Any] | None],
    facets: dict[str, Facet],
    stats: dict[str, str],
) -> dict[str, Any]:
    """Query, post-filter and aggregations: each facet counted without its own selection."""
    chosen = {name: clause for name, clause in selections.items() if clause}
    aggs: dict[str, Any] = {
        name: {
            "filter": _all_of([clause for other, clause in chosen.items() if other != name]),
            "aggs": {"values": {"terms": {"field": facet.field, "size": facet.size}}},
        }
        for name, facet in facets.items()
    }
    for name, field_name in stats.items():
        aggs[name] = {
            "filter": _all_of(list(chosen.values())),
            "aggs": {"stats": {"stats": {"field": field_name}}},
        }
    body: dict[str, Any] = {
        "query": {"bool": {"must": [must], "filter": [clause for clause in filters if clause]}},
        "track_total_hits": True,
        "aggs": aggs,
    }
    if chosen:
        body["post_filter"] = _all_of(list(chosen.values()))
    return body


def facets_apart(body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A faceted body as two searches: the page of hits, and its facet counts (None without facets).

    The facet search (size 0, no hit count) depends only on the query and the selections, not on
    the page, sort or highlight, so the node's shard request cache, which keeps size-0 answers until
    the next refresh that changes the index, answers a repeated search's facets, and the next page's,
    from memory. Counting the facets over every match is most of a search's cost at a million products
    (issue 14: 79 ms of 113 at the median of the benchmark's queries, 237 of 297 for the broadest).
    """
    aggs = body.get("aggs")
    if not aggs:
        return body, None
    hits = {key: value for key, value in body.items() if key != "aggs"}
    facets = {"size": 0, "track_total_hits": False, "query": body["query"], "aggs": aggs}
    return hits, facets


# The product index also holds listed vendors' products for matching; public reads see only these.
PUBLIC_PRODUCTS: dict[str, Any] = {"term": {"vendor_verified": True}}


def product_search_body(query: ProductQuery) -> dict[str, Any]:
    text = query.text.strip()
    body = _faceted_body(
        must=_text_or_all(text, PRODUCT_TEXT_FIELDS, PRODUCT_PHRASE_FIELDS, leniency=query.leniency),
        filters=[
            PUBLIC_PRODUCTS,
            {"prefix": {"hs_code": query.hs_code}} if query.hs_code else None,
            {"term": {"vendor_id": query.vendor_id}} if query.vendor_id else None,
            _range("capacity_per_day", gte=query.capacity_min),
            _range("min_order_quantity", lte=query.moq_max),
            _range("lead_time_days", lte=query.lead_time_max),
            # A product is within a price range when its price band overlaps it.
            _range("price_max", gte=query.price_min),
            _range("price_min", lte=query.price_max),
            {"term": {"currency": query.currency}} if query.currency else None,
        ],
        selections={
            "category": _terms("category_slug", query.categories),
            "country": _terms("vendor_country", query.countries),
            "market": _terms("certificate_markets", query.markets),
            "standard": _terms("standards", query.standards),
        },
        facets=PRODUCT_FACETS,
        stats=PRODUCT_STATS,
    )
    body["sort"] = PRODUCT_SORTS.get(query.sort, PRODUCT_SORTS["relevance"])
    body["_source"] = {
        "excludes": [
            "all_text",
            "suggest",
            "vendor_pinyin",
            "certificates",
            "content_hash",
            "category_terms_*",
        ]
    }
    if text:
        body["highlight"] = _highlight(
            text,
            PRODUCT_TEXT_FIELDS,
            # Not the category terms: marking them doubled the cost of a search; the
            # category's name is in the result and its facet.
            {
                "name_*": {"number_of_fragments": 0},
                "description_*": {"number_of_fragments": 1},
                "vendor_name": {"number_of_fragments": 0},
            },
        )
    _page(body, query.size, query.offset, query.search_after)
    return body


def supplier_search_body(query: SupplierQuery) -> dict[str, Any]:
    text = query.text.strip()
    body = _faceted_body(
        must=_text_or_all(text, SUPPLIER_TEXT_FIELDS, SUPPLIER_PHRASE_FIELDS, leniency=query.leniency),
        filters=[_range("capacity_per_day_max", gte=query.capacity_min)],
        selections={
            "category": _terms("category_slugs", query.categories),
            "country": _terms("country", query.countries),
            "market": _terms("certificate_markets", query.markets),
            "standard": _terms("standards", query.standards),
        },
        facets=SUPPLIER_FACETS,
        stats={},
    )
    body["sort"] = SUPPLIER_SORTS.get(query.sort, SUPPLIER_SORTS["relevance"])
    body["_source"] = {"excludes": ["all_text", "suggest", "pinyin", "content_hash", "category_terms_*"]}
    if text:
        body["highlight"] = _highlight(
            text,
            SUPPLIER_TEXT_FIELDS,
            {
                "name": {"number_of_fragments": 0},
                "legal_name_*": {"number_of_fragments": 0},
                "description": {"number_of_fragments": 0},
            },
        )
    _page(body, query.size, query.offset, query.search_after)
    return body


def suggest_body(prefix: str, *, pinyin_field: str | None, size: int = 5) -> dict[str, Any]:
    """Search-as-you-type over the ``suggest`` field of the supplier index (and pinyin prefixes
    for Chinese names). Products are suggested through their own index (``suggestion_texts_body``)."""
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


# Product suggestions take two small searches (see search.suggestions): the suggestion texts that
# start like the prefix, then the public products carrying the best of them. A prefix of a letter or
# two may match more texts than this; the products of the best-scored ones are what is shown.
SUGGESTION_TEXTS = 50


def suggestion_texts_body(prefix: str, *, size: int = SUGGESTION_TEXTS) -> dict[str, Any]:
    """The suggestion texts (PRODUCT_SUGGESTIONS) that start like ``prefix``, best first; their
    ids are the keys products carry in ``suggest_keys``."""
    return {
        "size": size,
        "query": {
            "multi_match": {
                "query": prefix,
                "type": "bool_prefix",
                "fields": ["text", "text._2gram", "text._3gram"],
            }
        },
        "_source": False,
    }


def suggested_products_body(scored_keys: dict[str, float], *, size: int = 5) -> dict[str, Any]:
    """Public products carrying any of these suggestion keys, scored by the sum of the scores of
    the texts they carry (a product named like the prefix, in a category named like it, first)."""
    return {
        "size": size,
        "query": {
            "bool": {
                "should": [
                    {"constant_score": {"filter": {"term": {"suggest_keys": key}}, "boost": score}}
                    for key, score in scored_keys.items()
                ],
                "minimum_should_match": 1,
                "filter": [PUBLIC_PRODUCTS],
            }
        },
        "sort": ["_score", {"id": "asc"}],
        "_source": ["id", "suggest"],
    }


def cursor_fits_sort(values: list[Any], sort: list[Any]) -> bool:
    """Whether ``values`` can be the ``search_after`` key of ``sort``: one value per sort
    field, a string for keyword fields (``*.raw``), a number for the score, numbers and dates."""
    if len(values) != len(sort):
        return False
    for value, spec in zip(values, sort, strict=True):
        field_name = spec if isinstance(spec, str) else next(iter(spec))
        wanted: type | tuple[type, ...] = str if field_name.endswith(".raw") else (int, float)
        if isinstance(value, bool) or not isinstance(value, wanted):
            return False
        if not _cursor_value_in_range(value):
            return False
    return True


# The engine keeps sort keys as longs, doubles and keywords; a tampered cursor may carry
# Infinity, NaN, numbers beyond a long or a double, or a huge string, which it answers with an error.
_LONG_MAX = 2**63 - 1
_CURSOR_STRING_MAX = 1024


def _cursor_value_in_range(value: object) -> bool:
    if isinstance(value, str):
        return len(value) <= _CURSOR_STRING_MAX
    if isinstance(value, int):
        return -_LONG_MAX - 1 <= value <= _LONG_MAX
    return isinstance(value, float) and math.isfinite(value)


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
    """Term facets as ``[{"key", "count"}]``; range statistics as ``{"min", "max", "avg", "count"}``."""
    facets: dict[str, Any] = {}
    for name, aggregation in response.get("aggregations", {}).items():
        if "values" in aggregation:
            facets[name] = [
                {"key": bucket["key"], "count": bucket["doc_count"]}
                for bucket in aggregation["values"]["buckets"]
            ]
        elif "stats" in aggregation:
            stats = aggregation["stats"]
            # Prices are scaled floats: 0.35 comes back as 0.35000000000000003.
            facets[name] = {
                key: round(value, 4) if isinstance(value, float) else value
                for key, value in ((key, stats.get(key)) for key in ("min", "max", "avg", "count"))
            }
    return facets
