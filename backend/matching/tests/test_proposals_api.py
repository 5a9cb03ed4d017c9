"""The staff review queue: listing, filters, sorting, overdue flags, approve, reject and bulk actions."""

import datetime
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from audit.models import AuditEvent
from catalog.tests.factories import ProductFactory
from introductions.models import Introduction
from matching.models import Proposal, ProposalStatus
from matching.tests.conftest import World, assert_no_contacts
from matching.tests.factories import ProposalFactory
from organizations.models import VerificationStatus
from organizations.tests.factories import VendorFactory
from purchasing.models import RequestStatus
from purchasing.tests.factories import PurchaseRequestFactory
from reference.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def _events(proposal: Proposal) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Proposal), object_id=str(proposal.pk)
        ).order_by("id")
    )


def _ids(world: World, **params: Any) -> list[int]:
    response = world.client("staff").get("/api/v1/proposals/", params)
    assert response.status_code == 200, response.json()
    return [item["id"] for item in response.json()["results"]]


# --- the queue ---


def test_queue_item_shows_request_product_vendor_score_and_reasons(world: World) -> None:
    response = world.client("staff").get("/api/v1/proposals/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["results"][0]
    proposal = world.proposal
    assert item["id"] == proposal.pk
    assert item["status"] == "proposed"
    assert item["score"] == 80.0
    assert item["score_parts"] == {"category": 25.0, "capacity": 15.0, "price": 10.0}
    assert item["criteria"][0]["detail"] == "capacity ok"
    assert item["request"]["id"] == proposal.request_id
    assert item["request"]["buyer"] == {
        "id": world.buyer.pk,
        "name": "Hospices Civils de Lyon",
        "country": "FR",
        "buyer_type": "hospital",
        "verification_status": "verified",
    }
    assert item["request"]["destination_country"] == "FR"
    assert item["product"]["id"] == proposal.product_id
    assert item["vendor"] == {
        "id": world.vendor.pk,
        "name": "Wuhan Masks Co.",
        "country": "CN",
        "city": "Wuhan",
        "verification_status": "verified",
    }
    assert item["overdue"] is False
    assert 0 <= item["age_hours"] < 1
    assert_no_contacts(response.content.decode())


def test_queue_shows_proposed_by_default_and_other_statuses_on_request(world: World) -> None:
    rejected = ProposalFactory(status=ProposalStatus.REJECTED)
    expired = ProposalFactory(status=ProposalStatus.EXPIRED)

    assert _ids(world) == [world.proposal.pk]
    assert _ids(world, status="rejected") == [rejected.pk]
    assert _ids(world, status="expired") == [expired.pk]


def test_queue_filters(world: World) -> None:
    gloves = CategoryFactory(slug="test-gloves-queue", hs_code="9999.21")
    other = ProposalFactory(
        request=PurchaseRequestFactory(category=gloves, destination_country="US"),
        product=ProductFactory(vendor=VendorFactory(verified=True, country="MY")),
        score=55.0,
    )
    mine = world.proposal

    assert _ids(world, request=other.request_id) == [other.pk]
    assert _ids(world, vendor=world.vendor.pk) == [mine.pk]
    assert _ids(world, category="test-gloves-queue") == [other.pk]
    assert _ids(world, destination_country="us") == [other.pk]
    assert _ids(world, vendor_country="MY") == [other.pk]
    assert _ids(world, min_score=60) == [mine.pk]
    assert _ids(world, min_score=55) == [mine.pk, other.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"status": "pending"}, "status"), ({"min_score": "high"}, "min_score"), ({"request": "x"}, "request")],
)
def test_queue_rejects_bad_filters(world: World, params: dict[str, str], field: str) -> None:
    response = world.client("staff").get("/api/v1/proposals/", params)

    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_queue_sorts_by_score_age_and_computation(world: World) -> None:
    now = timezone.now()
    old = ProposalFactory(score=60.0, proposed_at=now - datetime.timedelta(hours=5), computed_at=now)
    recent = ProposalFactory(score=95.0, proposed_at=now, computed_at=now - datetime.timedelta(hours=1))
    world.proposal.proposed_at = now - datetime.timedelta(hours=2)
    world.proposal.computed_at = now - datetime.timedelta(hours=3)
    world.proposal.save()
    mine = world.proposal.pk

    assert _ids(world) == [recent.pk, mine, old.pk]  # best score first by default
    assert _ids(world, ordering="score") == [old.pk, mine, recent.pk]
    assert _ids(world, ordering="proposed_at") == [old.pk, mine, recent.pk]  # oldest first
    assert _ids(world, ordering="-computed_at") == [old.pk, recent.pk, mine]
    assert _ids(world, ordering="-created_at")[0] == recent.pk


def test_overdue_flag_and_filter(world: World, settings: Any) -> None:
    settings.MEDMATCH_PROPOSAL_REVIEW_HOURS = 24
    late = ProposalFactory(proposed_at=timezone.now() - datetime.timedelta(hours=30))
    ProposalFactory(status=ProposalStatus.REJECTED, proposed_at=timezone.now() - datetime.timedelta(hours=30))

    response = world.client("staff").get("/api/v1/proposals/", {"ordering": "proposed_at"})

    flags = {item["id"]: item["overdue"] for item in response.json()["results"]}
    assert flags == {late.pk: True, world.proposal.pk: False}
    assert response.json()["results"][0]["age_hours"] == pytest.approx(30, abs=0.1)
    assert _ids(world, overdue="true") == [late.pk]
    assert _ids(world, overdue="false") == [world.proposal.pk]
    assert _ids(world, overdue="true", status="rejected") == []


def test_queue_is_paginated(world: World) -> None:
    ProposalFactory.create_batch(3)

    response = world.client("staff").get("/api/v1/proposals/", {"page_size": 2})

    assert response.json()["count"] == 4
    assert len(response.json()["results"]) == 2
    assert response.json()["next"]


def test_detail(world: World) -> None:
    response = world.client("staff").get(f"/api/v1/proposals/{world.proposal.pk}/")
    missing = world.client("staff").get("/api/v1/proposals/999999/")

    assert response.status_code == 200
    assert response.json()["id"] == world.proposal.pk
    assert_no_contacts(response.content.decode())
    assert missing.status_code == 404


# --- approve ---


def test_approve_creates_the_introduction_and_matches_the_request(world: World) -> None:
    staff = world.users["staff"]
    assert staff is not None

    response = world.client("staff").post(
        f"/api/v1/proposals/{world.proposal.pk}/approve/", {"reason": "Good fit."}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "approved"
    assert response.json()["decided_by"] == staff.pk
    proposal = Proposal.objects.get(pk=world.proposal.pk)
    assert proposal.status == ProposalStatus.APPROVED
    assert proposal.decided_by == staff
    assert proposal.decided_at is not None
    introduction = Introduction.objects.get(proposal=proposal)
    assert introduction.vendor_id == world.vendor.pk
    assert introduction.buyer_id == world.buyer.pk
    proposal.request.refresh_from_db()
    assert proposal.request.status == RequestStatus.MATCHED
    events = _events(proposal)
    assert [(e.action, e.from_state, e.to_state, e.reason) for e in events] == [
        ("proposals.approved", "proposed", "approved", "Good fit.")
    ]
    assert events[0].actor == staff


def test_approving_for_a_matched_request_keeps_it_matched(world: World) -> None:
    request = world.proposal.request
    request.status = RequestStatus.MATCHED
    request.save()

    response = world.client("staff").post(
        f"/api/v1/proposals/{world.proposal.pk}/approve/", {}, format="json"
    )

    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == RequestStatus.MATCHED


@pytest.mark.parametrize("status", [ProposalStatus.APPROVED, ProposalStatus.REJECTED, ProposalStatus.EXPIRED])
def test_only_proposed_can_be_approved_or_rejected(world: World, status: str) -> None:
    world.proposal.status = status
    world.proposal.save()

    approve = world.client("staff").post(f"/api/v1/proposals/{world.proposal.pk}/approve/", {}, format="json")
    reject = world.client("staff").post(
        f"/api/v1/proposals/{world.proposal.pk}/reject/", {"reason": "No."}, format="json"
    )

    assert approve.status_code == 409
    assert approve.json()["code"] == "conflict"
    assert status in approve.json()["message"]
    assert reject.status_code == 409
    assert not Introduction.objects.exists()
    assert not _events(world.proposal)


def test_approving_for_a_closed_request_is_a_conflict(world: World) -> None:
    request = world.proposal.request
    request.status = RequestStatus.CLOSED
    request.save()

    response = world.client("staff").post(
        f"/api/v1/proposals/{world.proposal.pk}/approve/", {}, format="json"
    )

    assert response.status_code == 409
    assert "closed" in response.json()["message"]
    world.proposal.refresh_from_db()
    assert world.proposal.status == ProposalStatus.PROPOSED


def test_approving_a_pair_that_broke_a_hard_rule_since_is_a_conflict(world: World) -> None:
    world.vendor.verification_status = VerificationStatus.PENDING
    world.vendor.save()

    response = world.client("staff").post(
        f"/api/v1/proposals/{world.proposal.pk}/approve/", {}, format="json"
    )

    assert response.status_code == 409
    assert "vendor not verified" in response.json()["message"]
    assert not Introduction.objects.exists()


# --- reject ---


def test_reject_with_a_reason(world: World) -> None:
    response = world.client("staff").post(
        f"/api/v1/proposals/{world.proposal.pk}/reject/",
        {"reason": "The buyer needs EN 14683 Type IIR."},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["decision_reason"] == "The buyer needs EN 14683 Type IIR."
    proposal = Proposal.objects.get(pk=world.proposal.pk)
    assert proposal.status == ProposalStatus.REJECTED
    assert [(e.action, e.from_state, e.to_state, e.reason) for e in _events(proposal)] == [
        ("proposals.rejected", "proposed", "rejected", "The buyer needs EN 14683 Type IIR.")
    ]
    proposal.request.refresh_from_db()
    assert proposal.request.status == RequestStatus.OPEN


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}])
def test_reject_needs_a_reason(world: World, body: dict[str, str]) -> None:
    response = world.client("staff").post(
        f"/api/v1/proposals/{world.proposal.pk}/reject/", body, format="json"
    )

    assert response.status_code == 400
    assert response.json()["fields"]["reason"][0]["code"] in {"required", "blank"}
    world.proposal.refresh_from_db()
    assert world.proposal.status == ProposalStatus.PROPOSED


def test_decisions_on_unknown_proposals_are_404(world: World) -> None:
    client = world.client("staff")

    assert client.post("/api/v1/proposals/999999/approve/", {}, format="json").status_code == 404
    assert client.post("/api/v1/proposals/999999/reject/", {"reason": "x"}, format="json").status_code == 404


# --- bulk ---


def test_bulk_approve(world: World) -> None:
    second = ProposalFactory(request=world.proposal.request)
    ids = [world.proposal.pk, second.pk]

    response = world.client("staff").post(
        "/api/v1/proposals/bulk/", {"action": "approve", "ids": ids, "reason": "Both fit."}, format="json"
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["count"] == 2
    assert [(item["id"], item["ok"], item["code"]) for item in body["results"]] == [
        (world.proposal.pk, True, "approved"),
        (second.pk, True, "approved"),
    ]
    assert set(Proposal.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"approved"}
    assert Introduction.objects.filter(proposal_id__in=ids).count() == 2
    world.proposal.request.refresh_from_db()
    assert world.proposal.request.status == RequestStatus.MATCHED


def test_bulk_reject(world: World) -> None:
    second = ProposalFactory()

    response = world.client("staff").post(
        "/api/v1/proposals/bulk/",
        {"action": "reject", "ids": [world.proposal.pk, second.pk], "reason": "Price far off."},
        format="json",
    )

    assert response.status_code == 200
    rejected = Proposal.objects.filter(pk__in=[world.proposal.pk, second.pk])
    assert {(p.status, p.decision_reason) for p in rejected} == {("rejected", "Price far off.")}


def test_bulk_is_all_or_nothing_on_a_conflict(world: World) -> None:
    done = ProposalFactory(status=ProposalStatus.REJECTED)
    fresh = ProposalFactory()

    response = world.client("staff").post(
        "/api/v1/proposals/bulk/",
        {"action": "approve", "ids": [world.proposal.pk, done.pk, fresh.pk]},
        format="json",
    )

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "conflict"
    assert "nothing was changed" in body["message"]
    assert [(item["id"], item["ok"], item["code"]) for item in body["results"]] == [
        (world.proposal.pk, True, "approved"),
        (done.pk, False, "conflict"),
        (fresh.pk, True, "approved"),
    ]
    assert Proposal.objects.get(pk=world.proposal.pk).status == ProposalStatus.PROPOSED
    assert Proposal.objects.get(pk=fresh.pk).status == ProposalStatus.PROPOSED
    assert not Introduction.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="proposals.").exists()
    world.proposal.request.refresh_from_db()
    assert world.proposal.request.status == RequestStatus.OPEN


def test_bulk_with_an_unknown_id_is_400_and_changes_nothing(world: World) -> None:
    response = world.client("staff").post(
        "/api/v1/proposals/bulk/",
        {"action": "reject", "ids": [world.proposal.pk, 999999], "reason": "No."},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "not_found"
    assert [(item["id"], item["code"]) for item in response.json()["results"]] == [
        (world.proposal.pk, "rejected"),
        (999999, "not_found"),
    ]
    assert Proposal.objects.get(pk=world.proposal.pk).status == ProposalStatus.PROPOSED


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"action": "reject", "ids": [1]}, "reason", "required"),
        ({"action": "reject", "ids": [1], "reason": " "}, "reason", "required"),
        ({"action": "merge", "ids": [1]}, "action", "invalid_choice"),
        ({"action": "approve", "ids": []}, "ids", "min_length"),
        ({"action": "approve"}, "ids", "required"),
        ({"action": "approve", "ids": ["a"]}, "ids", "invalid"),
    ],
)
def test_bulk_validates_its_input(world: World, body: dict[str, Any], field: str, code: str) -> None:
    response = world.client("staff").post("/api/v1/proposals/bulk/", body, format="json")

    assert response.status_code == 400
    errors = response.json()["fields"][field]
    codes = [error["code"] for error in errors] if isinstance(errors, list) else []
    if isinstance(errors, dict):  # per-item errors of a list field
        codes = [error["code"] for item in errors.values() for error in item]
    assert code in codes, response.json()


def test_bulk_with_an_unreadable_body_is_a_400_its_schema_admits(world: World) -> None:
    # A parse error is the shared error shape (code, message; no ``fields``), which the
    # operation's 400 schema required (schemathesis: a body of one NUL byte).
    response = world.client("staff").post(
        "/api/v1/proposals/bulk/", data="\x00", content_type="application/json"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "parse_error"
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert set(schema["components"]["schemas"]["ProposalBulkFailed"]["required"]) <= set(body)


# --- issue 8, item 10: contacts go only to verified buyers ---


@pytest.mark.parametrize("status", [VerificationStatus.UNVERIFIED, VerificationStatus.PENDING])
def test_approval_requires_a_verified_buyer(world: World, status: str) -> None:
    world.buyer.verification_status = status
    world.buyer.save(update_fields=["verification_status"])

    response = world.client("staff").post(
        f"/api/v1/proposals/{world.proposal.pk}/approve/", {}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "buyer_not_verified"
    assert "verify_buyer" in response.json()["message"]
    assert Proposal.objects.get(pk=world.proposal.pk).status == ProposalStatus.PROPOSED
    assert not Introduction.objects.exists()


def test_staff_may_verify_the_buyer_in_the_approval_step(world: World) -> None:
    world.buyer.verification_status = VerificationStatus.PENDING
    world.buyer.save(update_fields=["verification_status"])

    response = world.client("staff").post(
        f"/api/v1/proposals/{world.proposal.pk}/approve/", {"verify_buyer": True}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["request"]["buyer"]["verification_status"] == "verified"
    world.buyer.refresh_from_db()
    assert world.buyer.verification_status == VerificationStatus.VERIFIED
    event = AuditEvent.objects.get(
        content_type=ContentType.objects.get_for_model(world.buyer),
        object_id=str(world.buyer.pk),
        action="organization.verified",
    )
    assert (event.from_state, event.to_state, event.actor) == ("pending", "verified", world.users["staff"])
    assert f"proposal {world.proposal.pk}" in event.reason
    assert Introduction.objects.filter(proposal=world.proposal).exists()


def test_a_rejected_buyer_cannot_be_verified_in_the_approval_step(world: World) -> None:
    world.buyer.verification_status = VerificationStatus.REJECTED
    world.buyer.save(update_fields=["verification_status"])

    response = world.client("staff").post(
        f"/api/v1/proposals/{world.proposal.pk}/approve/", {"verify_buyer": True}, format="json"
    )

    assert response.status_code == 409
    assert not Introduction.objects.exists()


def test_bulk_approval_refuses_unverified_buyers_unless_told_to_verify(world: World) -> None:
    world.buyer.verification_status = VerificationStatus.UNVERIFIED
    world.buyer.save(update_fields=["verification_status"])
    body = {"action": "approve", "ids": [world.proposal.pk]}

    refused = world.client("staff").post("/api/v1/proposals/bulk/", body, format="json")
    assert refused.status_code == 409
    assert "verified buyer" in refused.json()["results"][0]["message"]
    assert not Introduction.objects.exists()

    accepted = world.client("staff").post(
        "/api/v1/proposals/bulk/", {**body, "verify_buyer": True}, format="json"
    )
    assert accepted.status_code == 200, accepted.json()
    world.buyer.refresh_from_db()
    assert world.buyer.verification_status == VerificationStatus.VERIFIED


def test_queue_shows_both_parties_verification_status(world: World) -> None:
    world.buyer.verification_status = VerificationStatus.PENDING
    world.buyer.save(update_fields=["verification_status"])

    item = world.client("staff").get("/api/v1/proposals/").json()["results"][0]

    assert item["request"]["buyer"]["verification_status"] == "pending"
    assert item["vendor"]["verification_status"] == "verified"


# --- issue 8, item 11: the trail of decisions ---


def test_proposal_audit_trail_is_staff_only_and_lists_every_decision(world: World) -> None:
    url = f"/api/v1/proposals/{world.proposal.pk}/audit/"
    world.client("staff").post(
        f"/api/v1/proposals/{world.proposal.pk}/reject/", {"reason": "Too dear."}, format="json"
    )

    response = world.client("staff").get(url)

    assert response.status_code == 200
    [event] = response.json()["results"]
    assert (event["action"], event["from_state"], event["to_state"], event["reason"]) == (
        "proposals.rejected",
        "proposed",
        "rejected",
        "Too dear.",
    )
    assert event["actor_email"] == world.users["staff"].email  # type: ignore[union-attr]
    assert world.client("vendor").get(url).status_code == 403
    assert world.client("buyer").get(url).status_code == 403
    assert world.client("anonymous").get(url).status_code in (401, 403)
    assert world.client("staff").get("/api/v1/proposals/999999/audit/").status_code == 404
