"""Writes to the catalogue. Each write records an outbox row in its transaction (for the search
index) and every status change is audited."""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from audit.services import audit_record
from catalog.models import Product, ProductStatus
from core.exceptions import Conflict
from core.validators import (
    normalize_code,
    normalize_language_map,
    validate_incoterm,
    validate_language_map,
    validate_language_map_required,
)
from organizations.models import Document, DocumentType, Organization, OrganizationKind
from outbox.models import OutboxOperation
from outbox.services import outbox_record
from reference.models import Category, Standard
from reference.selectors import standards_by_code

# Fields product_update may change; the vendor of a product never changes.
PRODUCT_UPDATE_FIELDS = frozenset(
    {
        "category",
        "names",
        "descriptions",
        "model_number",
        "standards",
        "min_order_quantity",
        "capacity_per_day",
        "stock",
        "unit",
        "lead_time_days",
        "price_min",
        "price_max",
        "currency",
        "incoterms",
        "origin_country",
        "ports",
        "status",
    }
)

STATUS_ACTIONS = {
    ProductStatus.PUBLISHED: "product.published",
    ProductStatus.ARCHIVED: "product.archived",
    ProductStatus.DRAFT: "product.unpublished",
}

PORT_MAX_LENGTH = 128


class _Errors:
    """Per-field errors raised together as one ValidationError; the same message is kept once, but
    two list items wrong for the same reason (two unknown Incoterms) are both named."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[ValidationError]] = {}

    def add(self, field: str, error: ValidationError) -> None:
        for item in error.error_list:
            known = {
                (existing.code, str(existing.message % (existing.params or {})))
                for existing in self.by_field.get(field, [])
            }
            if (item.code, str(item.message % (item.params or {}))) not in known:
                self.by_field.setdefault(field, []).append(item)

    def has(self, field: str) -> bool:
        return field in self.by_field

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def _check_fields(*, product: Product, errors: _Errors) -> None:
    """Each field on its own: model validators, language maps, the vendor's kind."""
    try:
        product.full_clean(
            exclude=["vendor", "category", "names", "descriptions", "incoterms", "ports"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        for field, field_errors in exc.error_dict.items():
            for error in field_errors:
                errors.add(field, error)
    if product.vendor.kind != OrganizationKind.VENDOR:
        errors.add(
            "vendor", ValidationError("Only vendor organisations can list products.", code="not_a_vendor")
        )
    for field, validator in (
        ("names", validate_language_map_required),
        ("descriptions", validate_language_map),
    ):
        try:
            validator(getattr(product, field))
        except ValidationError as exc:
            errors.add(field, exc)


def _check_price_range(*, product: Product, errors: _Errors) -> None:
    if errors.has("price_min") or errors.has("price_max"):
        return
    if (
        isinstance(product.price_min, Decimal)
        and isinstance(product.price_max, Decimal)
        and product.price_min > product.price_max
    ):
        errors.add(
            "price_max",
            ValidationError(
                "The highest price (%(max)s) is below the lowest (%(min)s).",
                code="invalid_price_range",
                params={"min": product.price_min, "max": product.price_max},
            ),
        )


def _check_trade_terms(*, product: Product, errors: _Errors) -> None:
    """Incoterms 2020 rules and port names; duplicates are dropped."""
    if not isinstance(product.incoterms, list):
        errors.add("incoterms", ValidationError("Give a list of Incoterms 2020 rules.", code="invalid"))
    else:
        for term in product.incoterms:
            try:
                validate_incoterm(term)
            except ValidationError as exc:
                errors.add("incoterms", exc)
        product.incoterms = list(dict.fromkeys(product.incoterms))

    if not isinstance(product.ports, list) or not all(
        isinstance(port, str) and port.strip() and len(port) <= PORT_MAX_LENGTH for port in product.ports
    ):
        errors.add(
            "ports",
            ValidationError(
                "Give a list of port names, each non-empty and at most %(max)s characters.",
                code="invalid",
                params={"max": PORT_MAX_LENGTH},
            ),
        )
    else:
        product.ports = list(dict.fromkeys(port.strip() for port in product.ports))


def _resolve_standards(*, codes: Sequence[str], errors: _Errors) -> list[Standard]:
    standards, unknown = standards_by_code(codes=codes)
    unknown = sorted(set(unknown))
    if unknown:
        errors.add(
            "standards",
            ValidationError(
                "Unknown standard code(s): %(codes)s. See /api/v1/reference/standards/.",
                code="unknown_standard",
                params={"codes": ", ".join(unknown)},
            ),
        )
    return standards


def _normalize(*, product: Product) -> None:
    """Codes and language tags written the way every other write path writes them."""
    product.currency = normalize_code(product.currency)  # type: ignore[assignment]
    product.origin_country = normalize_code(product.origin_country)  # type: ignore[assignment]
    product.names = normalize_language_map(product.names)
    product.descriptions = normalize_language_map(product.descriptions)
    if isinstance(product.incoterms, list):
        product.incoterms = [normalize_code(term) for term in product.incoterms]


def _resolve_certificates(*, vendor: Organization, ids: Sequence[int], errors: _Errors) -> list[Document]:
    """The vendor's own certificate documents named by id (they keep their own review status)."""
    wanted = sorted(set(ids))
    found = list(
        Document.objects.filter(organization=vendor, document_type=DocumentType.CERTIFICATE, pk__in=wanted)
    )
    unknown = sorted(set(wanted) - {document.pk for document in found})
    if unknown:
        errors.add(
            "certificates",
            ValidationError(
                "These are not certificates of your organisation: %(ids)s.",
                code="not_own_certificate",
                params={"ids": ", ".join(str(item) for item in unknown)},
            ),
        )
    return found


def _product_validate(*, product: Product, standard_codes: Sequence[str] | None) -> list[Standard]:
    """Check every field and the rules across fields; return the standards named by code.

    Raises one ValidationError with every problem, per field, each with a code.
    """
    _normalize(product=product)
    errors = _Errors()
    _check_fields(product=product, errors=errors)
    _check_price_range(product=product, errors=errors)
    _check_trade_terms(product=product, errors=errors)
    standards = _resolve_standards(codes=standard_codes, errors=errors) if standard_codes is not None else []
    errors.raise_if_any()
    return standards


def _record_change(*, product: Product) -> None:
    outbox_record(entity="product", entity_id=product.pk)


@transaction.atomic
def product_create(
    *,
    actor: User | None,
    vendor: Organization,
    category: Category,
    names: dict[str, str],
    min_order_quantity: int,
    capacity_per_day: int,
    lead_time_days: int,
    price_min: Decimal,
    price_max: Decimal,
    currency: str,
    origin_country: str,
    descriptions: dict[str, str] | None = None,
    model_number: str = "",
    standards: Sequence[str] = (),
    certificates: Sequence[int] = (),
    stock: int = 0,
    unit: str = "piece",
    incoterms: Sequence[str] = (),
    ports: Sequence[str] = (),
    status: str = ProductStatus.DRAFT,
) -> Product:
    """Add a product to ``vendor``'s catalogue; raises ValidationError per field.

    ``certificates``: ids of the vendor's certificate documents that cover it (linking one does
    not change its review status, nor the vendor's)."""
    product = Product(
        vendor=vendor,
        category=category,
        names=names,
        descriptions=descriptions or {},
        model_number=model_number,
        min_order_quantity=min_order_quantity,
        capacity_per_day=capacity_per_day,
        stock=stock,
        unit=unit,
        lead_time_days=lead_time_days,
        price_min=price_min,
        price_max=price_max,
        currency=currency,
        incoterms=list(incoterms),
        origin_country=origin_country,
        ports=list(ports),
        status=status,
    )
    certificate_errors = _Errors()
    certificate_documents = _resolve_certificates(
        vendor=vendor, ids=list(certificates), errors=certificate_errors
    )
    try:
        standard_objects = _product_validate(product=product, standard_codes=list(standards))
    except ValidationError as exc:
        for field, field_errors in certificate_errors.by_field.items():
            exc.error_dict.setdefault(field, []).extend(field_errors)
        raise
    certificate_errors.raise_if_any()
    product.save()
    product.standards.set(standard_objects)
    for document in certificate_documents:
        document.products.add(product)
    audit_record(actor=actor, action="product.created", target=product, to_state=product.status)
    _record_change(product=product)
    return product


@transaction.atomic
def product_update(*, product: Product, actor: User | None, data: Mapping[str, Any]) -> Product:
    """Change the given fields of ``product`` (``standards`` as codes); audits a status change."""
    unknown = set(data) - PRODUCT_UPDATE_FIELDS
    if unknown:
        raise ValueError(f"product_update cannot change {sorted(unknown)}")
    product = Product.objects.select_for_update().select_related("vendor").get(pk=product.pk)
    from_status = product.status
    for field, value in data.items():
        if field != "standards":
            setattr(product, field, value)
    codes = data.get("standards")
    standard_objects = _product_validate(
        product=product, standard_codes=list(codes) if codes is not None else None
    )
    product.save()
    if codes is not None:
        product.standards.set(standard_objects)
    if product.status != from_status:
        audit_record(
            actor=actor,
            action=STATUS_ACTIONS[ProductStatus(product.status)],
            target=product,
            from_state=from_status,
            to_state=product.status,
        )
    _record_change(product=product)
    return product


@transaction.atomic
def product_delete(*, product: Product, actor: User | None) -> None:
    """Delete ``product``; the outbox row tells the search index to drop it.

    A product that led to an introduction stays (the introduction's history needs it):
    archive it instead.
    """
    # Through the reverse relations: introductions sit above the catalogue, which imports none of them.
    if product.proposals.filter(introduction__isnull=False).exists():
        raise Conflict("This product led to an introduction and cannot be deleted; archive it instead.")
    product_id, vendor_id = product.pk, product.vendor_id
    audit_record(actor=actor, action="product.deleted", target=product, from_state=product.status)
    product.delete()
    outbox_record(entity="product", entity_id=product_id, operation=OutboxOperation.DELETE)
    # The drain refreshes the supplier document of a changed product's vendor by itself, but
    # cannot find the vendor of a product that no longer exists: say so explicitly.
    outbox_record(entity="organization", entity_id=vendor_id)
