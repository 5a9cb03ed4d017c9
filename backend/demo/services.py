"""A believable demo data set, generated deterministically.

At scale 1: ~50 vendors from several countries, ~300 products, ~40 buyers and
~80 purchase requests. ``scale`` multiplies every count (benchmarks use 100+).
Rows are bulk-inserted; the caller rebuilds the search index afterwards.
"""

import datetime
import hashlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from catalog.models import Product, ProductStatus
from core.validators import uscc_example
from organizations.models import (
    BuyerType,
    Contact,
    Document,
    DocumentReviewStatus,
    DocumentType,
    Organization,
    OrganizationKind,
    VerificationStatus,
)
from purchasing.models import PurchaseRequest, RequestStatus
from reference.models import Category, Market, MarketRequirement, Standard

DEMO_PASSWORD = "medmatch-demo"  # noqa: S105  published demo accounts, never in production data

# A tiny well-formed PDF, stored as the demo certificates' file.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 3 3]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

CHINESE_CITIES = [
    ("武汉", "Wuhan"),
    ("上海", "Shanghai"),
    ("深圳", "Shenzhen"),
    ("广州", "Guangzhou"),
    ("杭州", "Hangzhou"),
    ("宁波", "Ningbo"),
    ("苏州", "Suzhou"),
    ("天津", "Tianjin"),
    ("南京", "Nanjing"),
    ("厦门", "Xiamen"),
    ("青岛", "Qingdao"),
    ("成都", "Chengdu"),
    ("长沙", "Changsha"),
    ("郑州", "Zhengzhou"),
    ("石家庄", "Shijiazhuang"),
]
CHINESE_WORDS = [
    ("新华", "Xinhua"),
    ("康泰", "Kangtai"),
    ("华康", "Huakang"),
    ("瑞德", "Ruide"),
    ("安信", "Anxin"),
    ("恒瑞", "Hengrui"),
    ("博爱", "Boai"),
    ("金盾", "Jindun"),
    ("健民", "Jianmin"),
    ("天成", "Tiancheng"),
    ("永康", "Yongkang"),
    ("德信", "Dexin"),
    ("仁和", "Renhe"),
    ("广益", "Guangyi"),
    ("长城", "Changcheng"),
]
CHINESE_TRADES = [
    ("医疗器械有限公司", "Medical Devices Co., Ltd."),
    ("医用材料有限公司", "Medical Materials Co., Ltd."),
    ("防护用品有限公司", "Protective Products Co., Ltd."),
    ("生物科技有限公司", "Biotechnology Co., Ltd."),
    ("卫生用品有限公司", "Hygiene Products Co., Ltd."),
]
OTHER_VENDORS = [
    ("DE", "Hamburg", "Nordmed Schutzausrüstung GmbH"),
    ("DE", "Munich", "Alpen Medizintechnik GmbH"),
    ("GB", "Leeds", "Lakeside Healthcare Supplies Ltd"),
    ("FR", "Lyon", "Laboratoires Santé Plus SAS"),
    ("ES", "Valencia", "Suministros Médicos Levante S.L."),
    ("IT", "Bologna", "Emilia Dispositivi Medici S.r.l."),
    ("TR", "Istanbul", "Boğaziçi Tıbbi Malzeme A.Ş."),
    ("KR", "Seoul", "Hanbit Bio Diagnostics Co."),
    ("IN", "Mumbai", "Western Surgicals Pvt Ltd"),
    ("MY", "Kuala Lumpur", "Klang Valley Gloves Sdn Bhd"),
    ("VN", "Hanoi", "Song Hong Medical JSC"),
    ("US", "Cleveland", "Great Lakes Respiratory Inc."),
    ("RU", "Kazan", "ООО «Волга Медтех»"),
    ("AE", "Dubai", "Gulf Medical Trading LLC"),
    ("BR", "Curitiba", "Paraná Equipamentos Médicos Ltda"),
]
BUYERS = [
    (BuyerType.EMBASSY, "FR", "Paris", "Embassy of France — Economic Section"),
    (BuyerType.EMBASSY, "PE", "Lima", "Embajada del Perú — Oficina Comercial"),
    (BuyerType.EMBASSY, "IT", "Rome", "Embassy of Italy — Trade Office"),
    (BuyerType.EMBASSY, "RS", "Belgrade", "Embassy of Serbia"),
    (BuyerType.EMBASSY, "PK", "Islamabad", "Embassy of Pakistan — Commercial Section"),
    (BuyerType.EMBASSY, "KZ", "Astana", "Посольство Республики Казахстан"),
    (BuyerType.EMBASSY, "EG", "Cairo", "سفارة جمهورية مصر العربية"),
    (BuyerType.CHAMBER, "ES", "Madrid", "Cámara de Comercio de Madrid"),
    (BuyerType.CHAMBER, "MA", "Casablanca", "Chambre de Commerce de Casablanca"),
    (BuyerType.AGENCY, "RS", "Belgrade", "Republic Fund for Health Insurance"),
    (BuyerType.AGENCY, "NG", "Abuja", "National Primary Health Care Agency"),
    (BuyerType.AGENCY, "CL", "Santiago", "CENABAST"),
    (BuyerType.HOSPITAL, "FR", "Lyon", "Hôpital Édouard Herriot"),
    (BuyerType.HOSPITAL, "IT", "Bergamo", "Ospedale Papa Giovanni XXIII"),
    (BuyerType.HOSPITAL, "ES", "Madrid", "Hospital Universitario La Paz"),
    (BuyerType.HOSPITAL, "RU", "Moscow", "Городская клиническая больница № 52"),
    (BuyerType.HOSPITAL, "SA", "Riyadh", "مستشفى الملك فيصل التخصصي"),
    (BuyerType.HOSPITAL, "US", "New York", "Elmhurst Hospital Center"),
    (BuyerType.HOSPITAL, "GB", "London", "St Thomas' Hospital"),
    (BuyerType.DISTRIBUTOR, "DE", "Frankfurt", "MediLog Distribution GmbH"),
    (BuyerType.DISTRIBUTOR, "BR", "São Paulo", "Distribuidora Hospitalar Paulista"),
    (BuyerType.DISTRIBUTOR, "AU", "Sydney", "Harbour Medical Distribution Pty Ltd"),
    (BuyerType.NGO, "CH", "Geneva", "Health Without Borders"),
    (BuyerType.NGO, "KE", "Nairobi", "Afya Relief Network"),
    (BuyerType.NGO, "IQ", "Baghdad", "منظمة الإغاثة الطبية"),
]
END_USERS = [
    "Hôpital Édouard Herriot",
    "Ospedale Papa Giovanni XXIII",
    "Hospital Universitario La Paz",
    "Городская клиническая больница № 52",
    "Regional Hospital Nord",
    "Central Military Hospital",
]
PORTS = {
    "CN": ["Shanghai", "Ningbo", "Shenzhen", "Tianjin", "Xiamen"],
    "DE": ["Hamburg"],
    "GB": ["Felixstowe"],
}
CURRENCY_BY_COUNTRY = {"CN": "CNY", "US": "USD", "GB": "GBP", "IN": "INR", "KR": "KRW", "RU": "RUB"}
EURO_COUNTRIES = {"DE", "FR", "ES", "IT", "AT", "NL", "BE", "PT", "FI", "IE"}
MODEL_WORDS = ["Pro", "Plus", "S", "X", "Care", "Safe", "Med", "Shield"]
DESCRIPTION_TEMPLATES = {
    "en": "{name}. Daily capacity {capacity:,} {unit}s, minimum order {moq:,}. Ships from {port}.",
    "zh": "{name}。日产能 {capacity:,} {unit}，起订量 {moq:,}，{port}港发货。",
    "fr": "{name}. Capacité journalière {capacity:,} unités, commande minimale {moq:,}.",
    "es": "{name}. Capacidad diaria {capacity:,} unidades, pedido mínimo {moq:,}.",
}


@dataclass
class DemoCounts:
    vendors: int = 0
    buyers: int = 0
    users: int = 0
    products: int = 0
    certificates: int = 0
    requests: int = 0


def _currency(country: str) -> str:
    return "EUR" if country in EURO_COUNTRIES else CURRENCY_BY_COUNTRY.get(country, "USD")


def _vendor_rows(rng: random.Random, count: int) -> Iterator[Organization]:
    for index in range(count):
        # Two out of three vendors are Chinese, as on the 2020 platform.
        if index % 3 != 2:
            zh_city, en_city = CHINESE_CITIES[index % len(CHINESE_CITIES)]
            zh_word, en_word = CHINESE_WORDS[(index * 7 + index // len(CHINESE_CITIES)) % len(CHINESE_WORDS)]
            zh_trade, en_trade = CHINESE_TRADES[index % len(CHINESE_TRADES)]
            suffix = f" {index // 225 + 1}" if index >= 225 else ""
            zh_name = f"{zh_city}{zh_word}{zh_trade}{suffix}"
            yield Organization(
                kind=OrganizationKind.VENDOR,
                name=zh_name,
                legal_names={"zh": zh_name, "en": f"{en_city} {en_word} {en_trade}{suffix}"},
                country="CN",
                city=en_city,
                address=f"{rng.randint(1, 999)} Industrial Park Road, {en_city}",
                registration_id=uscc_example(index),
                description=f"{en_word}: manufacturer of medical supplies in {en_city}.",
                verification_status=_vendor_status(index),
            )
        else:
            position = index // 3
            country, city, name = OTHER_VENDORS[position % len(OTHER_VENDORS)]
            suffix = f" ({position // len(OTHER_VENDORS) + 1})" if position >= len(OTHER_VENDORS) else ""
            yield Organization(
                kind=OrganizationKind.VENDOR,
                name=f"{name}{suffix}",
                legal_names={"en": f"{name}{suffix}"},
                country=country,
                city=city,
                address=f"{rng.randint(1, 200)} Harbour Street, {city}",
                description=f"Supplier of medical consumables based in {city}.",
                verification_status=_vendor_status(index),
            )


def _vendor_status(index: int) -> str:
    """Most vendors are verified; some wait for review, a few were rejected or never asked."""
    remainder = index % 10
    if remainder == 7:
        return VerificationStatus.PENDING
    if remainder == 8:
        return VerificationStatus.UNVERIFIED
    if remainder == 9 and index % 20 == 9:
        return VerificationStatus.REJECTED
    return VerificationStatus.VERIFIED


def _requirements_by_category() -> dict[int, list[MarketRequirement]]:
    by_category: dict[int, list[MarketRequirement]] = {}
    for requirement in MarketRequirement.objects.prefetch_related("standards").select_related("market"):
        by_category.setdefault(requirement.category_id, []).append(requirement)
    return by_category


@dataclass
class _Context:
    rng: random.Random
    categories: list[Category]
    standards: dict[str, Standard]
    markets: list[Market]
    requirements: dict[int, list[MarketRequirement]]
    today: datetime.date


@transaction.atomic
def demo_seed(
    *,
    scale: float = 1.0,
    progress: Callable[[str], None] | None = None,
    vendors: int | None = None,
    requests: int | None = None,
) -> DemoCounts:
    """Insert the demo data set ``scale`` times over. Requires the reference data migration.

    ``vendors`` and ``requests``, when given, replace the counts ``scale`` implies (the large
    benchmark data has fewer vendors and requests per product than the demo)."""
    say = progress or (lambda message: None)
    categories = list(Category.objects.all())
    if not categories:
        raise RuntimeError("No categories: run the migrations (they load the reference data) first.")
    context = _Context(
        rng=random.Random(2020),  # noqa: S311  deterministic demo data
        categories=categories,
        standards={standard.code: standard for standard in Standard.objects.all()},
        markets=list(Market.objects.all()),
        requirements=_requirements_by_category(),
        today=timezone.localdate(),
    )
    counts = DemoCounts()
    vendor_count = max(1, vendors if vendors is not None else round(50 * scale))
    say(f"vendors and buyers: {vendor_count} + {max(1, round(40 * scale))}")
    vendor_rows = _seed_vendors(context, vendor_count)
    buyers = _seed_buyers(max(1, round(40 * scale)))
    counts.vendors, counts.buyers = len(vendor_rows), len(buyers)
    say("contacts and users")
    counts.users = _seed_people(context, [*vendor_rows, *buyers])
    say(f"products: {max(1, round(300 * scale))}")
    products, product_standards = _seed_products(context, vendor_rows, max(1, round(300 * scale)))
    counts.products = len(products)
    say("certificates")
    counts.certificates = _seed_certificates(
        rng=context.rng,
        products=products,
        product_standards=product_standards,
        markets=context.markets,
        requirements=context.requirements,
        today=context.today,
    )
    request_count = max(1, requests if requests is not None else round(80 * scale))
    say(f"purchase requests: {request_count}")
    counts.requests = _seed_requests(context, buyers, request_count)
    return counts


def _seed_vendors(context: _Context, count: int) -> list[Organization]:
    vendors = Organization.objects.bulk_create(list(_vendor_rows(context.rng, count)), batch_size=2000)
    for vendor in vendors:
        if vendor.verification_status == VerificationStatus.VERIFIED:
            vendor.verified_at = timezone.now()
    Organization.objects.bulk_update(vendors, ["verified_at"], batch_size=2000)
    return vendors


def _seed_buyers(count: int) -> list[Organization]:
    rows = []
    for index in range(count):
        buyer_type, country, city, name = BUYERS[index % len(BUYERS)]
        suffix = f" ({index // len(BUYERS) + 1})" if index >= len(BUYERS) else ""
        rows.append(
            Organization(
                kind=OrganizationKind.BUYER,
                buyer_type=buyer_type,
                name=f"{name}{suffix}",
                legal_names={"en": f"{name}{suffix}"},
                country=country,
                city=city,
                verification_status=VerificationStatus.VERIFIED,
            )
        )
    return Organization.objects.bulk_create(rows, batch_size=2000)


def _seed_people(context: _Context, organizations: list[Organization]) -> int:
    rng = context.rng
    contacts = []
    users: list[User] = []
    for organization in organizations:
        handle = f"{organization.kind}{organization.pk}"
        contacts.append(
            Contact(
                organization=organization,
                name=f"Contact {organization.pk}",
                role="Sales" if organization.kind == OrganizationKind.VENDOR else "Procurement",
                email=f"{handle}@demo.medmatch.example",
                phone=f"+{rng.randint(1, 99)} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}",
                wechat=f"wx_{handle}" if organization.country == "CN" else "",
                whatsapp=f"+{rng.randint(1, 99)}{rng.randint(100000000, 999999999)}",
            )
        )
        if len(users) < 200:  # log-in accounts for the first organisations are enough for a demo
            users.append(
                User(
                    username=f"{handle}@demo.medmatch.example",
                    email=f"{handle}@demo.medmatch.example",
                    first_name=f"Demo {organization.kind}",
                    organization=organization,
                )
            )
    Contact.objects.bulk_create(contacts, batch_size=5000)
    hashed = User(username="x")
    hashed.set_password(DEMO_PASSWORD)
    for user in users:
        user.password = hashed.password
    User.objects.bulk_create(users, batch_size=2000)
    return len(users)


def _product_row(context: _Context, index: int, vendor: Organization) -> tuple[Product, list[Standard]]:
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


def _seed_products(
    context: _Context, vendors: list[Organization], count: int
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


REQUEST_LANGUAGE_BY_COUNTRY = {
    "FR": "fr",
    "MA": "fr",
    "ES": "es",
    "PE": "es",
    "CL": "es",
    "RU": "ru",
    "KZ": "ru",
    "EG": "ar",
    "SA": "ar",
    "IQ": "ar",
}


def _seed_requests(context: _Context, buyers: list[Organization], count: int) -> int:
    rng = context.rng
    market_by_country = {country: market for market in context.markets for country in market.countries}
    rows = []
    request_standards: list[list[Standard]] = []
    for index in range(count):
        buyer = buyers[index % len(buyers)]
        category = context.categories[(index * 5) % len(context.categories)]
        names: dict[str, str] = category.names
        language = REQUEST_LANGUAGE_BY_COUNTRY.get(buyer.country, "en")
        title = names.get(language) or names.get("en", category.slug)
        quantity = rng.choice([10_000, 50_000, 100_000, 500_000, 1_000_000, 2_000_000])
        end_user = END_USERS[index % len(END_USERS)] if index % 4 == 0 else ""
        rows.append(
            PurchaseRequest(
                buyer=buyer,
                end_user=end_user,
                category=category,
                title=str(title),
                description=f"{title}: {quantity:,} for {end_user or buyer.name}.",
                language=language,
                quantity=quantity,
                unit="piece",
                destination_country=buyer.country,
                target_unit_price=Decimal(rng.choice(["0.10", "0.50", "2.00", "15.00", "1000.00"])),
                currency="USD",
                needed_by=context.today + datetime.timedelta(days=rng.choice([10, 20, 30, 45, 60, 90])),
                incoterm=rng.choice(["CIF", "FOB", "DAP"]),
                status=RequestStatus.OPEN if index % 8 != 7 else RequestStatus.DRAFT,
            )
        )
        market = market_by_country.get(buyer.country)
        wanted: list[Standard] = []
        if market is not None:
            for requirement in context.requirements.get(category.pk, []):
                if requirement.market_id == market.pk:
                    wanted.extend(list(requirement.standards.all())[:1])
        request_standards.append(wanted)
    requests = PurchaseRequest.objects.bulk_create(rows, batch_size=2000)
    through = PurchaseRequest.required_standards.through
    through.objects.bulk_create(
        [
            through(purchaserequest_id=request.pk, standard_id=standard.pk)
            for request, wanted in zip(requests, request_standards, strict=True)
            for standard in {s.pk: s for s in wanted}.values()
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    return len(requests)


def _seed_certificates(
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


def demo_staff_user() -> User:
    """The demo's staff account (staff@demo.medmatch.example / DEMO_PASSWORD)."""
    user, created = User.objects.get_or_create(
        username="staff@demo.medmatch.example",
        defaults={"email": "staff@demo.medmatch.example", "first_name": "Demo staff", "is_staff": True},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


__all__ = ["DEMO_PASSWORD", "DemoCounts", "demo_seed", "demo_staff_user"]
