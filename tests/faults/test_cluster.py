"""Issue 12.4: a 3-node cluster (node.sh cluster) with one replica; one node is killed mid-burst.

Search keeps answering through the client's other hosts (OPENSEARCH_URL lists all three), writes
keep landing in the database, and once the node is back (it rejoins) the index equals the database
by ids and content hashes, read from the engine. Full fault run only (`make test-faults`): it
starts three JVMs.
"""

import contextlib
import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from catalog.models import Product
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
CONVERGE_WITHIN = 180.0


@dataclass
class Cluster:
    home: Path
    env: dict[str, str]

    def node_pid(self, number: int) -> int:
        return int((self.home / f"node-{number}" / "node.pid").read_text())

    def start(self) -> None:
        """Start the nodes that are not running and wait until all three have joined."""
        subprocess.run([str(NODE), "cluster", "start", "3"], env=self.env, check=True, timeout=300)


@pytest.fixture
def cluster(tmp_path: Path, settings: Any, search_prefix: str) -> Iterator[Cluster]:
    env = {**os.environ, "OPENSEARCH_PORT": str(BASE_PORT), "OPENSEARCH_DATA_DIR": str(tmp_path / "node"),
           "OPENSEARCH_HEAP": "256m", "OPENSEARCH_START_TIMEOUT": "240"}  # fmt: skip
    cluster = Cluster(home=tmp_path / "node-cluster", env=env)
    cluster.start()
    original = settings.OPENSEARCH
    settings.OPENSEARCH = {
        **original,
        "url": ",".join(f"http://127.0.0.1:{BASE_PORT + i}" for i in range(3)),
        "number_of_replicas": 1,
        "timeout": 3,
    }
    _cached_client.cache_clear()
    try:
        yield cluster
    finally:
        subprocess.run([str(NODE), "cluster", "kill", "3"], env=env, check=False, timeout=120)
        settings.OPENSEARCH = original
        _cached_client.cache_clear()


def _index_differences() -> dict[str, dict[str, list[str]]]:
    """Per entity, the ids missing from the index, extra in it, and whose content hash differs,
    read from the engine (a scan), compared with documents built from the database."""
    differences = {}
    for name in ("product", "organization"):
        entity = ENTITIES[name]
        engine.refresh(entity.definition.alias())
        indexed = engine.id_hashes(entity.definition.alias())
        built = entity.build(list(entity.queryset().values_list("pk", flat=True)))
        expected = {str(pk): doc["content_hash"] for pk, doc in built.items()}
        differences[name] = {
            "missing": sorted(set(expected) - set(indexed)),
            "extra": sorted(set(indexed) - set(expected)),
            "changed": sorted(key for key in set(expected) & set(indexed) if expected[key] != indexed[key]),
        }
    return differences


def _mismatches(differences: dict[str, dict[str, list[str]]]) -> int:
    return sum(len(ids) for entity in differences.values() for ids in entity.values())


def test_killing_one_node_of_three_keeps_search_answering_and_loses_nothing(cluster: Cluster) -> None:
    ensure_indexes()
    vendor = VendorFactory(verified=True)
    touch("organization", vendor.pk)
    written = []
    for _ in range(10):
        written.append(ProductFactory(vendor=vendor).pk)
        touch("product", written[-1])
    outbox_drain()
    assert engine.health()["number_of_nodes"] == 3

    os.kill(cluster.node_pid(2), signal.SIGKILL)
    answered, refused, drains_refused = 0, 0, 0
    slowest_search = 0.0
    for _ in range(20):
        written.append(ProductFactory(vendor=vendor).pk)
        touch("product", written[-1])
        started = time.monotonic()
        try:
            engine.search(PRODUCTS.alias(), {"query": {"match_all": {}}, "size": 1})
            answered += 1
        except SearchUnavailable:
            refused += 1
        slowest_search = max(slowest_search, time.monotonic() - started)
        try:
            outbox_drain()
        except SearchUnavailable:
            drains_refused += 1  # the rows wait; counted, not lost
        time.sleep(0.2)
    nodes_during = engine.health()["number_of_nodes"]

    cluster.start()  # the killed node comes back and rejoins
    recovered = time.monotonic()
    differences = _index_differences()
    while time.monotonic() - recovered < CONVERGE_WITHIN and _mismatches(differences):
        with contextlib.suppress(SearchUnavailable):
            outbox_drain()
        differences = _index_differences()
        time.sleep(1)
    converged_after = time.monotonic() - recovered
    _record({
        "fault": "cluster-node", "attempted": len(written), "acknowledged": len(written), "refused": {},
        "lost": len(set(written) - set(Product.objects.filter(pk__in=written).values_list("pk", flat=True))),
        "index_mismatches": _mismatches(differences), "converged_after_seconds": round(converged_after, 1),
        "searches_answered": answered, "searches_refused": refused, "drains_refused": drains_refused,
        "slowest_search_seconds": round(slowest_search, 2), "nodes_during_fault": nodes_during,
    })  # fmt: skip

    assert answered == 20, f"search refused {refused} of 20 while one node of three was down"
    assert nodes_during == 2
    assert differences == {
        name: {"missing": [], "extra": [], "changed": []} for name in ("product", "organization")
    }
    assert engine.health()["number_of_nodes"] == 3
    assert Product.objects.filter(pk__in=written).count() == len(written) == 30


def _record(figures: dict[str, Any]) -> None:
    path = REPO_DIR / ".run" / "fault-figures.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as out:
        out.write(json.dumps(figures) + "\n")
    print(json.dumps(figures))  # noqa: T201  shown with -s, and in the report of a failure
