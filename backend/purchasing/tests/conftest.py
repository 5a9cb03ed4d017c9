"""Users of each role and API clients signed in as them, for the purchasing tests."""

from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import BuyerUserFactory, StaffFactory, VendorUserFactory
from organizations.models import Contact, Organization
from organizations.tests.factories import BuyerFactory, ContactFactory
from reference.models import Category, Standard
from reference.tests.factories import CategoryFactory, StandardFactory


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Uploaded spreadsheets stored by the tests go to a temporary directory."""
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


def client_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def buyer() -> Organization:
    return BuyerFactory(name="Hospices Civils de Lyon", country="FR")


@pytest.fixture
def buyer_contact(buyer: Organization) -> Contact:
    return ContactFactory(
        organization=buyer, email="achats@chu-lyon.example", phone="+33 4 7211 0000", wechat="chu_lyon"
    )


@pytest.fixture
def buyer_member(buyer: Organization) -> User:
    return BuyerUserFactory(organization=buyer)


@pytest.fixture
def other_buyer_member() -> User:
    return BuyerUserFactory()


@pytest.fixture
def vendor_member() -> User:
    return VendorUserFactory()


@pytest.fixture
def staff() -> User:
    return StaffFactory()


# Slugs and HS codes of their own, so they never meet the seeded taxonomy (where one HS
# code may name several categories).
@pytest.fixture
def masks() -> Category:
    return CategoryFactory(slug="test-surgical-masks", hs_code="9999.10", names={"en": "Surgical masks"})


@pytest.fixture
def gloves() -> Category:
    return CategoryFactory(slug="test-nitrile-gloves", hs_code="9999.20", names={"en": "Nitrile gloves"})


@pytest.fixture
def en14683() -> Standard:
    return StandardFactory(code="EN 14683", title="Medical face masks")


@pytest.fixture
def en149() -> Standard:
    return StandardFactory(code="EN 149", title="Filtering half masks")
