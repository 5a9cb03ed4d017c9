"""The product and supplier-directory documents (PRODUCTS, SUPPLIERS), and what re-indexes them.

A supplier's document sums up its public products, so it is built here with them; an
organisation change re-indexes its products, and a product change its vendor's document.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from catalog.models import Product
from organizations.models import Document, DocumentReviewStatus, DocumentType, Organization
from reference.models import Category
from search import indexing
from search.analysis import LANGUAGES, split_by_language
from search.hashing import with_hash
from search.indexes import PRODUCT_SUGGESTIONS, PRODUCTS, SUPPLIERS
from search.pinyin import pinyin_tokens
from search.suggestions import suggestion_documents, suggestion_fields


def _terms_by_language(names: dict[str, str], synonyms: dict[str, list[str]]) -> dict[str, list[str]]:
    terms: dict[str, list[str]] = {}
    for lang, name in (names or {}).items():
        terms.setdefault(lang, []).append(str(name))
    for lang, values in (synonyms or {}).items():
        terms.setdefault(lang, []).extend(str(synonym) for synonym in values)
    return terms


def _category_terms(category: Category | None) -> dict[str, list[str]]:
    if category is None:
        return {}
    return _terms_by_language(category.names, category.synonyms)


def _certificate_entry(
    *,
    markets: Iterable[str],
    standards: Iterable[str],
    valid_from: datetime.date | None,
    valid_until: datetime.date | None,
) -> dict[str, Any]:
    return {
        "markets": sorted(markets),
        "standards": sorted(standards),
        "valid_from": valid_from.isoformat() if valid_from else None,
        "valid_until": valid_until.isoformat() if valid_until else None,
    }


def _certificate_docs(certificates: Iterable[Document]) -> list[dict[str, Any]]:
    return [
        _certificate_entry(
            markets=(market.code for market in certificate.markets.all()),
            standards=(standard.code for standard in certificate.standards.all()),
            valid_from=certificate.valid_from,
            valid_until=certificate.valid_until,
        )
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
    return _names_joined(vendor.name, vendor.legal_names)


def _names_joined(name: str, legal_names: dict[str, str] | None) -> str:
    names = [name, *[str(legal) for legal in (legal_names or {}).values()]]
    return " | ".join(dict.fromkeys(names))


def _certificates_prefetch() -> Prefetch[Any]:
    # Newest first, as the document's certificate list is hashed in this order. Only certificates
    # staff approved: one awaiting review (or rejected) is neither searchable nor a facet value,
    # as it does not count in matching either.
    certificates = (
        Document.objects.filter(
            document_type=DocumentType.CERTIFICATE, review_status=DocumentReviewStatus.APPROVED
        )
        .order_by("-created_at", "-pk")
        .prefetch_related("markets", "standards")
    )
    return Prefetch("certificates", queryset=certificates)


def product_queryset() -> QuerySet[Product]:
    """What the product index holds: products matching may propose. Only those whose document
    says ``vendor_verified`` are public; every public query filters on it."""
    return (
        Product.objects.matchable()
        .with_vendor_matchable()
        .select_related("vendor", "category")
        .prefetch_related("standards", _certificates_prefetch())
    )


# The product columns a document is built from (``values()`` rows in bulk, attributes of one object).
PRODUCT_COLUMNS = (
    "id",
    "vendor_id",
    "category_id",
    "names",
    "descriptions",
    "model_number",
    "min_order_quantity",
    "capacity_per_day",
    "stock",
    "lead_time_days",
    "price_min",
    "price_max",
    "currency",
    "incoterms",
    "origin_country",
    "ports",
    "status",
    "created_at",
    "updated_at",
)


def _vendor_fields(
    *,
    vendor_id: int,
    name: str,
    legal_names: dict[str, str] | None,
    country: str,
    city: str,
    public: bool,
    matchable: bool,
) -> dict[str, Any]:
    """The vendor's part of a product document (the same for all of its products).

    ``vendor_verified``: the product is public; ``vendor_matchable``: matching may propose it
    (verified, or a listed vendor whose source staff allow for matching)."""
    names = _names_joined(name, legal_names)
    return {
        "vendor_id": vendor_id,
        "vendor_name": names,
        "vendor_pinyin": pinyin_tokens(names),
        "vendor_country": country,
        "vendor_city": city,
        "vendor_verified": public,
        "vendor_matchable": matchable,
    }


def _category_document_fields(
    *, category_id: int, slug: str, hs_code: str, names: dict[str, str], synonyms: dict[str, list[str]]
) -> tuple[dict[str, Any], list[str]]:
    """The category's part of a product document, and its names for the suggestions."""
    terms = _terms_by_language(names, synonyms)
    fields = {
        **split_by_language({lang: " | ".join(values) for lang, values in terms.items()}, "category_terms"),
        "category_id": category_id,
        "category_slug": slug,
        "hs_code": hs_code,
        "hs_heading": hs_code[:4],
    }
    return fields, [str(names[lang]) for lang in LANGUAGES if (names or {}).get(lang)]


def _product_fields(
    row: dict[str, Any],
    *,
    vendor: dict[str, Any],
    category: tuple[dict[str, Any], list[str]],
    standards: list[str],
    certificates: list[dict[str, Any]],
    today: datetime.date,
) -> dict[str, Any]:
    """The one place a product document is put together, from a row of ``PRODUCT_COLUMNS``."""
    category_fields, category_names = category
    names: dict[str, str] = row["names"] or {}
    display_names = list(dict.fromkeys(str(name) for name in names.values()))
    document: dict[str, Any] = {
        "id": row["id"],
        **split_by_language(names, "name"),
        **split_by_language(row["descriptions"] or {}, "description"),
        **category_fields,
        **vendor,
        "model_number": row["model_number"],
        "standards": sorted(standards),
        "certificate_markets": _markets_valid_on(certificates, today),
        "certificates": certificates,
        "min_order_quantity": row["min_order_quantity"],
        "capacity_per_day": row["capacity_per_day"],
        "stock": row["stock"],
        "lead_time_days": row["lead_time_days"],
        "price_min": float(row["price_min"]),
        "price_max": float(row["price_max"]),
        "currency": row["currency"],
        "incoterms": list(row["incoterms"] or []),
        "origin_country": row["origin_country"],
        "ports": list(row["ports"] or []),
        "status": row["status"],
        "created_at": row["created_at"].isoformat(),
        "updated_at": row["updated_at"].isoformat(),
        # The product's own names first (the label), then its category in every language,
        # so "мас" or "كمام" suggest products even when they are named in English only.
        **suggestion_fields([*display_names, *category_names]),
    }
    return with_hash(document)


def product_document(product: Product, today: datetime.date | None = None) -> dict[str, Any]:
    """The document of one product loaded through ``product_queryset`` (uses its prefetches)."""
    vendor, category = product.vendor, product.category
    return _product_fields(
        {column: getattr(product, column) for column in PRODUCT_COLUMNS},
        vendor=_vendor_fields(
            vendor_id=vendor.pk,
            name=vendor.name,
            legal_names=vendor.legal_names,
            country=vendor.country,
            city=vendor.city,
            public=vendor.is_public,
            matchable=product.vendor_is_matchable,
        ),
        category=_category_document_fields(
            category_id=category.pk,
            slug=category.slug,
            hs_code=category.hs_code,
            names=category.names,
            synonyms=category.synonyms,
        ),
        standards=[standard.code for standard in product.standards.all()],
        certificates=_certificate_docs(product.certificates.all()),
        today=today or timezone.localdate(),
    )


def _certificates_by_product(product_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The approved certificate entries of each product, newest first, each certificate built once."""
    links = list(
        Document.products.through.objects.filter(
            product_id__in=product_ids,
            document__document_type=DocumentType.CERTIFICATE,
            document__review_status=DocumentReviewStatus.APPROVED,
        )
        .order_by("-document__created_at", "-document_id")
        .values_list("product_id", "document_id")
    )
    if not links:
        return {}
    document_ids = {document_id for _product_id, document_id in links}
    markets: dict[int, list[str]] = {}
    for document_id, code in Document.markets.through.objects.filter(
        document_id__in=document_ids
    ).values_list("document_id", "market__code"):
        markets.setdefault(document_id, []).append(code)
    standards: dict[int, list[str]] = {}
    for document_id, code in Document.standards.through.objects.filter(
        document_id__in=document_ids
    ).values_list("document_id", "standard__code"):
        standards.setdefault(document_id, []).append(code)
    entries = {
        document_id: _certificate_entry(
            markets=markets.get(document_id, []),
            standards=standards.get(document_id, []),
            valid_from=valid_from,
            valid_until=valid_until,
        )
        for document_id, valid_from, valid_until in Document.objects.filter(pk__in=document_ids).values_list(
            "id", "valid_from", "valid_until"
        )
    }
    by_product: dict[int, list[dict[str, Any]]] = {}
    for product_id, document_id in links:
        by_product.setdefault(product_id, []).append(entries[document_id])
    return by_product


def product_documents(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Documents of the public products among ``ids``, built from ``values()`` rows in a fixed
    number of queries; vendor and category parts are built once per vendor and category."""
    today = timezone.localdate()
    rows = list(Product.objects.matchable().filter(pk__in=list(ids)).order_by().values(*PRODUCT_COLUMNS))
    if not rows:
        return {}
    product_ids = [row["id"] for row in rows]
    vendor_ids = {row["vendor_id"] for row in rows}
    matchable = set(Organization.objects.matchable().filter(pk__in=vendor_ids).values_list("pk", flat=True))
    vendors = {
        vendor_id: _vendor_fields(
            vendor_id=vendor_id,
            name=name,
            legal_names=legal_names,
            country=country,
            city=city,
            # The model's rule, not a copy of it (one unsaved instance per vendor is cheap).
            public=Organization(kind=kind, verification_status=status).is_public,
            matchable=vendor_id in matchable,
        )
        for vendor_id, name, legal_names, country, city, kind, status in Organization.objects.filter(
            pk__in=vendor_ids
        )
        .order_by()
        .values_list("id", "name", "legal_names", "country", "city", "kind", "verification_status")
    }
    categories = {
        category_id: _category_document_fields(
            category_id=category_id, slug=slug, hs_code=hs_code, names=names, synonyms=synonyms
        )
        for category_id, slug, hs_code, names, synonyms in Category.objects.filter(
            pk__in={row["category_id"] for row in rows}
        )
        .order_by()
        .values_list("id", "slug", "hs_code", "names", "synonyms")
    }
    standards: dict[int, list[str]] = {}
    for product_id, code in Product.standards.through.objects.filter(product_id__in=product_ids).values_list(
        "product_id", "standard__code"
    ):
        standards.setdefault(product_id, []).append(code)
    certificates = _certificates_by_product(product_ids)
    return {
        row["id"]: _product_fields(
            row,
            vendor=vendors[row["vendor_id"]],
            category=categories[row["category_id"]],
            standards=standards.get(row["id"], []),
            certificates=certificates.get(row["id"], []),
            today=today,
        )
        for row in rows
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
        documents[vendor_id] = with_hash(
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


def _products_of_vendors(vendor_ids: Iterable[int]) -> Iterable[tuple[int, int]]:
    return Product.objects.filter(vendor_id__in=list(vendor_ids)).values_list("vendor_id", "id")


def _vendors_of_products(product_ids: Iterable[int]) -> Iterable[tuple[int, int]]:
    # A deleted product is gone from this query; its delete also records its vendor's row.
    return Product.objects.filter(pk__in=list(product_ids)).values_list("id", "vendor_id")


def search_entities_register() -> None:
    """The product and supplier indexes, and which changes touch which documents."""
    indexing.entity_register(
        indexing.Entity(
            "product",
            PRODUCTS,
            product_documents,
            product_queryset,
            side=indexing.SideIndex(PRODUCT_SUGGESTIONS, suggestion_documents),
        )
    )
    indexing.entity_register(
        indexing.Entity("organization", SUPPLIERS, supplier_documents, supplier_queryset)
    )
    indexing.related_register(source="organization", target="product", pairs=_products_of_vendors)
    indexing.related_register(source="product", target="organization", pairs=_vendors_of_products)
