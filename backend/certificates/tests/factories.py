import datetime
import hashlib
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from certificates.models import (
    ApplicationStatus,
    Certificate,
    CertificateStatus,
    Evidence,
    EvidenceKind,
    FmApplication,
)
from organizations.tests.factories import PDF_BYTES, VendorFactory


class FmApplicationFactory(DjangoModelFactory[FmApplication]):
    """A complete draft of a verified vendor: ready to submit once it has evidence."""

    class Meta:
        model = FmApplication

    organization = factory.SubFactory(VendorFactory, verified=True)
    counterparty_name = "Hôpital Nord SA"
    counterparty_country = "FR"
    counterparty_language = "fr"
    contract_number = factory.Sequence(lambda n: f"HN-2020-{n:04d}")
    contract_date = datetime.date(2020, 1, 6)
    goods = "医用外科口罩 (YY 0469) 200,000 pcs"
    contract_value = Decimal("48000.00")
    currency = "EUR"
    obligation = "Delivery FOB Wuhan"
    obligation_due_date = datetime.date(2020, 2, 15)
    event_description = "武汉市人民政府通告要求全市企业停工停产，交通封闭。"
    event_location = "Wuhan, Hubei, China"
    event_start = datetime.date(2020, 1, 23)
    event_end = datetime.date(2020, 4, 8)


class EvidenceFactory(DjangoModelFactory[Evidence]):
    class Meta:
        model = Evidence

    application = factory.SubFactory(FmApplicationFactory)
    kind = EvidenceKind.GOVERNMENT_NOTICE
    file = factory.django.FileField(data=PDF_BYTES, filename="notice.pdf")
    original_name = "notice.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    sha256 = factory.LazyFunction(lambda: hashlib.sha256(PDF_BYTES).hexdigest())


def issued_certificate(*, application: FmApplication | None = None, **values: object) -> Certificate:
    """An approved application with an issued certificate whose "PDF" is the small test PDF."""
    application = application or FmApplicationFactory(
        status=ApplicationStatus.APPROVED,
        submitted_at=timezone.now() - datetime.timedelta(hours=3),
        decided_at=timezone.now(),
    )
    certificate = Certificate(
        application=application,
        number=values.pop("number", f"FM2026-{application.pk:08X}"),  # type: ignore[arg-type]
        status=CertificateStatus.ISSUED,
        issued_at=timezone.now(),
        holder_name=application.organization.name,
        holder_country=application.organization.country,
        counterparty_country=application.counterparty_country,
        languages=["zh", "en"],
        facts={"event_start": "2020-01-23", "event_end": "2020-04-08"},
        pdf_sha256=hashlib.sha256(PDF_BYTES).hexdigest(),
        pdf_generated_at=timezone.now(),
        **values,
    )
    certificate.pdf.save("certificate.pdf", ContentFile(PDF_BYTES), save=False)
    certificate.save()
    return certificate
