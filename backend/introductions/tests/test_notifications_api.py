"""In-app notifications: own only, the unread filter, marking read."""

import pytest

from accounts.tests.factories import UserFactory
from introductions.models import Notification
from introductions.tests.conftest import client_for
from introductions.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_users_see_only_their_own_newest_first() -> None:
    reader, other = UserFactory(), UserFactory()
    older = NotificationFactory(user=reader, title="older")
    newer = NotificationFactory(user=reader, title="newer")
    NotificationFactory(user=other, title="someone else's")

    response = client_for(reader).get("/api/v1/notifications/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [row["id"] for row in body["results"]] == [newer.pk, older.pk]
    assert body["results"][0]["title"] == "newer"
    assert set(body["results"][0]) == {
        "id",
        "kind",
        "title",
        "body",
        "introduction",
        "details",
        "read_at",
        "created_at",
    }


def test_unread_filter_and_marking_read() -> None:
    reader = UserFactory()
    first, second = NotificationFactory.create_batch(2, user=reader)
    client = client_for(reader)

    marked = client.post(f"/api/v1/notifications/{first.pk}/read/")
    marked_again = client.post(f"/api/v1/notifications/{first.pk}/read/")
    unread = client.get("/api/v1/notifications/", {"unread": "true"}).json()
    read = client.get("/api/v1/notifications/", {"unread": "false"}).json()

    assert marked.status_code == 200
    assert marked.json()["read_at"] is not None
    assert marked_again.json()["read_at"] == marked.json()["read_at"]  # the first read time stays
    assert [row["id"] for row in unread["results"]] == [second.pk]
    assert [row["id"] for row in read["results"]] == [first.pk]


def test_read_all_marks_only_the_users_unread_ones() -> None:
    reader, other = UserFactory(), UserFactory()
    NotificationFactory.create_batch(3, user=reader)
    theirs = NotificationFactory(user=other)
    client = client_for(reader)
    first = Notification.objects.filter(user=reader).order_by("id")[0]
    client.post(f"/api/v1/notifications/{first.pk}/read/")

    response = client.post("/api/v1/notifications/read-all/")
    again = client.post("/api/v1/notifications/read-all/")

    assert response.json() == {"marked": 2}
    assert again.json() == {"marked": 0}
    assert not Notification.objects.filter(user=reader, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_another_users_notification_is_a_404() -> None:
    theirs = NotificationFactory()

    response = client_for(UserFactory()).post(f"/api/v1/notifications/{theirs.pk}/read/")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_pagination_and_a_bad_filter() -> None:
    reader = UserFactory()
    NotificationFactory.create_batch(3, user=reader)
    client = client_for(reader)

    page = client.get("/api/v1/notifications/", {"page_size": 2}).json()
    bad = client.get("/api/v1/notifications/", {"ordering": "title"})

    assert page["count"] == 3
    assert len(page["results"]) == 2
    assert page["next"] is not None
    assert bad.status_code == 400
    assert "ordering" in bad.json()["fields"]
