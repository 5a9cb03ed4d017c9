import re
import time
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import BuyerUserFactory, VendorUserFactory
from audit.models import AuditEvent
from conftest import worker_mail_dir

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "violet tractor ninety lanterns"
LINK = re.compile(r"(https?://\S+/reset-password\?uid=(\S+?)&token=(\S+))")


def _signed_in(user: User) -> APIClient:
    client = APIClient()
    # Through the API's own sign-in (django-axes needs the request that authenticates).
    response = client.post("/api/v1/auth/login/", {"email": user.email, "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    return client


def _reset_link(body: str) -> tuple[str, str, str]:
    match = LINK.search(body)
    assert match, body
    return match.group(1), match.group(2), match.group(3)


@pytest.mark.django_db
def test_change_password_checks_the_old_one_and_keeps_the_session() -> None:
    user = VendorUserFactory()
    client = _signed_in(user)

    wrong = client.post(
        "/api/v1/auth/password/change/",
        {"old_password": "not it at all", "new_password": NEW_PASSWORD},
        format="json",
    )
    assert wrong.status_code == 400
    assert "old_password" in wrong.json()["fields"], wrong.json()

    weak = client.post(
        "/api/v1/auth/password/change/", {"old_password": PASSWORD, "new_password": "123"}, format="json"
    )
    assert weak.status_code == 400
    assert "new_password" in weak.json()["fields"], weak.json()

    ok = client.post(
        "/api/v1/auth/password/change/",
        {"old_password": PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
    )
    assert ok.status_code == 204
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/api/v1/auth/me/").status_code == 200  # still signed in
    assert AuditEvent.objects.filter(action="user.password_changed", object_id=str(user.pk)).exists()


@pytest.mark.django_db
def test_change_password_needs_a_signed_in_user() -> None:
    response = APIClient().post(
        "/api/v1/auth/password/change/", {"old_password": PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.django_db
def test_reset_is_silent_for_unknown_addresses_and_validates_input(
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = APIClient()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/api/v1/auth/password/reset/", {"email": "nobody@example.org"}, format="json")
    assert response.status_code == 204
    assert callbacks == []
    bad = client.post("/api/v1/auth/password/reset/", {"email": "not-an-address"}, format="json")
    assert bad.status_code == 400
    assert "email" in bad.json()["fields"]


@pytest.mark.django_db(transaction=True)
def test_reset_link_mailed_in_the_users_language_works_once(broker_down: None) -> None:
    """With the broker down the e-mail is sent inline; the link sets the password exactly once."""
    user = BuyerUserFactory(language="fr")
    client = APIClient()
    response = client.post("/api/v1/auth/password/reset/", {"email": user.email.upper()}, format="json")
    assert response.status_code == 204
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "mot de passe" in message.subject
    _link, uid, token = _reset_link(message.body)

    bad_token = client.post(
        "/api/v1/auth/password/reset/confirm/",
        {"uid": uid, "token": "x" + token, "new_password": NEW_PASSWORD},
        format="json",
    )
    assert bad_token.status_code == 400
    assert "token" in bad_token.json()["fields"]
    garbage = client.post(
        "/api/v1/auth/password/reset/confirm/",
        {"uid": "!!!", "token": token, "new_password": NEW_PASSWORD},
        format="json",
    )
    assert garbage.status_code == 400

    weak = client.post(
        "/api/v1/auth/password/reset/confirm/",
        {"uid": uid, "token": token, "new_password": "password"},
        format="json",
    )
    assert weak.status_code == 400
    assert "new_password" in weak.json()["fields"]

    ok = client.post(
        "/api/v1/auth/password/reset/confirm/",
        {"uid": uid, "token": token, "new_password": NEW_PASSWORD},
        format="json",
    )
    assert ok.status_code == 204
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    again = client.post(
        "/api/v1/auth/password/reset/confirm/",
        {"uid": uid, "token": token, "new_password": "another fine passphrase"},
        format="json",
    )
    assert again.status_code == 400


@pytest.mark.django_db(transaction=True)
def test_reset_email_goes_through_the_worker(celery_worker_process: Any, search_prefix: str) -> None:
    user = VendorUserFactory(language="zh")
    mail_dir = worker_mail_dir(search_prefix)
    before = set(mail_dir.glob("*.log")) if mail_dir.exists() else set()
    response = APIClient().post("/api/v1/auth/password/reset/", {"email": user.email}, format="json")
    assert response.status_code == 204
    deadline = time.monotonic() + 20
    found: list[Path] = []
    while time.monotonic() < deadline and not found:
        files = set(mail_dir.glob("*.log")) - before if mail_dir.exists() else set()
        found = [path for path in files if user.email in path.read_text(errors="replace")]
        time.sleep(0.2)
    assert found, "the worker sent no reset e-mail"
    text = found[0].read_text(errors="replace")
    assert "/reset-password?uid=" in text
