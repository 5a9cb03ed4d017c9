import datetime
import hashlib

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

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

# A small but well-formed PDF: header, one empty page, cross-reference table and trailer.
PDF_BYTES = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 3 3]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n158\n%%EOF\n"
)


class OrganizationFactory(DjangoModelFactory[Organization]):
    class Meta:
        model = Organization

    kind = OrganizationKind.VENDOR
    name = factory.Sequence(lambda n: f"Organisation {n}")
    country = "DE"
    city = "Hamburg"
    verification_status = VerificationStatus.UNVERIFIED


class VendorFactory(OrganizationFactory):
    kind = OrganizationKind.VENDOR
    name = factory.Sequence(lambda n: f"Vendor {n} Medical Co., Ltd.")
    legal_names = factory.LazyAttribute(lambda o: {"en": o.name})
    country = "CN"
    city = "Wuhan"
    registration_id = factory.Sequence(uscc_example)

    class Params:
        verified = factory.Trait(verification_status=VerificationStatus.VERIFIED)
        pending = factory.Trait(verification_status=VerificationStatus.PENDING)
        rejected = factory.Trait(verification_status=VerificationStatus.REJECTED)


class BuyerFactory(OrganizationFactory):
    kind = OrganizationKind.BUYER
    buyer_type = BuyerType.HOSPITAL
    name = factory.Sequence(lambda n: f"Buyer {n} Hospital")
    country = "FR"
    city = "Lyon"

    class Params:
        verified = factory.Trait(verification_status=VerificationStatus.VERIFIED)
        pending = factory.Trait(verification_status=VerificationStatus.PENDING)


class ContactFactory(DjangoModelFactory[Contact]):
    class Meta:
        model = Contact

    organization = factory.SubFactory(VendorFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = factory.Sequence(lambda n: f"+86 27 5555 {n:04d}")
    wechat = factory.Sequence(lambda n: f"wechat_{n}")
    whatsapp = factory.Sequence(lambda n: f"+33 6 5555 {n:04d}")


class DocumentFactory(DjangoModelFactory[Document]):
    """A stored PDF document; point the default storage at a temporary directory in tests."""

    class Meta:
        model = Document

    organization = factory.SubFactory(VendorFactory)
    document_type = DocumentType.BUSINESS_LICENCE
    file = factory.django.FileField(data=PDF_BYTES, filename="licence.pdf")
    original_name = "licence.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    sha256 = factory.LazyFunction(lambda: hashlib.sha256(PDF_BYTES).hexdigest())


class CertificateFactory(DocumentFactory):
    document_type = DocumentType.CERTIFICATE
    review_status = DocumentReviewStatus.APPROVED
    original_name = "ce-certificate.pdf"
    number = factory.Sequence(lambda n: f"CE-2020-{n:05d}")
    issuer = "TÜV SÜD Product Service GmbH"
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))
