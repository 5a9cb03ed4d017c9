"""Every proposals endpoint × every role: only staff may list, read or decide; nobody sees contacts."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from matching.models import ProposalStatus
from matching.tests.conftest import ROLES, World, assert_no_contacts

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: Callable[[World], str]
    body: Callable[[World], dict[str, Any]] | None = None


ENDPOINTS = [
    Endpoint("list", "get", lambda w: "/api/v1/proposals/"),
    Endpoint("retrieve", "get", lambda w: f"/api/v1/proposals/{w.proposal.pk}/"),
    Endpoint("approve", "post", lambda w: f"/api/v1/proposals/{w.proposal.pk}/approve/", lambda w: {}),
    Endpoint(
        "reject",
        "post",
        lambda w: f"/api/v1/proposals/{w.proposal.pk}/reject/",
        lambda w: {"reason": "The buyer needs EN 14683."},
    ),
    Endpoint(
        "bulk",
        "post",
        lambda w: "/api/v1/proposals/bulk/",
        lambda w: {"action": "reject", "ids": [w.proposal.pk], "reason": "Duplicate offer."},
    ),
]
EXPECTED = {"anonymous": 401, "vendor": 403, "buyer": 403, "staff": 200}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.name)
@pytest.mark.parametrize("role", ROLES)
def test_endpoint_per_role(world: World, endpoint: Endpoint, role: str) -> None:
    client = world.client(role)
    path = endpoint.path(world)

    if endpoint.method == "get":
        response = client.get(path)
    else:
        response = client.post(path, endpoint.body(world) if endpoint.body else {}, format="json")

    assert response.status_code == EXPECTED[role], response.content
    assert_no_contacts(response.content.decode())
    world.proposal.refresh_from_db()
    if role != "staff":
        assert world.proposal.status == ProposalStatus.PROPOSED
        assert str(world.proposal.score) not in response.content.decode()
