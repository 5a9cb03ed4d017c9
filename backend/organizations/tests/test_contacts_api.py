import pytest

from audit.models import AuditEvent
from organizations.models import Contact
from organizations.tests.conftest import World
from organizations.tests.factories import ContactFactory, VendorFactory

pytestmark = pytest.mark.django_db


def test_member_lists_creates_updates_and_deletes_contacts(world: World) -> None:
    client = world.client("vendor")
    base = f"/api/v1/organizations/{world.own.pk}/contacts/"

    created = client.post(
        base,
        {"name": "王芳", "role": "Export manager", "email": "wang.fang@example.cn", "wechat": "wangfang88"},
        format="json",
    )
    contact_id = created.json()["id"]
    listed = client.get(base, {"ordering": "name"})
    updated = client.patch(f"{base}{contact_id}/", {"phone": "+86 27 1234 5678"}, format="json")
    deleted = client.delete(f"{base}{contact_id}/")

    assert created.status_code == 201, created.json()
    assert created.json()["wechat"] == "wangfang88"
    assert listed.json()["count"] == 2
    assert {row["email"] for row in listed.json()["results"]} == {world.contact.email, "wang.fang@example.cn"}
    assert updated.json()["phone"] == "+86 27 1234 5678"
    assert deleted.status_code == 204
    assert not Contact.objects.filter(pk=contact_id).exists()
    actions = set(AuditEvent.objects.filter(object_id=str(world.own.pk)).values_list("action", flat=True))
    assert {"contact.created", "contact.updated", "contact.deleted"} <= actions


@pytest.mark.parametrize(
    ("payload", "field", "code"),
    [
        ({"name": "X", "email": "not-an-email"}, "email", "invalid"),
        ({"email": "someone@example.org"}, "name", "required"),
        ({"name": "X", "phone": "1" * 40}, "phone", "max_length"),
    ],
)
def test_create_contact_rejects_bad_input(
    world: World, payload: dict[str, str], field: str, code: str
) -> None:
    response = world.client("vendor").post(
        f"/api/v1/organizations/{world.own.pk}/contacts/", payload, format="json"
    )

    assert response.status_code == 400
    assert response.json()["fields"][field][0]["code"] == code


def test_another_organizations_contact_is_404_through_own_path(world: World) -> None:
    foreign = ContactFactory(organization=VendorFactory())

    response = world.client("vendor").get(f"/api/v1/organizations/{world.own.pk}/contacts/{foreign.pk}/")
    deleted = world.client("vendor").delete(f"/api/v1/organizations/{world.own.pk}/contacts/{foreign.pk}/")

    assert response.status_code == 404
    assert deleted.status_code == 404
    assert foreign.email not in response.content.decode()
    assert Contact.objects.filter(pk=foreign.pk).exists()
