"""A vendor and a buyer with contacts and members, outsiders of each kind, staff, and helpers
to assert which contact details a response or an e-mail shows."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import StaffFactory, UserFactory
from catalog.models import Product
from catalog.tests.factories import ProductFactory
from config.celery import app
from introductions.models import Introduction
from introductions.tests.factories import ProposalFactory, introduction_for
from matching.models import Proposal
from organizations.models import Contact, Organization
from organizations.tests.factories import BuyerFactory, ContactFactory, VendorFactory
from purchasing.models import PurchaseRequest
from purchasing.tests.factories import PurchaseRequestFactory
from reference.tests.factories import CategoryFactory

ROLES = ("anonymous", "vendor", "other_vendor", "buyer", "other_buyer", "staff", "no_organization")


def client_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def contact_values(contact: Contact) -> list[str]:
    return [contact.email, contact.phone, contact.wechat, contact.whatsapp]


def assert_shows(text: str, contact: Contact) -> None:
    for value in contact_values(contact):
        assert value in text, f"contact detail {value!r} missing"


def assert_hides(text: str, contact: Contact) -> None:
    for value in contact_values(contact):
        assert value
        assert value not in text, f"contact detail {value!r} leaked"


@dataclass
class World:
    vendor: Organization
    buyer: Organization
    other_vendor: Organization
    other_buyer: Organization
    contacts: dict[str, Contact]  # by organisation role: vendor, buyer, other_vendor, other_buyer
    users: dict[str, User | None]  # by ROLES
    vendor_colleague: User  # a second vendor member, who reads Chinese
    product: Product
    request: PurchaseRequest
    proposal: Proposal

    def client(self, role: str) -> APIClient:
        return client_for(self.users[role])

    def user(self, role: str) -> User:
        user = self.users[role]
        assert user is not None
        return user

    def approve(self) -> Introduction:
        return introduction_for(proposal=self.proposal, actor=self.user("staff"))


def build_world() -> World:
    vendor = VendorFactory(
        verified=True,
        name="武汉康泰医疗器械有限公司",
        legal_names={"zh": "武汉康泰医疗器械有限公司", "en": "Wuhan Kangtai Medical Devices Co., Ltd."},
        country="CN",
        city="Wuhan",
    )
    buyer = BuyerFactory(name="Hospices Civils de Lyon", country="FR", city="Lyon")
    other_vendor = VendorFactory(verified=True, name="Alpen Medizintechnik GmbH", country="DE")
    other_buyer = BuyerFactory(name="Hospital Universitario La Paz", country="ES")
    contacts = {
        "vendor": ContactFactory(
            organization=vendor,
            name="Li Wei",
            role="Export manager",
            email="li.wei@kangtai.example.cn",
            phone="+86 27 8765 4321",
            wechat="kangtai_liwei",
            whatsapp="+86 138 0000 4321",
        ),
        "buyer": ContactFactory(
            organization=buyer,
            name="Claire Martin",
            role="Achats",
            email="achats@chu-lyon.example",
            phone="+33 4 72 11 00 00",
            wechat="chu_lyon_achats",
            whatsapp="+33 6 12 34 56 78",
        ),
        "other_vendor": ContactFactory(
            organization=other_vendor,
            email="vertrieb@alpen.example",
            phone="+49 89 5555 0101",
            wechat="alpen_med",
            whatsapp="+49 151 5555 0101",
        ),
        "other_buyer": ContactFactory(
            organization=other_buyer,
            email="compras@lapaz.example",
            phone="+34 91 555 0202",
            wechat="lapaz_compras",
            whatsapp="+34 600 555 0202",
        ),
    }
    masks = CategoryFactory(
        slug="intro-test-masks", hs_code="9999.61", names={"en": "Surgical masks", "zh": "医用外科口罩"}
    )
    product = ProductFactory(
        vendor=vendor,
        category=masks,
        names={"en": "Surgical mask Type IIR", "zh": "医用外科口罩 IIR 型"},
        model_number="KT-IIR-100",
    )
    request = PurchaseRequestFactory(
        buyer=buyer, category=masks, title="Masques chirurgicaux type IIR", quantity=200_000
    )
    users: dict[str, User | None] = {
        "anonymous": None,
        "vendor": UserFactory(organization=vendor, language="en", first_name="Wang Fang"),
        "other_vendor": UserFactory(organization=other_vendor),
        "buyer": UserFactory(organization=buyer, language="fr", first_name="Julien"),
        "other_buyer": UserFactory(organization=other_buyer),
        "staff": StaffFactory(),
        "no_organization": UserFactory(),
    }
    return World(
        vendor=vendor,
        buyer=buyer,
        other_vendor=other_vendor,
        other_buyer=other_buyer,
        contacts=contacts,
        users=users,
        vendor_colleague=UserFactory(organization=vendor, language="zh", first_name="张伟"),
        product=product,
        request=request,
        proposal=ProposalFactory(request=request, product=product),
    )


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def introduction(world: World) -> Introduction:
    return world.approve()


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Files written by the factories go to a temporary directory."""
    root = tmp_path / "media"
    root.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root


@pytest.fixture
def eager_tasks() -> Iterator[None]:
    """Tasks run in this process when enqueued (for tests that follow a change to its e-mails).

    The real broker and worker are covered by test_worker.py.
    """
    # The app reads Django settings under the CELERY_ namespace, so overrides use those names.
    previous = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=True, CELERY_TASK_EAGER_PROPAGATES=True)
    try:
        yield
    finally:
        app.conf.update(CELERY_TASK_ALWAYS_EAGER=previous[0], CELERY_TASK_EAGER_PROPAGATES=previous[1])
