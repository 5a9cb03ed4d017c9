import random

import factory
from factory.django import DjangoModelFactory

from core.validators import USCC_ALPHABET, uscc_check_character
from organizations.models import BuyerType, Contact, Organization, OrganizationKind, VerificationStatus


def make_uscc(seed: int) -> str:
    """A syntactically valid Unified Social Credit Code (GB 32100) for tests and demo data."""
    rng = random.Random(seed)
    body = "91" + f"{rng.randint(110000, 659999)}" + "".join(rng.choice(USCC_ALPHABET[:10]) for _ in range(9))
    return body + uscc_check_character(body)


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
    registration_id = factory.Sequence(make_uscc)

    class Params:
        verified = factory.Trait(verification_status=VerificationStatus.VERIFIED)


class BuyerFactory(OrganizationFactory):
    kind = OrganizationKind.BUYER
    buyer_type = BuyerType.HOSPITAL
    name = factory.Sequence(lambda n: f"Buyer {n} Hospital")
    country = "FR"
    city = "Lyon"


class ContactFactory(DjangoModelFactory[Contact]):
    class Meta:
        model = Contact

    organization = factory.SubFactory(VendorFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = factory.Sequence(lambda n: f"+86 27 5555 {n:04d}")
    wechat = factory.Sequence(lambda n: f"wechat_{n}")
    whatsapp = factory.Sequence(lambda n: f"+33 6 5555 {n:04d}")
