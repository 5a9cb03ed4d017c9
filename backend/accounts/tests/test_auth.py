import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import VendorUserFactory
from audit.models import AuditEvent
from core.validators import uscc_example
from organizations.models import Organization
from outbox.models import OutboxEntry

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _register_payload(**overrides: object) -> dict[str, object]:
    payload: dict[str, object] = {
        "email": "li.wei@example.cn",
        "password": PASSWORD,
        "full_name": "Li Wei",
        "kind": "vendor",
        "organization_name": "武汉新华医疗器械有限公司",
        "legal_names": {"zh": "武汉新华医疗器械有限公司", "en": "Wuhan Xinhua Medical Devices Co., Ltd."},
        "country": "CN",
        "city": "Wuhan",
        "registration_id": uscc_example(7),
    }
    payload.update(overrides)
    return payload


def test_register_creates_organization_user_contact_audit_and_outbox() -> None:
    response = APIClient().post("/api/v1/auth/register/", _register_payload(), format="json")

    assert response.status_code == 201, response.json()
    user = User.objects.get(email="li.wei@example.cn")
    organization = Organization.objects.get()
    assert user.organization == organization
    assert response.json()["role"] == "vendor"
    assert organization.contacts.get().email == "li.wei@example.cn"
    assert organization.verification_status == "unverified"
    assert AuditEvent.objects.filter(
        action="organization.registered", object_id=str(organization.pk)
    ).exists()
    assert OutboxEntry.objects.filter(entity="organization", entity_id=organization.pk).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"registration_id": "91110108551385082X"}, "registration_id", "uscc_checksum"),
        ({"registration_id": "123"}, "registration_id", "uscc_length"),
        ({"country": "XX"}, "country", "invalid_country"),
        ({"kind": "buyer", "buyer_type": ""}, "buyer_type", "required"),
        ({"email": "not-an-email"}, "email", "invalid"),
        ({"password": "short"}, "password", "min_length"),
        ({"password": "password123"}, "password", "password_too_common"),
    ],
)
def test_register_rejects_bad_input_per_field(overrides: dict[str, object], field: str, code: str) -> None:
    response = APIClient().post("/api/v1/auth/register/", _register_payload(**overrides), format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert code in [error["code"] for error in body["fields"][field]], body
    assert not Organization.objects.exists()


def test_register_refuses_a_taken_email() -> None:
    VendorUserFactory(username="li.wei@example.cn", email="li.wei@example.cn")

    response = APIClient().post("/api/v1/auth/register/", _register_payload(), format="json")

    assert response.status_code == 400
    assert response.json()["fields"]["email"][0]["code"] == "unique"


def test_session_login_and_token() -> None:
    user = VendorUserFactory()
    client = APIClient()

    bad = client.post("/api/v1/auth/login/", {"email": user.email, "password": "wrong"}, format="json")
    good = client.post("/api/v1/auth/login/", {"email": user.email, "password": PASSWORD}, format="json")
    me = client.get("/api/v1/auth/me/")
    token = APIClient().post(
        "/api/v1/auth/token/", {"email": user.email, "password": PASSWORD}, format="json"
    )
    token_client = APIClient()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")

    assert bad.status_code == 400
    assert good.status_code == 200
    assert me.json()["email"] == user.email
    assert token_client.get("/api/v1/auth/me/").json()["id"] == user.pk


def test_login_is_throttled(settings: object) -> None:
    user = VendorUserFactory()
    client = APIClient()

    statuses = [
        client.post(
            "/api/v1/auth/login/", {"email": user.email, "password": "wrong"}, format="json"
        ).status_code
        for _ in range(12)
    ]

    assert statuses[:10] == [400] * 10
    assert statuses[10:] == [429, 429]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("organization_name", "Acme\u202emoc.evil"),  # right-to-left override
        ("organization_name", "Ac\u200bme Medical"),  # zero-width space
        ("full_name", "Li\u0007 Wei"),  # a control character
        ("full_name", "Li\u2066Wei\u2069"),  # bidi isolates
    ],
)
def test_register_refuses_spoofing_characters_in_names(field: str, value: str) -> None:
    body = {
        "email": "spoof@example.org",
        "password": "a-long-test-password",
        "full_name": "Li Wei",
        "kind": "buyer",
        "buyer_type": "hospital",
        "organization_name": "Acme Hospital",
        "country": "FR",
        field: value,
    }

    response = APIClient().post("/api/v1/auth/register/", body, format="json")

    assert response.status_code == 400, response.json()
    assert response.json()["fields"][field][0]["code"] == "invalid_characters"


def test_register_stores_names_in_nfkc_form() -> None:
    body = {
        "email": "nfkc@example.org",
        "password": "a-long-test-password",
        "full_name": "Ｌｉ  Ｗｅｉ",  # full-width letters, doubled space
        "kind": "buyer",
        "buyer_type": "hospital",
        "organization_name": "武汉协和医院（东院）",
        "country": "CN",
        "legal_names": {"en": "Ｗｕｈａｎ Union Hospital"},
    }

    response = APIClient().post("/api/v1/auth/register/", body, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["full_name"] == "Li Wei"
    organization = Organization.objects.get(pk=response.json()["organization_id"])
    assert organization.name == "武汉协和医院(东院)"
    assert organization.legal_names == {"en": "Wuhan Union Hospital"}
