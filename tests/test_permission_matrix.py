"""Every endpoint in the OpenAPI schema × every role: no 5xx, and no contact leaks.

The per-app tests assert the exact status codes; this one makes sure no endpoint
is forgotten. A new path parameter must be mapped in ``_path_values``, or this
test fails and says so.
"""

import re
from dataclasses import dataclass
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import BuyerUserFactory, StaffFactory, VendorUserFactory
from catalog.tests.factories import ProductFactory, certificate_for
from organizations.models import Organization
from organizations.tests.factories import ContactFactory
from purchasing.models import ImportJob
from purchasing.tests.factories import DuplicateFlagFactory, PurchaseRequestFactory
from reference.models import Category

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "vendor", "other_vendor", "buyer", "other_buyer", "staff")
METHODS = ("get", "post", "put", "patch", "delete")
VENDOR_SECRETS = ("vendor.secret@example.cn", "+86 27 8888 0001", "wx_vendor_secret", "+86 138 0000 0001")
BUYER_SECRETS = ("buyer.secret@example.fr", "+33 4 7777 0001", "wx_buyer_secret", "+33 6 0000 0001")


def _operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (path, method)
        for path, item in sorted(schema["paths"].items())
        for method in METHODS
        if method in item and path.startswith("/api/v1/")
    ]


OPERATIONS = _operations()


@dataclass
class World:
    users: dict[str, User | None]
    values: dict[str, Any]
    vendor: Organization
    buyer: Organization


@pytest.fixture
def world(tmp_path: Any, settings: Any) -> World:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    vendor_user = VendorUserFactory(organization__verification_status="verified")
    vendor = vendor_user.organization
    buyer_user = BuyerUserFactory()
    buyer = buyer_user.organization
    vendor_contact = ContactFactory(
        organization=vendor,
        email=VENDOR_SECRETS[0],
        phone=VENDOR_SECRETS[1],
        wechat=VENDOR_SECRETS[2],
        whatsapp=VENDOR_SECRETS[3],
    )
    ContactFactory(
        organization=buyer,
        email=BUYER_SECRETS[0],
        phone=BUYER_SECRETS[1],
        wechat=BUYER_SECRETS[2],
        whatsapp=BUYER_SECRETS[3],
    )
    category = Category.objects.get(slug="surgical-masks")
    product = ProductFactory(vendor=vendor, category=category)
    certificate = certificate_for(product=product)
    request = PurchaseRequestFactory(buyer=buyer, category=category, end_user="Hôpital Nord")
    flag = DuplicateFlagFactory(
        request=PurchaseRequestFactory(buyer=buyer, category=category), duplicate_of=request
    )
    values: dict[str, Any] = {
        "organization_id": vendor.pk,
        "contact_id": vendor_contact.pk,
        "document_id": certificate.pk,
        "product_id": product.pk,
        "request_id": request.pk,
        "flag_id": flag.pk,
        "job_id": ImportJob.objects.create(
            buyer=buyer, uploaded_by=buyer_user, filename="r.csv", request_status="open", content=b"x"
        ).pk,
        "id": category.pk,
    }
    values.update(_matching_values(request=request, product=product, buyer_user=buyer_user))
    values.update(_trade_service_values(vendor=vendor, vendor_user=vendor_user))
    values.update(_supplier_list_values())
    users: dict[str, User | None] = {
        "anonymous": None,
        "vendor": vendor_user,
        "other_vendor": VendorUserFactory(organization__verification_status="verified"),
        "buyer": buyer_user,
        "other_buyer": BuyerUserFactory(),
        "staff": StaffFactory(),
    }
    return World(users=users, values=values, vendor=vendor, buyer=buyer)


def _matching_values(*, request: Any, product: Any, buyer_user: User) -> dict[str, int]:
    """An unapproved proposal between the matrix's parties, and an introduction between two others.

    The introduction joins organisations outside the matrix: its own parties may see each
    other's contacts, which is not what this test checks.
    """
    from introductions.models import Notification
    from introductions.tests.factories import ProposalFactory, introduction_for

    proposal = ProposalFactory(request=request, vendor=product.vendor, product=product)
    introduction = introduction_for()
    notification = Notification.objects.create(user=buyer_user, kind="test.notice", title="Hello")
    return {
        "proposal_id": proposal.pk,
        "introduction_id": introduction.pk,
        "notification_id": notification.pk,
    }


def _trade_service_values(*, vendor: Organization, vendor_user: User) -> dict[str, Any]:
    """The vendor's draft application with evidence, an issued certificate, a consultation."""
    from certificates.tests.factories import EvidenceFactory, FmApplicationFactory, issued_certificate
    from consultations.tests.factories import (
        AdviserFactory,
        ConsultationAttachmentFactory,
        ConsultationFactory,
        ConsultationMessageFactory,
    )

    draft = FmApplicationFactory(organization=vendor, created_by=vendor_user)
    evidence = EvidenceFactory(application=draft)
    certificate = issued_certificate(application=FmApplicationFactory(organization=vendor, status="approved"))
    consultation = ConsultationFactory(organization=vendor, adviser=AdviserFactory(), status="assigned")
    ConsultationMessageFactory(consultation=consultation)
    attachment = ConsultationAttachmentFactory(consultation=consultation)
    return {
        "application_id": draft.pk,
        "evidence_id": evidence.pk,
        "certificate_id": certificate.pk,
        "number": certificate.number,
        "consultation_id": consultation.pk,
        "attachment_id": attachment.pk,
    }


def _supplier_list_values() -> dict[str, int]:
    """A resolved supplier list with one row waiting for review against a listed vendor."""
    from organizations.tests.factories import VendorFactory
    from supplierlists.tests.factories import review_candidate_for

    listed = VendorFactory(name="Listed Medical Co., Ltd.", listed=True)
    candidate = review_candidate_for(organization=listed, name="Listed Medical")
    return {"supplier_list_id": candidate.row.supplier_list_id, "candidate_id": candidate.pk}


def _path_values(path: str, world: World) -> str:
    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in world.values:
            pytest.fail(f"map the path parameter {{{name}}} of {path} in tests/test_permission_matrix.py")
        return str(world.values[name])

    return re.sub(r"\{([a-z_]+)\}", substitute, path)


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_every_endpoint_every_role(path: str, method: str, world: World, live_heartbeats: None) -> None:
    """(Heartbeats: health answers 503 when no worker or beat ever reported.)"""
    url = _path_values(path, world)
    for role in ROLES:
        client = APIClient()
        user = world.users[role]
        if user is not None:
            client.force_authenticate(user)
        response = getattr(client, method)(url, {}, format="json")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", errors="replace")

        # Health answers 503 by design when a component is down (on a loaded machine a probe can
        # miss its budget); every other endpoint must stay under 500.
        assert response.status_code < 500 or (path == "/api/v1/health/" and response.status_code == 503), (
            f"{role} {method.upper()} {url}: {response.status_code} {text[:300]}"
        )
        if role not in ("vendor", "staff"):
            leaked = [secret for secret in VENDOR_SECRETS if secret in text]
            assert not leaked, f"{role} {method.upper()} {url} leaked the vendor's contacts {leaked}"
        if role not in ("buyer", "staff"):
            leaked = [secret for secret in BUYER_SECRETS if secret in text]
            assert not leaked, f"{role} {method.upper()} {url} leaked the buyer's contacts {leaked}"
        if role == "anonymous" and method != "get":
            assert response.status_code >= 400 or path.startswith("/api/v1/auth/"), (
                f"anonymous {method.upper()} {url} answered {response.status_code}"
            )


def test_the_matrix_covers_the_public_api() -> None:
    paths = {path for path, _method in OPERATIONS}
    for expected in (
        "/api/v1/organizations/",
        "/api/v1/products/",
        "/api/v1/requests/",
        "/api/v1/search/products/",
        "/api/v1/certificates/applications/",
        "/api/v1/certificates/verify/{number}/",
        "/api/v1/consultations/",
        "/api/v1/stats/trade-services/",
    ):
        assert expected in paths
