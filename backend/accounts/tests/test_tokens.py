"""API tokens that expire and are revoked; 401 answers with a challenge; login CSRF."""

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import BuyerUserFactory, VendorUserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "violet tractor ninety lanterns"


def _token(user: User) -> str:
    response = APIClient().post(
        "/api/v1/auth/token/", {"email": user.email, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    key: str = response.json()["token"]
    return key


def _with_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _session(user: User) -> APIClient:
    client = APIClient()
    response = client.post("/api/v1/auth/login/", {"email": user.email, "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    return client


def test_a_token_expires_after_the_configured_hours(settings: Any) -> None:
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": datetime.timedelta(hours=3)}
    user = VendorUserFactory()

    response = APIClient().post(
        "/api/v1/auth/token/", {"email": user.email, "password": PASSWORD}, format="json"
    )
    key = response.json()["token"]
    expiry = datetime.datetime.fromisoformat(response.json()["expiry"])
    assert abs((expiry - timezone.now()) - datetime.timedelta(hours=3)) < datetime.timedelta(minutes=1)
    assert AuthToken.objects.get(user=user).digest != key  # only a hash is stored
    assert _with_token(key).get("/api/v1/auth/me/").status_code == 200

    AuthToken.objects.filter(user=user).update(expiry=timezone.now() - datetime.timedelta(seconds=1))
    expired = _with_token(key).get("/api/v1/auth/me/")

    assert expired.status_code == 401
    assert expired.json()["code"] == "invalid_token"
    assert expired["WWW-Authenticate"] == "Token"


def test_logout_with_a_token_revokes_that_token_only() -> None:
    user = VendorUserFactory()
    first, second = _token(user), _token(user)

    assert _with_token(first).post("/api/v1/auth/logout/").status_code == 204

    assert _with_token(first).get("/api/v1/auth/me/").status_code == 401
    assert _with_token(second).get("/api/v1/auth/me/").status_code == 200


def test_password_change_revokes_every_token_and_every_other_session() -> None:
    user = VendorUserFactory()
    key = _token(user)
    this_session, other_session = _session(user), _session(user)

    changed = this_session.post(
        "/api/v1/auth/password/change/",
        {"old_password": PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
    )

    assert changed.status_code == 204
    assert this_session.get("/api/v1/auth/me/").status_code == 200
    assert other_session.get("/api/v1/auth/me/").status_code == 401
    assert _with_token(key).get("/api/v1/auth/me/").status_code == 401
    assert not AuthToken.objects.filter(user=user).exists()


def test_password_reset_revokes_every_token(
    broker_down: None, django_capture_on_commit_callbacks: Any
) -> None:
    user = BuyerUserFactory()
    key = _token(user)
    client = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/api/v1/auth/password/reset/", {"email": user.email}, format="json")
    match = re.search(r"uid=(\S+?)&token=(\S+)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body

    confirmed = client.post(
        "/api/v1/auth/password/reset/confirm/",
        {"uid": match.group(1), "token": match.group(2), "new_password": NEW_PASSWORD},
        format="json",
    )

    assert confirmed.status_code == 204
    assert _with_token(key).get("/api/v1/auth/me/").status_code == 401


def test_sign_out_everywhere_ends_every_session_and_token_of_that_user_only() -> None:
    user, someone_else = VendorUserFactory(), BuyerUserFactory()
    keys = [_token(user), _token(user)]
    phone, laptop = _session(user), _session(user)
    others = _session(someone_else)
    other_key = _token(someone_else)

    assert laptop.post("/api/v1/auth/logout/everywhere/").status_code == 204

    assert laptop.get("/api/v1/auth/me/").status_code == 401
    assert phone.get("/api/v1/auth/me/").status_code == 401
    assert [_with_token(key).get("/api/v1/auth/me/").status_code for key in keys] == [401, 401]
    assert others.get("/api/v1/auth/me/").status_code == 200
    assert _with_token(other_key).get("/api/v1/auth/me/").status_code == 200
    # A new sign-in works as before.
    assert _session(user).get("/api/v1/auth/me/").status_code == 200


def test_sign_out_everywhere_needs_a_signed_in_user() -> None:
    response = APIClient().post("/api/v1/auth/logout/everywhere/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/auth/me/"),
        ("post", "/api/v1/auth/password/change/"),
        ("get", "/api/v1/requests/"),
        ("post", "/api/v1/products/"),
        ("get", "/api/v1/notifications/"),
    ],
)
def test_anonymous_requests_to_protected_endpoints_get_401_with_a_challenge(method: str, path: str) -> None:
    response = getattr(APIClient(), method)(path, {}, format="json")

    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    "header",
    [
        "Token 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",  # well formed, unknown
        "Token not-a-token",
        "Token \u00e9\u00e9\u00e9",  # not ASCII (and not UTF-8 once the header is read as Latin-1)
        "Token",
        "Token a b",
    ],
)
def test_a_bad_token_on_a_public_endpoint_is_401_not_403_or_500(header: str) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)

    response = client.get("/api/v1/products/")

    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == "Token"
    assert APIClient().get("/api/v1/products/").status_code == 200  # without it: public


def test_session_login_needs_the_csrf_token() -> None:
    """A form on another site cannot sign a visitor into an account (login CSRF)."""
    user = VendorUserFactory()
    browser = Client(enforce_csrf_checks=True)
    credentials = {"email": user.email, "password": PASSWORD}

    forged = browser.post("/api/v1/auth/login/", credentials)  # a cross-site form post: no token
    assert forged.status_code == 403
    assert forged.json()["code"] == "csrf_failed"
    assert "_auth_user_id" not in browser.session

    cross_origin = browser.post(
        "/api/v1/auth/login/",
        credentials,
        content_type="application/json",
        HTTP_ORIGIN="https://attacker.example",
    )
    assert cross_origin.status_code == 403

    # The app: GET auth/me/ (or any page) sets the cookie, and the token goes back in X-CSRFToken.
    anonymous = browser.get("/api/v1/auth/me/")
    assert anonymous.status_code == 401
    token = browser.cookies["csrftoken"].value
    signed_in = browser.post(
        "/api/v1/auth/login/", credentials, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert signed_in.status_code == 200, signed_in.content
    assert browser.get("/api/v1/auth/me/").json()["email"] == user.email


def test_the_token_endpoint_needs_no_csrf_token() -> None:
    """Integrations ask for a token without a browser; that signs no browser in."""
    user = VendorUserFactory()
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(
        "/api/v1/auth/token/", {"email": user.email, "password": PASSWORD}, content_type="application/json"
    )

    assert response.status_code == 200
    assert "sessionid" not in response.cookies
