"""Builders for matching tests: vendors, products with certificates, requests, all from the real
reference data (categories, standards, markets and market rules loaded by the migrations)."""

import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.utils import timezone

from catalog.models import Product
from catalog.tests.factories import ProductFactory, certificate_for
from organizations.models import Organization, VerificationStatus
from organizations.tests.factories import BuyerFactory, VendorFactory
from purchasing.models import PurchaseRequest
from purchasing.tests.factories import PurchaseRequestFactory
from reference.models import Category, Standard
from tests.search_helpers import drain_and_refresh, touch


def use_temporary_media(settings: Any, tmp_path: Path) -> None:
    """Certificate files go to a temporary directory, never into the repository."""
    root = tmp_path / "media"
    root.mkdir(exist_ok=True)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }


def today() -> datetime.date:
    return timezone.localdate()


def days(count: int) -> datetime.date:
    return today() + datetime.timedelta(days=count)


def category(slug: str) -> Category:
    return Category.objects.get(slug=slug)


def vendor(name: str, *, verified: bool = True, country: str = "CN") -> Organization:
    return VendorFactory(
        name=name,
        legal_names={"en": name},
        country=country,
        verification_status=VerificationStatus.VERIFIED if verified else VerificationStatus.PENDING,
    )


def product(
    *,
    owner: Organization,
    slug: str,
    names: dict[str, str],
    standards: Sequence[str] = (),
    certificates: Sequence[dict[str, Any]] = (),
    **fields: Any,
) -> Product:
    """A published product; each certificate is ``{"markets": [...], "standards": [...],
    "valid_until": date, "valid_from": date}`` (valid for a year by default)."""
    item = ProductFactory(
        vendor=owner, category=category(slug), names=names, standards=list(standards), **fields
    )
    for number, spec in enumerate(certificates):
        certificate_for(
            product=item,
            markets=spec.get("markets", ()),
            standards=spec.get("standards", ()),
            valid_from=spec.get("valid_from"),
            valid_until=spec.get("valid_until"),
            number=f"CERT-{item.pk}-{number}",
            organization=spec.get("organization"),
        )
    return item


def purchase_request(
    *,
    slug: str | None,
    title: str,
    required: Sequence[str] = (),
    buyer: Organization | None = None,
    **fields: Any,
) -> PurchaseRequest:
    request = PurchaseRequestFactory(
        buyer=buyer or BuyerFactory(),
        category=category(slug) if slug else None,
        title=title,
        **fields,
    )
    if required:
        request.required_standards.set(Standard.objects.filter(code__in=required))
    return request


def index_everything(*, products: Sequence[Product] = (), requests: Sequence[PurchaseRequest] = ()) -> None:
    """Record the changes the way services do and drain them into the index."""
    for item in products:
        touch("product", item.pk)
    for request in requests:
        touch("request", request.pk)
    drain_and_refresh()
