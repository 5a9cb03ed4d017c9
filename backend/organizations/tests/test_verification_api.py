from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import StaffFactory, UserFactory
from audit.models import AuditEvent
from organizations.models import Organization
from organizations.tests.conftest import PDF_BYTES, World, build_world, client_for, make_product
from organizations.tests.factories import BuyerFactory, CertificateFactory, DocumentFactory
from outbox.models import OutboxEntry

pytestmark = pytest.mark.django_db


def _post(world: World, role: str, action: str, body: dict[str, Any] | None = None) -> Any:
    return world.client(role).post(
        f"/api/v1/organizations/{world.own.pk}/{action}/", body or {}, format="json"
    )


def _status(organization: Organization) -> str:
    organization.refresh_from_db()
    return organization.verification_status


def _organization_outbox(organization: Organization) -> int:
    return OutboxEntry.objects.filter(entity="organization", entity_id=organization.pk).count()


def _public_ids() -> set[int]:
    return {row["id"] for row in client_for(None).get("/api/v1/organizations/").json()["results"]}


def test_full_lifecycle_request_verify_reject_request_again(world: World) -> None:
    requested = _post(world, "vendor", "request-verification")
    assert requested.status_code == 200, requested.json()
    assert requested.json()["verification_status"] == "pending"
    assert world.own.pk not in _public_ids()

    verified = _post(world, "staff", "verify")
    assert verified.status_code == 200
    assert verified.json()["verified_at"]
    assert world.own.pk in _public_ids()

    rejected = _post(world, "staff", "reject", {"reason": "The licence number does not match the USCC."})
    assert rejected.status_code == 200
    assert rejected.json()["verification_note"] == "The licence number does not match the USCC."
    assert rejected.json()["verified_at"] is None
    assert world.own.pk not in _public_ids()

    again = _post(world, "vendor", "request-verification")
    assert again.status_code == 200
    assert _status(world.own) == "pending"

    events = list(
        AuditEvent.objects.filter(object_id=str(world.own.pk), action__startswith="organization.")
        .order_by("id")
        .values_list("action", "from_state", "to_state", "reason")
    )
    assert events == [
        ("organization.verification_requested", "unverified", "pending", ""),
        ("organization.verified", "pending", "verified", ""),
        ("organization.rejected", "verified", "rejected", "The licence number does not match the USCC."),
        ("organization.verification_requested", "rejected", "pending", ""),
    ]
    assert _organization_outbox(world.own) == 4


def test_request_verification_needs_a_business_licence(world: World) -> None:
    world.licence.delete()
    CertificateFactory(organization=world.own)

    response = _post(world, "vendor", "request-verification")

    assert response.status_code == 400
    assert response.json()["fields"]["documents"][0]["code"] == "missing_business_licence"
    assert _status(world.own) == "unverified"
    assert _organization_outbox(world.own) == 0


def test_a_buyer_requests_verification_with_any_document() -> None:
    buyer = BuyerFactory()
    client = client_for(UserFactory(organization=buyer))
    url = f"/api/v1/organizations/{buyer.pk}/request-verification/"

    without = client.post(url)
    DocumentFactory(organization=buyer, document_type="other")
    with_document = client.post(url)

    assert without.status_code == 400
    assert without.json()["fields"]["documents"][0]["code"] == "missing_documents"
    assert with_document.status_code == 200
    assert _status(buyer) == "pending"


def test_a_verified_buyer_stays_out_of_the_public_directory() -> None:
    buyer = BuyerFactory(verification_status="pending")
    staff = client_for(StaffFactory())

    response = staff.post(f"/api/v1/organizations/{buyer.pk}/verify/")

    assert response.status_code == 200
    assert buyer.pk not in _public_ids()
    assert client_for(None).get(f"/api/v1/organizations/{buyer.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("start", "action", "body"),
    [
        ("pending", "request-verification", None),
        ("verified", "request-verification", None),
        ("unverified", "verify", None),
        ("verified", "verify", None),
        ("rejected", "verify", None),
        ("unverified", "reject", {"reason": "No."}),
        ("rejected", "reject", {"reason": "No."}),
    ],
)
def test_wrong_state_is_a_conflict(start: str, action: str, body: dict[str, str] | None) -> None:
    world = build_world(verification_status=start)
    role = "vendor" if action == "request-verification" else "staff"

    response = _post(world, role, action, body)

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert start in response.json()["message"]
    assert _status(world.own) == start
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("body", "code"), [({}, "required"), ({"reason": "   "}, "blank")])
def test_reject_needs_a_reason(body: dict[str, str], code: str) -> None:
    world = build_world(verification_status="pending")

    response = _post(world, "staff", "reject", body)

    assert response.status_code == 400
    assert response.json()["fields"]["reason"][0]["code"] == code
    assert _status(world.own) == "pending"


def _expect_rereview(world: World, outbox_before: int) -> None:
    assert _status(world.own) == "pending"
    event = AuditEvent.objects.get(action="organization.rereview", object_id=str(world.own.pk))
    assert (event.from_state, event.to_state, event.reason) == ("verified", "pending", "documents changed")
    assert event.actor == world.users["vendor"]
    assert _organization_outbox(world.own) == outbox_before + 1
    assert world.own.pk not in _public_ids()


def test_upload_sends_a_verified_vendor_back_to_review() -> None:
    world = build_world(verification_status="verified")

    response = world.client("vendor").post(
        f"/api/v1/organizations/{world.own.pk}/documents/",
        {"document_type": "export_licence", "file": SimpleUploadedFile("export.pdf", PDF_BYTES)},
        format="multipart",
    )

    assert response.status_code == 201
    _expect_rereview(world, 0)


def test_delete_sends_a_verified_vendor_back_to_review() -> None:
    world = build_world(verification_status="verified")

    response = world.client("vendor").delete(
        f"/api/v1/organizations/{world.own.pk}/documents/{world.licence.pk}/"
    )

    assert response.status_code == 204
    _expect_rereview(world, 0)


def test_linking_a_certificate_keeps_the_vendor_verified_and_reindexes_products() -> None:
    """Issue 8, item 9: a certificate has its own review; linking one to a product neither hides
    the vendor nor sends the (already reviewed) certificate back to review."""
    world = build_world(verification_status="verified")
    product = make_product(vendor=world.own)
    certificate = CertificateFactory(organization=world.own)

    response = world.client("vendor").patch(
        f"/api/v1/organizations/{world.own.pk}/documents/{certificate.pk}/",
        {"products": [product.pk]},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["products"] == [product.pk]
    assert response.json()["review_status"] == "approved"
    assert _status(world.own) == "verified"
    assert world.own.pk in _public_ids()
    assert not AuditEvent.objects.filter(action="organization.rereview").exists()
    assert OutboxEntry.objects.filter(entity="product", entity_id=product.pk).exists()


def test_a_changed_certificate_awaits_review_without_hiding_the_vendor() -> None:
    world = build_world(verification_status="verified")
    certificate = CertificateFactory(organization=world.own)

    response = world.client("vendor").patch(
        f"/api/v1/organizations/{world.own.pk}/documents/{certificate.pk}/",
        {"number": "CE-2021-99999"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["review_status"] == "pending"
    assert _status(world.own) == "verified"
    assert world.own.pk in _public_ids()
    event = AuditEvent.objects.get(action="document.review_requested")
    assert event.data == {"document_id": certificate.pk, "fields": ["number"]}

    url = f"/api/v1/organizations/{world.own.pk}/documents/{certificate.pk}"
    assert world.client("vendor").post(f"{url}/approve/", {}, format="json").status_code == 403
    rejected = world.client("staff").post(f"{url}/reject/", {}, format="json")
    assert rejected.status_code == 400
    assert rejected.json()["fields"]["reason"][0]["code"] == "required"
    approved = world.client("staff").post(f"{url}/approve/", {}, format="json")
    assert approved.status_code == 200, approved.json()
    assert approved.json()["review_status"] == "approved"
    assert AuditEvent.objects.filter(action="document.approved", to_state="approved").exists()


def test_edit_without_changes_keeps_the_verification() -> None:
    world = build_world(verification_status="verified")

    response = world.client("vendor").patch(
        f"/api/v1/organizations/{world.own.pk}/documents/{world.licence.pk}/",
        {"number": world.licence.number},
        format="json",
    )

    assert response.status_code == 200
    assert _status(world.own) == "verified"
    assert not AuditEvent.objects.exists()


def test_a_pending_vendor_stays_pending_when_documents_change() -> None:
    world = build_world(verification_status="pending")

    world.client("vendor").delete(f"/api/v1/organizations/{world.own.pk}/documents/{world.licence.pk}/")

    assert _status(world.own) == "pending"
    assert not AuditEvent.objects.filter(action="organization.rereview").exists()


def test_audit_trail_for_staff(world: World) -> None:
    staff = world.users["staff"]
    _post(world, "vendor", "request-verification")
    _post(world, "staff", "reject", {"reason": "Blurred scan."})
    other = build_world(verification_status="pending")
    _post(other, "staff", "verify")  # another organisation's events never show

    response = world.client("staff").get(f"/api/v1/organizations/{world.own.pk}/audit/")
    filtered = world.client("staff").get(
        f"/api/v1/organizations/{world.own.pk}/audit/", {"action": "organization.rejected"}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    newest, oldest = body["results"]
    assert newest["action"] == "organization.rejected"
    assert newest["actor_email"] == staff.email
    assert (newest["from_state"], newest["to_state"], newest["reason"]) == (
        "pending",
        "rejected",
        "Blurred scan.",
    )
    assert newest["created_at"]
    assert oldest["action"] == "organization.verification_requested"
    assert oldest["actor_email"] == world.users["vendor"].email
    assert filtered.json()["count"] == 1


# --- issue 8, item 9: identity changes need review ---


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("legal_names", {"zh": "武汉另一家医疗器械有限公司", "en": "Wuhan Another Medical Co., Ltd."}),
        ("registration_id", "91420100MA4KXXXX0A"),
        ("name", "Another Medical Co."),
    ],
)
def test_identity_change_of_a_verified_vendor_sends_it_back_to_review(field: str, value: object) -> None:
    from core.validators import uscc_example

    world = build_world(verification_status="verified")
    if field == "registration_id":
        value = uscc_example(99_001)

    response = world.client("vendor").patch(
        f"/api/v1/organizations/{world.own.pk}/", {field: value}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert _status(world.own) == "pending"
    assert world.own.pk not in _public_ids()
    event = AuditEvent.objects.get(action="organization.identity_changed", object_id=str(world.own.pk))
    assert (event.from_state, event.to_state) == ("verified", "pending")
    assert field in event.reason
    assert event.actor == world.users["vendor"]


def test_other_profile_changes_keep_the_verification() -> None:
    world = build_world(verification_status="verified")

    response = world.client("vendor").patch(
        f"/api/v1/organizations/{world.own.pk}/", {"description": "Now also gowns."}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert _status(world.own) == "verified"
    assert not AuditEvent.objects.filter(action="organization.identity_changed").exists()
