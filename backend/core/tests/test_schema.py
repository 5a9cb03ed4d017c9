import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from rest_framework.test import APIClient

from accounts.tests.factories import BuyerUserFactory, StaffFactory, VendorUserFactory


def test_openapi_schema_builds_without_warnings(tmp_path: Path) -> None:
    target = tmp_path / "schema.yaml"

    # --fail-on-warn turns every drf-spectacular warning into a failure.
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(target))

    text = target.read_text()
    assert "/api/v1/health/" in text


@pytest.mark.django_db
def test_schema_and_docs_are_served() -> None:
    client = APIClient()

    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    docs = client.get("/api/docs/")

    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "MedMatch API"
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content


def _operations_with_optional_query_parameters() -> list[tuple[str, list[str]]]:
    """Each GET /api/v1/ path without path parameters, with its optional query parameters."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    schema: dict[str, Any] = json.loads(OpenApiJsonRenderer().render(generated))
    found = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get is None or not path.startswith("/api/v1/") or "{" in path:
            continue
        names = [p["name"] for p in get.get("parameters", []) if p["in"] == "query" and not p.get("required")]
        if names:
            found.append((path, names))
    return found


def test_the_schema_lets_every_optional_query_parameter_be_empty() -> None:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    schema: dict[str, Any] = json.loads(OpenApiJsonRenderer().render(generated))
    organizations = {p["name"]: p for p in schema["paths"]["/api/v1/organizations/"]["get"]["parameters"]}

    assert organizations["verification_status"]["allowEmptyValue"] is True
    assert organizations["ordering"]["allowEmptyValue"] is True
    assert organizations["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}
    assert organizations["page"]["schema"] == {"type": "integer", "minimum": 1}


def _count(response: Any) -> object:
    """A list's ``count``; None for other answers (an error, a CSV export …)."""
    if response.status_code != 200 or response["Content-Type"] != "application/json":
        return None
    return response.json().get("count") if isinstance(response.json(), dict) else None


@pytest.mark.search
@pytest.mark.django_db
def test_an_optional_query_parameter_sent_empty_is_answered_as_if_not_given(search_prefix: str) -> None:
    """What allowEmptyValue promises: ``?kind=`` gets the answer that no ``kind`` gets, for every
    role (an enum, a date, an id, an ordering or a page size alike)."""
    users = [None, VendorUserFactory(), BuyerUserFactory(), StaffFactory()]
    operations = _operations_with_optional_query_parameters()
    differing = []
    for user in users:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        for path, names in operations:
            plain = client.get(path)
            for name in names:
                empty = client.get(path, {name: ""})
                counts = [_count(response) for response in (plain, empty)]
                if (plain.status_code, counts[0]) != (empty.status_code, counts[1]):
                    differing.append(
                        f"{user} {path}?{name}= → {empty.status_code} (without: {plain.status_code})"
                    )

    assert len(operations) >= 20
    assert not differing, differing
