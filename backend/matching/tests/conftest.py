"""A proposal between a buyer and a vendor (each with contacts and a member), and clients per role."""

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import BuyerUserFactory, StaffFactory, VendorUserFactory
from catalog.tests.factories import ProductFactory
from matching.models import Proposal
from matching.tests.factories import ProposalFactory
from organizations.models import Organization
from organizations.tests.factories import BuyerFactory, ContactFactory, VendorFactory
from purchasing.tests.factories import PurchaseRequestFactory

ROLES = ("anonymous", "vendor", "buyer", "staff")
# Every contact string of both parties: none may appear in any proposal response.
CONTACT_STRINGS = (
    "ventes@wuhan-masks.example.cn",
    "+86 27 8888 0001",
    "wuhan_masks_sales",
    "+86 138 0000 0001",
    "achats@chu-lyon.example",
    "+33 4 7211 0000",
    "chu_lyon",
    "+33 6 1111 2222",
)


def client_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def assert_no_contacts(text: str) -> None:
    for value in CONTACT_STRINGS:
        assert value not in text, f"contact detail {value!r} leaked"


@dataclass
class World:
    vendor: Organization
    buyer: Organization
    users: dict[str, User | None]
    proposal: Proposal

    def client(self, role: str) -> APIClient:
        return client_for(self.users[role])


@pytest.fixture
def world() -> World:
    vendor = VendorFactory(name="Wuhan Masks Co.", verified=True, country="CN")
    buyer = BuyerFactory(name="Hospices Civils de Lyon", country="FR", verified=True)
    ContactFactory(
        organization=vendor,
        email=CONTACT_STRINGS[0],
        phone=CONTACT_STRINGS[1],
        wechat=CONTACT_STRINGS[2],
        whatsapp=CONTACT_STRINGS[3],
    )
    ContactFactory(
        organization=buyer,
        email=CONTACT_STRINGS[4],
        phone=CONTACT_STRINGS[5],
        wechat=CONTACT_STRINGS[6],
        whatsapp=CONTACT_STRINGS[7],
    )
    proposal = ProposalFactory(
        request=PurchaseRequestFactory(buyer=buyer, destination_country="FR"),
        product=ProductFactory(vendor=vendor),
    )
    users: dict[str, User | None] = {
        "anonymous": None,
        "vendor": VendorUserFactory(organization=vendor),
        "buyer": BuyerUserFactory(organization=buyer),
        "staff": StaffFactory(),
    }
    return World(vendor=vendor, buyer=buyer, users=users, proposal=proposal)
