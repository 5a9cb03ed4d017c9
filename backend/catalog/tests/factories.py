import datetime
import hashlib
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from catalog.models import Product, ProductStatus
from organizations.models import Document, DocumentType, Organization
from organizations.tests.factories import VendorFactory
from reference.models import Market, Standard
from reference.tests.factories import CategoryFactory


class ProductFactory(DjangoModelFactory[Product]):
    """A published product of a verified vendor: visible in the public directory.

    ``standards`` takes Standard objects or codes: ProductFactory(standards=["EN 14683"]).
    """

    class Meta:
        model = Product
        skip_postgeneration_save = True

    vendor = factory.SubFactory(VendorFactory, verified=True)
    category = factory.SubFactory(CategoryFactory)
    names = factory.Sequence(
        lambda n: {"en": f"Surgical mask Type IIR model {n}", "zh": f"医用外科口罩 {n} 型"}
    )
    descriptions = factory.LazyFunction(lambda: {"en": "Three-ply, ear loops, BFE ≥ 98%."})
    model_number = factory.Sequence(lambda n: f"MM-{n:04d}")
    min_order_quantity = 10_000
    capacity_per_day = 500_000
    stock = 200_000
    unit = "piece"
    lead_time_days = 7
    price_min = Decimal("0.0500")
    price_max = Decimal("0.0800")
    currency = "USD"
    incoterms = factory.LazyFunction(lambda: ["FOB", "CIF"])
    origin_country = "CN"
    ports = factory.LazyFunction(lambda: ["Shanghai", "Ningbo"])
    status = ProductStatus.PUBLISHED

    @factory.post_generation
    def standards(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create or not extracted:
            return
        self.standards.set(
            [item if isinstance(item, Standard) else Standard.objects.get(code=item) for item in extracted]
        )


def certificate_for(
    *,
    product: Product,
    markets: Sequence[str] = ("EU",),
    standards: Sequence[str] = ("CE MDR", "EN 14683"),
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    organization: Organization | None = None,
    document_type: str = DocumentType.CERTIFICATE,
    number: str = "CE-2020-0001",
    review_status: str = "approved",
) -> Document:
    """A certificate document of the product's vendor linked to ``product`` (valid for a year by default).

    The file is a tiny stand-in: these tests are about the catalogue, not uploads.
    """
    today = timezone.localdate()
    payload = b"%PDF-1.4\n%%EOF\n"
    document = Document.objects.create(
        organization=organization or product.vendor,
        document_type=document_type,
        file=ContentFile(payload, name="certificate.pdf"),
        original_name="certificate.pdf",
        content_type="application/pdf",
        size=len(payload),
        sha256=hashlib.sha256(payload).hexdigest(),
        number=number,
        review_status=review_status,
        issuer="TÜV SÜD Product Service GmbH",
        valid_from=valid_from or today - datetime.timedelta(days=100),
        valid_until=valid_until or today + datetime.timedelta(days=265),
    )
    document.markets.set(Market.objects.filter(code__in=markets))
    document.standards.set(Standard.objects.filter(code__in=standards))
    document.products.add(product)
    return document
