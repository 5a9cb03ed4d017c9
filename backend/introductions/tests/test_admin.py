import pytest
from django.test import Client

from accounts.tests.factories import StaffFactory
from introductions.models import EmailDelivery, Introduction, Notification

pytestmark = pytest.mark.django_db


def admin_client() -> Client:
    client = Client()
    client.force_login(StaffFactory(is_superuser=True))
    return client


def test_introductions_are_listed_searched_and_shown_read_only(introduction: Introduction) -> None:
    client = admin_client()

    listing = client.get("/admin/introductions/introduction/", {"q": "Lyon"})
    detail = client.get(f"/admin/introductions/introduction/{introduction.pk}/change/")

    assert listing.status_code == 200
    assert f"/admin/introductions/introduction/{introduction.pk}/change/" in listing.content.decode()
    assert detail.status_code == 200
    assert 'name="status"' not in detail.content.decode()  # read-only: no form field
    assert client.get("/admin/introductions/introduction/add/").status_code == 403
    post = client.post(f"/admin/introductions/introduction/{introduction.pk}/change/", {"status": "deal"})
    assert post.status_code == 403
    introduction.refresh_from_db()
    assert introduction.status == "awaiting_reply"


def test_notifications_and_emails_are_read_only(introduction: Introduction) -> None:
    client = admin_client()
    notification = Notification.objects.filter(introduction=introduction).first()
    delivery = EmailDelivery.objects.filter(introduction=introduction).first()
    assert notification is not None
    assert delivery is not None

    assert client.get("/admin/introductions/notification/").status_code == 200
    assert client.get(f"/admin/introductions/notification/{notification.pk}/change/").status_code == 200
    assert client.get("/admin/introductions/emaildelivery/").status_code == 200
    assert client.get(f"/admin/introductions/emaildelivery/{delivery.pk}/change/").status_code == 200
    assert client.post(f"/admin/introductions/notification/{notification.pk}/delete/").status_code == 403
    assert Notification.objects.filter(pk=notification.pk).exists()
