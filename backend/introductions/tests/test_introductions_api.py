"""GET /api/v1/introductions/ and /{id}/: what each party sees, filters, ordering, pagination."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.tests.factories import ProductFactory
from introductions.models import Introduction, IntroductionStatus
from introductions.tests.conftest import World
from introductions.tests.factories import ProposalFactory, introduction_for
from purchasing.tests.factories import PurchaseRequestFactory

pytestmark = pytest.mark.django_db


def test_the_vendor_sees_the_request_the_product_and_the_buyers_contacts(
    world: World, introduction: Introduction
) -> None:
    response = world.client("vendor").get(f"/api/v1/introductions/{introduction.pk}/")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "awaiting_reply"
    assert body["proposal"] == world.proposal.pk
    assert body["score"] == 82.5
    assert body["request"]["title"] == "Masques chirurgicaux type IIR"
    assert body["request"]["quantity"] == 200_000
    assert body["request"]["destination_country"] == "FR"
    assert body["request"]["category"]["slug"] == "intro-test-masks"
    assert body["product"]["model_number"] == "KT-IIR-100"
    assert body["product"]["names"]["zh"] == "医用外科口罩 IIR 型"
    assert body["vendor"]["name"] == world.vendor.name
    assert body["vendor"]["contacts"] is None  # its own: on its own organisation page
    assert body["buyer"]["name"] == "Hospices Civils de Lyon"
    [contact] = body["buyer"]["contacts"]
    assert contact["name"] == "Claire Martin"
    assert contact["email"] == "achats@chu-lyon.example"
    assert contact["wechat"] == "chu_lyon_achats"
    assert contact["whatsapp"] == "+33 6 12 34 56 78"


def test_the_buyer_sees_the_vendors_contacts(world: World, introduction: Introduction) -> None:
    body = world.client("buyer").get(f"/api/v1/introductions/{introduction.pk}/").json()

    assert body["buyer"]["contacts"] is None
    assert [c["phone"] for c in body["vendor"]["contacts"]] == ["+86 27 8765 4321"]


def test_staff_see_both_parties_contacts(world: World, introduction: Introduction) -> None:
    body = world.client("staff").get(f"/api/v1/introductions/{introduction.pk}/").json()

    assert [c["email"] for c in body["vendor"]["contacts"]] == ["li.wei@kangtai.example.cn"]
    assert [c["email"] for c in body["buyer"]["contacts"]] == ["achats@chu-lyon.example"]


def test_a_deleted_product_leaves_the_introduction(world: World, introduction: Introduction) -> None:
    Introduction.objects.filter(pk=introduction.pk).update(product=None)  # as SET_NULL does

    body = world.client("buyer").get(f"/api/v1/introductions/{introduction.pk}/").json()

    assert body["product"] is None


def _other_introduction(world: World, **request_fields: object) -> Introduction:
    """A second introduction of the same vendor, with another buyer and request."""
    request = PurchaseRequestFactory(**request_fields)
    product = ProductFactory(vendor=world.vendor)
    return introduction_for(proposal=ProposalFactory(request=request, product=product, approved=True))


def test_members_list_only_their_organisations_introductions(
    world: World, introduction: Introduction
) -> None:
    second = _other_introduction(world, destination_country="DE")
    unrelated = introduction_for()

    vendor_ids = [row["id"] for row in world.client("vendor").get("/api/v1/introductions/").json()["results"]]
    buyer_ids = [row["id"] for row in world.client("buyer").get("/api/v1/introductions/").json()["results"]]
    staff_ids = [row["id"] for row in world.client("staff").get("/api/v1/introductions/").json()["results"]]

    assert sorted(vendor_ids) == sorted([introduction.pk, second.pk])
    assert buyer_ids == [introduction.pk]
    assert sorted(staff_ids) == sorted([introduction.pk, second.pk, unrelated.pk])


def test_each_listed_introduction_shows_its_own_other_party(world: World, introduction: Introduction) -> None:
    second = _other_introduction(world)
    second_contact_email = "buyer-two@example.org"
    second.buyer.contacts.create(name="Second buyer", email=second_contact_email)

    rows = {row["id"]: row for row in world.client("vendor").get("/api/v1/introductions/").json()["results"]}

    assert [c["email"] for c in rows[introduction.pk]["buyer"]["contacts"]] == ["achats@chu-lyon.example"]
    assert [c["email"] for c in rows[second.pk]["buyer"]["contacts"]] == [second_contact_email]


def test_filters(world: World, introduction: Introduction) -> None:
    second = _other_introduction(world, destination_country="DE")
    Introduction.objects.filter(pk=second.pk).update(
        status=IntroductionStatus.NEGOTIATING, created_at=timezone.now() - datetime.timedelta(days=40)
    )
    client = world.client("staff")

    def ids(**params: object) -> list[int]:
        response = client.get("/api/v1/introductions/", params)
        assert response.status_code == 200, response.content
        return sorted(row["id"] for row in response.json()["results"])

    today = timezone.localdate()
    assert ids(status="negotiating") == [second.pk]
    assert ids(status="awaiting_reply") == [introduction.pk]
    assert ids(vendor=world.vendor.pk) == sorted([introduction.pk, second.pk])
    assert ids(buyer=world.buyer.pk) == [introduction.pk]
    assert ids(request=world.request.pk) == [introduction.pk]
    assert ids(product=world.product.pk) == [introduction.pk]
    assert ids(country="de") == [second.pk]
    assert ids(created_after=(today - datetime.timedelta(days=1)).isoformat()) == [introduction.pk]
    assert ids(created_before=(today - datetime.timedelta(days=30)).isoformat()) == [second.pk]


def test_bad_filter_values_are_a_400(world: World) -> None:
    response = world.client("staff").get("/api/v1/introductions/", {"status": "won", "created_after": "soon"})

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"status", "created_after"}


def test_ordering_and_pagination(world: World, introduction: Introduction) -> None:
    others = [_other_introduction(world) for _ in range(2)]
    Introduction.objects.filter(pk=others[0].pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    client = world.client("vendor")

    oldest_first = client.get("/api/v1/introductions/", {"ordering": "created_at"}).json()
    page = client.get("/api/v1/introductions/", {"page_size": 2, "page": 2}).json()

    assert oldest_first["results"][0]["id"] == others[0].pk
    assert oldest_first["count"] == 3
    assert page["count"] == 3
    assert len(page["results"]) == 1
    assert page["previous"] is not None


def test_the_list_runs_the_same_few_queries_for_one_or_many_rows(
    world: World, introduction: Introduction
) -> None:
    client = world.client("staff")
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/introductions/")
    for _ in range(5):
        _other_introduction(world)

    with CaptureQueriesContext(connection) as six:
        response = client.get("/api/v1/introductions/")

    assert response.json()["count"] == 6
    assert len(six.captured_queries) == len(one.captured_queries) <= 6


# --- issue 8, item 11: the introduction's trail, for staff and its parties ---


def test_the_parties_read_the_introductions_trail_by_role_without_contacts(
    world: World, introduction: Introduction
) -> None:
    url = f"/api/v1/introductions/{introduction.pk}/audit/"
    outcome = world.client("buyer").post(
        f"/api/v1/introductions/{introduction.pk}/outcome/", {"status": "negotiating"}, format="json"
    )
    assert outcome.status_code == 200, outcome.json()

    for role in ("vendor", "buyer"):
        response = world.client(role).get(url)
        assert response.status_code == 200
        events = response.json()["results"]
        assert [(event["action"], event["actor_role"]) for event in events] == [
            ("introduction.outcome_recorded", "buyer"),
            ("introduction.created", "staff"),
        ]
        assert "actor_email" not in events[0]
        text = response.content.decode()
        for user in world.users.values():
            if user is not None:
                assert user.email not in text

    staff_events = world.client("staff").get(url).json()["results"]
    assert staff_events[0]["actor_email"] == world.user("buyer").email
    assert staff_events[1]["details"]["proposal"] == world.proposal.pk


def test_other_organisations_cannot_read_an_introductions_trail(
    world: World, introduction: Introduction
) -> None:
    url = f"/api/v1/introductions/{introduction.pk}/audit/"

    assert world.client("other_vendor").get(url).status_code == 404
    assert world.client("other_buyer").get(url).status_code == 404
    assert world.client("anonymous").get(url).status_code in (401, 403)
