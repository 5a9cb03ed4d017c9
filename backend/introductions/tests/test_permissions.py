"""Every endpoint of this app × every role: the status code, and which contact details the raw
response carries. Contacts appear only inside an introduction, to its other party and staff;
before approval (no introduction) they appear nowhere."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from introductions.models import Introduction, Notification
from introductions.tests.conftest import ROLES, World, assert_hides, assert_shows
from introductions.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: Callable[[World, Introduction | None, Notification], str]
    body: dict[str, Any] | None = None


ENDPOINTS = [
    Endpoint("introductions_list", "get", lambda w, i, n: "/api/v1/introductions/"),
    Endpoint(
        "introductions_retrieve", "get", lambda w, i, n: f"/api/v1/introductions/{i.pk if i else 999999}/"
    ),
    Endpoint(
        "introductions_outcome",
        "post",
        lambda w, i, n: f"/api/v1/introductions/{i.pk if i else 999999}/outcome/",
        {"status": "negotiating"},
    ),
    Endpoint("notifications_list", "get", lambda w, i, n: "/api/v1/notifications/"),
    Endpoint("notifications_read", "post", lambda w, i, n: f"/api/v1/notifications/{n.pk}/read/"),
    Endpoint("notifications_read_all", "post", lambda w, i, n: "/api/v1/notifications/read-all/"),
    Endpoint("stats", "get", lambda w, i, n: "/api/v1/stats/"),
]

# Expected status by role, in the order of ROLES:
# anonymous, vendor (of the introduction), other vendor, buyer (of it), other buyer, staff, no organisation.
EXPECTED = {
    "introductions_list": (401, 200, 200, 200, 200, 200, 403),
    "introductions_retrieve": (401, 200, 404, 200, 404, 200, 403),
    "introductions_outcome": (401, 200, 404, 200, 404, 200, 403),
    "notifications_list": (401, 200, 200, 200, 200, 200, 200),
    # The notification belongs to the vendor member.
    "notifications_read": (401, 200, 404, 404, 404, 404, 404),
    "notifications_read_all": (401, 200, 200, 200, 200, 200, 200),
    "stats": (401, 403, 403, 403, 403, 200, 403),
}
# Whose contacts each role sees in the introduction endpoints (everything else shows none).
SHOWN = {"vendor": {"buyer"}, "buyer": {"vendor"}, "staff": {"vendor", "buyer"}}
INTRODUCTION_ENDPOINTS = {"introductions_list", "introductions_retrieve", "introductions_outcome"}


def _call(world: World, role: str, endpoint: Endpoint, introduction: Introduction | None) -> Any:
    notification = NotificationFactory(user=world.user("vendor"), introduction=introduction)
    client = world.client(role)
    path = endpoint.path(world, introduction, notification)
    if endpoint.method == "get":
        return client.get(path)
    return client.post(path, endpoint.body or {}, format="json")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("role", ROLES)
def test_status_and_contacts_after_approval(world: World, endpoint: Endpoint, role: str) -> None:
    introduction = world.approve()

    response = _call(world, role, endpoint, introduction)

    assert response.status_code == EXPECTED[endpoint.name][ROLES.index(role)], response.content
    text = response.content.decode()
    shown = SHOWN.get(role, set()) if endpoint.name in INTRODUCTION_ENDPOINTS else set()
    for party in ("vendor", "buyer"):
        if party in shown:
            assert_shows(text, world.contacts[party])
        else:
            assert_hides(text, world.contacts[party])
    assert_hides(text, world.contacts["other_vendor"])
    assert_hides(text, world.contacts["other_buyer"])


# Before approval there is no introduction: its detail and outcome are 404 for everyone.
EXPECTED_BEFORE_APPROVAL = {
    **EXPECTED,
    "introductions_retrieve": (401, 404, 404, 404, 404, 404, 403),
    "introductions_outcome": (401, 404, 404, 404, 404, 404, 403),
}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("role", ROLES)
def test_nothing_leaks_before_approval(world: World, endpoint: Endpoint, role: str) -> None:
    response = _call(world, role, endpoint, None)

    assert response.status_code == EXPECTED_BEFORE_APPROVAL[endpoint.name][ROLES.index(role)]
    text = response.content.decode()
    for contact in world.contacts.values():
        assert_hides(text, contact)
    if endpoint.name == "introductions_list" and response.status_code == 200:
        assert response.json()["count"] == 0


def test_a_rejected_proposal_reveals_nothing(world: World) -> None:
    world.proposal.status = "rejected"
    world.proposal.save(update_fields=["status"])

    for role in ("vendor", "buyer", "staff"):
        response = world.client(role).get("/api/v1/introductions/")
        assert response.json()["count"] == 0
        for contact in world.contacts.values():
            assert_hides(response.content.decode(), contact)
