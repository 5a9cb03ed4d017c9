"""Request bodies are bounded for every API view: depth, string length, items, size."""

import json
import re
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from accounts.tests.factories import StaffFactory
from core.parsers import MAX_CONTAINER_ITEMS, MAX_JSON_DEPTH
from core.validators import MAX_BODY_STRING_LENGTH

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000 + "]" * 100_000


def _post(client: APIClient, url: str, body: str, method: str = "post") -> Any:
    return getattr(client, method)(url, data=body, content_type="application/json")


def _json_operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if "application/json" in operation.get("requestBody", {}).get("content", {}):
                operations.append((method, re.sub(r"\{[^}]+\}", "1", path)))
    return sorted(operations)


@pytest.mark.parametrize("url", ["/api/v1/auth/login/", "/api/v1/auth/register/", "/api/v1/auth/token/"])
def test_anonymous_endpoints_refuse_a_deeply_nested_body(url: str) -> None:
    response = _post(APIClient(), url, DEEP)

    assert response.status_code == 400
    assert response.json()["code"] == "too_deep"
    assert str(MAX_JSON_DEPTH) in response.json()["message"]


def test_every_json_endpoint_refuses_a_deep_body_without_a_server_error() -> None:
    operations = _json_operations()
    assert len(operations) > 15
    client = APIClient()
    client.force_authenticate(StaffFactory())
    answered: dict[int, int] = {}
    for method, url in operations:
        response = _post(client, url, DEEP, method=method)
        # 404: the object of the path does not exist, and the view looks it up before the body;
        # 403: the view refuses the caller (staff are no organisation's member) before the body.
        assert response.status_code in (400, 403, 404), (method, url, response.content[:200])
        answered[response.status_code] = answered.get(response.status_code, 0) + 1
        if response.status_code == 400:
            assert response.json()["code"] == "too_deep", (method, url, response.json())
    assert answered.get(400, 0) >= 7, answered


def test_nesting_up_to_the_bound_is_parsed() -> None:
    body = json.dumps({"email": "a@b.example", "password": "x", "extra": [[[[["ok"]]]]]})
    assert _post(APIClient(), "/api/v1/auth/login/", body).json()["code"] != "too_deep"
    brackets_in_strings = json.dumps({"email": "[" * 200, "password": "{" * 1000})
    answer = _post(APIClient(), "/api/v1/auth/login/", brackets_in_strings)
    assert (answer.status_code, answer.json()["code"]) == (400, "invalid")
    too_long = _post(APIClient(), "/api/v1/auth/login/", json.dumps({"email": "[" * 1000, "password": "p"}))
    assert too_long.json()["fields"]["email"][0]["code"] == "max_length"


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"email": "x" * (MAX_BODY_STRING_LENGTH + 1), "password": "p"}, "email", "max_length"),
        (
            {"email": "a@b.example", "password": "p", "x": list(range(MAX_CONTAINER_ITEMS + 1))},
            "x",
            "too_many_items",
        ),
        ({"email": "a@b.example", "password": "p", "x": {"k" * 30_000: 1}}, "x", "max_length"),
    ],
)
def test_a_huge_string_or_container_is_a_field_error(body: dict[str, object], field: str, code: str) -> None:
    response = _post(APIClient(), "/api/v1/auth/login/", json.dumps(body))

    assert response.status_code == 400
    assert [error["code"] for error in response.json()["fields"][field]] == [code]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_constants_are_refused(constant: str) -> None:
    response = _post(APIClient(), "/api/v1/auth/login/", f'{{"email": {constant}, "password": "p"}}')

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_a_body_over_the_upload_bound_is_413(settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = _post(APIClient(), "/api/v1/auth/login/", json.dumps({"email": "a" * 2000, "password": "p"}))

    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_form_fields_are_bounded_too() -> None:
    response = APIClient().post(
        "/api/v1/auth/login/",
        {"email": "x" * (MAX_BODY_STRING_LENGTH + 1), "password": "p"},
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json()["fields"]["email"][0]["code"] == "max_length"
