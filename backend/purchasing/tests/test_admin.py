import pytest
from django.test import Client

from accounts.tests.factories import StaffFactory
from purchasing.tests.factories import DuplicateFlagFactory

pytestmark = pytest.mark.django_db


def test_admin_lists_and_shows_requests_batches_and_flags() -> None:
    flag = DuplicateFlagFactory(request__end_user="CHU Lyon")
    client = Client()
    client.force_login(StaffFactory(is_superuser=True))

    pages = [
        "/admin/purchasing/purchaserequest/",
        "/admin/purchasing/purchaserequest/?q=CHU&status__exact=open",
        f"/admin/purchasing/purchaserequest/{flag.request_id}/change/",
        "/admin/purchasing/importbatch/",
        "/admin/purchasing/duplicateflag/",
        f"/admin/purchasing/duplicateflag/{flag.pk}/change/",
    ]

    for page in pages:
        assert client.get(page).status_code == 200, page
    # Requests change only through the audited, indexed API.
    assert client.get("/admin/purchasing/purchaserequest/add/").status_code == 403
    assert client.get(f"/admin/purchasing/purchaserequest/{flag.request_id}/delete/").status_code == 403
