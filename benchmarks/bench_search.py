"""Faceted product search through the API: OpenSearch against PostgreSQL full-text search.

    .venv/bin/python benchmarks/bench_search.py [--scale N] [--clients C] [--requests R]

Run with the environment ``scripts/bench.sh`` exports (``make bench``). The benchmark

1. creates its own database (the name in DATABASE_URL + ``_search``), migrates it and seeds the
   demo data at ``--scale`` (default 20: 6,000 products);
2. rebuilds the product index with ``search_reindex`` and reports its throughput (documents/s);
3. sends the same faceted searches (text in several languages, filters on country, market,
   standard, category, capacity, lead time and price) through the Django API, from ``--clients``
   threads (default 4), to ``GET /api/v1/search/products/`` (OpenSearch) and to a baseline view
   that answers them with PostgreSQL full-text search: SearchVector/SearchQuery over the names and
   descriptions (a GIN expression index built for it), the same filters, ranking by SearchRank and
   a GROUP BY count per category for the facet;
4. warms both up, then measures them in alternating rounds (so that load from elsewhere on the
   machine falls on both alike), and prints p50/p95 latency, throughput and their ratios.

It talks only to services on 127.0.0.1, stops after ``--requests`` requests per engine (or
``--seconds``), and drops its database and indexes at the end.
"""

import argparse
import json
import logging
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO_DIR = Path(__file__).resolve().parent.parent
for path in (REPO_DIR / "backend", REPO_DIR):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
BASELINE_PATH = "/bench/postgres/products/"
SEARCH_PATH = "/api/v1/search/products/"
ROUNDS = 5  # the engines take turns, a fifth of the requests each time

# The same searches for both engines: text in the languages the demo names products in, alone and
# with the filters buyers use, and filters without text (the facet counts over a large set).
WORKLOAD: list[dict[str, str]] = [
    {"q": "surgical masks"},
    {"q": "surgical masks", "country": "CN"},
    {"q": "nitrile examination gloves", "currency": "USD", "price_max": "5"},
    {"q": "thermometers", "lead_time_max": "14"},
    {"q": "ventilators", "market": "EU"},
    {"q": "oxygen concentrators", "capacity_min": "5000"},
    {"q": "医用外科口罩"},
    {"q": "gants", "country": "CN"},
    {"q": "mascarillas"},
    {"q": "test kits", "standard": "ISO 13485"},
    {"country": "CN", "market": "US"},
    {"category": "medical-gloves", "currency": "USD", "sort": "price"},
    {"lead_time_max": "7", "capacity_min": "50000"},
    {"q": "disposable", "market": "EU", "country": "CN"},
]


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=20, help="demo scale (1 = 300 products)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (threads)")
    parser.add_argument("--requests", type=int, default=600, help="requests per engine")
    parser.add_argument("--warmup", type=int, default=100, help="requests per engine before measuring")
    parser.add_argument("--seconds", type=float, default=60, help="time cap per engine")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the database and indexes")
    return parser.parse_args()


def _require_loopback(url: str, what: str) -> None:
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK:
        raise SystemExit(f"{what} must point at 127.0.0.1 for this benchmark, not {host!r}.")


def _own_database_url(url: str) -> tuple[str, str]:
    """(the benchmark's database URL, its database name): the configured name + ``_search``."""
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'medmatch_bench'}_search"
    return urlunsplit(parts._replace(path=f"/{name}")), name


def _recreate_database(url: str, name: str, *, drop_only: bool = False) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if not drop_only:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _setup(args: argparse.Namespace) -> tuple[str, str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5433/medmatch_bench")
    os.environ.setdefault("OPENSEARCH_URL", "http://127.0.0.1:9201")
    _require_loopback(database_url, "DATABASE_URL")
    _require_loopback(os.environ["OPENSEARCH_URL"], "OPENSEARCH_URL")
    if os.environ.get("REDIS_URL"):
        _require_loopback(os.environ["REDIS_URL"], "REDIS_URL")
    url, name = _own_database_url(database_url)
    os.environ["DATABASE_URL"] = url
    prefix = os.environ.get("OPENSEARCH_INDEX_PREFIX", "medmatch-bench-")
    os.environ["OPENSEARCH_INDEX_PREFIX"] = f"{prefix}search-"
    _recreate_database(url, name)

    import django

    django.setup()
    from django.test.utils import setup_test_environment

    # Threads share the search client, whose HTTP pool keeps one connection: the extra ones
    # are opened and closed per request (on loopback, cheap) and each says so in a warning.
    logging.getLogger("urllib3.connectionpool").setLevel(logging.ERROR)
    logging.getLogger("search").setLevel(logging.WARNING)

    setup_test_environment()  # the test client's host name, locmem e-mail
    return url, name


# --- the PostgreSQL baseline: the same parameters, answered with full-text search ----------------


def _baseline_view() -> Callable[..., Any]:
    """A DRF view like the search API, answered by the database alone."""
    import datetime

    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
    from django.db.models import Count, Exists, F, OuterRef, QuerySet, TextField
    from django.db.models.functions import Cast
    from django.utils import timezone
    from rest_framework.permissions import AllowAny
    from rest_framework.request import Request
    from rest_framework.response import Response
    from rest_framework.views import APIView

    from catalog.models import Product
    from directory.apis import ProductSearchApi
    from directory.selectors import categories_with_descendants
    from organizations.models import Document, DocumentType

    def vector() -> SearchVector:
        return SearchVector(Cast("names", TextField()), Cast("descriptions", TextField()), config="simple")

    def filtered(data: dict[str, Any], today: datetime.date) -> QuerySet[Product]:
        products = Product.objects.public()
        if data["category"]:
            products = products.filter(category__slug__in=categories_with_descendants(data["category"]))
        if data["hs_code"]:
            products = products.filter(category__hs_code__startswith=data["hs_code"])
        if data["country"]:
            products = products.filter(vendor__country__in=data["country"])
        if data["market"]:
            certificates = Document.objects.filter(
                document_type=DocumentType.CERTIFICATE,
                products=OuterRef("pk"),
                markets__code__in=data["market"],
                valid_from__lte=today,
                valid_until__gte=today,
            )
            products = products.filter(Exists(certificates))
        if data["standard"]:
            through = Product.standards.through
            products = products.filter(
                Exists(through.objects.filter(product_id=OuterRef("pk"), standard__code__in=data["standard"]))
            )
        if data["vendor"]:
            products = products.filter(vendor_id=data["vendor"])
        if data["capacity_min"] is not None:
            products = products.filter(capacity_per_day__gte=data["capacity_min"])
        if data["moq_max"] is not None:
            products = products.filter(min_order_quantity__lte=data["moq_max"])
        if data["lead_time_max"] is not None:
            products = products.filter(lead_time_days__lte=data["lead_time_max"])
        if data["price_min"] is not None:
            products = products.filter(price_max__gte=data["price_min"])
        if data["price_max"] is not None:
            products = products.filter(price_min__lte=data["price_max"])
        if data["currency"]:
            products = products.filter(currency=data["currency"])
        return products

    sorts = {
        "price": ["price_min", "id"],
        "-price": ["-price_min", "id"],
        "lead_time": ["lead_time_days", "id"],
        "capacity": ["-capacity_per_day", "id"],
        "moq": ["min_order_quantity", "id"],
        "newest": ["-created_at", "-id"],
    }

    class PostgresProductSearchApi(APIView):
        permission_classes = [AllowAny]

        def get(self, request: Request) -> Response:
            params = ProductSearchApi.InputSerializer(data=request.query_params)
            params.is_valid(raise_exception=True)
            data = params.validated_data
            products = filtered(data, timezone.localdate())
            ordering: list[Any] = sorts.get(data["sort"], ["-id"])
            if data["q"].strip():
                query = SearchQuery(data["q"], config="simple", search_type="plain")
                products = products.annotate(search=vector()).filter(search=query)
                if data["sort"] == "relevance":
                    products = products.annotate(rank=SearchRank(vector(), query))
                    ordering = [F("rank").desc(), "-id"]
            count = products.count()
            categories = (
                products.order_by()
                .values("category__slug")
                .annotate(count=Count("id"))
                .order_by("-count", "category__slug")
            )
            offset = (data["page"] - 1) * data["page_size"]
            page = products.select_related("vendor", "category").order_by(*ordering)[
                offset : offset + data["page_size"]
            ]
            return Response(
                {
                    "count": count,
                    "facets": {
                        "category": [
                            {"key": row["category__slug"], "count": row["count"]} for row in categories
                        ]
                    },
                    "results": [
                        {
                            "id": product.pk,
                            "names": product.names,
                            "descriptions": product.descriptions,
                            "vendor": {"id": product.vendor_id, "name": product.vendor.name},
                            "category": {"slug": product.category.slug, "hs_code": product.category.hs_code},
                            "min_order_quantity": product.min_order_quantity,
                            "capacity_per_day": product.capacity_per_day,
                            "lead_time_days": product.lead_time_days,
                            "price_min": float(product.price_min),
                            "price_max": float(product.price_max),
                            "currency": product.currency,
                        }
                        for product in page
                    ],
                }
            )

    return PostgresProductSearchApi.as_view()


def _build_fts_index() -> float:
    """A GIN index on the very expression the baseline searches, so PostgreSQL can use it."""
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector
    from django.db import connection
    from django.db.models import TextField
    from django.db.models.functions import Cast

    from catalog.models import Product

    _drop_fts_index()  # left by an interrupted run on kept data
    started = time.perf_counter()
    index = GinIndex(
        SearchVector(Cast("names", TextField()), Cast("descriptions", TextField()), config="simple"),
        name="bench_product_fts",
    )
    with connection.schema_editor() as editor:
        editor.add_index(Product, index)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def _drop_fts_index() -> None:
    """Kept data (``--data``) leaves as it came: without the baseline's index."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS bench_product_fts")


# --- load ------------------------------------------------------------------------------------------


@dataclass
class Run:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else float("nan")

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def _drive(name: str, path: str, *, clients: int, requests: int, seconds: float) -> Run:
    """``requests`` GETs of the workload on ``path`` from ``clients`` threads (or until ``seconds``)."""
    from django.db import connection
    from django.test import Client

    run = Run(name)
    lock = threading.Lock()
    issued = 0
    deadline = time.perf_counter() + seconds

    def worker(offset: int) -> None:
        nonlocal issued
        client = Client(raise_request_exception=False)  # a failed search counts as an error
        position = offset
        try:
            while time.perf_counter() < deadline:
                with lock:
                    if issued >= requests:
                        return
                    issued += 1
                params = WORKLOAD[position % len(WORKLOAD)]
                position += 1
                started = time.perf_counter()
                response = client.get(path, params)
                elapsed = time.perf_counter() - started
                with lock:
                    if response.status_code == 200:
                        run.latencies.append(elapsed)
                    else:
                        run.errors.append(f"{response.status_code} {params}")
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(number * 3,)) for number in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - started
    return run


def _measure(args: argparse.Namespace) -> list[Run]:
    """Warm both up, then alternate them in rounds, so that a burst of load from elsewhere on the
    machine falls on both alike."""
    engines = {"OpenSearch": SEARCH_PATH, "PostgreSQL FTS": BASELINE_PATH}
    for path in engines.values():
        _drive("warm-up", path, clients=args.clients, requests=args.warmup, seconds=args.seconds)
    runs = {name: Run(name) for name in engines}
    for _ in range(ROUNDS):
        for name, path in engines.items():
            part = _drive(
                name,
                path,
                clients=args.clients,
                requests=args.requests // ROUNDS,
                seconds=args.seconds / ROUNDS,
            )
            runs[name].latencies.extend(part.latencies)
            runs[name].errors.extend(part.errors)
            runs[name].seconds += part.seconds
    return list(runs.values())


def _check_answers(path: str) -> dict[str, int]:
    """Run the workload once (warming caches); every search must answer 200. Returns counts."""
    from django.test import Client

    client = Client()
    counts: dict[str, int] = {}
    for params in WORKLOAD:
        response = client.get(path, params)
        if response.status_code != 200:
            raise SystemExit(f"{path} {params} answered {response.status_code}: {response.content[:300]!r}")
        counts[str(params)] = response.json()["count"]
    return counts


def _urlconf(baseline: Callable[..., Any]) -> None:
    """Serve the baseline view next to the application's URLs (this module becomes the URLconf)."""
    from django.urls import include, path

    module = sys.modules[__name__]
    module.urlpatterns = [  # type: ignore[attr-defined]
        path(BASELINE_PATH.lstrip("/"), baseline),
        path("", include("config.urls")),
    ]


def main() -> None:
    args = _parse_args()
    url, name = _setup(args)
    from django.conf import settings
    from django.db import connections
    from django.test.utils import override_settings

    from catalog.models import Product
    from demo.services.seed import demo_seed
    from outbox.reconciliation import search_reindex
    from search import engine

    prefix = settings.OPENSEARCH["index_prefix"]
    try:
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
            from django.core.management import call_command

            print(
                f"database {name}, index prefix {prefix}: migrating, seeding the demo at scale {args.scale:g}"
            )
            started = time.perf_counter()
            call_command("migrate", verbosity=0)
            counts = demo_seed(scale=args.scale)
            public = Product.objects.public().count()
            print(
                f"  {counts.products:,} products ({public:,} public), {counts.vendors:,} vendors "
                f"in {time.perf_counter() - started:.0f} s"
            )
            engine.delete_indexes_with_prefix(prefix)
            report = search_reindex(entity="product", batch_size=1000)
            fts_seconds = _build_fts_index()

            _urlconf(_baseline_view())
            with override_settings(ROOT_URLCONF=__name__):
                opensearch_counts = _check_answers(SEARCH_PATH)
                postgres_counts = _check_answers(BASELINE_PATH)
                runs = _measure(args)
            _print_report(args, report, fts_seconds, runs, opensearch_counts, postgres_counts)
            if args.json:
                args.json.parent.mkdir(parents=True, exist_ok=True)
                args.json.write_text(json.dumps(_figures(args, report, runs), indent=2))
    finally:
        connections.close_all()
        if not args.keep:
            engine.delete_indexes_with_prefix(prefix)
            _recreate_database(url, name, drop_only=True)


def _figures(args: argparse.Namespace, report: Any, runs: list[Run]) -> dict[str, Any]:
    opensearch, postgres = runs
    return {
        "products": report.documents,
        "clients": args.clients,
        "reindex_docs_per_s": report.docs_per_second,
        **{
            run.name: {
                "requests": len(run.latencies),
                "errors": len(run.errors),
                "p50_ms": run.percentile(0.5),
                "p95_ms": run.percentile(0.95),
                "req_per_s": run.throughput,
            }
            for run in runs
        },
        "p95_ratio": postgres.percentile(0.95) / opensearch.percentile(0.95),
        "throughput_ratio": opensearch.throughput / postgres.throughput if postgres.throughput else 0.0,
    }


def _print_report(
    args: argparse.Namespace,
    report: Any,
    fts_seconds: float,
    runs: list[Run],
    opensearch_counts: dict[str, int],
    postgres_counts: dict[str, int],
) -> None:
    opensearch, postgres = runs
    print()
    print(
        f"indexing: search_reindex(product) wrote {report.documents:,} documents in {report.seconds:.1f} s "
        f"= {report.docs_per_second:,.0f} docs/s (the PostgreSQL GIN index took {fts_seconds:.1f} s)"
    )
    print()
    print(
        f"faceted product search through the API, {args.clients} concurrent clients, "
        f"{len(WORKLOAD)} searches in rotation"
    )
    print(f"{'engine':<16}{'requests':>10}{'errors':>8}{'p50 ms':>10}{'p95 ms':>10}{'req/s':>10}")
    for run in runs:
        print(
            f"{run.name:<16}{len(run.latencies):>10}{len(run.errors):>8}{run.percentile(0.50):>10.1f}"
            f"{run.percentile(0.95):>10.1f}{run.throughput:>10.1f}"
        )
    print()
    print(
        f"OpenSearch p95 is {postgres.percentile(0.95) / opensearch.percentile(0.95):.1f}× lower than "
        f"PostgreSQL FTS; p50 {postgres.percentile(0.5) / opensearch.percentile(0.5):.1f}× lower; "
        f"throughput {opensearch.throughput / postgres.throughput:.1f}× higher."
    )
    matched = sum(1 for key, value in opensearch_counts.items() if value >= postgres_counts[key])
    print(
        f"(OpenSearch also counts six facets and three ranges where the baseline counts one, and found at "
        f"least as many results for {matched} of {len(WORKLOAD)} searches: stemming, synonyms, languages.)"
    )
    for run in runs:
        for error in run.errors[:3]:
            print(f"  {run.name} error: {error}")


if __name__ == "__main__":
    main()
