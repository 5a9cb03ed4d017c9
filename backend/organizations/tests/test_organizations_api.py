import pytest

from accounts.tests.factories import StaffFactory, UserFactory
from audit.models import AuditEvent
from core.validators import uscc_example
from organizations.models import Organization
from organizations.tests.conftest import World, assert_no_contact_details, client_for
from organizations.tests.factories import BuyerFactory, ContactFactory, VendorFactory
from outbox.models import OutboxEntry

pytestmark = pytest.mark.django_db


def _names(response_json: dict[str, object]) -> set[str]:
    results = response_json["results"]
    assert isinstance(results, list)
    return {row["name"] for row in results}


def test_anonymous_list_shows_only_verified_vendors_without_contacts() -> None:
    public = VendorFactory(verified=True, name="Public Vendor")
    contact = ContactFactory(organization=public)
    VendorFactory(name="Unverified Vendor")
    VendorFactory(pending=True, name="Pending Vendor")
    VendorFactory(rejected=True, name="Rejected Vendor")
    BuyerFactory(verification_status="verified", name="Verified Buyer")

    response = client_for(None).get("/api/v1/organizations/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert _names(body) == {"Public Vendor"}
    assert "contacts" not in body["results"][0]
    assert_no_contact_details(response.content.decode(), contact)


def test_member_list_adds_their_own_organization() -> None:
    VendorFactory(verified=True, name="Public Vendor")
    own = BuyerFactory(name="Own Hospital")
    VendorFactory(name="Someone Else")

    response = client_for(UserFactory(organization=own)).get("/api/v1/organizations/")

    assert _names(response.json()) == {"Public Vendor", "Own Hospital"}


def test_staff_list_shows_everything_with_filters_and_ordering() -> None:
    VendorFactory(verified=True, name="B Vendor", country="CN")
    VendorFactory(pending=True, name="A Vendor", country="CN")
    BuyerFactory(name="C Embassy", buyer_type="embassy", country="FR")
    staff = client_for(StaffFactory())

    everything = staff.get("/api/v1/organizations/", {"ordering": "-name"})
    pending = staff.get("/api/v1/organizations/", {"verification_status": "pending"})
    embassies = staff.get("/api/v1/organizations/", {"kind": "buyer", "buyer_type": "embassy"})
    chinese = staff.get("/api/v1/organizations/", {"country": "cn", "ordering": "name"})

    assert [row["name"] for row in everything.json()["results"]] == ["C Embassy", "B Vendor", "A Vendor"]
    assert "verification_note" in everything.json()["results"][0]
    assert _names(pending.json()) == {"A Vendor"}
    assert _names(embassies.json()) == {"C Embassy"}
    assert [row["name"] for row in chinese.json()["results"]] == ["A Vendor", "B Vendor"]


def test_list_is_paginated() -> None:
    VendorFactory.create_batch(3, verified=True)

    response = client_for(None).get("/api/v1/organizations/", {"page_size": 2})

    body = response.json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"kind": "robot"}, "kind"), ({"verification_status": "maybe"}, "verification_status")],
)
def test_list_rejects_an_unknown_filter_value(params: dict[str, str], field: str) -> None:
    response = client_for(StaffFactory()).get("/api/v1/organizations/", params)

    assert response.status_code == 400
    assert response.json()["fields"][field][0]["code"] == "invalid_choice"


def test_non_staff_filters_never_widen_visibility() -> None:
    VendorFactory(pending=True, name="Pending Vendor")

    response = client_for(None).get("/api/v1/organizations/", {"verification_status": "pending"})

    assert response.json()["count"] == 0


def test_unknown_organization_is_404() -> None:
    response = client_for(StaffFactory()).get("/api/v1/organizations/999999/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_member_updates_profile_with_audit_and_outbox(world: World) -> None:
    payload = {
        "name": "Wuhan Xinhua Medical",
        "legal_names": {"zh": "武汉新华医疗器械有限公司", "en": "Wuhan Xinhua Medical Devices Co., Ltd."},
        "city": "Shenzhen",
        "address": "1 Science Park Road",
        "website": "https://xinhua-medical.example.cn",
        "description": "Masks and gowns.",
        "registration_id": uscc_example(4242).lower(),
        "kind": "buyer",  # not editable: ignored
        "country": "FR",  # not editable: ignored
    }

    response = world.client("vendor").patch(f"/api/v1/organizations/{world.own.pk}/", payload, format="json")

    assert response.status_code == 200, response.json()
    world.own.refresh_from_db()
    assert world.own.city == "Shenzhen"
    assert world.own.legal_names["zh"] == "武汉新华医疗器械有限公司"
    assert world.own.registration_id == uscc_example(4242)  # normalised to upper case
    assert world.own.kind == "vendor"
    assert world.own.country == "CN"
    assert response.json()["contacts"][0]["email"] == world.contact.email
    event = AuditEvent.objects.get(action="organization.updated", object_id=str(world.own.pk))
    assert event.actor == world.users["vendor"]
    assert "city" in event.data["fields"]
    assert OutboxEntry.objects.filter(entity="organization", entity_id=world.own.pk).exists()


def test_staff_can_update_any_profile(world: World) -> None:
    response = world.client("staff").patch(
        f"/api/v1/organizations/{world.own.pk}/", {"description": "Checked by staff."}, format="json"
    )

    assert response.status_code == 200
    assert Organization.objects.get(pk=world.own.pk).description == "Checked by staff."


@pytest.mark.parametrize(
    ("payload", "field", "code"),
    [
        ({"registration_id": "91110108551385082X"}, "registration_id", "uscc_checksum"),
        ({"registration_id": "123"}, "registration_id", "uscc_length"),
        ({"registration_id": ""}, "registration_id", "required"),
        ({"legal_names": {"not a tag": "x"}}, "legal_names", "invalid_language"),
        ({"website": "not a url"}, "website", "invalid"),
        ({"name": ""}, "name", "blank"),
    ],
)
def test_update_rejects_bad_input_per_field(
    world: World, payload: dict[str, object], field: str, code: str
) -> None:
    before = OutboxEntry.objects.count()

    response = world.client("vendor").patch(f"/api/v1/organizations/{world.own.pk}/", payload, format="json")

    assert response.status_code == 400
    assert code in [error["code"] for error in response.json()["fields"][field]], response.json()
    assert OutboxEntry.objects.count() == before


def test_update_without_changes_writes_nothing(world: World) -> None:
    response = world.client("vendor").patch(
        f"/api/v1/organizations/{world.own.pk}/", {"city": world.own.city}, format="json"
    )

    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action="organization.updated").exists()
    assert not OutboxEntry.objects.exists()


def test_an_update_is_json_only(world: World) -> None:
    # A multipart body that parsed to no field was an empty edit answered 200 (schemathesis).
    response = world.client("vendor").patch(
        f"/api/v1/organizations/{world.own.pk}/", {"city": "Lyon"}, format="multipart"
    )

    assert response.status_code == 415
    world.own.refresh_from_db()
    assert world.own.city != "Lyon"
