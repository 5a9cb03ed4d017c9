"""Issue 12.4: a 3-node cluster (node.sh cluster) with one replica; one node is killed mid-burst.

Search keeps answering through the client's other hosts (OPENSEARCH_URL lists all three), writes
keep landing in the database, and once the node is back the index equals the database by ids and
content hashes, read from the engine. Full fault run only (`make test-faults`): it starts three JVMs.
"""

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from catalog.tests.factories import ProductFactory
from organizations.tests.factories import VendorFactory
from outbox.services import outbox_drain
from search import engine
from search.client import _cached_client
from search.errors import SearchUnavailable
from search.indexes import PRODUCTS
from search.indexing import ENTITIES, ensure_indexes
from tests.faults.stack import REPO_DIR
from tests.search_helpers import touch

pytestmark = [
    pytest.mark.faults,
    pytest.mark.search,
    pytest.mark.django_db,
    pytest.mark.skipif(os.environ.get("MEDMATCH_FAULTS", "") != "full", reason="full fault run only"),
]

NODE = REPO_DIR / "search" / "node" / "node.sh"
BASE_PORT = int(os.environ.get("MEDMATCH_FAULT_NODE_PORT", "9222"))


@pytest.fixture
def cluster(tmp_path: Path, settings: Any, search_prefix: str) -> Iterator[Path]:
    env = {**os.environ, "OPENSEARCH_PORT": str(BASE_PORT), "OPENSEARCH_DATA_DIR": str(tmp_path / "node"),
           "OPENSEARCH_HEAP": "256m", "OPENSEARCH_START_TIMEOUT": "240"}  # fmt: skip
    subprocess.run([str(NODE), "cluster", "start", "3"], env=env, check=True, timeout=300)
    original = settings.OPENSEARCH
    settings.OPENSEARCH = {
        **original,
        "url": ",".join(f"http://127.0.0.1:{BASE_PORT + i}" for i in range(3)),
        "number_of_replicas": 1,
        "timeout": 3,
    }
    _cached_client.cache_clear()
    try:
        yield tmp_path / "node-cluster"
    finally:
        subprocess.run([str(NODE), "cluster", "kill", "3"], env=env, check=False, timeout=120)
        settings.OPENSEARCH = original
        _cached_client.cache_clear()


def _index_equals_database() -> list[str]:
    problems = []
    for name in ("product", "organization"):
        entity = ENTITIES[name]
        engine.refresh(entity.definition.alias())
        indexed = engine.id_hashes(entity.definition.alias())
        built = entity.build(list(entity.queryset().values_list("pk", flat=True)))
        expected = {str(pk): doc["content_hash"] for pk, doc in built.items()}
        if set(indexed) != set(expected):
            problems.append(f"{name}: ids differ {sorted(set(indexed) ^ set(expected))[:10]}")
    return problems


def test_killing_one_node_of_three_keeps_search_answering_and_loses_nothing(cluster: Path) -> None:
    ensure_indexes()
    vendor = VendorFactory(verified=True)
    touch("organization", vendor.pk)
    written = []
    for _ in range(10):
        written.append(ProductFactory(vendor=vendor).pk)
        touch("product", written[-1])
    outbox_drain()
    assert engine.health()["number_of_nodes"] == 3

    victim = int((cluster / "node-2" / "node.pid").read_text())
    os.kill(victim, signal.SIGKILL)
    answered, refused = 0, 0
    for _ in range(20):
        written.append(ProductFactory(vendor=vendor).pk)
        touch("product", written[-1])
        try:
            engine.search(PRODUCTS.alias(), {"query": {"match_all": {}}, "size": 1})
            answered += 1
            outbox_drain()
        except SearchUnavailable:
            refused += 1
        time.sleep(0.2)

    assert answered == 20, f"search refused {refused} of 20 while one node of three was down"
    deadline = time.monotonic() + 120
    problems = ["not checked"]
    while time.monotonic() < deadline and problems:
        outbox_drain()
        problems = _index_equals_database()
        time.sleep(1)
    assert problems == []
    assert len(written) == 30
