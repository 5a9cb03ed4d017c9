"""The demo's organisations and people: vendors (two in three Chinese), buyers, their
contacts and user accounts, and the demo staff account.
"""

import random
from collections.abc import Iterator

from django.utils import timezone

from accounts.models import User
from core.validators import uscc_example
from demo.services.context import SeedContext
from demo.services.data import (
    BUYERS,
    CHINESE_CITIES,
    CHINESE_TRADES,
    CHINESE_WORDS,
    DEMO_PASSWORD,
    OTHER_VENDORS,
)
from organizations.models import (
    Contact,
    Organization,
    OrganizationKind,
    VerificationStatus,
)


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


def seed_vendors(context: SeedContext, count: int) -> list[Organization]:
    vendors = Organization.objects.bulk_create(list(_vendor_rows(context.rng, count)), batch_size=2000)
    for vendor in vendors:
        if vendor.verification_status == VerificationStatus.VERIFIED:
            vendor.verified_at = timezone.now()
    Organization.objects.bulk_update(vendors, ["verified_at"], batch_size=2000)
    return vendors


def seed_buyers(count: int) -> list[Organization]:
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


def seed_people(context: SeedContext, organizations: list[Organization]) -> int:
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
