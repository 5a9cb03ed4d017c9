"""POST /api/v1/introductions/{id}/outcome/: the lifecycle, its validation, audit and notifications."""

from decimal import Decimal
from typing import Any

import pytest

from audit.selectors import audit_trail
from introductions.models import Introduction, IntroductionStatus, Notification
from introductions.services import introduction_record_outcome
from introductions.tests.conftest import World
from purchasing.models import PurchaseRequest

pytestmark = pytest.mark.django_db


def _post(world: World, role: str, introduction: Introduction, **body: Any) -> Any:
    return world.client(role).post(f"/api/v1/introductions/{introduction.pk}/outcome/", body, format="json")


def _outcome_notifications(world: World) -> dict[int, Notification]:
    return {n.user_id: n for n in Notification.objects.filter(kind="introduction.outcome")}


def test_negotiation_then_deal(world: World, introduction: Introduction) -> None:
    request_status = world.request.status

    negotiating = _post(world, "vendor", introduction, status="negotiating", reason="Samples sent.")
    deal = _post(
        world,
        "buyer",
        introduction,
        status="deal",
        deal_quantity=150_000,
        deal_value="9750.00",
        deal_currency="eur",
    )

    assert negotiating.status_code == 200, negotiating.content
    assert negotiating.json()["status"] == "negotiating"
    assert negotiating.json()["replied_at"] is not None
    assert deal.status_code == 200, deal.content
    body = deal.json()
    assert (body["status"], body["deal_quantity"], body["deal_value"], body["deal_currency"]) == (
        "deal",
        150_000,
        "9750.00",
        "EUR",
    )
    assert body["closed_at"] is not None
    assert body["replied_at"] == negotiating.json()["replied_at"]
    events = list(audit_trail(target=introduction).order_by("id"))
    assert [(e.action, e.from_state, e.to_state) for e in events] == [
        ("introduction.created", "", "awaiting_reply"),
        ("introduction.outcome_recorded", "awaiting_reply", "negotiating"),
        ("introduction.outcome_recorded", "negotiating", "deal"),
    ]
    assert events[1].reason == "Samples sent."
    assert events[1].actor == world.user("vendor")
    assert events[2].data == {
        "status": "deal",
        "deal_quantity": 150_000,
        "deal_value": "9750.00",
        "deal_currency": "EUR",
    }
    # The request may need more suppliers: recording a deal does not close it.
    assert PurchaseRequest.objects.get(pk=world.request.pk).status == request_status


def test_the_other_party_is_notified(world: World, introduction: Introduction) -> None:
    _post(world, "vendor", introduction, status="negotiating")

    notified = _outcome_notifications(world)
    assert set(notified) == {world.user("buyer").pk}
    buyer_notification = notified[world.user("buyer").pk]
    assert (
        buyer_notification.title == f"{world.vendor.name} a mis à jour la mise en relation : en négociation"
    )
    assert buyer_notification.details["status"] == "negotiating"

    Notification.objects.filter(kind="introduction.outcome").delete()
    _post(world, "buyer", introduction, status="no_deal", reason="Price too high.")

    notified = _outcome_notifications(world)
    assert set(notified) == {world.user("vendor").pk, world.vendor_colleague.pk}
    assert notified[world.vendor_colleague.pk].title == "Hospices Civils de Lyon 更新了对接状态：未成交"
    assert (
        notified[world.user("vendor").pk].title == "Hospices Civils de Lyon updated the introduction: no deal"
    )


def test_staff_changes_notify_both_parties(world: World, introduction: Introduction) -> None:
    _post(world, "staff", introduction, status="negotiating")

    assert set(_outcome_notifications(world)) == {
        world.user("vendor").pk,
        world.vendor_colleague.pk,
        world.user("buyer").pk,
    }
    assert _outcome_notifications(world)[world.user("vendor").pk].title.startswith("MedMatch updated")


def test_no_deal_straight_from_awaiting_reply_needs_a_reason(
    world: World, introduction: Introduction
) -> None:
    missing = _post(world, "buyer", introduction, status="no_deal", reason="  ")
    given = _post(world, "buyer", introduction, status="no_deal", reason="Bought elsewhere.")

    assert missing.status_code == 400
    assert missing.json()["fields"]["reason"][0]["code"] == "required"
    assert given.status_code == 200
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.NO_DEAL
    assert introduction.no_deal_reason == "Bought elsewhere."
    assert introduction.replied_at is not None
    assert introduction.closed_at is not None


def test_a_deal_needs_quantity_value_and_currency(world: World, introduction: Introduction) -> None:
    _post(world, "vendor", introduction, status="negotiating")

    empty = _post(world, "buyer", introduction, status="deal")
    wrong = _post(
        world, "buyer", introduction, status="deal", deal_quantity=0, deal_value="-5", deal_currency="ZZZ"
    )
    too_precise = _post(
        world, "buyer", introduction, status="deal", deal_quantity=5, deal_value="1.001", deal_currency="USD"
    )

    assert empty.status_code == 400
    assert {name: errors[0]["code"] for name, errors in empty.json()["fields"].items()} == {
        "deal_quantity": "required",
        "deal_value": "required",
        "deal_currency": "required",
    }
    assert wrong.status_code == 400
    assert {name: errors[0]["code"] for name, errors in wrong.json()["fields"].items()} == {
        "deal_quantity": "min_value",
        "deal_value": "min_value",
        "deal_currency": "invalid_currency",
    }
    assert too_precise.status_code == 400
    assert set(too_precise.json()["fields"]) == {"deal_value"}
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.NEGOTIATING


def test_deal_figures_belong_to_a_deal_only(world: World, introduction: Introduction) -> None:
    response = _post(world, "vendor", introduction, status="negotiating", deal_quantity=10)

    assert response.status_code == 400
    assert response.json()["fields"]["deal_quantity"][0]["code"] == "not_allowed"


@pytest.mark.parametrize("target", ["deal", "awaiting_reply", "expired", "won"])
def test_moves_outside_the_lifecycle_are_a_400(world: World, introduction: Introduction, target: str) -> None:
    response = _post(
        world,
        "vendor",
        introduction,
        status=target,
        **({"deal_quantity": 5, "deal_value": "5.00", "deal_currency": "USD"} if target == "deal" else {}),
    )

    assert response.status_code == 400
    [error] = response.json()["fields"]["status"]
    assert error["code"] == "invalid_transition"
    assert "negotiating, no_deal" in error["message"]
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.AWAITING_REPLY


@pytest.mark.parametrize("final", ["deal", "no_deal", "expired"])
def test_final_outcomes_are_a_409(world: World, introduction: Introduction, final: str) -> None:
    Introduction.objects.filter(pk=introduction.pk).update(status=final)

    response = _post(world, "staff", introduction, status="negotiating")

    assert response.status_code == 409
    assert response.json()["code"] == "introduction_final"


def test_the_service_keeps_the_first_reply_time(world: World, introduction: Introduction) -> None:
    moved = introduction_record_outcome(
        introduction=introduction, actor=world.user("vendor"), status="negotiating"
    )
    first_reply = moved.replied_at

    done = introduction_record_outcome(
        introduction=introduction,
        actor=world.user("buyer"),
        status="deal",
        deal_quantity=1000,
        deal_value=Decimal("120.50"),
        deal_currency="USD",
    )

    assert done.replied_at == first_reply
    assert done.deal_value == Decimal("120.50")
