from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient


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
