"""Every organisations endpoint × every role: the status code, and no contact detail where none belongs.

The organisation under test belongs to the "vendor" role. It is either unverified (hidden from
everyone but its members and staff: others get 404) or verified (public: others get 403 on its
private endpoints).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse

from organizations.tests.conftest import PDF_BYTES, ROLES, World, assert_no_contact_details, build_world

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: Callable[[World], str]
    body: Callable[[], dict[str, Any]] | None = None
    multipart: bool = False


def _upload_body() -> dict[str, Any]:
    return {"document_type": "business_licence", "file": SimpleUploadedFile("licence.pdf", PDF_BYTES)}


ENDPOINTS = {
    endpoint.name: endpoint
    for endpoint in [
        Endpoint("list", "get", lambda w: "/api/v1/organizations/"),
        Endpoint("retrieve", "get", lambda w: f"/api/v1/organizations/{w.own.pk}/"),
        Endpoint(
            "update", "patch", lambda w: f"/api/v1/organizations/{w.own.pk}/", lambda: {"city": "Shenzhen"}
        ),
        Endpoint("contacts_list", "get", lambda w: f"/api/v1/organizations/{w.own.pk}/contacts/"),
        Endpoint(
            "contacts_create",
            "post",
            lambda w: f"/api/v1/organizations/{w.own.pk}/contacts/",
            lambda: {"name": "Zhang San", "email": "zhang.san@example.cn"},
        ),
        Endpoint(
            "contacts_retrieve", "get", lambda w: f"/api/v1/organizations/{w.own.pk}/contacts/{w.contact.pk}/"
        ),
        Endpoint(
            "contacts_update",
            "patch",
            lambda w: f"/api/v1/organizations/{w.own.pk}/contacts/{w.contact.pk}/",
            lambda: {"role": "Export manager"},
        ),
        Endpoint(
            "contacts_delete",
            "delete",
            lambda w: f"/api/v1/organizations/{w.own.pk}/contacts/{w.contact.pk}/",
        ),
        Endpoint("documents_list", "get", lambda w: f"/api/v1/organizations/{w.own.pk}/documents/"),
        Endpoint(
            "documents_upload",
            "post",
            lambda w: f"/api/v1/organizations/{w.own.pk}/documents/",
            _upload_body,
            multipart=True,
        ),
        Endpoint(
            "documents_retrieve",
            "get",
            lambda w: f"/api/v1/organizations/{w.own.pk}/documents/{w.licence.pk}/",
        ),
        Endpoint(
            "documents_update",
            "patch",
            lambda w: f"/api/v1/organizations/{w.own.pk}/documents/{w.licence.pk}/",
            lambda: {"number": "BL-0001"},
        ),
        Endpoint(
            "documents_delete",
            "delete",
            lambda w: f"/api/v1/organizations/{w.own.pk}/documents/{w.licence.pk}/",
        ),
        Endpoint(
            "documents_file",
            "get",
            lambda w: f"/api/v1/organizations/{w.own.pk}/documents/{w.licence.pk}/file/",
        ),
        Endpoint(
            "request_verification",
            "post",
            lambda w: f"/api/v1/organizations/{w.own.pk}/request-verification/",
        ),
        Endpoint("verify", "post", lambda w: f"/api/v1/organizations/{w.own.pk}/verify/"),
        Endpoint(
            "reject",
            "post",
            lambda w: f"/api/v1/organizations/{w.own.pk}/reject/",
            lambda: {"reason": "The licence is illegible."},
        ),
        Endpoint("audit", "get", lambda w: f"/api/v1/organizations/{w.own.pk}/audit/"),
    ]
}

# Expected status per role, in the order of ROLES: anonymous, vendor (own), other vendor, buyer, staff.
HIDDEN_TARGET = {  # the organisation is unverified: not public
    "list": (200, 200, 200, 200, 200),
    "retrieve": (404, 200, 404, 404, 200),
    "update": (401, 200, 404, 404, 200),
    "contacts_list": (401, 200, 404, 404, 200),
    "contacts_create": (401, 201, 404, 404, 201),
    "contacts_retrieve": (401, 200, 404, 404, 200),
    "contacts_update": (401, 200, 404, 404, 200),
    "contacts_delete": (401, 204, 404, 404, 204),
    "documents_list": (401, 200, 404, 404, 200),
    "documents_upload": (401, 201, 404, 404, 201),
    "documents_retrieve": (401, 200, 404, 404, 200),
    "documents_update": (401, 200, 404, 404, 200),
    "documents_delete": (401, 204, 404, 404, 403),
    "documents_file": (401, 200, 404, 404, 200),
    "request_verification": (401, 200, 404, 404, 403),
    "verify": (401, 403, 403, 403, 409),  # staff: unverified → verified is not a transition
    "reject": (401, 403, 403, 403, 409),
    "audit": (401, 403, 403, 403, 200),
}
PUBLIC_TARGET = {  # the organisation is a verified vendor: its public profile is visible to all
    "list": (200, 200, 200, 200, 200),
    "retrieve": (200, 200, 200, 200, 200),
    "update": (401, 200, 403, 403, 200),
    "contacts_list": (401, 200, 403, 403, 200),
    "contacts_create": (401, 201, 403, 403, 201),
    "contacts_retrieve": (401, 200, 403, 403, 200),
    "contacts_update": (401, 200, 403, 403, 200),
    "contacts_delete": (401, 204, 403, 403, 204),
    "documents_list": (401, 200, 403, 403, 200),
    "documents_upload": (401, 201, 403, 403, 201),
    "documents_retrieve": (401, 200, 403, 403, 200),
    "documents_update": (401, 200, 403, 403, 200),
    "documents_delete": (401, 204, 403, 403, 403),
    "documents_file": (401, 200, 403, 403, 200),
    "request_verification": (401, 409, 403, 403, 403),  # already verified
    "verify": (401, 403, 403, 403, 409),
    "reject": (401, 403, 403, 403, 200),  # staff may withdraw a verification
    "audit": (401, 403, 403, 403, 200),
}
# Where the caller is one of these roles, the organisation's contact details must never appear.
OUTSIDERS = {"anonymous", "other_vendor", "buyer"}


def _cases(table: dict[str, tuple[int, ...]], status: str) -> list[Any]:
    return [
        pytest.param(status, name, role, expected[index], id=f"{status}-{name}-{role}")
        for name, expected in table.items()
        for index, role in enumerate(ROLES)
    ]


def _text(response: Any) -> str:
    """The whole body as text (a streamed file is read to the end)."""
    if isinstance(response, FileResponse):
        return b"".join(response.streaming_content).decode("latin-1")  # type: ignore[arg-type]
    return str(response.content.decode())


@pytest.mark.parametrize(
    ("status", "endpoint_name", "role", "expected"),
    _cases(HIDDEN_TARGET, "unverified") + _cases(PUBLIC_TARGET, "verified"),
)
def test_endpoint_status_by_role(status: str, endpoint_name: str, role: str, expected: int) -> None:
    world = build_world(verification_status=status)
    endpoint = ENDPOINTS[endpoint_name]
    client = world.client(role)
    body = endpoint.body() if endpoint.body else None
    kwargs: dict[str, Any] = {"format": "multipart" if endpoint.multipart else "json"}

    response = getattr(client, endpoint.method)(endpoint.path(world), body, **kwargs)

    assert response.status_code == expected, _text(response)
    if role in OUTSIDERS:
        assert_no_contact_details(_text(response), world.contact)


@pytest.mark.parametrize("role", ["vendor", "staff"])
def test_own_members_and_staff_see_contacts_in_the_detail(role: str) -> None:
    world = build_world(verification_status="verified")

    response = world.client(role).get(f"/api/v1/organizations/{world.own.pk}/")

    assert response.status_code == 200
    contacts = response.json()["contacts"]
    assert contacts[0]["email"] == world.contact.email
    assert contacts[0]["phone"] == world.contact.phone
    assert contacts[0]["wechat"] == world.contact.wechat
    assert contacts[0]["whatsapp"] == world.contact.whatsapp


@pytest.mark.parametrize("role", sorted(OUTSIDERS))
def test_public_view_has_no_private_fields(role: str) -> None:
    world = build_world(verification_status="verified")
    world.own.verification_note = "An old internal remark"
    world.own.address = "88 Hidden Road"
    world.own.save()

    detail = world.client(role).get(f"/api/v1/organizations/{world.own.pk}/")
    listing = world.client(role).get("/api/v1/organizations/")

    assert detail.status_code == 200
    body = detail.json()
    for field in ("contacts", "verification_note", "address", "registration_id"):
        assert field not in body
    for text in (detail.content.decode(), listing.content.decode()):
        assert "An old internal remark" not in text
        assert "88 Hidden Road" not in text
        assert world.licence.original_name not in text
        assert_no_contact_details(text, world.contact)
