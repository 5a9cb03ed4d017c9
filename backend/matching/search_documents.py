"""Match specs (a purchase request as the engine needs it) and the request-query documents
(REQUEST_QUERIES: each open request stored as a percolator query, for reverse matching)."""

import datetime
from collections.abc import Iterable
from typing import Any

from purchasing.models import PurchaseRequest
from purchasing.search_documents import request_queryset
from reference.models import Category, Market, MarketKind, MarketRequirement, StandardKind
from search import indexing
from search.categories import infer_categories
from search.errors import SearchUnavailable
from search.hashing import with_hash
from search.indexes import REQUEST_QUERIES
from search.percolation import MatchSpec, RuleSpec, request_query_document


def _descendants(categories: list[Category], root_id: int) -> list[Category]:
    children: dict[int | None, list[Category]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    found: list[Category] = []
    frontier = [root_id]
    seen: set[int] = set()
    while frontier:
        current = frontier.pop()
        if current in seen:
            continue
        seen.add(current)
        for child in children.get(current, []):
            found.append(child)
            frontier.append(child.pk)
    return found


def _certificate_day(needed_by: datetime.date | None, today: datetime.date | None) -> datetime.date | None:
    if needed_by and today:
        return max(needed_by, today)
    return needed_by or today


def request_match_specs(
    requests: Iterable[PurchaseRequest], *, today: datetime.date | None
) -> dict[int, MatchSpec]:
    """Specs for ``requests``. ``today=None`` (stored percolator queries) leaves out today's date,
    so the stored query depends on the request alone; the exact date check happens in Python."""
    requests = list(requests)
    if not requests:
        return {}
    categories = list(Category.objects.only("pk", "slug", "hs_code", "parent_id"))
    by_id = {category.pk: category for category in categories}
    markets = list(Market.objects.all())
    rows = list(
        MarketRequirement.objects.filter(
            category_id__in={request.category_id for request in requests if request.category_id}
        )
        .select_related("market")
        .prefetch_related("standards")
    )
    specs: dict[int, MatchSpec] = {}
    for request in requests:
        category = by_id.get(request.category_id) if request.category_id else None
        slugs: tuple[str, ...] = ()
        inferred = False
        if category is not None:
            slugs = tuple(sorted({category.slug, *(c.slug for c in _descendants(categories, category.pk))}))
        else:
            slugs = _inferred_slugs(request, categories)
            inferred = bool(slugs)
        market_codes = tuple(
            sorted(
                market.code
                for market in markets
                # Export rules depend on the product's origin, so scoring checks them.
                if market.kind == MarketKind.IMPORT
                and request.destination_country in (market.countries or [])
            )
        )
        rules: list[RuleSpec] = []
        for row in rows:
            if row.category_id != request.category_id or row.market.code not in market_codes:
                continue
            standards = list(row.standards.all())
            approvals = tuple(sorted(s.code for s in standards if s.kind == StandardKind.APPROVAL))
            if approvals:
                technical = tuple(sorted(s.code for s in standards if s.kind != StandardKind.APPROVAL))
                rules.append(RuleSpec(mode=row.mode, approvals=approvals, technical=technical))
        specs[request.pk] = MatchSpec(
            request_id=request.pk,
            title=request.title,
            description=request.description,
            category_slugs=slugs,
            hs_heading=category.hs_code[:4] if category else "",
            market_codes=market_codes,
            day=_certificate_day(request.needed_by, today),
            rules=tuple(sorted(set(rules), key=lambda rule: (rule.mode, rule.approvals, rule.technical))),
            inferred=inferred,
        )
    return specs


def _inferred_slugs(request: PurchaseRequest, categories: list[Category]) -> tuple[str, ...]:
    """The categories (with their sub-categories) inferred from an uncategorised request's text;
    none when nothing matches or the engine cannot be asked (the text alone then finds candidates)."""
    try:
        guesses = infer_categories(f"{request.title} {request.description}")
    except SearchUnavailable:
        return ()
    by_slug = {category.slug: category for category in categories}
    slugs: set[str] = set()
    for guess in guesses:
        found = by_slug.get(guess.slug)
        if found is not None:
            slugs |= {found.slug, *(child.slug for child in _descendants(categories, found.pk))}
    return tuple(sorted(slugs))


def request_query_documents(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Percolator documents (REQUEST_QUERIES) of the open and matched requests among ``ids``."""
    specs = request_match_specs(request_queryset().filter(pk__in=list(ids)), today=None)
    return {request_id: with_hash(request_query_document(spec)) for request_id, spec in specs.items()}


def search_entities_register() -> None:
    """Reverse matching: the request as a percolator query, rebuilt with the request (same ids)."""
    indexing.entity_register(
        indexing.Entity(
            "request_query",
            REQUEST_QUERIES,
            request_query_documents,
            request_queryset,
            derived_from="request",
        )
    )
