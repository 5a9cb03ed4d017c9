"""Matching: time to proposals for a new request, and percolation of a new product.

    .venv/bin/python benchmarks/bench_matching.py [--scale N] [--percolate-at N] [--samples N]

Run with the environment ``scripts/bench.sh`` exports (``make bench``). The benchmark

1. creates its own database (the name in DATABASE_URL + ``_matching``), migrates it and seeds the
   demo data at ``--scale`` (default 1: ~300 products, ~70 open requests), then rebuilds every
   index (products, suppliers, requests, request queries) with ``search_reindex``;
2. forward matching: for each open request, records its change in the outbox as a write would,
   then times the drain (the request and its percolator query indexed) plus
   ``matching_run_for_request`` (engine candidates, scoring, proposals written): the time from
   the request's creation to its proposals, without the broker hop. The baseline is a plain
   PostgreSQL candidate query for the same request (public products of the same category or HS
   heading, with a certificate for the market valid on the date), which neither ranks by text
   nor scores;
3. reverse matching: percolates ``--samples`` products against the stored request queries and
   compares with brute force, scoring the product against every open request in Python (the
   request facts loaded once beforehand);
4. with ``--percolate-at N`` (default 10,000), adds synthetic request queries (copies of the
   demo's, under new ids) until the percolator index holds N, and times percolation again.

``--data indexing`` measures on the data ``benchmarks.generate`` filled instead (1M products and
100,000 requests: the real request queries then fill the percolator), building only the indexes
it lacks and keeping both; ``--no-before`` skips the baselines as they were, which take hours at
that size.

It talks only to services on 127.0.0.1 and drops its database and indexes at the end.
"""

import argparse
import dataclasses
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parent.parent
for path in (REPO_DIR / "backend", REPO_DIR):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from benchmarks import common  # noqa: E402  after the path set-up above


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1, help="demo scale (1 = 300 products, 80 requests)")
    parser.add_argument("--samples", type=int, default=50, help="products percolated")
    parser.add_argument(
        "--percolate-at",
        type=int,
        default=10_000,
        help="request queries for the large percolation run (0: skip)",
    )
    parser.add_argument("--forward-samples", type=int, default=0, help="requests matched forward (0: all)")
    parser.add_argument("--reverse-samples", type=int, default=20, help="products matched in reverse")
    parser.add_argument(
        "--skip",
        type=int,
        default=0,
        help="start the samples this many rows in (requests and products not matched by an earlier "
        "run on kept data: cold, without proposals yet)",
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--profile", action="store_true", help="profile the reverse runs (pyinstrument)")
    parser.add_argument("--keep", action="store_true", help="keep the database and indexes")
    parser.add_argument(
        "--data",
        help="measure on another benchmark's kept data instead of seeding (indexing: the database "
        "benchmarks.generate fills); its database and indexes are kept",
    )
    parser.add_argument(
        "--no-before",
        action="store_true",
        help="skip the baselines as before (brute force, reverse and percolation as they were): "
        "hours at 100,000 requests",
    )
    return parser.parse_args()


@dataclasses.dataclass
class Timings:
    name: str
    seconds: list[float] = dataclasses.field(default_factory=list)

    def measure(self, action: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = action()
        self.seconds.append(time.perf_counter() - started)
        return result

    def percentile(self, share: float) -> float:
        """Milliseconds at ``share`` (nearest rank)."""
        ordered = sorted(self.seconds)
        if not ordered:
            return 0.0
        index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
        return ordered[index] * 1000

    def row(self) -> str:
        mean = statistics.fmean(self.seconds) * 1000 if self.seconds else 0.0
        return (
            f"{self.name:<44}{len(self.seconds):>6}{self.percentile(0.5):>10.1f}"
            f"{self.percentile(0.95):>10.1f}{mean:>10.1f}"
        )


def _postgres_candidates(purchase_request: Any, today: Any) -> list[int]:
    """The baseline: candidates the database alone can find (no text ranking, no scoring)."""
    from django.db.models import Exists, OuterRef, Q

    from catalog.models import Product
    from catalog.selectors import certificate_valid_on_q
    from matching.selectors import markets_for_country
    from organizations.models import Document, DocumentType
    from reference.models import MarketRequirement, StandardKind
    from reference.selectors import category_descendant_ids

    queryset = Product.objects.public()
    category = purchase_request.category
    if category is not None:
        ids = category_descendant_ids(category_ids=[category.pk])
        queryset = queryset.filter(
            Q(category_id__in=ids) | Q(category__hs_code__startswith=category.hs_code[:4])
        )
    markets = markets_for_country(country=purchase_request.destination_country)
    day = max(purchase_request.needed_by or today, today)
    approvals = MarketRequirement.objects.filter(
        market__code__in=markets, category=category, standards__kind=StandardKind.APPROVAL
    ).values_list("standards__code", flat=True)
    for code in set(approvals):
        certificates = Document.objects.filter(
            certificate_valid_on_q(day=day),
            products=OuterRef("pk"),
            organization_id=OuterRef("vendor_id"),
            document_type=DocumentType.CERTIFICATE,
            standards__code=code,
        ).filter(Q(markets__code__in=markets) | Q(markets__isnull=True))
        queryset = queryset.filter(Exists(certificates))
    return list(queryset.order_by("pk").values_list("pk", flat=True)[:50])


def _synthetic_request_queries(target: int) -> int:
    """Copies of the demo's request queries under new ids until the percolator index holds ``target``."""
    from matching.search_documents import request_match_specs
    from outbox.services import outbox_high_water
    from purchasing.models import PurchaseRequest
    from purchasing.search_documents import request_queryset
    from search import engine
    from search.indexes import REQUEST_QUERIES
    from search.percolation import request_query_document

    specs = list(request_match_specs(request_queryset(), today=None).values())
    existing = engine.count(REQUEST_QUERIES.alias())
    if not specs or existing >= target:
        return existing
    first_id = (PurchaseRequest.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1_000_000
    version = outbox_high_water() + 1
    batch: list[dict[str, Any]] = []
    for offset in range(target - existing):
        spec = dataclasses.replace(specs[offset % len(specs)], request_id=first_id + offset)
        batch.append(
            {
                "_op_type": "index",
                "_index": REQUEST_QUERIES.alias(),
                "_id": str(spec.request_id),
                "version": version,
                "version_type": "external",
                "_source": request_query_document(spec),
            }
        )
        if len(batch) == 2000:
            engine.bulk(batch)
            batch = []
    if batch:
        engine.bulk(batch)
    engine.refresh(REQUEST_QUERIES.alias())
    return engine.count(REQUEST_QUERIES.alias())


def _percolate_as_before(document: dict[str, Any]) -> int:
    """Percolation as it was: every stored query a candidate, all matches counted and sorted."""
    from search import engine
    from search.indexes import REQUEST_QUERIES
    from search.percolation import PERCOLATED_FIELDS, PERCOLATED_PREFIXES

    percolated = {
        key: value
        for key, value in document.items()
        if key in PERCOLATED_FIELDS or key.startswith(PERCOLATED_PREFIXES)
    }
    body = {
        "size": 200,
        "query": {"percolate": {"field": "query", "document": percolated}},
        "sort": [{"request_id": "desc"}],
        "_source": False,
    }
    return len(engine.search(REQUEST_QUERIES.alias(), body)["hits"]["hits"])


def _reverse_as_before(document: dict[str, Any], today: Any) -> int:
    """The reverse path as it was: percolate, then a whole forward evaluation (its own engine query,
    its own loads) for each request found. Without the writes, so the baseline is flattered."""
    from matching.selectors import request_for_matching
    from matching.services import matching_evaluate_request
    from search.percolation import request_candidates

    selected = 0
    for request_id in request_candidates(document, size=200):
        purchase_request = request_for_matching(request_id=request_id)
        if purchase_request is not None:
            run = matching_evaluate_request(purchase_request=purchase_request, today=today)
            selected += document["id"] in run.selected
    return selected


def main() -> None:  # noqa: PLR0912, PLR0915  one linear script: seed, index, measure, report
    args = _parse_args()
    url, name = common.setup(args.data or "matching", reuse=bool(args.data))
    from django.conf import settings
    from django.db import connections, transaction
    from django.utils import timezone

    from catalog.models import Product
    from catalog.search_documents import product_document
    from demo.services.seed import DemoCounts, demo_seed
    from matching.models import Proposal
    from matching.scoring import evaluate
    from matching.selectors import (
        approval_codes,
        market_rules,
        product_facts,
        products_for_matching,
        request_facts,
    )
    from matching.services import matching_run_for_product, matching_run_for_request
    from outbox.reconciliation import search_reindex
    from outbox.services import outbox_drain, outbox_record
    from purchasing.models import PurchaseRequest, RequestStatus
    from reference.models import Category, Market
    from search import engine, indexing
    from search.indexes import REQUEST_QUERIES
    from search.percolation import refresh_for_matching, request_candidates

    prefix = settings.OPENSEARCH["index_prefix"]
    try:
        with common.media_root():
            started = time.perf_counter()
            if args.data:
                counts = DemoCounts(
                    products=Product.objects.count(), requests=PurchaseRequest.objects.count()
                )
                # The kept data's indexes: only the missing ones are built.
                for entity, indexed in indexing.ENTITIES.items():
                    if not engine.physical_indexes(indexed.definition.alias()):
                        search_reindex(entity=entity)
            else:
                print(f"database {name}, index prefix {prefix}: seeding the demo at scale {args.scale:g}")
                counts = demo_seed(scale=args.scale)
                engine.delete_indexes_with_prefix(prefix)
                for entity in indexing.ENTITIES:
                    search_reindex(entity=entity)
            print(
                f"  {counts.products:,} products, {counts.requests:,} requests; indexes ready in "
                f"{time.perf_counter() - started:.1f} s"
            )
            today = timezone.localdate()
            open_requests = list(
                PurchaseRequest.objects.filter(status=RequestStatus.OPEN)
                .select_related("category")
                .order_by("pk")
            )

            # --- forward: request written → drained → matched ---
            pipeline = Timings("new request: drain + match (to proposals)")
            match_only = Timings("forward matching again (warm)")
            baseline = Timings("PostgreSQL candidate query (baseline)")
            with_proposals = 0
            forward_requests = open_requests[args.skip :][: args.forward_samples or None]
            for purchase_request in forward_requests:
                with transaction.atomic():
                    outbox_record(entity="request", entity_id=purchase_request.pk)

                def _drain_and_match(request_id: int = purchase_request.pk) -> list[Proposal]:
                    outbox_drain()
                    return matching_run_for_request(request_id=request_id)

                proposals = pipeline.measure(_drain_and_match)
                with_proposals += bool(proposals)
                match_only.measure(
                    lambda request_id=purchase_request.pk: matching_run_for_request(request_id=request_id)
                )
                baseline.measure(lambda item=purchase_request: _postgres_candidates(item, today))
            total_proposals = Proposal.objects.count()

            # --- reverse: percolation against brute force ---
            approvals = approval_codes()
            # Brute force gets every market rule loaded once; evaluate() picks the applicable ones.
            all_rules = market_rules(
                markets=Market.objects.values_list("code", flat=True),
                category_ids=Category.objects.values_list("pk", flat=True),
            )
            # Brute force scores every open request; without it (--no-before) none are loaded.
            brute_requests = PurchaseRequest.objects.filter(
                status__in=[RequestStatus.OPEN, RequestStatus.MATCHED]
            )
            facts = [
                request_facts(purchase_request=item, approvals=approvals)
                for item in (brute_requests.none() if args.no_before else brute_requests)
                .select_related("category")
                .prefetch_related("required_standards")
            ]
            sample_ids = list(
                Product.objects.public()
                .order_by("pk")
                .values_list("pk", flat=True)[args.skip : args.skip + args.samples]
            )
            products = products_for_matching(product_ids=sample_ids)
            documents = {pid: product_document(product) for pid, product in products.items()}
            refresh_for_matching()
            percolate = Timings(f"percolate one product ({engine.count(REQUEST_QUERIES.alias())} queries)")
            brute = Timings(f"brute force: score vs {len(facts)} open requests")
            reverse = Timings("reverse matching run (to proposals)")
            reverse_before = Timings("reverse as before: percolate + forward run each")
            found = 0
            for pid in sample_ids:
                found += len(percolate.measure(lambda pid=pid: request_candidates(documents[pid], size=200)))
                item = product_facts(product=products[pid])

                def _brute(item: Any = item) -> int:
                    return sum(
                        evaluate(request, item, rules=all_rules, text_relevance=0.0, today=today).eligible
                        for request in facts
                    )

                if not args.no_before:
                    brute.measure(_brute)
            reverse_ids = sample_ids[: args.reverse_samples]
            for pid in reverse_ids:
                if not args.no_before:
                    reverse_before.measure(lambda pid=pid: _reverse_as_before(documents[pid], today))
                reverse.measure(lambda pid=pid: matching_run_for_product(product_id=pid))
            if args.profile:
                from pyinstrument import Profiler

                profiler = Profiler(interval=0.002)
                profiler.start()
                for pid in reverse_ids:
                    matching_run_for_product(product_id=pid)
                profiler.stop()
                print(profiler.output_text(unicode=False, color=False)[:8000])

            large: Timings | None = None
            large_before: Timings | None = None
            held = 0
            if args.percolate_at:
                started = time.perf_counter()
                held = _synthetic_request_queries(args.percolate_at)
                print(
                    f"  percolator index filled to {held:,} queries in {time.perf_counter() - started:.1f} s"
                )
                large = Timings(f"percolate one product ({held:,} queries)")
                large_before = Timings(f"percolate as before ({held:,} queries)")
                for pid in sample_ids:
                    if not args.no_before:
                        large_before.measure(lambda pid=pid: _percolate_as_before(documents[pid]))
                    large.measure(lambda pid=pid: request_candidates(documents[pid], size=200))

            print()
            print(
                f"{len(open_requests)} open requests, {with_proposals} got proposals "
                f"({total_proposals} proposals in all); {len(sample_ids)} products percolated "
                f"({found / max(1, len(sample_ids)):.1f} candidate requests each)"
            )
            print(f"{'measure':<44}{'runs':>6}{'p50 ms':>10}{'p95 ms':>10}{'mean ms':>10}")
            for timings in (
                pipeline,
                match_only,
                baseline,
                percolate,
                brute,
                reverse_before,
                reverse,
                *([large_before, large] if large and large_before else []),
            ):
                print(timings.row())
            figures = {
                "products": counts.products,
                "open_requests": len(open_requests),
                "percolator_queries": held,
                **{
                    key: {"runs": len(t.seconds), "p50_ms": t.percentile(0.5), "p95_ms": t.percentile(0.95)}
                    for key, t in {
                        "forward_drain_and_match": pipeline,
                        "forward_match_warm": match_only,
                        "forward_postgres_baseline": baseline,
                        "percolate": percolate,
                        "percolate_brute_force": brute,
                        "reverse_as_before": reverse_before,
                        "reverse": reverse,
                        **({"percolate_large": large} if large else {}),
                        **({"percolate_large_as_before": large_before} if large_before else {}),
                    }.items()
                },
            }
            if args.json:
                args.json.parent.mkdir(parents=True, exist_ok=True)
                args.json.write_text(json.dumps(figures, indent=2))
            before = (
                f" against {reverse_before.percentile(0.95):.0f} ms as before: "
                f"{reverse_before.percentile(0.95) / max(reverse.percentile(0.95), 1e-6):.1f}× faster"
                if reverse_before.seconds
                else ""
            )
            print(
                f"reverse matching p95 {reverse.percentile(0.95):.0f} ms (bar ≤ 1000 ms){before} "
                f"({len(open_requests):,} open requests)."
            )
            print()
            forward_ratio = pipeline.percentile(0.95) / max(baseline.percentile(0.95), 1e-6)
            print(
                f"new request → proposals p95 {pipeline.percentile(0.95):.1f} ms (target ≤ 1000 ms): "
                f"{forward_ratio:.1f}× the p95 of the PostgreSQL candidate query alone, which neither "
                f"ranks by text nor scores nor writes."
            )
            if brute.seconds:
                percolation_ratio = brute.percentile(0.95) / max(percolate.percentile(0.95), 1e-6)
                print(
                    f"percolation p95 {percolate.percentile(0.95):.1f} ms against brute-force scoring of "
                    f"all {len(facts)} open requests p95 {brute.percentile(0.95):.1f} ms: brute force / "
                    f"percolation = {percolation_ratio:.2f} (below 1, scoring a few requests in memory is "
                    f"cheaper)."
                )
            if large and brute.seconds:
                # Brute force is linear in the number of requests; it is extrapolated, not run.
                brute_at_size = brute.percentile(0.95) / max(1, len(facts)) * held
                print(
                    f"percolation against {held:,} request queries: p95 {large.percentile(0.95):.1f} ms "
                    f"(target < 200 ms at 100,000); brute force at that size ≈ {brute_at_size:.0f} ms "
                    f"(extrapolated): brute force / percolation = "
                    f"{brute_at_size / max(large.percentile(0.95), 1e-6):.1f}."
                )
            if large and large_before and large_before.seconds:
                print(
                    f"percolation p95 at {held:,} queries {large.percentile(0.95):.1f} ms against "
                    f"{large_before.percentile(0.95):.1f} ms as before (no pre-filter, every match counted): "
                    f"{large_before.percentile(0.95) / max(large.percentile(0.95), 1e-6):.1f}× faster."
                )
    finally:
        connections.close_all()
        if not args.keep and not args.data:
            engine.delete_indexes_with_prefix(prefix)
            common.drop_database(url, name)


if __name__ == "__main__":
    main()
