"""The demo's products and their certificates (standards per market requirement)."""

import datetime
import hashlib
import random
from decimal import Decimal

from django.core.files.base import ContentFile

from catalog.models import Product, ProductStatus
from demo.services.context import SeedContext
from demo.services.data import (
    CURRENCY_BY_COUNTRY,
    DEMO_PDF,
    DESCRIPTION_TEMPLATES,
    EURO_COUNTRIES,
    MODEL_WORDS,
    PORTS,
)
from organizations.models import (
    Document,
    DocumentReviewStatus,
    DocumentType,
    Organization,
    VerificationStatus,
)
from reference.models import Market, MarketRequirement, Standard


def _currency(country: str) -> str:
    return "EUR" if country in EURO_COUNTRIES else CURRENCY_BY_COUNTRY.get(country, "USD")


def _product_row(context: SeedContext, index: int, vendor: Organization) -> tuple[Product, list[Standard]]:
    rng = context.rng
    categories = context.categories
    category = categories[(index * 7 + index // len(categories)) % len(categories)]
    base_names: dict[str, str] = category.names
    model = f"{rng.choice(MODEL_WORDS)}-{rng.randint(100, 999)}"
    names = {lang: f"{text} {model}" for lang, text in base_names.items() if lang in ("en", "zh")}
    if vendor.country != "CN" and "en" in base_names:
        names = {"en": f"{base_names['en']} {model}"}
    if index % 11 == 0 and "fr" in base_names:
        names["fr"] = f"{base_names['fr']} {model}"
    if index % 13 == 0 and "es" in base_names:
        names["es"] = f"{base_names['es']} {model}"
    capacity = rng.choice([1_000, 5_000, 20_000, 50_000, 100_000, 500_000, 1_000_000])
    moq = max(1, capacity // rng.choice([5, 10, 20, 100]))
    port = rng.choice(PORTS.get(vendor.country, [vendor.city]))
    descriptions = {
        lang: template.format(
            name=names.get(lang, names.get("en", next(iter(names.values())))),
            capacity=capacity,
            moq=moq,
            unit="piece",
            port=port,
        )
        for lang, template in DESCRIPTION_TEMPLATES.items()
        if lang in names or lang == "en"
    }
    price_min = Decimal(rng.choice(["0.05", "0.12", "0.35", "1.20", "3.50", "12.00", "85.00", "950.00"]))
    product = Product(
        vendor=vendor,
        category=category,
        names=names,
        descriptions=descriptions,
        model_number=model,
        min_order_quantity=moq,
        capacity_per_day=capacity,
        stock=rng.randint(0, capacity * 10),
        unit="piece",
        lead_time_days=rng.choice([3, 5, 7, 10, 14, 21, 30, 45]),
        price_min=price_min,
        price_max=(price_min * Decimal("1.4")).quantize(Decimal("0.01")),
        currency="USD" if vendor.country == "CN" else _currency(vendor.country),
        incoterms=rng.sample(["EXW", "FOB", "CIF", "DAP"], k=2),
        origin_country=vendor.country,
        ports=[port],
        status=ProductStatus.PUBLISHED if index % 17 != 16 else ProductStatus.DRAFT,
    )
    wanted: list[Standard] = []
    for requirement in context.requirements.get(category.pk, []):
        options = list(requirement.standards.all())
        if options and rng.random() < 0.8:
            wanted.extend(options if requirement.mode == "all" else [rng.choice(options)])
    if "ISO 13485" in context.standards and rng.random() < 0.5:
        wanted.append(context.standards["ISO 13485"])
    return product, wanted


def seed_products(
    context: SeedContext, vendors: list[Organization], count: int
) -> tuple[list[Product], list[list[Standard]]]:
    verified = [vendor for vendor in vendors if vendor.verification_status == VerificationStatus.VERIFIED]
    rows = []
    product_standards = []
    for index in range(count):
        # One product in five belongs to any vendor (some unverified: hidden from the public).
        vendor = (
            vendors[index % len(vendors)]
            if index % 5 == 4 or not verified
            else verified[index % len(verified)]
        )
        product, wanted = _product_row(context, index, vendor)
        rows.append(product)
        product_standards.append(wanted)
    products = Product.objects.bulk_create(rows, batch_size=2000)
    through = Product.standards.through
    through.objects.bulk_create(
        [
            through(product_id=product.pk, standard_id=standard.pk)
            for product, wanted in zip(products, product_standards, strict=True)
            for standard in {s.pk: s for s in wanted}.values()
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    return products, product_standards


def seed_certificates(
    *,
    rng: random.Random,
    products: list[Product],
    product_standards: list[list[Standard]],
    markets: list[Market],
    requirements: dict[int, list[MarketRequirement]],
    today: datetime.date,
) -> int:
    """One certificate per product that claims an approval; one in fifteen is expired (a matching trap)."""
    stored = ContentFile(DEMO_PDF, name="demo-certificate.pdf")
    digest = hashlib.sha256(DEMO_PDF).hexdigest()
    template = Document(
        organization=products[0].vendor,
        document_type=DocumentType.CERTIFICATE,
        original_name="certificate.pdf",
        content_type="application/pdf",
        size=len(DEMO_PDF),
        sha256=digest,
    )
    template.file.save("demo-certificate.pdf", stored, save=False)
    file_name = template.file.name
    documents = []
    links: list[tuple[int, list[Standard], list[Market]]] = []
    for index, (product, wanted) in enumerate(zip(products, product_standards, strict=True)):
        if not wanted:
            continue
        certificate_markets = [
            requirement.market
            for requirement in requirements.get(product.category_id, [])
            if set(requirement.standards.all()) & set(wanted)
        ]
        expired = index % 15 == 0
        documents.append(
            Document(
                organization_id=product.vendor_id,
                document_type=DocumentType.CERTIFICATE,
                file=file_name,
                original_name=f"certificate-{product.pk}.pdf",
                content_type="application/pdf",
                size=len(DEMO_PDF),
                sha256=digest,
                number=f"CERT-{2020 + index % 4}-{product.pk:06d}",
                review_status=DocumentReviewStatus.APPROVED,
                issuer=rng.choice(["TÜV SÜD", "SGS", "BSI", "Intertek", "CCIC", "NMPA"]),
                valid_from=today - datetime.timedelta(days=700),
                valid_until=today - datetime.timedelta(days=30)
                if expired
                else today + datetime.timedelta(days=400),
            )
        )
        links.append(
            (product.pk, wanted, list({m.pk: m for m in certificate_markets}.values()) or markets[:0])
        )
    created = Document.objects.bulk_create(documents, batch_size=2000)
    product_through = Document.products.through
    standard_through = Document.standards.through
    market_through = Document.markets.through
    product_through.objects.bulk_create(
        [
            product_through(document_id=doc.pk, product_id=pid)
            for doc, (pid, _s, _m) in zip(created, links, strict=True)
        ],
        batch_size=5000,
    )
    standard_through.objects.bulk_create(
        [
            standard_through(document_id=doc.pk, standard_id=standard.pk)
            for doc, (_p, wanted, _m) in zip(created, links, strict=True)
            for standard in {s.pk: s for s in wanted}.values()
        ],
        batch_size=5000,
    )
    market_through.objects.bulk_create(
        [
            market_through(document_id=doc.pk, market_id=market.pk)
            for doc, (_p, _s, cert_markets) in zip(created, links, strict=True)
            for market in cert_markets
        ],
        batch_size=5000,
    )
    return len(created)
