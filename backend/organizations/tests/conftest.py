"""Fixtures for the organisations API tests: a temporary media root and one user per role."""

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import StaffFactory, UserFactory
from catalog.models import Product
from organizations.models import Contact, Document, Organization
from organizations.tests.factories import (
    PDF_BYTES,
    BuyerFactory,
    ContactFactory,
    DocumentFactory,
    VendorFactory,
)
from reference.tests.factories import CategoryFactory


def _png_bytes() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("licence.txt", "not an image")
    return buffer.getvalue()


# A real 1×1 baseline JPEG (JFIF, one 8×8 block).
JPEG_BYTES = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912"
    "130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001"
    "000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b51000020103"
    "03020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f024336272"
    "82090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475"
    "767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9"
    "cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9"
)
PNG_BYTES = _png_bytes()
ZIP_BYTES = _zip_bytes()
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
TEXT_BYTES = b"This is a plain text file pretending to be a PDF.\n"
__all__ = ["EXE_BYTES", "JPEG_BYTES", "PDF_BYTES", "PNG_BYTES", "TEXT_BYTES", "ZIP_BYTES"]


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Uploaded files go to a temporary directory, never into the repository."""
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


def make_product(*, vendor: Organization) -> Product:
    """A minimal product of ``vendor`` (catalog has no factory yet)."""
    return Product.objects.create(
        vendor=vendor,
        category=CategoryFactory(),
        names={"en": "Surgical mask"},
        min_order_quantity=1000,
        capacity_per_day=50000,
        lead_time_days=7,
        price_min=Decimal("0.05"),
        price_max=Decimal("0.08"),
        currency="USD",
        origin_country="CN",
    )


def client_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@dataclass
class World:
    """The organisation under test (``own``), its contact and licence, and one user per role."""

    own: Organization
    contact: Contact
    licence: Document
    users: dict[str, User | None]

    def client(self, role: str) -> APIClient:
        return client_for(self.users[role])


ROLES = ("anonymous", "vendor", "other_vendor", "buyer", "staff")


def build_world(*, verification_status: str = "unverified") -> World:
    own = VendorFactory(verification_status=verification_status)
    other = VendorFactory(verified=True)
    buyer = BuyerFactory()
    return World(
        own=own,
        contact=ContactFactory(
            organization=own, email="secret.person@own-vendor.example", phone="+86 27 8765 4321"
        ),
        licence=DocumentFactory(organization=own),
        users={
            "anonymous": None,
            "vendor": UserFactory(organization=own),
            "other_vendor": UserFactory(organization=other),
            "buyer": UserFactory(organization=buyer),
            "staff": StaffFactory(),
        },
    )


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def assert_no_contact_details(text: str, contact: Contact) -> None:
    """None of the contact's channels appear anywhere in ``text``."""
    for value in (contact.email, contact.phone, contact.wechat, contact.whatsapp):
        assert value
        assert value not in text, f"contact detail {value!r} leaked"
