"""What `make run` does on SQLite, checked on SQLite (issue 8, items 2 and 12).

PostgreSQL hides these bugs: it refuses an integer beyond its column by itself, and it has a
JSON ``contains`` lookup. SQLite stores any 64-bit number (which the index's integer fields then
refuse on every drain) and has no JSON ``contains`` (a 500). A child process migrates a fresh
SQLite database and asks the API, as `make run` would.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parent.parent / "backend"

SCRIPT = r"""
import json
import django

django.setup()
from django.core.management import call_command
from rest_framework.test import APIClient

call_command("migrate", verbosity=0)

from accounts.tests.factories import VendorUserFactory
from reference.models import Category

results = {}
client = APIClient()
for country in ("ES", "es", "CN", "KE"):
    response = client.get(f"/api/v1/reference/markets/?country={country}")
    results[f"markets {country}"] = [
        response.status_code, [market["code"] for market in response.json()["results"]]
    ]
response = client.get("/api/v1/products/?vendor=99999999999999999999")
results["huge vendor filter"] = [response.status_code, sorted(response.json().get("fields", {}))]

member = VendorUserFactory(organization__verification_status="verified")
client.force_authenticate(member)
body = {
    "category": Category.objects.get(slug="surgical-masks").pk,
    "names": {"en": "Surgical mask, type IIR"},
    "min_order_quantity": 1000,
    "capacity_per_day": 2**40,
    "stock": 2**35,
    "lead_time_days": 7,
    "price_min": "0.05",
    "price_max": "0.08",
    "currency": "usd",
    "origin_country": "cn",
}
response = client.post("/api/v1/products/", body, format="json")
results["huge product"] = [response.status_code, response.json().get("fields", {})]
body.update(capacity_per_day=2_147_483_647, stock=2_147_483_647)
response = client.post("/api/v1/products/", body, format="json")
created = response.json()
results["largest product"] = [
    response.status_code,
    created.get("capacity_per_day"),
    created.get("currency"),
    created.get("origin_country"),
]
print("RESULTS " + json.dumps(results))
"""


@pytest.fixture(scope="module")
def sqlite_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[object]]:
    folder = tmp_path_factory.mktemp("sqlite")
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'medmatch.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "MEDIA_ROOT": str(folder / "media"),
        "PYTHONPATH": str(BACKEND),
    }
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=BACKEND,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULTS ")]
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert lines, completed.stdout[-3000:]
    results: dict[str, list[object]] = json.loads(lines[-1].removeprefix("RESULTS "))
    return results


def test_markets_by_country_work_on_sqlite(sqlite_results: dict[str, list[object]]) -> None:
    assert sqlite_results["markets ES"] == [200, ["EU"]]
    assert sqlite_results["markets es"] == [200, ["EU"]]
    assert sqlite_results["markets CN"] == [200, ["CN-EXPORT"]]
    assert sqlite_results["markets KE"] == [200, []]


def test_huge_id_in_a_filter_is_a_400_on_sqlite(sqlite_results: dict[str, list[object]]) -> None:
    assert sqlite_results["huge vendor filter"] == [400, ["vendor"]]


def test_capacity_beyond_index_range_is_refused_on_sqlite(sqlite_results: dict[str, list[object]]) -> None:
    status, fields = sqlite_results["huge product"]
    assert status == 400
    assert isinstance(fields, dict)
    assert {"capacity_per_day", "stock"} <= set(fields)
    assert fields["capacity_per_day"][0]["code"] == "max_value"
    assert fields["stock"][0]["code"] == "max_value"


def test_largest_integer_the_index_holds_is_accepted_and_codes_normalised(
    sqlite_results: dict[str, list[object]],
) -> None:
    assert sqlite_results["largest product"] == [201, 2_147_483_647, "USD", "CN"]
