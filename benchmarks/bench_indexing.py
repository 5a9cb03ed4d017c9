"""Indexing: a full rebuild of the product index, before and after, with searches running.

    .venv/bin/python benchmarks/bench_indexing.py [--products N] [--baseline-cap N] [--profile]

Run with the environment ``scripts/bench.sh`` exports (``make bench``). The benchmark

1. creates its own database (the name in DATABASE_URL + ``_indexing``), migrates it and seeds the
   demo data until it holds ``--products`` products (``benchmarks.generate``: resumable);
2. builds documents both ways for the same products and checks they are identical (content hashes):
   the ORM objects with their prefetches (``product_queryset`` + ``product_document``, the way every
   document was built before) against ``product_documents`` (``values()`` rows in bulk);
3. the baseline rebuild, as it was done before (ORM documents, one bulk request of 500 actions at a
   time, refresh off), over at most ``--baseline-cap`` products;
4. the rebuild as it is done now (``search_reindex``), over every product, while a thread searches
   the alias: docs/s, and search p50/p95 before and during the rebuild;
5. with ``--profile``, a third rebuild under pyinstrument, printing the top of the profile.

It talks only to services on 127.0.0.1 and drops its database and indexes at the end (or keeps
them with ``--keep``; ``--reuse`` keeps an existing database, so a large seed is made once).
"""

import argparse
import contextlib
import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

REPO_DIR = Path(__file__).resolve().parent.parent
for path in (REPO_DIR / "backend", REPO_DIR):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from benchmarks import common  # noqa: E402  after the path set-up above

if TYPE_CHECKING:
    from search.indexes import IndexDefinition

SEARCHES: list[dict[str, Any]] = [
    {"multi_match": {"query": "surgical masks", "fields": ["name_en", "category_terms_en"]}},
    {"multi_match": {"query": "nitrile gloves", "fields": ["name_en", "category_terms_en"]}},
    {"term": {"vendor_country": "CN"}},
    {"multi_match": {"query": "口罩", "fields": ["name_zh", "category_terms_zh"]}},
]


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=20_000, help="products in the database")
    parser.add_argument("--vendors", type=int, help="vendors to generate (default: the demo's share)")
    parser.add_argument("--requests", type=int, help="requests to generate (default: the demo's share)")
    parser.add_argument("--baseline-cap", type=int, default=10_000, help="products in the baseline rebuild")
    parser.add_argument("--compare", type=int, default=5_000, help="products built both ways and compared")
    parser.add_argument("--batch-size", type=int, default=2_000, help="products per database batch")
    parser.add_argument("--profile", action="store_true", help="profile one more rebuild (pyinstrument)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the database and indexes")
    parser.add_argument("--reuse", action="store_true", help="reuse an existing database of the same name")
    return parser.parse_args()


class SearchLoad(threading.Thread):
    """Searches the product alias in a loop, recording latencies, until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.latencies: list[float] = []
        self.errors = 0
        self.halt = threading.Event()

    def run(self) -> None:
        from search import engine
        from search.indexes import PRODUCTS

        position = 0
        while not self.halt.is_set():
            body = {"size": 20, "query": SEARCHES[position % len(SEARCHES)], "aggs": _FACET}
            position += 1
            started = time.perf_counter()
            try:
                engine.search(PRODUCTS.alias(), body)
            except Exception:  # noqa: BLE001  a failed search is counted, not fatal
                self.errors += 1
                continue
            self.latencies.append(time.perf_counter() - started)
            time.sleep(0.02)


_FACET = {"category": {"terms": {"field": "category_slug", "size": 20}}}


def _build_rates(ids: list[int], batch_size: int) -> dict[str, float]:
    """Documents/s of both builders over ``ids``; raises if their documents differ."""
    from catalog.search_documents import product_document, product_documents, product_queryset

    started = time.perf_counter()
    before: dict[int, str] = {}
    for start in range(0, len(ids), 1000):
        for product in product_queryset().filter(pk__in=ids[start : start + 1000]):
            before[product.pk] = product_document(product)["content_hash"]
    orm_seconds = time.perf_counter() - started
    started = time.perf_counter()
    after: dict[int, str] = {}
    for start in range(0, len(ids), batch_size):
        after.update(
            (pk, doc["content_hash"])
            for pk, doc in product_documents(ids[start : start + batch_size]).items()
        )
    rows_seconds = time.perf_counter() - started
    differing = [pk for pk in before if before[pk] != after.get(pk)]
    if differing or len(before) != len(after):
        raise SystemExit(f"the two builders disagree on {len(differing)} products, e.g. {differing[:5]}")
    return {
        "compared": len(before),
        "orm_docs_per_s": len(before) / orm_seconds,
        "rows_docs_per_s": len(after) / rows_seconds,
    }


def _baseline_rebuild(ids: list[int]) -> float:
    """The rebuild as it was: ORM documents, serial bulk requests of 500 actions. Returns docs/s."""
    from catalog.search_documents import product_document, product_queryset
    from search import engine
    from search.indexes import PRODUCTS

    started = time.perf_counter()
    index = engine.create_index(PRODUCTS, version=900)
    engine.set_refresh_interval(index, "-1")
    for start in range(0, len(ids), 1000):
        actions = [
            {
                "_op_type": "index",
                "_index": index,
                "_id": str(product.pk),
                "_source": product_document(product),
            }
            for product in product_queryset().filter(pk__in=ids[start : start + 1000])
        ]
        engine.bulk(actions)
    engine.set_refresh_interval(index, "1s")
    engine.refresh(index)
    seconds = time.perf_counter() - started
    engine.delete_index(index)
    return len(ids) / seconds


@contextlib.contextmanager
def _profiled(enabled: bool, what: str) -> Iterator[None]:
    """Profile the block with pyinstrument (a dev dependency) and print the top of the tree."""
    if not enabled:
        yield
        return
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.002)
    profiler.start()
    try:
        yield
    finally:
        profiler.stop()
        print(f"--- profile: {what} ---")
        print(profiler.output_text(unicode=False, color=False)[:8000])


class CpuMeter:
    """Wall seconds, this process's CPU seconds (every thread) and the node's, over a block: the
    CPU figures say what a document costs each side whatever else the shared machine runs."""

    def __enter__(self) -> "CpuMeter":
        from search import engine

        self.load_before = os.getloadavg()[0]
        self._node = engine.node_cpu_seconds()
        self._own = time.process_time()
        self._wall = time.perf_counter()
        return self

    def __exit__(self, *_exc: object) -> None:
        from search import engine

        self.wall = time.perf_counter() - self._wall
        self.own_cpu = time.process_time() - self._own
        self.node_cpu = engine.node_cpu_seconds() - self._node
        self.load_after = os.getloadavg()[0]

    def figures(self, documents: int) -> dict[str, float]:
        return {
            "documents": documents,
            "seconds": self.wall,
            "docs_per_s": documents / self.wall if self.wall else 0.0,
            "docs_per_node_cpu_s": documents / self.node_cpu if self.node_cpu else 0.0,
            "docs_per_bench_cpu_s": documents / self.own_cpu if self.own_cpu else 0.0,
            "load_1m_before": self.load_before,
            "load_1m_after": self.load_after,
        }


def _mapping_as_before() -> "IndexDefinition":
    """The product index as it was before the suggestions left it: a search-as-you-type
    ``suggest`` field in every product document (the engine ceiling is measured on both, in the
    same run, on the same documents)."""
    import copy
    import dataclasses

    from search.indexes import _SUGGEST, PRODUCTS

    mappings = copy.deepcopy(PRODUCTS.mappings)
    mappings["properties"]["suggest"] = copy.deepcopy(_SUGGEST)
    return dataclasses.replace(PRODUCTS, mappings=mappings)


def _engine_ceiling(
    ids: list[int], batch_size: int, definition: "IndexDefinition", *, side: bool
) -> dict[str, float]:
    """How fast the node takes documents built beforehand (the engine's share alone); with
    ``side``, the distinct suggestion documents go to a suggestion index in the same requests, as a
    rebuild sends them."""
    from catalog.search_documents import product_documents
    from search import engine, indexing
    from search.indexes import PRODUCT_SUGGESTIONS
    from search.suggestions import suggestion_documents

    built = [product_documents(ids[start : start + batch_size]) for start in range(0, len(ids), batch_size)]
    index = engine.create_index(definition, version=901)
    side_index = engine.create_index(PRODUCT_SUGGESTIONS, version=901) if side else None
    for name in (index, side_index):
        if name:
            engine.set_index_settings(name, indexing.REBUILD)
    seen: set[str] = set()

    def batches() -> Iterator[list[dict[str, Any]]]:
        for chunk in built:
            actions = [
                {"_op_type": "index", "_index": index, "_id": str(pk), "_source": doc}
                for pk, doc in chunk.items()
            ]
            if side_index:
                for doc in chunk.values():
                    for key, text in suggestion_documents(doc).items():
                        if key not in seen:
                            seen.add(key)
                            actions.append(
                                {"_op_type": "index", "_index": side_index, "_id": key, "_source": text}
                            )
            yield actions

    with CpuMeter() as meter:
        done, _errors = engine.bulk_batches(batches())
        for name in (index, side_index):
            if name:
                engine.refresh(name)
    for name in (index, side_index):
        if name:
            engine.delete_index(name)
    figures = meter.figures(sum(len(chunk) for chunk in built))
    figures["side_documents"] = len(seen)
    figures["requests_documents"] = done
    return figures


def _idle_searches(*, seconds: float = 5, at_least: int = 40) -> SearchLoad:
    """Searches with nothing else running: a warm-up round first (the first searches of a new index
    are cold), then ``seconds`` and at least ``at_least`` searches."""
    from search import engine
    from search.indexes import PRODUCTS

    for query in SEARCHES:
        engine.search(PRODUCTS.alias(), {"size": 20, "query": query, "aggs": _FACET})
    idle = SearchLoad()
    idle.start()
    started = time.monotonic()
    while (elapsed := time.monotonic() - started) < seconds or (
        len(idle.latencies) < at_least and elapsed < seconds + 60  # failing searches never count
    ):
        time.sleep(0.1)
    idle.halt.set()
    idle.join()
    return idle


def _ceilings(ids: list[int], batch_size: int) -> dict[str, Any]:
    """The engine ceiling with the mapping as before and as now, in two alternating rounds: the
    first round warms the node (its JIT and caches favour whatever runs later), the second is
    reported; both are kept."""
    from search.indexes import PRODUCTS

    rounds = [
        {
            "before": _engine_ceiling(ids, batch_size, _mapping_as_before(), side=False),
            "now": _engine_ceiling(ids, batch_size, PRODUCTS, side=True),
        }
        for _round in range(2)
    ]
    before, now = rounds[-1]["before"], rounds[-1]["now"]
    return {
        "engine_ceiling_before": before,
        "engine_ceiling": now,
        "engine_ceiling_docs_per_s": now["docs_per_s"],
        "engine_ceiling_rounds": rounds,
    }


def main() -> None:
    args = _parse_args()
    url, name = common.setup("indexing", reuse=args.reuse)
    from django.conf import settings
    from django.db import connections

    from benchmarks.generate import generate
    from catalog.models import Product
    from outbox.reconciliation import search_reindex
    from search import engine

    prefix = settings.OPENSEARCH["index_prefix"]
    figures: dict[str, Any] = {}
    try:
        with common.media_root():
            seeded = generate(products=args.products, vendors=args.vendors, requests=args.requests)
            figures["generation"] = seeded
            public = list(Product.objects.public().order_by("pk").values_list("pk", flat=True))
            print(f"  {seeded['products']:,} products ({len(public):,} public)")
            engine.delete_indexes_with_prefix(prefix)
            figures["build"] = _build_rates(public[: args.compare], args.batch_size)
            baseline_ids = public[: args.baseline_cap]
            with _profiled(args.profile, "the rebuild as before"):
                figures["baseline_rebuild_docs_per_s"] = _baseline_rebuild(baseline_ids)
            figures["baseline_rebuild_docs"] = len(baseline_ids)

            figures.update(_ceilings(public[: args.baseline_cap], args.batch_size))
            first = search_reindex(entity="product", batch_size=args.batch_size)  # the index to search
            idle = _idle_searches()
            during = SearchLoad()
            during.start()
            rss_before = common.peak_rss_mb()
            with CpuMeter() as meter:
                report = search_reindex(entity="product", batch_size=args.batch_size)
            during.halt.set()
            during.join()
            figures["rebuild"] = {
                "documents": report.documents,
                "seconds": report.seconds,
                "docs_per_s": report.docs_per_second,
                "first_rebuild_docs_per_s": first.docs_per_second,
                "search_idle_p50_ms": common.percentile(idle.latencies, 0.5),
                "search_idle_p95_ms": common.percentile(idle.latencies, 0.95),
                "search_during_p50_ms": common.percentile(during.latencies, 0.5),
                "search_during_p95_ms": common.percentile(during.latencies, 0.95),
                "searches_during": len(during.latencies),
                "suggestion_documents": report.side_documents,
                "search_errors_during": during.errors,
                "cpu": meter.figures(report.documents),
            }
            figures["memory"] = {
                "bench_peak_rss_mb": max(rss_before, common.peak_rss_mb()),
                "node_heap": engine.node_heap(),
            }
            if args.profile:  # a third rebuild only to profile it
                with _profiled(True, "the rebuild now"):
                    search_reindex(entity="product", batch_size=args.batch_size)
    finally:
        connections.close_all()
        if not args.keep:
            engine.delete_indexes_with_prefix(prefix)
            common.drop_database(url, name)
    _report(figures)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, default=str))


def _report(figures: dict[str, Any]) -> None:
    build, rebuild = figures["build"], figures["rebuild"]
    baseline = figures["baseline_rebuild_docs_per_s"]
    before, ceiling = figures["engine_ceiling_before"], figures["engine_ceiling"]
    before_cost = 1 / max(before["docs_per_node_cpu_s"], 1e-9)
    now_cost = 1 / max(ceiling["docs_per_node_cpu_s"], 1e-9)
    print()
    print(f"{'indexing':<58}{'value':>12}")
    rows = [
        (f"document building, ORM objects (docs/s, {build['compared']:,} products)", build["orm_docs_per_s"]),
        ("document building, values() rows (docs/s)", build["rows_docs_per_s"]),
        (f"rebuild as before (docs/s, {figures['baseline_rebuild_docs']:,} products)", baseline),
        (f"rebuild now, search_reindex (docs/s, {rebuild['documents']:,} products)", rebuild["docs_per_s"]),
        ("engine alone, prebuilt documents, suggest in products (docs/s)", before["docs_per_s"]),
        ("engine alone, prebuilt documents, suggestion index (docs/s)", ceiling["docs_per_s"]),
        ("engine alone, suggest in products (docs per node CPU-s)", before["docs_per_node_cpu_s"]),
        ("engine alone, suggestion index (docs per node CPU-s)", ceiling["docs_per_node_cpu_s"]),
        ("suggestion documents for those products", ceiling["side_documents"]),
        ("rebuild now (docs per node CPU-s)", rebuild["cpu"]["docs_per_node_cpu_s"]),
        ("rebuild now (docs per benchmark-process CPU-s)", rebuild["cpu"]["docs_per_bench_cpu_s"]),
        ("load average (1 min) during the rebuild", rebuild["cpu"]["load_1m_after"]),
        ("search p50 ms, idle", rebuild["search_idle_p50_ms"]),
        ("search p95 ms, idle", rebuild["search_idle_p95_ms"]),
        ("search p50 ms, during the rebuild", rebuild["search_during_p50_ms"]),
        ("search p95 ms, during the rebuild", rebuild["search_during_p95_ms"]),
        ("benchmark process peak RSS (MB)", figures["memory"]["bench_peak_rss_mb"]),
    ]
    for label, value in rows:
        print(f"{label:<58}{value:>12,.1f}")
    print()
    print(
        f"document building {build['rows_docs_per_s'] / build['orm_docs_per_s']:.1f}× faster; "
        f"rebuild {rebuild['docs_per_s'] / baseline:.1f}× faster than before "
        f"(bar ≥ 5,000 docs/s: {'met' if rebuild['docs_per_s'] >= 5000 else 'missed'}); "
        f"search p95 during the rebuild {rebuild['search_during_p95_ms']:.0f} ms "
        f"({rebuild['search_during_p95_ms'] / max(rebuild['search_idle_p95_ms'], 1e-6):.1f}× idle), "
        f"{rebuild['search_errors_during']} failed searches. "
        f"A 1M rebuild at this rate: {1_000_000 / max(rebuild['docs_per_s'], 1) / 60:.1f} min. "
        f"The mapping now costs the node {before_cost / max(now_cost, 1e-9):.2f}× less CPU per document."
    )


if __name__ == "__main__":
    main()
