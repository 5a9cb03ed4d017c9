"""Reads for matching: the facts the scoring needs, and the staff review queue."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import BooleanField, Case, Prefetch, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from audit.models import AuditEvent
from audit.selectors import audit_trail
from catalog.models import Product, ProductStatus
from core.filters import filtered
from matching.filters import ProposalFilter
from matching.models import Proposal, ProposalStatus, proposal_overdue_q
from matching.scoring import CertificateFacts, ProductFacts, RequestFacts, RuleFacts
from organizations.models import (
    Document,
    DocumentReviewStatus,
    DocumentType,
    VerificationStatus,
)
from purchasing.models import PurchaseRequest
from reference.models import Market, MarketKind, MarketRequirement, Standard, StandardKind
from reference.selectors import category_descendant_ids, market_codes_for

# --- facts for the scoring ---


def request_for_matching(*, request_id: int) -> PurchaseRequest | None:
    return (
        PurchaseRequest.objects.select_related("category")
        .prefetch_related("required_standards")
        .filter(pk=request_id)
        .first()
    )


def markets_for_country(*, country: str) -> frozenset[str]:
    """Codes of the import markets whose countries include ``country`` (the destination)."""
    return market_codes_for(country=country, kind=MarketKind.IMPORT)


def export_markets_by_origin(*, countries: Iterable[str]) -> dict[str, frozenset[str]]:
    """Country of origin → codes of the export markets whose rules apply to goods made there
    (the markets read once, not once per country)."""
    markets = list(Market.objects.only("code", "kind", "countries").filter(kind=MarketKind.EXPORT))
    return {
        country: frozenset(market.code for market in markets if country in (market.countries or []))
        for country in set(countries)
    }


def approval_codes() -> frozenset[str]:
    return frozenset(Standard.objects.filter(kind=StandardKind.APPROVAL).values_list("code", flat=True))


def request_facts(
    *,
    purchase_request: PurchaseRequest,
    approvals: frozenset[str] | None = None,
    markets: frozenset[str] | None = None,
    category_ids: frozenset[int] | None = None,
    export_markets: frozenset[str] | None = None,
) -> RequestFacts:
    """The request's facts; ``markets``, ``category_ids`` and ``export_markets`` (the destination's
    import and export markets, the category and its descendants) are looked up unless the caller
    already has them."""
    category = purchase_request.category
    if category_ids is None:
        category_ids = (
            frozenset(category_descendant_ids(category_ids=[category.pk])) if category else frozenset()
        )
    return RequestFacts(
        id=purchase_request.pk,
        category_id=purchase_request.category_id,
        category_slug=category.slug if category else "",
        category_ids=category_ids,
        hs_heading=category.hs_code[:4] if category else "",
        quantity=purchase_request.quantity,
        unit=purchase_request.unit,
        needed_by=purchase_request.needed_by,
        destination_country=purchase_request.destination_country,
        markets=markets_for_country(country=purchase_request.destination_country)
        if markets is None
        else markets,
        required_standards=tuple(sorted(s.code for s in purchase_request.required_standards.all())),
        approval_codes=approval_codes() if approvals is None else approvals,
        target_unit_price=purchase_request.target_unit_price,
        currency=purchase_request.currency,
        destination_export_markets=market_codes_for(
            country=purchase_request.destination_country, kind=MarketKind.EXPORT
        )
        if export_markets is None
        else export_markets,
    )


def requests_for_matching(*, request_ids: Iterable[int]) -> dict[int, PurchaseRequest]:
    return {
        request.pk: request
        for request in PurchaseRequest.objects.select_related("category")
        .prefetch_related("required_standards")
        .filter(pk__in=list(request_ids))
    }


def requests_facts(*, purchase_requests: Iterable[PurchaseRequest]) -> dict[int, RequestFacts]:
    """``request_facts`` of many requests, with the markets, approvals and category trees read once."""
    purchase_requests = list(purchase_requests)
    approvals = approval_codes()
    markets = list(Market.objects.all())
    by_country: dict[str, frozenset[str]] = {}
    exports = export_markets_by_origin(
        countries={purchase_request.destination_country for purchase_request in purchase_requests}
    )
    descendants: dict[int, frozenset[int]] = {}
    facts: dict[int, RequestFacts] = {}
    for purchase_request in purchase_requests:
        country = purchase_request.destination_country
        if country not in by_country:
            by_country[country] = frozenset(
                market.code
                for market in markets
                if market.kind == MarketKind.IMPORT and country in (market.countries or [])
            )
        category_id = purchase_request.category_id
        if category_id is not None and category_id not in descendants:
            descendants[category_id] = frozenset(category_descendant_ids(category_ids=[category_id]))
        facts[purchase_request.pk] = request_facts(
            purchase_request=purchase_request,
            approvals=approvals,
            markets=by_country[country],
            category_ids=descendants[category_id] if category_id is not None else frozenset(),
            export_markets=exports[country],
        )
    return facts


def _products_for_matching() -> QuerySet[Product]:
    # A certificate awaiting staff review (or rejected) does not count yet.
    certificates = Document.objects.filter(
        document_type=DocumentType.CERTIFICATE, review_status=DocumentReviewStatus.APPROVED
    ).prefetch_related("markets", "standards")
    return (
        Product.objects.with_vendor_matchable()
        .select_related("vendor", "category")
        .prefetch_related("standards", Prefetch("certificates", queryset=certificates))
    )


def product_facts(*, product: Product, export_markets: frozenset[str] | None = None) -> ProductFacts:
    """Facts of a product loaded through ``products_for_matching`` (uses its prefetches).

    ``export_markets``: the export markets of its country of origin, when the caller has them
    (see ``export_markets_by_origin``); looked up otherwise.
    """
    if export_markets is None:
        export_markets = market_codes_for(country=product.origin_country, kind=MarketKind.EXPORT)
    vendor = product.vendor
    return ProductFacts(
        id=product.pk,
        vendor_id=product.vendor_id,
        vendor_verified=vendor.is_vendor and vendor.verification_status == VerificationStatus.VERIFIED,
        vendor_matchable=product.vendor_is_matchable,
        published=product.status == ProductStatus.PUBLISHED,
        category_id=product.category_id,
        category_slug=product.category.slug,
        hs_heading=product.category.hs_code[:4],
        capacity_per_day=product.capacity_per_day,
        stock=product.stock,
        lead_time_days=product.lead_time_days,
        min_order_quantity=product.min_order_quantity,
        price_min=product.price_min,
        price_max=product.price_max,
        currency=product.currency,
        standards=frozenset(standard.code for standard in product.standards.all()),
        certificates=tuple(
            CertificateFacts(
                owner_id=document.organization_id,
                standards=frozenset(standard.code for standard in document.standards.all()),
                markets=frozenset(market.code for market in document.markets.all()),
                valid_from=document.valid_from,
                valid_until=document.valid_until,
                number=document.number,
            )
            for document in sorted(product.certificates.all(), key=lambda document: document.pk)
        ),
        origin_country=product.origin_country,
        export_markets=export_markets,
    )


def products_for_matching(*, product_ids: Iterable[int]) -> dict[int, Product]:
    return {product.pk: product for product in _products_for_matching().filter(pk__in=list(product_ids))}


def market_rules(*, markets: Iterable[str], category_ids: Iterable[int]) -> list[RuleFacts]:
    """The market rules of ``markets`` (import and export) for ``category_ids``, as scoring facts."""
    markets, category_ids = list(markets), list(category_ids)
    if not markets or not category_ids:
        return []
    rows = (
        MarketRequirement.objects.filter(market__code__in=markets, category_id__in=category_ids)
        .select_related("market", "category")
        .prefetch_related("standards")
        .order_by("pk")
    )
    return [
        RuleFacts(
            market=row.market.code,
            category=row.category.slug,
            mode=row.mode,
            standards=tuple(sorted(standard.code for standard in row.standards.all())),
            approvals=frozenset(
                standard.code for standard in row.standards.all() if standard.kind == StandardKind.APPROVAL
            ),
            kind=row.market.kind,
        )
        for row in rows
    ]


def proposals_for_request(*, request_id: int) -> QuerySet[Proposal]:
    return Proposal.objects.filter(request_id=request_id)


def live_proposals(*, request_id: int | None = None, product_id: int | None = None) -> list[Proposal]:
    """Proposed and approved proposals of a request or a product, best first."""
    queryset = Proposal.objects.filter(status__in=[ProposalStatus.PROPOSED, ProposalStatus.APPROVED])
    if request_id is not None:
        queryset = queryset.filter(request_id=request_id)
    if product_id is not None:
        queryset = queryset.filter(product_id=product_id)
    return list(queryset.order_by("-score", "id"))


# --- the review queue ---


def _queue_queryset(*, now: datetime.datetime) -> QuerySet[Proposal]:
    return (
        Proposal.objects.select_related(
            "request__buyer", "request__category", "vendor", "product__category", "decided_by"
        )
        .prefetch_related("request__required_standards", "product__standards")
        .annotate(
            overdue=Case(
                When(proposal_overdue_q(now=now), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )


def proposal_queue(*, filters: Mapping[str, Any], now: datetime.datetime | None = None) -> QuerySet[Proposal]:
    """The staff review queue: proposed ones by default, filtered and sorted (400 on bad filters)."""
    now = now or timezone.now()
    params: dict[str, Any] = {key: filters.get(key) for key in filters}
    params.setdefault("status", ProposalStatus.PROPOSED)
    filterset = ProposalFilter(params, queryset=_queue_queryset(now=now).order_by("-score", "id"))
    return filtered(filterset)


def proposal_get(*, proposal_id: int, now: datetime.datetime | None = None) -> Proposal:
    proposal = _queue_queryset(now=now or timezone.now()).filter(pk=proposal_id).first()
    if proposal is None:
        raise Http404("No such proposal.")
    return proposal


def proposal_audit_trail(*, proposal: Proposal) -> QuerySet[AuditEvent]:
    """Every decision and state change of ``proposal``, newest first (rejections are kept when
    the pair is proposed again)."""
    return audit_trail(target=proposal)
