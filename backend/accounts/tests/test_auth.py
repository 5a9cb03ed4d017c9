import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import StaffFactory, VendorUserFactory
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

    assert response.status_code == 202, response.json()
    assert response.json()["email"] == "li.wei@example.cn"
    user = User.objects.get(email="li.wei@example.cn")
    organization = Organization.objects.get()
    assert user.organization == organization
    assert user.role == "vendor"
    # Until the e-mailed link is opened.
    assert not user.is_active
    assert user.email_confirmed_at is None
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


def test_register_answers_a_taken_email_as_a_free_one_and_mails_its_owner(
    broker_down: None, django_capture_on_commit_callbacks: Any
) -> None:
    """With the broker down the e-mail is sent inline (a worker sends it otherwise)."""
    owner = VendorUserFactory(username="li.wei@example.cn", email="li.wei@example.cn", language="zh")
    client = APIClient()

    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(
            "/api/v1/auth/register/", _register_payload(email="LI.WEI@example.cn"), format="json"
        )
    free = client.post(
        "/api/v1/auth/register/",
        _register_payload(email="wang.fang@example.cn", registration_id=uscc_example(8)),
        format="json",
    )

    assert taken.status_code == free.status_code == 202
    assert set(taken.json()) == set(free.json()) == {"email", "message"}
    assert taken.json()["message"] == free.json()["message"]
    # Nothing was created or changed for the taken address; its owner was told, in Chinese.
    assert Organization.objects.count() == 2  # the owner's and wang.fang's
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)
    assert [message.to for message in mail.outbox] == [["li.wei@example.cn"]]
    assert "账户" in mail.outbox[0].subject
    assert "/login" in mail.outbox[0].body
    assert "/forgot-password" in mail.outbox[0].body


def test_register_of_a_taken_email_still_names_the_other_bad_fields() -> None:
    VendorUserFactory(username="li.wei@example.cn", email="li.wei@example.cn")

    response = APIClient().post(
        "/api/v1/auth/register/", _register_payload(registration_id="123"), format="json"
    )

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"registration_id"}  # not a word about the e-mail


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

    # The tenth failure locks the account (django-axes, MEDMATCH_LOGIN_FAILURE_LIMIT).
    assert statuses[:9] == [400] * 9
    assert statuses[9:] == [429, 429, 429]


def _login(client: APIClient, email: str, password: str, ip: str, **headers: str) -> Any:
    return client.post(
        "/api/v1/auth/login/",
        {"email": email, "password": password},
        format="json",
        REMOTE_ADDR=ip,
        **headers,
    )


def test_the_account_is_locked_whatever_address_the_failures_come_from() -> None:
    user = VendorUserFactory()
    user.set_password("the-right-password")
    user.save()
    client = APIClient()

    for attempt in range(10):
        _login(client, user.email, "wrong", f"10.0.{attempt}.1")
    locked = _login(client, user.email, "the-right-password", "10.9.9.9")

    assert locked.status_code == 429
    assert locked.json()["code"] == "locked_out"
    assert "Retry-After" in locked


def test_a_rotated_x_forwarded_for_does_not_escape_the_address_lockout() -> None:
    client = APIClient()
    statuses = [
        _login(
            client,
            f"user{attempt}@example.org",
            "wrong",
            "203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}",
        ).status_code
        for attempt in range(12)
    ]

    assert statuses[:9] == [400] * 9
    assert set(statuses[9:]) == {429}


def test_behind_one_trusted_proxy_the_forwarded_address_counts(settings: Any) -> None:
    from django.test import RequestFactory

    from core.network import client_ip

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9")
    settings.NUM_PROXIES = 0
    assert client_ip(request) == "10.0.0.1"
    settings.NUM_PROXIES = 1
    assert client_ip(request) == "198.51.100.9"  # what the proxy saw; the client's own claim is ignored


def test_admin_login_is_locked_out_too() -> None:
    from django.test import Client

    StaffFactory(email="boss@medmatch.example", username="boss@medmatch.example")
    client = Client()
    statuses = [
        client.post("/admin/login/", {"username": "boss@medmatch.example", "password": "wrong"}).status_code
        for _ in range(11)
    ]

    assert statuses[:9] == [200] * 9  # the form again, with an error
    assert statuses[9:] == [429, 429]


def test_registration_is_limited_per_email_domain_not_only_per_address() -> None:
    client = APIClient()

    def register(email: str, ip: str) -> int:
        status: int = client.post(
            "/api/v1/auth/register/", {"email": email}, format="json", REMOTE_ADDR=ip
        ).status_code
        return status

    same_domain = [register(f"member{n}@one-office.example", f"10.1.0.{n}") for n in range(21)]
    other_domain = register("someone@another.example", "10.1.0.99")

    assert same_domain[:20] == [400] * 20  # counted although the form is incomplete
    assert same_domain[20] == 429
    assert other_domain == 400


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

    assert response.status_code == 202, response.json()
    user = User.objects.get(email="nfkc@example.org")
    assert user.first_name == "Li Wei"
    organization = user.organization
    assert organization is not None
    assert organization.name == "武汉协和医院(东院)"
    assert organization.legal_names == {"en": "Wuhan Union Hospital"}


def test_register_names_the_uscc_and_buyer_type_with_the_other_field_errors() -> None:
    """One answer names every wrong field: the USCC checksum and the missing buyer type come
    back with a bad e-mail, not only on a second submit once the e-mail is fixed."""
    vendor = APIClient().post(
        "/api/v1/auth/register/",
        _register_payload(email="not-an-email", registration_id="91110108551385082X"),
        format="json",
    )
    buyer = APIClient().post(
        "/api/v1/auth/register/",
        _register_payload(kind="buyer", buyer_type="", email="", password="password123"),
        format="json",
    )

    assert vendor.status_code == 400
    fields = vendor.json()["fields"]
    assert [error["code"] for error in fields["email"]] == ["invalid"]
    assert [error["code"] for error in fields["registration_id"]] == ["uscc_checksum"]
    assert buyer.status_code == 400
    fields = buyer.json()["fields"]
    assert set(fields) == {"email", "buyer_type", "password"}, fields
    assert [error["code"] for error in fields["buyer_type"]] == ["required"]
    assert "password_too_common" in [error["code"] for error in fields["password"]]
    assert not Organization.objects.exists()


def test_register_accepts_blank_optional_fields() -> None:
    """City, phone and (outside China) the registration id may be sent empty, as a form does."""
    response = APIClient().post(
        "/api/v1/auth/register/",
        _register_payload(country="FR", city="", phone="", registration_id=""),
        format="json",
    )

    assert response.status_code == 202, response.json()
    assert Organization.objects.get().city == ""


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "expected N, got 0."),
        ("zh-CN", "校验码有误（GB 32100）：应为 N，实为 0。"),
        ("ar", "حرف التحقق في رمز الائتمان الاجتماعي الموحد هذا خاطئ (GB 32100): المتوقع N، والمُدخل 0."),
    ],
)
def test_a_wrong_uscc_is_explained_in_the_readers_language(language: str, message: str) -> None:
    # The registration page showed this message in English on the Arabic and Chinese screens.
    response = APIClient().post(
        "/api/v1/auth/register/",
        _register_payload(registration_id="916125160HYGTF1YR0"),
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 400
    [error] = response.json()["fields"]["registration_id"]
    assert error["code"] == "uscc_checksum"
    assert error["message"].endswith(message), error["message"]


# --- issue 11: e-mail confirmation, so that sign-in does not tell a free address from a taken one ---


def _confirmation_link(body: str) -> dict[str, str]:
    match = re.search(r"(\S+/confirm-email\?\S+)", body)
    assert match, body
    query = parse_qs(urlsplit(match.group(1)).query)
    return {"uid": query["uid"][0], "token": query["token"][0]}


def _sign_in(email: str, password: str = PASSWORD) -> Any:
    return APIClient().post("/api/v1/auth/login/", {"email": email, "password": password}, format="json")


def test_a_new_account_signs_in_only_once_its_address_is_confirmed(
    broker_down: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        registered = APIClient().post(
            "/api/v1/auth/register/", _register_payload(language="fr"), format="json"
        )
    assert registered.status_code == 202

    before = _sign_in("li.wei@example.cn")
    [message] = mail.outbox
    assert message.to == ["li.wei@example.cn"]
    assert "Confirmez" in message.subject  # in the language chosen at registration
    link = _confirmation_link(message.body)
    confirmed = APIClient().post("/api/v1/auth/email/confirm/", link, format="json")
    after = _sign_in("li.wei@example.cn")
    again = APIClient().post("/api/v1/auth/email/confirm/", link, format="json")

    assert before.status_code == 400
    assert before.json()["fields"]["non_field_errors"][0]["code"] == "invalid_credentials"
    assert confirmed.status_code == 200, confirmed.json()
    assert confirmed.json() == {"email": "li.wei@example.cn", "role": "vendor"}
    assert after.status_code == 200, after.json()
    assert after.json()["role"] == "vendor"
    # The link is spent once used.
    assert again.status_code == 400
    assert again.json()["fields"]["token"][0]["code"] == "invalid_token"
    user = User.objects.get(email="li.wei@example.cn")
    assert user.is_active
    assert user.email_confirmed_at is not None
    assert AuditEvent.objects.filter(action="user.email_confirmed", object_id=str(user.pk)).exists()


def test_signing_in_after_registering_tells_a_free_address_from_a_taken_one_no_more(
    broker_down: None, django_capture_on_commit_callbacks: Any
) -> None:
    """The probe left open by the 202: register an address with a password of one's own, then
    sign in with it. A taken address and a free one now answer alike (the free one's account
    waits for its owner to confirm)."""
    VendorUserFactory(username="taken@example.cn", email="taken@example.cn")
    client = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        for email, seed in (("taken@example.cn", 11), ("free@example.cn", 12)):
            client.post(
                "/api/v1/auth/register/",
                _register_payload(
                    email=email, password="an attacker's own 1", registration_id=uscc_example(seed)
                ),
                format="json",
            )

    taken = _sign_in("taken@example.cn", "an attacker's own 1")
    free = _sign_in("free@example.cn", "an attacker's own 1")

    assert taken.status_code == free.status_code == 400
    assert taken.json() == free.json()


def test_registering_an_unconfirmed_address_again_sends_its_link_again(
    broker_down: None, django_capture_on_commit_callbacks: Any
) -> None:
    client = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/api/v1/auth/register/", _register_payload(), format="json")
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post("/api/v1/auth/register/", _register_payload(), format="json")

    assert again.status_code == 202
    assert Organization.objects.count() == 1
    assert [m.subject for m in mail.outbox] == ["Confirm your e-mail address for MedMatch"] * 2
    confirmed = APIClient().post(
        "/api/v1/auth/email/confirm/", _confirmation_link(mail.outbox[1].body), format="json"
    )
    assert confirmed.status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"uid": "!!", "token": "x"},
        {"uid": "MTIzNDU2", "token": "abc-def"},
        {"uid": "", "token": ""},
        {"uid": "x" * 65, "token": "t"},
    ],
)
def test_a_bad_confirmation_link_is_a_400_naming_it(body: dict[str, str]) -> None:
    response = APIClient().post("/api/v1/auth/email/confirm/", body, format="json")

    assert response.status_code == 400
    assert set(response.json()["fields"]) & {"uid", "token"}


def test_a_deactivated_account_cannot_be_reopened_by_a_confirmation_link(
    broker_down: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        APIClient().post("/api/v1/auth/register/", _register_payload(), format="json")
    link = _confirmation_link(mail.outbox[0].body)
    assert APIClient().post("/api/v1/auth/email/confirm/", link, format="json").status_code == 200
    User.objects.filter(email="li.wei@example.cn").update(is_active=False)  # staff deactivate it

    response = APIClient().post("/api/v1/auth/email/confirm/", link, format="json")

    assert response.status_code == 400
    assert not User.objects.get(email="li.wei@example.cn").is_active
