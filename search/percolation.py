"""Percolation: a purchase request as a query over product documents, stored as a percolator query.

One query serves both directions:

- forward matching searches the PRODUCTS alias with it (``product_candidates``);
- reverse matching stores it in REQUEST_QUERIES as a percolator query and runs a
  new or changed product document against all of them (``request_candidates``).

The query is a broad-but-selective candidate generator, restricted to verified
vendors and, where the destination market's rules for the request's category name a
regulatory approval, to products with a certificate for it that is valid for the
market on the needed-by date. A request with a category requires the same category
(or a sub-category) or the same HS heading, and ranks those by text relevance in any
language; a request without one requires text relevance. (A product of another HS
heading found by text alone could not reach the proposal threshold anyway: it gets no
category points.) The exact rules (certificate owner, expiry, market rules of the
product's own category, capacity, price …) are checked in Python by ``matching.scoring``.

The stored (percolator) variant drops the scoring-only clauses and fuzziness, so the
percolator can index the terms each query needs (category, HS heading, or the words of
an uncategorised request) and verifies only the queries that share a term with the
product, instead of running every stored query.
"""

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from search import engine
from search.analysis import language_query_fields
from search.indexes import PRODUCTS, REQUEST_QUERIES
from search.queries import text_clause

# Retrieval order: same category first, then same HS heading, then text only. The
# boosts are constant and reported through named queries, so the text relevance
# of a hit is its score minus the boosts of the clauses it matched.
CATEGORY_BOOST = 1000.0
HS_HEADING_BOOST = 100.0
DESCRIPTION_BOOST = 0.5
CATEGORY_QUERY = "match_category"
HS_HEADING_QUERY = "match_hs_heading"
# Text relevance grades candidates, it does not gate them: one matching word makes a candidate.
TEXT_MINIMUM_SHOULD_MATCH = "1"
BOOSTS = {CATEGORY_QUERY: CATEGORY_BOOST, HS_HEADING_QUERY: HS_HEADING_BOOST}

MATCH_TEXT_FIELDS = [
    *language_query_fields("name", 3),
    *language_query_fields("category_terms", 2),
    *language_query_fields("description"),
]


@dataclass(frozen=True)
class RuleSpec:
    """A market rule naming a regulatory approval: ``all``/``any`` of ``approvals`` and ``technical``."""

    mode: str
    approvals: tuple[str, ...]
    technical: tuple[str, ...]


@dataclass(frozen=True)
class MatchSpec:
    """What the engine needs to know about a request to find candidate products."""

    request_id: int
    title: str
    description: str
    category_slugs: tuple[str, ...]  # the request's category and its sub-categories
    hs_heading: str
    market_codes: tuple[str, ...]  # markets covering the destination country
    day: datetime.date | None  # certificates must be valid on this day
    rules: tuple[RuleSpec, ...]
    # The request names no category: these were inferred from its text (search.categories).
    inferred: bool = False


@dataclass(frozen=True)
class ProductCandidate:
    product_id: int
    vendor_id: int
    text_score: float  # raw engine text relevance, without the category boosts


def _valid_certificate(spec: MatchSpec, approvals: tuple[str, ...]) -> dict[str, Any]:
    """A certificate of the product listing one of ``approvals``, for the market (or for none),
    valid on the spec's day."""
    conditions: list[dict[str, Any]] = [
        {"terms": {"certificates.standards": list(approvals)}},
        {
            "bool": {
                "should": [
                    {"terms": {"certificates.markets": list(spec.market_codes)}},
                    {"bool": {"must_not": {"exists": {"field": "certificates.markets"}}}},
                ],
                "minimum_should_match": 1,
            }
        },
    ]
    if spec.day is not None:
        day = spec.day.isoformat()
        for field, bound in (("certificates.valid_until", "gte"), ("certificates.valid_from", "lte")):
            conditions.append(
                {
                    "bool": {
                        "should": [
                            {"range": {field: {bound: day}}},
                            {"bool": {"must_not": {"exists": {"field": field}}}},
                        ],
                        "minimum_should_match": 1,
                    }
                }
            )
    return {"nested": {"path": "certificates", "query": {"bool": {"filter": conditions}}}}


def _rule_filter(spec: MatchSpec, rule: RuleSpec) -> dict[str, Any]:
    if rule.mode == "all":
        # Every approval needs its certificate; technical standards are left to Python
        # (a product may claim them without a certificate).
        return {"bool": {"filter": [_valid_certificate(spec, (code,)) for code in rule.approvals]}}
    options: list[dict[str, Any]] = [_valid_certificate(spec, rule.approvals)]
    if rule.technical:
        options.append({"terms": {"standards": list(rule.technical)}})
        options.append(_valid_certificate(spec, rule.technical))
    return {"bool": {"should": options, "minimum_should_match": 1}}


def _category_filter(spec: MatchSpec) -> dict[str, Any] | None:
    options: list[dict[str, Any]] = []
    if spec.category_slugs:
        options.append({"terms": {"category_slug": list(spec.category_slugs)}})
    if spec.hs_heading:
        options.append({"term": {"hs_heading": spec.hs_heading}})
    if spec.inferred:
        # An inferred category is a guess: what the words match is a candidate as well.
        options.extend(_plain_text(text) for text in (spec.title, spec.description) if text.strip())
    return {"bool": {"should": options, "minimum_should_match": 1}} if options else None


def _hard_filters(spec: MatchSpec) -> list[dict[str, Any]]:
    # Verified vendors, and listed ones whose source staff allow (never shown publicly).
    filters: list[dict[str, Any]] = [{"term": {"vendor_matchable": True}}]
    filters.extend(_rule_filter(spec, rule) for rule in spec.rules)
    return filters


def _plain_text(text: str) -> dict[str, Any]:
    """Words of ``text`` in any language field, without fuzziness (the percolator can index the
    terms of this query; fuzzy ones it has to run against every document). Any one word is
    enough: buyers write whole sentences ("Urgent: 50 oxygen concentrators, 10 litre"), and
    relevance grades the candidates rather than gating them."""
    return {
        "multi_match": {
            "query": text,
            "fields": MATCH_TEXT_FIELDS,
            "type": "best_fields",
            "operator": "or",
            "minimum_should_match": TEXT_MINIMUM_SHOULD_MATCH,
        }
    }


def request_percolator_query(spec: MatchSpec) -> dict[str, Any]:
    """The stored query of a request: the same candidates as ``request_match_query`` (but for
    typos), unscored, made of clauses the percolator can pre-select on."""
    filters = _hard_filters(spec)
    category = _category_filter(spec)
    if category is not None:
        filters.append(category)
    else:
        texts = [_plain_text(text) for text in (spec.title, spec.description) if text.strip()]
        filters.append({"bool": {"should": texts, "minimum_should_match": 1}})
    return {"bool": {"filter": filters}}


def request_match_query(spec: MatchSpec) -> dict[str, Any]:
    """The query a product document must match to be a candidate for the request (scored)."""
    should: list[dict[str, Any]] = []
    if spec.category_slugs:
        should.append(
            {
                "constant_score": {
                    "filter": {"terms": {"category_slug": list(spec.category_slugs)}},
                    "boost": CATEGORY_BOOST,
                    "_name": CATEGORY_QUERY,
                }
            }
        )
    if spec.hs_heading:
        should.append(
            {
                "constant_score": {
                    "filter": {"term": {"hs_heading": spec.hs_heading}},
                    "boost": HS_HEADING_BOOST,
                    "_name": HS_HEADING_QUERY,
                }
            }
        )
    if spec.title.strip():
        should.append(
            text_clause(spec.title, MATCH_TEXT_FIELDS, minimum_should_match=TEXT_MINIMUM_SHOULD_MATCH)
        )
    if spec.description.strip():
        # Descriptions are long (names, quantities, end users): typo-tolerance on every word
        # of them costs more than the rest of the query, so they match exact words only.
        description = _plain_text(spec.description)
        description["multi_match"]["boost"] = DESCRIPTION_BOOST
        should.append(description)
    filters = _hard_filters(spec)
    category = _category_filter(spec)
    if category is not None:
        filters.append(category)
    # With a category the should clauses only rank; without one the text must match.
    return {"bool": {"should": should, "minimum_should_match": 0 if category else 1, "filter": filters}}


def request_candidates_body(spec: MatchSpec, *, size: int) -> dict[str, Any]:
    return {
        "size": size,
        "query": request_match_query(spec),
        "sort": ["_score", {"id": "asc"}],
        "track_scores": True,
        "_source": ["id", "vendor_id"],
    }


def refresh_for_matching() -> None:
    """Make every document indexed so far visible to matching.

    A matching task starts right after the drain that indexed its change; without this a
    product and a request indexed within one refresh interval could miss each other (the
    request's search would not see the product yet, nor the product's percolation the request).
    Refreshing an index with nothing pending is cheap.
    """
    engine.refresh(PRODUCTS.alias())
    engine.refresh(REQUEST_QUERIES.alias())


def text_score(hit: dict[str, Any]) -> float:
    """The text part of a hit's score: its score minus the constant category boosts it matched."""
    score = float(hit.get("_score") or 0.0)
    for name in hit.get("matched_queries") or []:
        score -= BOOSTS.get(name, 0.0)
    return max(0.0, score)


def product_candidates(spec: MatchSpec, *, size: int) -> list[ProductCandidate]:
    """The best ``size`` candidate products for the request, best first (raises SearchUnavailable)."""
    return _candidates(engine.search(PRODUCTS.alias(), request_candidates_body(spec, size=size)))


# Searches per multi-search request: enough to save the round trips and keep the node's search
# threads busy, few enough that one answer stays small and quick.
MSEARCH_BATCH = 10


def product_candidates_many(specs: Sequence[MatchSpec], *, size: int) -> dict[int, list[ProductCandidate]]:
    """``product_candidates`` of many requests (by request id), in multi-search round trips.

    Requests whose searches are the same (a buyer posting one need for several end users, the
    same template in many markets without rules) share one search: equal bodies, equal answers.
    """
    by_body: dict[str, tuple[dict[str, Any], list[int]]] = {}
    for spec in specs:
        body = request_candidates_body(spec, size=size)
        key = json.dumps(body, sort_keys=True, default=str)
        by_body.setdefault(key, (body, []))[1].append(spec.request_id)
    unique = list(by_body.values())
    found: dict[int, list[ProductCandidate]] = {}
    for start in range(0, len(unique), MSEARCH_BATCH):
        chunk = unique[start : start + MSEARCH_BATCH]
        responses = engine.msearch(PRODUCTS.alias(), [body for body, _ids in chunk])
        for (_body, request_ids), response in zip(chunk, responses, strict=True):
            candidates = _candidates(response)
            for request_id in request_ids:
                found[request_id] = candidates
    return found


def _candidates(response: dict[str, Any]) -> list[ProductCandidate]:
    return [
        ProductCandidate(
            product_id=int(hit["_source"]["id"]),
            vendor_id=int(hit["_source"]["vendor_id"]),
            text_score=text_score(hit),
        )
        for hit in response["hits"]["hits"]
    ]


def request_query_document(spec: MatchSpec) -> dict[str, Any]:
    """The percolator document of a request (stored in REQUEST_QUERIES under the request's id).

    Beside the query it carries the request's category slugs and HS heading in the fields of
    those names, so that percolation can first pick, with an ordinary filter, the stored queries
    whose category clause the product can meet (``_stored_query_filter``), and run only those.
    An inferred category is left out of those fields: its category clause is also met by the
    request's words, so a product of any category can match it, and the query is stored as an
    uncategorised one (always run) instead of being dropped for products of other categories.
    """
    document: dict[str, Any] = {"request_id": spec.request_id, "query": request_percolator_query(spec)}
    if spec.inferred:
        return document
    if spec.category_slugs:
        document["category_slug"] = list(spec.category_slugs)
    if spec.hs_heading:
        document["hs_heading"] = spec.hs_heading
    return document


def _stored_query_filter(product_document: dict[str, Any]) -> dict[str, Any]:
    """The stored queries ``product_document`` can match, judged by their category fields alone:
    those of its category or HS heading (the category clause of ``_category_filter``, which every
    categorised query requires), and the uncategorised ones (text only, or an inferred category
    that the words may stand in for). A query stored without these fields counts as
    uncategorised, so it is still run."""
    options: list[dict[str, Any]] = [
        {
            "bool": {
                "must_not": [
                    {"exists": {"field": "category_slug"}},
                    {"exists": {"field": "hs_heading"}},
                ]
            }
        }
    ]
    if product_document.get("category_slug"):
        options.append({"term": {"category_slug": product_document["category_slug"]}})
    if product_document.get("hs_heading"):
        options.append({"term": {"hs_heading": product_document["hs_heading"]}})
    return {"bool": {"should": options, "minimum_should_match": 1}}


# The fields the stored queries read. Percolation indexes the document in memory first; leaving
# out the rest (suggestions, vendor names, pinyin …) makes that part several times cheaper.
PERCOLATED_FIELDS = ("vendor_matchable", "category_slug", "hs_heading", "certificates", "standards")
PERCOLATED_PREFIXES = ("name_", "category_terms_", "description_")


# Percolation verifies every stored query the category pre-filter leaves before it keeps the
# newest ``size``: at 100,000 open requests that is 5,000-13,000 per product, most of which match
# (issue 14's profile: 136 of 141 ms of the node's time in the percolate query). Taken in windows of
# the newest ids instead (the newest PERCOLATE_WINDOW stored queries first, then four times as many,
# then the rest), the same ids come back after verifying about a thousand: p95 525 -> 75-91 ms with
# 100,000 stored queries, the same 200 ids for every one of 40 products.
PERCOLATE_WINDOW = 1000
# A window's lower bound is read as the id of its last stored query, at ``from`` = window - 1,
# which the index's max_result_window (10,000) bounds; past it the last window is open-ended.
_WINDOW_MAX = 10_000


def request_candidates(product_document: dict[str, Any], *, size: int) -> list[int]:
    """Ids of the open requests whose stored query matches ``product_document``, newest first."""
    if not product_document.get("vendor_matchable"):
        return []  # every stored query requires a vendor matching may propose
    document = {
        key: value
        for key, value in product_document.items()
        if key in PERCOLATED_FIELDS or key.startswith(PERCOLATED_PREFIXES)
    }
    prefilter = _stored_query_filter(product_document)
    found: list[int] = []
    upper: int | None = None
    window = PERCOLATE_WINDOW
    while len(found) < size:
        ids: dict[str, int] = {} if upper is None else {"lt": upper}
        lower = _window_floor(prefilter, ids, window) if window <= _WINDOW_MAX else None
        if lower is not None:
            ids["gte"] = lower
        body = {
            "size": size - len(found),
            "query": {
                "bool": {
                    "filter": [
                        *_window(prefilter, ids),
                        {"percolate": {"field": "query", "document": document}},
                    ]
                }
            },
            # The stored queries are unscored; newest requests first. No total is counted: only the
            # ``size`` newest matches are wanted.
            "sort": [{"request_id": "desc"}],
            "track_total_hits": False,
            # The stored queries are large; the id is all matching needs.
            "_source": False,
        }
        response = engine.search(REQUEST_QUERIES.alias(), body)
        found.extend(int(hit["_id"]) for hit in response["hits"]["hits"])
        if lower is None:
            break
        upper, window = lower, window * 4
    return found


def _window(prefilter: dict[str, Any], ids: dict[str, int]) -> list[dict[str, Any]]:
    """The filters of a window: the category pre-filter, and the request ids' bounds if any."""
    return [prefilter, {"range": {"request_id": ids}}] if ids else [prefilter]


def _window_floor(prefilter: dict[str, Any], ids: dict[str, int], window: int) -> int | None:
    """The request id of the ``window``-th newest stored query ``prefilter`` leaves below ``ids``'
    bound (an ordinary sorted filter, no percolation); None when fewer are left."""
    body = {
        "size": 1,
        "from": window - 1,
        "query": {"bool": {"filter": _window(prefilter, ids)}},
        "sort": [{"request_id": "desc"}],
        "track_total_hits": False,
        "_source": False,
    }
    hits = engine.search(REQUEST_QUERIES.alias(), body)["hits"]["hits"]
    return int(hits[0]["sort"][0]) if hits else None
