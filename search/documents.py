"""Document builders: database rows → search documents.

Each ``*_documents`` function takes ids and returns ``{id: document}`` for the
rows that belong in the index; an id missing from the result means "delete".
"""

import datetime
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from catalog.models import Product
from organizations.models import Document, DocumentType, Organization
from purchasing.models import PurchaseRequest, RequestStatus
from reference.models import Category
from search.analysis import LANGUAGES, split_by_language
from search.matching import request_match_specs, request_query_document
from search.pinyin import pinyin_tokens

INDEXED_REQUEST_STATUSES = (RequestStatus.OPEN, RequestStatus.MATCHED)


def content_hash(document: dict[str, Any]) -> str:
    """A stable hash of everything in the document but the hash itself."""
    body = {key: value for key, value in document.items() if key != "content_hash"}
    encoded = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]


# Every string a document carries is cut to this length. The API bounds what it accepts
# (core.validators), but a text that got in another way (admin, a script, an older row)
# must not make the engine refuse a document, or a highlight of it fail every search that
# finds it. 8,000 characters of 4-byte UTF-8 stay under a keyword term's 32,766 bytes.
MAX_INDEXED_CHARS = 8000


def _bounded(value: Any) -> Any:
    if isinstance(value, str):
        return value[:MAX_INDEXED_CHARS]
    if isinstance(value, list):
        return [_bounded(item) for item in value]
    if isinstance(value, dict):
        return {key: _bounded(item) for key, item in value.items()}
    return value


def _with_hash(document: dict[str, Any]) -> dict[str, Any]:
    document = _bounded(document)
    document["content_hash"] = content_hash(document)
    return document


def _category_terms(category: Category | None) -> dict[str, list[str]]:
    if category is None:
        return {}
    terms: dict[str, list[str]] = {}
    for lang, name in (category.names or {}).items():
        terms.setdefault(lang, []).append(str(name))
    for lang, synonyms in (category.synonyms or {}).items():
        terms.setdefault(lang, []).extend(str(synonym) for synonym in synonyms)
    return terms


def _category_fields(category: Category | None, prefix: str = "category_terms") -> dict[str, str]:
    return split_by_language(
        {lang: " | ".join(values) for lang, values in _category_terms(category).items()}, prefix
    )


def _certificate_docs(certificates: Iterable[Document]) -> list[dict[str, Any]]:
    return [
        {
            "markets": sorted(market.code for market in certificate.markets.all()),
            "standards": sorted(standard.code for standard in certificate.standards.all()),
            "valid_from": certificate.valid_from.isoformat() if certificate.valid_from else None,
            "valid_until": certificate.valid_until.isoformat() if certificate.valid_until else None,
        }
        for certificate in certificates
    ]


def _markets_valid_on(certificates: list[dict[str, Any]], day: datetime.date) -> list[str]:
    iso = day.isoformat()
    markets: set[str] = set()
    for certificate in certificates:
        starts, ends = certificate["valid_from"], certificate["valid_until"]
        if (starts is None or starts <= iso) and (ends is None or ends >= iso):
            markets.update(certificate["markets"])
    return sorted(markets)


def _vendor_names(vendor: Organization) -> str:
    names = [vendor.name, *[str(name) for name in (vendor.legal_names or {}).values()]]
    return " | ".join(dict.fromkeys(names))


def product_queryset() -> QuerySet[Product]:
    certificates = Document.objects.filter(document_type=DocumentType.CERTIFICATE).prefetch_related(
        "markets", "standards"
    )
    return (
        Product.objects.public()
        .select_related("vendor", "category")
        .prefetch_related("standards", Prefetch("certificates", queryset=certificates))
    )


def product_document(product: Product, today: datetime.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    vendor = product.vendor
    category = product.category
    certificates = _certificate_docs(product.certificates.all())
    names: dict[str, str] = product.names or {}
    display_names = list(dict.fromkeys(str(name) for name in names.values()))
    category_names = [str(category.names[lang]) for lang in LANGUAGES if (category.names or {}).get(lang)]
    document: dict[str, Any] = {
        "id": product.pk,
        **split_by_language(names, "name"),
        **split_by_language(product.descriptions or {}, "description"),
        **_category_fields(category),
        "model_number": product.model_number,
        "vendor_id": vendor.pk,
        "vendor_name": _vendor_names(vendor),
        "vendor_pinyin": pinyin_tokens(_vendor_names(vendor)),
        "vendor_country": vendor.country,
        "vendor_city": vendor.city,
        "vendor_verified": vendor.is_public,
        "category_id": category.pk,
        "category_slug": category.slug,
        "hs_code": category.hs_code,
        "hs_heading": category.hs_code[:4],
        "standards": sorted(standard.code for standard in product.standards.all()),
        "certificate_markets": _markets_valid_on(certificates, today),
        "certificates": certificates,
        "min_order_quantity": product.min_order_quantity,
        "capacity_per_day": product.capacity_per_day,
        "stock": product.stock,
        "lead_time_days": product.lead_time_days,
        "price_min": float(product.price_min),
        "price_max": float(product.price_max),
        "currency": product.currency,
        "incoterms": list(product.incoterms or []),
        "origin_country": product.origin_country,
        "ports": list(product.ports or []),
        "status": product.status,
        "created_at": product.created_at.isoformat(),
        "updated_at": product.updated_at.isoformat(),
        # The product's own names first (the label), then its category in every language,
        # so "мас" or "كمام" suggest products even when they are named in English only.
        "suggest": " | ".join(dict.fromkeys([*display_names, *category_names])),
    }
    return _with_hash(document)


def product_documents(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    today = timezone.localdate()
    return {
        product.pk: product_document(product, today)
        for product in product_queryset().filter(pk__in=list(ids))
    }


def supplier_queryset() -> QuerySet[Organization]:
    return Organization.objects.public()


def supplier_documents(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Verified vendors, with what their published products cover."""
    today = timezone.localdate()
    vendors = {vendor.pk: vendor for vendor in supplier_queryset().filter(pk__in=list(ids))}
    products_by_vendor: dict[int, list[Product]] = {}
    for product in product_queryset().filter(vendor_id__in=list(vendors)):
        products_by_vendor.setdefault(product.vendor_id, []).append(product)
    documents: dict[int, dict[str, Any]] = {}
    for vendor_id, vendor in vendors.items():
        products = products_by_vendor.get(vendor_id, [])
        categories = {product.category_id: product.category for product in products}
        terms: dict[str, list[str]] = {}
        for category in categories.values():
            for lang, values in _category_terms(category).items():
                terms.setdefault(lang, []).extend(values)
        certificates = [
            certificate
            for product in products
            for certificate in _certificate_docs(product.certificates.all())
        ]
        names = _vendor_names(vendor)
        documents[vendor_id] = _with_hash(
            {
                "id": vendor_id,
                "name": vendor.name,
                **split_by_language(vendor.legal_names or {}, "legal_name"),
                **split_by_language({lang: " | ".join(v) for lang, v in terms.items()}, "category_terms"),
                "pinyin": pinyin_tokens(names),
                "description": vendor.description,
                "country": vendor.country,
                "city": vendor.city,
                "category_slugs": sorted(category.slug for category in categories.values()),
                "hs_headings": sorted({category.hs_code[:4] for category in categories.values()}),
                "standards": sorted({s.code for product in products for s in product.standards.all()}),
                "certificate_markets": _markets_valid_on(certificates, today),
                "product_count": len(products),
                "capacity_per_day_max": max((product.capacity_per_day for product in products), default=0),
                "verified_at": vendor.verified_at.isoformat() if vendor.verified_at else None,
                "suggest": names,
            }
        )
    return documents


def request_queryset() -> QuerySet[PurchaseRequest]:
    return (
        PurchaseRequest.objects.filter(status__in=INDEXED_REQUEST_STATUSES)
        .select_related("buyer", "category")
        .prefetch_related("required_standards")
    )


def request_document(request: PurchaseRequest) -> dict[str, Any]:
    language = request.language or "other"
    document: dict[str, Any] = {
        "id": request.pk,
        **split_by_language({language: request.title}, "title"),
        **split_by_language({language: request.description}, "description"),
        "buyer_id": request.buyer_id,
        "buyer_country": request.buyer.country,
        "status": request.status,
        "category_id": request.category_id,
        "category_slug": request.category.slug if request.category else None,
        "hs_code": request.category.hs_code if request.category else None,
        "destination_country": request.destination_country,
        "quantity": request.quantity,
        "needed_by": request.needed_by.isoformat() if request.needed_by else None,
        "required_standards": sorted(standard.code for standard in request.required_standards.all()),
        "target_unit_price": float(request.target_unit_price) if request.target_unit_price else None,
        "currency": request.currency or None,
        "created_at": request.created_at.isoformat(),
    }
    return _with_hash(document)


def request_documents(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    return {request.pk: request_document(request) for request in request_queryset().filter(pk__in=list(ids))}


def request_query_documents(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Percolator documents (REQUEST_QUERIES) of the open and matched requests among ``ids``."""
    specs = request_match_specs(request_queryset().filter(pk__in=list(ids)), today=None)
    return {request_id: _with_hash(request_query_document(spec)) for request_id, spec in specs.items()}
