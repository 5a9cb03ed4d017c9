"""The complete journeys through the HTTP API, with the real search node and a real worker.

Vendor registers and is verified, lists a product with a CE certificate; a buyer
posts a request; the proposal appears with its explanation; staff approve; both
parties see each other's contacts; e-mail goes out; the outcome is recorded.
Every response is checked for contact leaks before approval.
"""

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.tests.factories import StaffFactory
from conftest import wait_for, worker_confirmation_link, worker_mail_dir
from organizations.tests.factories import PDF_BYTES
from reference.models import Category

pytestmark = [
    pytest.mark.usefixtures("celery_worker_idle_at_the_end"),
    pytest.mark.search,
    pytest.mark.celery,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct horse battery staple"
VENDOR_SECRETS = ("zhang.san@xinhua-med.example.cn", "+86 27 8765 4321", "wx_zhangsan_xinhua")
BUYER_SECRETS = ("achats@ambafrance.example.fr", "+33 1 4444 5555", "+33 6 1234 5678")


class Party:
    """An API client that remembers every response, for the leak checks."""

    def __init__(self, name: str, log: list[tuple[str, str, str]]) -> None:
        self.name = name
        self.client = APIClient()
        self.log = log

    def call(self, method: str, url: str, data: Any = None, **kwargs: Any) -> Any:
        response = getattr(self.client, method)(url, data, **kwargs)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        self.log.append((self.name, f"{method.upper()} {url}", body.decode("utf-8", errors="replace")))
        assert response.status_code < 500, f"{self.name} {method.upper()} {url}: {response.status_code}"
        return response

    def confirm_address(self, email: str) -> None:
        """Open the confirmation link the worker e-mailed (a new account signs in only then)."""
        mail_dir = worker_mail_dir(settings.OPENSEARCH["index_prefix"])
        link = wait_for(
            lambda: worker_confirmation_link(mail_dir, email), what=f"the confirmation to {email}"
        )
        query = parse_qs(urlsplit(link).query)
        response = self.call(
            "post",
            "/api/v1/auth/email/confirm/",
            {"uid": query["uid"][0], "token": query["token"][0]},
            format="json",
        )
        assert response.status_code == 200, response.json()

    def login(self, email: str) -> None:
        response = self.call(
            "post", "/api/v1/auth/login/", {"email": email, "password": PASSWORD}, format="json"
        )
        assert response.status_code == 200, response.json()


def assert_no_leaks(log: list[tuple[str, str, str]], *, allowed: dict[str, set[str]]) -> None:
    """No response shows contacts to anyone but their party, staff, or (after approval) the other side."""
    for name, call, text in log:
        for owner, secrets in (("vendor", VENDOR_SECRETS), ("buyer", BUYER_SECRETS)):
            if name in allowed[owner]:
                continue
            leaked = [secret for secret in secrets if secret in text]
            assert not leaked, f"{name} saw the {owner}'s contacts {leaked} in {call}"


def register_vendor(vendor: Party, staff: Party) -> int:
    response = vendor.call(
        "post",
        "/api/v1/auth/register/",
        {
            "email": VENDOR_SECRETS[0],
            "password": PASSWORD,
            "full_name": "张三",
            "phone": VENDOR_SECRETS[1],
            "language": "zh",
            "kind": "vendor",
            "organization_name": "武汉新华医疗器械有限公司",
            "legal_names": {"zh": "武汉新华医疗器械有限公司", "en": "Wuhan Xinhua Medical Devices Co., Ltd."},
            "country": "CN",
            "city": "Wuhan",
            "registration_id": "91110108551385082Q",
        },
        format="json",
    )
    assert response.status_code == 202, response.json()
    vendor.confirm_address(VENDOR_SECRETS[0])
    vendor.login(VENDOR_SECRETS[0])
    organization_id = vendor.call("get", "/api/v1/auth/me/").json()["organization_id"]
    contacts = vendor.call("get", f"/api/v1/organizations/{organization_id}/contacts/").json()
    contact_id = contacts["results"][0]["id"] if "results" in contacts else contacts[0]["id"]
    vendor.call(
        "patch",
        f"/api/v1/organizations/{organization_id}/contacts/{contact_id}/",
        {"wechat": VENDOR_SECRETS[2]},
        format="json",
    )
    licence = vendor.call(
        "post",
        f"/api/v1/organizations/{organization_id}/documents/",
        {"document_type": "business_licence", "file": _pdf("licence.pdf")},
        format="multipart",
    )
    assert licence.status_code == 201, licence.json()
    return int(organization_id)


def verify_vendor(vendor: Party, staff: Party, organization_id: int) -> None:
    """Documents first (a verified vendor whose documents change goes back to review), then staff verify."""
    requested = vendor.call("post", f"/api/v1/organizations/{organization_id}/request-verification/")
    assert requested.status_code == 200, requested.json()
    verified = staff.call("post", f"/api/v1/organizations/{organization_id}/verify/", {}, format="json")
    assert verified.status_code == 200, verified.json()


def list_product(vendor: Party, staff: Party, organization_id: int) -> int:
    masks = Category.objects.get(slug="surgical-masks")
    product = vendor.call(
        "post",
        "/api/v1/products/",
        {
            "category": masks.pk,
            "names": {"zh": "医用外科口罩 YY 0469", "en": "Surgical mask Type IIR"},
            "standards": ["EN 14683", "YY 0469"],
            "min_order_quantity": 10_000,
            "capacity_per_day": 400_000,
            "stock": 1_000_000,
            "lead_time_days": 7,
            "price_min": "0.05",
            "price_max": "0.07",
            "currency": "USD",
            "incoterms": ["FOB", "CIF"],
            "origin_country": "CN",
            "ports": ["Wuhan", "Shanghai"],
            "status": "published",
        },
        format="json",
    )
    assert product.status_code == 201, product.json()
    product_id = int(product.json()["id"])
    today = timezone.localdate()
    certificate = vendor.call(
        "post",
        f"/api/v1/organizations/{organization_id}/documents/",
        {
            "document_type": "certificate",
            "file": _pdf("ce.pdf"),
            "number": "CE-MDR-2020-0042",
            "issuer": "TÜV SÜD Product Service GmbH",
            "valid_from": (today.replace(year=today.year - 1)).isoformat(),
            "valid_until": (today.replace(year=today.year + 2)).isoformat(),
            "standards": "CE MDR,EN 14683",
            "markets": "EU",
            "products": str(product_id),
        },
        format="multipart",
    )
    assert certificate.status_code == 201, certificate.json()
    # A certificate has its own review: it counts in matching once staff approve it.
    assert certificate.json()["review_status"] == "pending"
    reviewed = staff.call(
        "post",
        f"/api/v1/organizations/{organization_id}/documents/{certificate.json()['id']}/approve/",
        {},
        format="json",
    )
    assert reviewed.status_code == 200, reviewed.json()
    return product_id


def register_buyer(buyer: Party) -> int:
    response = buyer.call(
        "post",
        "/api/v1/auth/register/",
        {
            "email": BUYER_SECRETS[0],
            "password": PASSWORD,
            "full_name": "Claire Martin",
            "phone": BUYER_SECRETS[1],
            "language": "fr",
            "kind": "buyer",
            "buyer_type": "embassy",
            "organization_name": "Ambassade de France — Service économique",
            "country": "FR",
            "city": "Paris",
        },
        format="json",
    )
    assert response.status_code == 202, response.json()
    buyer.confirm_address(BUYER_SECRETS[0])
    buyer.login(BUYER_SECRETS[0])
    organization_id = int(buyer.call("get", "/api/v1/auth/me/").json()["organization_id"])
    contacts = buyer.call("get", f"/api/v1/organizations/{organization_id}/contacts/").json()
    contact_id = contacts["results"][0]["id"] if "results" in contacts else contacts[0]["id"]
    buyer.call(
        "patch",
        f"/api/v1/organizations/{organization_id}/contacts/{contact_id}/",
        {"whatsapp": BUYER_SECRETS[2]},
        format="json",
    )
    return organization_id


def post_request(buyer: Party) -> int:
    masks = Category.objects.get(slug="surgical-masks")
    response = buyer.call(
        "post",
        "/api/v1/requests/",
        {
            "title": "Masques chirurgicaux type IIR pour les hôpitaux de Lyon",
            "description": "Masques chirurgicaux EN 14683 type IIR, boîtes de 50.",
            "language": "fr",
            "category": masks.pk,
            "quantity": 500_000,
            "unit": "piece",
            "required_standards": ["EN 14683"],
            "destination_country": "FR",
            "target_unit_price": "0.08",
            "currency": "USD",
            "needed_by": (timezone.localdate() + timezone.timedelta(days=30)).isoformat(),
            "incoterm": "CIF",
            "status": "open",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    return int(response.json()["id"])


def _pdf(name: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def proposal_for(staff: Party, request_id: int, product_id: int) -> dict[str, Any] | None:
    response = staff.call("get", "/api/v1/proposals/", {"request": request_id, "status": "proposed"})
    for item in response.json()["results"]:
        product = item.get("product") or {}
        if product.get("id") == product_id:
            return dict(item)
    return None


def approve_and_follow(
    *, staff: Party, vendor: Party, buyer: Party, proposal: dict[str, Any], search_prefix: str
) -> None:
    # The buyer signed up a minute ago: only a verified buyer receives contacts, so staff
    # verify it in the approval step.
    url = f"/api/v1/proposals/{proposal['id']}/approve/"
    refused = staff.call("post", url, {"reason": "good fit"}, format="json")
    assert refused.status_code == 409, refused.json()
    assert refused.json()["code"] == "buyer_not_verified"
    approved = staff.call("post", url, {"reason": "good fit", "verify_buyer": True}, format="json")
    assert approved.status_code == 200, approved.json()

    vendor_view = vendor.call("get", "/api/v1/introductions/").json()["results"]
    buyer_view = buyer.call("get", "/api/v1/introductions/").json()["results"]
    assert len(vendor_view) == len(buyer_view) == 1
    vendor_text = str(vendor_view)
    buyer_text = str(buyer_view)
    assert all(secret in vendor_text for secret in BUYER_SECRETS[:2])
    assert all(secret in buyer_text for secret in VENDOR_SECRETS)

    mail_dir = Path(worker_mail_dir(search_prefix))

    def both_mails() -> str:
        # The two e-mails are separate tasks: wait for both, not for the first file to appear.
        text = (
            "\n".join(path.read_text(errors="replace") for path in mail_dir.glob("*.log"))
            if mail_dir.exists()
            else ""
        )
        return text if VENDOR_SECRETS[0] in text and BUYER_SECRETS[0] in text else ""

    everything = wait_for(both_mails, what="the introduction e-mails to both parties")
    assert VENDOR_SECRETS[0] in everything  # to the vendor, and the vendor's contacts to the buyer
    assert BUYER_SECRETS[0] in everything

    introduction_id = vendor_view[0]["id"]
    negotiating = buyer.call(
        "post", f"/api/v1/introductions/{introduction_id}/outcome/", {"status": "negotiating"}, format="json"
    )
    deal = vendor.call(
        "post",
        f"/api/v1/introductions/{introduction_id}/outcome/",
        {"status": "deal", "deal_quantity": 500_000, "deal_value": "35000.00", "deal_currency": "USD"},
        format="json",
    )
    stats = staff.call("get", "/api/v1/stats/")

    assert negotiating.status_code == 200, negotiating.json()
    assert deal.status_code == 200, deal.json()
    assert deal.json()["status"] == "deal"
    assert stats.status_code == 200
    assert "deal" in stats.content.decode()


def test_vendor_first_then_buyer_journey(
    celery_worker_process: Any, clean_indexes: str, tmp_path: Path, settings: Any
) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    log: list[tuple[str, str, str]] = []
    vendor, buyer, staff, outsider = (Party(name, log) for name in ("vendor", "buyer", "staff", "outsider"))
    staff_user = StaffFactory(email="staff@medmatch.example", username="staff@medmatch.example")
    staff.client.force_authenticate(staff_user)

    vendor_id = register_vendor(vendor, staff)
    product_id = list_product(vendor, staff, vendor_id)
    verify_vendor(vendor, staff, vendor_id)
    wait_for(
        lambda: outsider.call("get", "/api/v1/search/products/", {"q": "口罩"}).json()["count"] >= 1,
        what="the product to become searchable",
    )
    register_buyer(buyer)
    request_id = post_request(buyer)

    proposal = wait_for(lambda: proposal_for(staff, request_id, product_id), what="the proposal")
    assert proposal["score"] > 0
    assert {criterion["criterion"] for criterion in proposal["criteria"]} >= {
        "capacity",
        "lead_time",
        "price",
    }
    # Before approval, neither party sees the other (nor the proposal).
    assert vendor.call("get", "/api/v1/proposals/").status_code == 403
    assert buyer.call("get", "/api/v1/introductions/").json()["results"] == []
    for path in (
        f"/api/v1/organizations/{vendor_id}/",
        f"/api/v1/products/{product_id}/",
        "/api/v1/search/suppliers/",
    ):
        buyer.call("get", path)
        outsider.call("get", path)
    assert_no_leaks(log, allowed={"vendor": {"vendor", "staff"}, "buyer": {"buyer", "staff"}})

    approve_and_follow(
        staff=staff, vendor=vendor, buyer=buyer, proposal=proposal, search_prefix=clean_indexes
    )
    assert_no_leaks(
        log, allowed={"vendor": {"vendor", "staff", "buyer"}, "buyer": {"buyer", "staff", "vendor"}}
    )


def test_request_first_then_product_journey(
    celery_worker_process: Any, clean_indexes: str, tmp_path: Path, settings: Any
) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    log: list[tuple[str, str, str]] = []
    vendor, buyer, staff = (Party(name, log) for name in ("vendor", "buyer", "staff"))
    staff.client.force_authenticate(
        StaffFactory(email="staff2@medmatch.example", username="staff2@medmatch.example")
    )

    register_buyer(buyer)
    request_id = post_request(buyer)
    vendor_id = register_vendor(vendor, staff)
    product_id = list_product(vendor, staff, vendor_id)
    verify_vendor(vendor, staff, vendor_id)  # reverse matching: the percolator finds the open request

    proposal = wait_for(lambda: proposal_for(staff, request_id, product_id), what="the reverse proposal")
    assert proposal["score"] > 0
    assert_no_leaks(log, allowed={"vendor": {"vendor", "staff"}, "buyer": {"buyer", "staff"}})
