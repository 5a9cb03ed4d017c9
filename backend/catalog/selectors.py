"""Reads of the catalogue, with the visibility rules of PRODUCT.md §2.

- anonymous visitors and buyers see public products (published, vendor verified);
- vendor members also see every product of their own organisation, whatever its status;
- staff see everything.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from catalog.models import Product
from core.permissions import is_staff, member_kind, member_organization_id
from organizations.models import Document, DocumentType, Organization, OrganizationKind
from organizations.selectors import organization_acting_for
from reference.models import Market, Standard


def certificate_valid_on_q(*, day: datetime.date, prefix: str = "") -> Q:
    """Certificates valid on ``day``; an empty bound means no limit (e.g. a 510(k) does not expire)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": day})
    )


def certificate_is_valid(*, document: Document, day: datetime.date) -> bool:
    starts_ok = document.valid_from is None or document.valid_from <= day
    ends_ok = document.valid_until is None or day <= document.valid_until
    return starts_ok and ends_ok


def product_certificates(*, product: Product) -> list[Document]:
    """The vendor's certificate documents linked to ``product`` (uses the prefetch when present)."""
    documents: list[Document] | None = getattr(product, "certificate_documents", None)
    if documents is None:
        documents = list(_certificate_queryset().filter(products=product))
    return [document for document in documents if document.organization_id == product.vendor_id]


def _certificate_queryset() -> QuerySet[Document]:
    return (
        Document.objects.filter(document_type=DocumentType.CERTIFICATE)
        .prefetch_related(
            Prefetch("markets", queryset=Market.objects.order_by("code")),
            Prefetch("standards", queryset=Standard.objects.order_by("code")),
        )
        .order_by("valid_until", "id")
    )


def _visible_products(*, user: Any) -> QuerySet[Product]:
    if is_staff(user):
        return Product.objects.all()
    public = Product.objects.public()
    organization_id = member_organization_id(user)
    if organization_id is not None and member_kind(user) == OrganizationKind.VENDOR:
        return public | Product.objects.filter(vendor_id=organization_id)
    return public


def product_list(*, user: Any) -> QuerySet[Product]:
    """The products ``user`` may see, with what the API renders, newest first."""
    return (
        _visible_products(user=user)
        .select_related("vendor", "category")
        .prefetch_related(
            Prefetch("standards", queryset=Standard.objects.order_by("code")),
            Prefetch("certificates", queryset=_certificate_queryset(), to_attr="certificate_documents"),
        )
        .order_by("-created_at", "-id")
    )


def product_get(*, user: Any, product_id: int) -> Product:
    """One product ``user`` may see; 404 for the others, so hidden products are not disclosed."""
    product = product_list(user=user).filter(pk=product_id).first()
    if product is None:
        raise Http404("No such product.")
    return product


def product_get_for_change(*, user: Any, product_id: int) -> Product:
    """A product ``user`` may change: 404 if they cannot see it, 403 if it belongs to someone else."""
    product = product_get(user=user, product_id=product_id)
    if not is_staff(user) and product.vendor_id != member_organization_id(user):
        raise PermissionDenied("Only the vendor's own members (or staff) can change this product.")
    return product


def product_vendor_for_create(*, user: Any, vendor_id: int | None) -> Organization:
    """The organisation a new product belongs to (``organization_acting_for``, field ``vendor``)."""
    return organization_acting_for(
        user=user, organization_id=vendor_id, kind=OrganizationKind.VENDOR, field="vendor"
    )


def today() -> datetime.date:
    return timezone.localdate()
