"""Stop the search node, keep writing through the API, restart it: nothing is lost.

Uses a second node on its own port and data folder, so the shared node keeps serving
the other tests.
"""

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import VendorUserFactory
from catalog.models import Product
from outbox.models import OutboxEntry
from outbox.reconciliation import search_reconcile_all
from outbox.services import outbox_drain
from reference.models import Category
from search.client import _cached_client
from search.errors import SearchUnavailable
from search.indexing import ensure_indexes

pytestmark = [pytest.mark.search, pytest.mark.django_db]

NODE = Path(__file__).resolve().parent.parent / "search" / "node" / "node.sh"
# A port of its own (not the shared node's); MEDMATCH_OUTAGE_NODE_PORT moves it.
PORT = int(os.environ.get("MEDMATCH_OUTAGE_NODE_PORT", "9251"))


class Node:
    def __init__(self, data_dir: Path) -> None:
        self.env = {
            **os.environ,
            "OPENSEARCH_PORT": str(PORT),
            "OPENSEARCH_DATA_DIR": str(data_dir),
            "OPENSEARCH_HEAP": "384m",
            "OPENSEARCH_CDS": "0",
        }

    def run(self, command: str) -> None:
        subprocess.run([str(NODE), command], env=self.env, check=True, capture_output=True, timeout=180)


@pytest.fixture
def second_node(tmp_path: Path, settings: object, search_prefix: str) -> Iterator[Node]:
    from django.conf import settings as django_settings

    node = Node(tmp_path / "node")
    node.run("start")
    original = django_settings.OPENSEARCH
    django_settings.OPENSEARCH = {**original, "url": f"http://127.0.0.1:{PORT}", "timeout": 10}
    _cached_client.cache_clear()
    try:
        yield node
    finally:
        node.run("stop")
        django_settings.OPENSEARCH = original
        _cached_client.cache_clear()


def _product_payload(category: Category, number: int) -> dict[str, object]:
    return {
        "category": category.pk,
        "names": {"en": f"Surgical mask batch {number}", "zh": f"医用外科口罩 {number}"},
        "min_order_quantity": 1000,
        "capacity_per_day": 100_000,
        "lead_time_days": 7,
        "price_min": "0.05",
        "price_max": "0.08",
        "currency": "USD",
        "origin_country": "CN",
        "status": "published",
    }


def test_writes_succeed_while_the_node_is_down_and_drain_after_restart(
    second_node: Node, live_heartbeats: None
) -> None:
    ensure_indexes()
    vendor = VendorUserFactory(organization__verification_status="verified")
    client = APIClient()
    client.force_authenticate(vendor)
    category = Category.objects.get(slug="surgical-masks")

    second_node.run("stop")
    created = [
        client.post("/api/v1/products/", _product_payload(category, n), format="json") for n in range(3)
    ]
    health = client.get("/api/v1/health/")
    search = client.get("/api/v1/search/products/", {"q": "mask"})
    with pytest.raises(SearchUnavailable):
        outbox_drain()

    assert [response.status_code for response in created] == [201, 201, 201]
    assert health.status_code == 503
    # (On a loaded machine another probe can miss the 2 s health budget too.)
    assert "search" in health.json()["down"]
    assert health.json()["components"]["database"]["status"] == "ok"
    assert search.status_code == 503
    assert search.json()["code"] == "search_unavailable"
    assert OutboxEntry.objects.filter(processed_at__isnull=True).count() == 3

    second_node.run("start")
    report = outbox_drain()
    drift = {entry.entity: entry for entry in search_reconcile_all(repair=False)}

    assert report.indexed == 3 + 1  # the products and their vendor's supplier document
    assert not OutboxEntry.objects.filter(processed_at__isnull=True).exists()
    assert drift["product"].expected == Product.objects.count() == 3
    assert drift["product"].drift == 0
