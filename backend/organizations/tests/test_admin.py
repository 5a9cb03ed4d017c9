import pytest
from django.test import Client

from accounts.tests.factories import StaffFactory
from audit.models import AuditEvent
from organizations.tests.conftest import World
from outbox.models import OutboxEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(world: World) -> Client:
    client = Client()
    client.force_login(StaffFactory(is_superuser=True))
    return client


def test_admin_pages_open_and_never_link_the_stored_file(world: World, admin_client_: Client) -> None:
    pages = [
        "/admin/organizations/organization/",
        f"/admin/organizations/organization/{world.own.pk}/change/",
        "/admin/organizations/contact/",
        "/admin/organizations/document/",
        f"/admin/organizations/document/{world.licence.pk}/change/",
    ]

    for page in pages:
        response = admin_client_.get(page)
        assert response.status_code == 200, page
        assert world.licence.file.name not in response.content.decode(), page


def test_admin_verify_action_goes_through_the_workflow(world: World, admin_client_: Client) -> None:
    world.own.verification_status = "pending"
    world.own.save()

    response = admin_client_.post(
        "/admin/organizations/organization/",
        {"action": "verify_selected", "_selected_action": [world.own.pk]},
    )

    assert response.status_code == 302
    world.own.refresh_from_db()
    assert world.own.verification_status == "verified"
    assert AuditEvent.objects.filter(action="organization.verified", object_id=str(world.own.pk)).exists()
    assert OutboxEntry.objects.filter(entity="organization", entity_id=world.own.pk).exists()
