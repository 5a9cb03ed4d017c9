import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from audit.selectors import audit_trail
from organizations.models import Contact, Organization
from organizations.tests.factories import BuyerFactory, VendorFactory
from outbox.models import OutboxEntry
from purchasing.models import PurchaseRequest
from purchasing.tests.conftest import client_for
from purchasing.tests.factories import PurchaseRequestFactory
from reference.models import Category, Standard

pytestmark = pytest.mark.django_db

URL = "/api/v1/requests/"


def _in(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def _payload(**overrides: object) -> dict[str, object]:
    payload: dict[str, object] = {
        "title": "Masques chirurgicaux type IIR",
        "description": "3 plis, élastiques",
        "language": "fr",
        "end_user": "Hôpital Édouard Herriot",
        "quantity": 200_000,
        "unit": "piece",
        "destination_country": "FR",
        "target_unit_price": "0.12",
        "currency": "EUR",
        "needed_by": _in(20),
        "incoterm": "CIF",
    }
    payload.update(overrides)
    return payload


def _codes(response: Any, field: str) -> list[str]:
    body = response.json()
    return [error["code"] for error in body["fields"][field]]


# --- create ---


def test_buyer_member_creates_a_request_for_their_organisation(
    buyer_member: User, buyer: Organization, masks: Category, en14683: Standard, buyer_contact: Contact
) -> None:
    response = client_for(buyer_member).post(
        URL,
        _payload(category=masks.pk, required_standards=["en 14683"], status="open", buyer=buyer.pk),
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    created = PurchaseRequest.objects.get()
    assert body["id"] == created.pk
    assert body["buyer"] == {"id": buyer.pk, "name": buyer.name, "country": "FR", "buyer_type": "hospital"}
    assert body["category"]["slug"] == "test-surgical-masks"
    assert body["required_standards"] == ["EN 14683"]
    assert body["status"] == "open"
    assert body["target_unit_price"] == "0.1200"
    assert body["has_duplicates"] is False
    assert created.created_by == buyer_member
    assert created.end_user_key == "hôpitalédouardherriot"
    # Never the buyer's contacts, not even to its own members in this API.
    for secret in (buyer_contact.email, buyer_contact.phone, buyer_contact.wechat, buyer_member.email):
        assert secret not in response.content.decode()
    assert OutboxEntry.objects.filter(entity="request", entity_id=created.pk, operation="upsert").count() == 1
    event = AuditEvent.objects.get(action="requests.created")
    assert (event.object_id, event.to_state, event.actor) == (str(created.pk), "open", buyer_member)


def test_create_defaults_to_draft_and_piece_and_allows_no_price(buyer_member: User) -> None:
    response = client_for(buyer_member).post(
        URL,
        {"title": "Gants nitrile", "quantity": 5, "destination_country": "fr"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["unit"], body["destination_country"]) == ("draft", "piece", "FR")
    assert body["target_unit_price"] is None
    assert body["category"] is None


def test_staff_create_for_a_named_buyer(staff: User, buyer: Organization) -> None:
    response = client_for(staff).post(URL, _payload(buyer=buyer.pk), format="json")

    assert response.status_code == 201, response.json()
    assert PurchaseRequest.objects.get().buyer == buyer


@pytest.mark.parametrize(
    ("buyer_id", "code"),
    [(None, "required"), (999_999, "does_not_exist"), ("vendor", "not_a_buyer")],
)
def test_staff_must_name_a_buyer_organisation(staff: User, buyer_id: object, code: str) -> None:
    payload = _payload()
    if buyer_id == "vendor":
        payload["buyer"] = VendorFactory().pk
    elif buyer_id is not None:
        payload["buyer"] = buyer_id

    response = client_for(staff).post(URL, payload, format="json")

    assert response.status_code == 400
    assert code in _codes(response, "buyer")
    assert not PurchaseRequest.objects.exists()


def test_member_cannot_post_for_another_buyer(buyer_member: User) -> None:
    response = client_for(buyer_member).post(URL, _payload(buyer=BuyerFactory().pk), format="json")

    assert response.status_code == 400
    assert _codes(response, "buyer") == ["not_allowed"]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"quantity": 0}, "quantity", "min_value"),
        ({"quantity": -5}, "quantity", "min_value"),
        ({"quantity": 10**12}, "quantity", "max_value"),
        ({"quantity": "many"}, "quantity", "invalid"),
        ({"title": ""}, "title", "required"),
        ({"title": "x" * 256}, "title", "max_length"),
        ({"destination_country": "XX"}, "destination_country", "invalid_country"),
        ({"destination_country": ""}, "destination_country", "required"),
        ({"currency": "ABC"}, "currency", "invalid_currency"),
        ({"currency": ""}, "currency", "required"),
        ({"target_unit_price": "0"}, "target_unit_price", "min_value"),
        ({"target_unit_price": "-1"}, "target_unit_price", "min_value"),
        ({"needed_by": "2020-01-01"}, "needed_by", "date_in_past"),
        ({"needed_by": "31/12/2030"}, "needed_by", "invalid"),
        ({"incoterm": "XYZ"}, "incoterm", "invalid_incoterm"),
        ({"language": "French!"}, "language", "invalid_language"),
        ({"required_standards": ["EN 14683", "NOPE 1"]}, "required_standards", "unknown_standard"),
        ({"category": 999_999}, "category", "unknown_category"),
        ({"status": "closed"}, "status", "invalid_choice"),
        ({"unit": "u" * 33}, "unit", "max_length"),
        ({"end_user": "a\x00b"}, "end_user", "null_characters_not_allowed"),
    ],
)
def test_create_rejects_bad_input_per_field(
    buyer_member: User, en14683: Standard, overrides: dict[str, object], field: str, code: str
) -> None:
    response = client_for(buyer_member).post(URL, _payload(**overrides), format="json")

    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "invalid"
    assert code in _codes(response, field), body
    assert not PurchaseRequest.objects.exists()
    assert not OutboxEntry.objects.filter(entity="request").exists()


def test_create_reports_every_wrong_field_at_once(buyer_member: User) -> None:
    response = client_for(buyer_member).post(
        URL,
        _payload(quantity=0, destination_country="ZZ", needed_by="2001-01-01", incoterm="FOO"),
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"quantity", "destination_country", "needed_by", "incoterm"}


def test_today_is_not_in_the_past(buyer_member: User) -> None:
    response = client_for(buyer_member).post(URL, _payload(needed_by=_in(0)), format="json")

    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("role", ["anonymous", "vendor_member"])
def test_vendors_and_anonymous_cannot_create(role: str, vendor_member: User) -> None:
    client = client_for(vendor_member if role == "vendor_member" else None)

    response = client.post(URL, _payload(), format="json")

    assert response.status_code in (401, 403)
    assert not PurchaseRequest.objects.exists()


# --- read ---


def test_list_visibility_per_role(
    buyer_member: User, other_buyer_member: User, vendor_member: User, staff: User, buyer: Organization
) -> None:
    own = PurchaseRequestFactory(buyer=buyer)
    other = PurchaseRequestFactory(buyer=other_buyer_member.organization)

    anonymous = client_for(None).get(URL)
    vendor = client_for(vendor_member).get(URL)
    mine = client_for(buyer_member).get(URL)
    theirs = client_for(other_buyer_member).get(URL)
    everything = client_for(staff).get(URL)

    assert anonymous.status_code in (401, 403)
    assert vendor.status_code == 403
    assert [item["id"] for item in mine.json()["results"]] == [own.pk]
    assert [item["id"] for item in theirs.json()["results"]] == [other.pk]
    assert {item["id"] for item in everything.json()["results"]} == {own.pk, other.pk}
    assert everything.json()["count"] == 2


def test_detail_per_role(
    buyer_member: User, other_buyer_member: User, vendor_member: User, staff: User, buyer: Organization
) -> None:
    own = PurchaseRequestFactory(buyer=buyer)
    url = f"{URL}{own.pk}/"

    assert client_for(None).get(url).status_code in (401, 403)
    assert client_for(vendor_member).get(url).status_code == 403
    assert client_for(other_buyer_member).get(url).status_code == 404
    assert client_for(buyer_member).get(url).json()["id"] == own.pk
    assert client_for(staff).get(url).json()["buyer"]["id"] == buyer.pk


def test_responses_never_contain_contacts(
    buyer_member: User, staff: User, buyer: Organization, buyer_contact: Contact
) -> None:
    purchase_request = PurchaseRequestFactory(buyer=buyer, end_user="CHU Lyon")

    responses = [
        client_for(buyer_member).get(URL),
        client_for(staff).get(URL),
        client_for(staff).get(f"{URL}{purchase_request.pk}/"),
    ]

    for response in responses:
        text = response.content.decode()
        assert response.status_code == 200
        assert buyer_contact.email not in text
        assert buyer_contact.phone not in text
        assert buyer_contact.wechat not in text
        assert buyer_member.email not in text


def test_list_filters_and_ordering(
    staff: User, buyer: Organization, masks: Category, gloves: Category
) -> None:
    soon = PurchaseRequestFactory(
        buyer=buyer, category=masks, quantity=500, needed_by=timezone.localdate() + datetime.timedelta(days=5)
    )
    later = PurchaseRequestFactory(
        buyer=buyer,
        category=gloves,
        quantity=100,
        destination_country="DE",
        needed_by=timezone.localdate() + datetime.timedelta(days=60),
    )
    draft = PurchaseRequestFactory(status="draft", quantity=900, category=gloves)
    client = client_for(staff)

    def ids(**params: object) -> list[int]:
        response = client.get(URL, params)
        assert response.status_code == 200, response.json()
        return [item["id"] for item in response.json()["results"]]

    assert ids(status="draft") == [draft.pk]
    assert set(ids(category=gloves.pk)) == {later.pk, draft.pk}
    assert ids(destination_country="de") == [later.pk]
    assert set(ids(buyer=buyer.pk)) == {soon.pk, later.pk}
    assert ids(needed_by_before=_in(10)) == [soon.pk]
    assert set(ids(needed_by_after=_in(10))) == {later.pk, draft.pk}
    assert ids(ordering="quantity") == [later.pk, soon.pk, draft.pk]
    assert ids(ordering="-quantity") == [draft.pk, soon.pk, later.pk]
    assert ids(ordering="needed_by", buyer=buyer.pk) == [soon.pk, later.pk]
    assert ids() == [draft.pk, later.pk, soon.pk]  # newest first by default
    assert ids(has_duplicates="true") == []
    assert len(ids(has_duplicates="false")) == 3


@pytest.mark.parametrize(
    ("params", "field"),
    [({"status": "bogus"}, "status"), ({"needed_by_before": "soon"}, "needed_by_before")],
)
def test_list_rejects_bad_filters(buyer_member: User, params: dict[str, str], field: str) -> None:
    response = client_for(buyer_member).get(URL, params)

    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_list_is_paginated(buyer_member: User, buyer: Organization) -> None:
    PurchaseRequestFactory.create_batch(3, buyer=buyer)

    response = client_for(buyer_member).get(URL, {"page_size": 2})

    body = response.json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"]


# --- update and delete ---


def test_own_member_edits_an_open_request(
    buyer_member: User, buyer: Organization, en149: Standard, masks: Category
) -> None:
    purchase_request = PurchaseRequestFactory(buyer=buyer, category=masks)

    response = client_for(buyer_member).patch(
        f"{URL}{purchase_request.pk}/",
        {"quantity": 42, "required_standards": ["EN 149"], "target_unit_price": "1.5", "currency": "usd"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    purchase_request.refresh_from_db()
    assert purchase_request.quantity == 42
    assert purchase_request.target_unit_price == Decimal("1.5")
    assert purchase_request.currency == "USD"
    assert list(purchase_request.required_standards.values_list("code", flat=True)) == ["EN 149"]
    assert response.json()["required_standards"] == ["EN 149"]
    assert OutboxEntry.objects.filter(entity="request", entity_id=purchase_request.pk).count() == 1
    assert AuditEvent.objects.filter(action="requests.updated", object_id=str(purchase_request.pk)).exists()


def test_update_validates_like_create(buyer_member: User, buyer: Organization) -> None:
    purchase_request = PurchaseRequestFactory(buyer=buyer)

    response = client_for(buyer_member).patch(
        f"{URL}{purchase_request.pk}/", {"quantity": 0, "needed_by": "2001-02-03"}, format="json"
    )

    assert response.status_code == 400
    assert _codes(response, "quantity") == ["min_value"]
    assert _codes(response, "needed_by") == ["date_in_past"]
    purchase_request.refresh_from_db()
    assert purchase_request.quantity == 10_000


def test_update_keeps_an_old_needed_by_date_that_has_passed(buyer_member: User, buyer: Organization) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    purchase_request = PurchaseRequestFactory(buyer=buyer, needed_by=yesterday)

    response = client_for(buyer_member).patch(
        f"{URL}{purchase_request.pk}/",
        {"needed_by": yesterday.isoformat(), "title": "Renamed"},
        format="json",
    )

    assert response.status_code == 200, response.json()


def test_update_refuses_status_changes(buyer_member: User, buyer: Organization) -> None:
    purchase_request = PurchaseRequestFactory(buyer=buyer)

    response = client_for(buyer_member).patch(
        f"{URL}{purchase_request.pk}/", {"status": "closed"}, format="json"
    )

    assert response.status_code == 400
    assert _codes(response, "status") == ["read_only"]
    purchase_request.refresh_from_db()
    assert purchase_request.status == "open"


@pytest.mark.parametrize("state", ["closed", "expired", "matched"])
def test_only_draft_and_open_requests_can_be_edited_or_deleted(
    buyer_member: User, buyer: Organization, state: str
) -> None:
    purchase_request = PurchaseRequestFactory(buyer=buyer, status=state)
    client = client_for(buyer_member)

    patched = client.patch(f"{URL}{purchase_request.pk}/", {"quantity": 7}, format="json")
    deleted = client.delete(f"{URL}{purchase_request.pk}/")

    assert patched.status_code == 409
    assert patched.json()["code"] == "conflict"
    assert deleted.status_code == 409
    assert PurchaseRequest.objects.filter(pk=purchase_request.pk, quantity=10_000).exists()


def test_update_and_delete_per_role(
    buyer_member: User, other_buyer_member: User, vendor_member: User, staff: User, buyer: Organization
) -> None:
    purchase_request = PurchaseRequestFactory(buyer=buyer)
    url = f"{URL}{purchase_request.pk}/"

    assert client_for(None).patch(url, {"quantity": 1}, format="json").status_code in (401, 403)
    assert client_for(vendor_member).patch(url, {"quantity": 1}, format="json").status_code == 403
    assert client_for(other_buyer_member).patch(url, {"quantity": 1}, format="json").status_code == 404
    assert client_for(other_buyer_member).delete(url).status_code == 404
    assert client_for(vendor_member).delete(url).status_code == 403
    assert client_for(staff).patch(url, {"quantity": 2}, format="json").status_code == 200
    assert client_for(buyer_member).patch(url, {"quantity": 3}, format="json").status_code == 200
    purchase_request.refresh_from_db()
    assert purchase_request.quantity == 3
    assert client_for(buyer_member).delete(url).status_code == 204
    assert not PurchaseRequest.objects.filter(pk=purchase_request.pk).exists()


def test_delete_writes_a_delete_outbox_row_and_an_audit_event(staff: User) -> None:
    purchase_request = PurchaseRequestFactory(status="draft")
    pk = purchase_request.pk

    response = client_for(staff).delete(f"{URL}{pk}/")

    assert response.status_code == 204
    assert OutboxEntry.objects.filter(entity="request", entity_id=pk, operation="delete").count() == 1
    event = AuditEvent.objects.get(action="requests.deleted")
    assert (event.object_id, event.from_state, event.actor) == (str(pk), "draft", staff)


# --- lifecycle ---


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("draft", "open"),
        ("draft", "closed"),
        ("open", "matched"),
        ("open", "closed"),
        ("open", "expired"),
        ("matched", "open"),
        ("matched", "closed"),
        ("expired", "open"),
    ],
)
def test_allowed_transitions_are_audited_and_indexed(
    buyer_member: User, buyer: Organization, start: str, target: str
) -> None:
    purchase_request = PurchaseRequestFactory(buyer=buyer, status=start)

    response = client_for(buyer_member).post(
        f"{URL}{purchase_request.pk}/transition/",
        {"status": target, "reason": "budget approved"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == target
    purchase_request.refresh_from_db()
    assert purchase_request.status == target
    event = audit_trail(target=purchase_request).get(action="requests.transitioned")
    assert (event.from_state, event.to_state, event.reason, event.actor) == (
        start,
        target,
        "budget approved",
        buyer_member,
    )
    assert OutboxEntry.objects.filter(entity="request", entity_id=purchase_request.pk).count() == 1


@pytest.mark.parametrize(
    ("start", "target", "allowed"),
    [
        ("draft", "matched", "closed, open"),
        ("open", "draft", "closed, expired, matched"),
        ("open", "open", "closed, expired, matched"),
        ("closed", "open", "none"),
        ("expired", "closed", "open"),
        ("open", "bogus", "closed, expired, matched"),
    ],
)
def test_invalid_transitions_are_refused_naming_the_allowed_targets(
    staff: User, start: str, target: str, allowed: str
) -> None:
    purchase_request = PurchaseRequestFactory(status=start)

    response = client_for(staff).post(
        f"{URL}{purchase_request.pk}/transition/", {"status": target}, format="json"
    )

    assert response.status_code == 400
    error = response.json()["fields"]["status"][0]
    assert error["code"] == "invalid_transition"
    assert f"allowed: {allowed}." in error["message"]
    purchase_request.refresh_from_db()
    assert purchase_request.status == start
    assert not AuditEvent.objects.filter(action="requests.transitioned").exists()
    assert not OutboxEntry.objects.filter(entity="request").exists()


def test_transition_per_role(
    buyer_member: User, other_buyer_member: User, vendor_member: User, staff: User, buyer: Organization
) -> None:
    purchase_request = PurchaseRequestFactory(buyer=buyer, status="draft")
    url = f"{URL}{purchase_request.pk}/transition/"

    assert client_for(None).post(url, {"status": "open"}, format="json").status_code in (401, 403)
    assert client_for(vendor_member).post(url, {"status": "open"}, format="json").status_code == 403
    assert client_for(other_buyer_member).post(url, {"status": "open"}, format="json").status_code == 404
    assert client_for(buyer_member).post(url, {"status": "open"}, format="json").status_code == 200
    assert client_for(staff).post(url, {"status": "matched"}, format="json").status_code == 200
    purchase_request.refresh_from_db()
    assert purchase_request.status == "matched"
