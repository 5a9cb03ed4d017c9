"""Freshness through the API: a saved product → searchable, a new request → its proposals.

    .venv/bin/python benchmarks/bench_freshness.py [--scale N] [--samples N] [--topologies a,b,c]

Run with the environment ``scripts/bench.sh`` exports (``make bench``). The benchmark

1. creates its own database (the name in DATABASE_URL + ``_freshness``), migrates it, seeds the demo
   at ``--scale`` and rebuilds every index;
2. for each topology starts a Celery worker as ``make run`` does (``-B``, every queue, concurrency 2):
   ``filesystem-1s`` is the file-system broker at kombu's default polling (1 s, as it was),
   ``filesystem`` the file-system broker at ``make run``'s default (MEDMATCH_BROKER_POLL_SECONDS),
   ``redis`` the Redis broker in REDIS_URL;
3. times, through the API (the Django test client in this process; the worker does the rest), a
   vendor renaming a product with a new word until the public search finds it, and a buyer posting
   a request (a copy of an open demo request that has proposals) until staff see its proposals.

Each topology's figures are p50/p95 of ``--samples`` writes; ``filesystem-1s`` is the baseline of the
same run. It talks only to services on 127.0.0.1, stops its workers and drops its database and
indexes at the end.
"""

import argparse
import json
import os
import random
import secrets
import signal
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parent.parent
for path in (REPO_DIR / "backend", REPO_DIR):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from benchmarks import common  # noqa: E402  after the path set-up above

QUEUES = "default,indexing,matching,notifications,certificates,imports"  # as scripts/run.sh
TOPOLOGIES = ("filesystem-1s", "filesystem", "redis")
TIMEOUT = 30.0


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1, help="demo scale (1 = 300 products)")
    parser.add_argument("--samples", type=int, default=20, help="writes of each kind per topology")
    parser.add_argument("--topologies", default=",".join(TOPOLOGIES))
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the database and indexes")
    return parser.parse_args()


def _worker(topology: str, folder: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": f"{REPO_DIR / 'backend'}:{REPO_DIR}",
        "MEDMATCH_RUN_DIR": str(folder),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    if topology.startswith("filesystem"):
        env.pop("REDIS_URL", None)
        env["MEDMATCH_BROKER_POLL_SECONDS"] = (
            "1.0" if topology == "filesystem-1s" else env.get("MEDMATCH_BROKER_POLL_SECONDS", "0.1")
        )
    return subprocess.Popen(
        [
            str(REPO_DIR / ".venv" / "bin" / "celery"),
            "-A",
            "config",
            "worker",
            "-B",
            "-Q",
            QUEUES,
            "--concurrency=2",
            "--loglevel=WARNING",
            f"--schedule={folder / 'celerybeat-schedule'}",
        ],
        cwd=REPO_DIR / "backend",
        env=env,
        stdout=(folder / "worker.log").open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait(condition: Callable[[], bool]) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < TIMEOUT:
        if condition():
            return time.perf_counter() - started
        time.sleep(0.02)
    return None


def _word() -> str:
    return "fresh" + "".join(random.choices(string.ascii_lowercase, k=8))


def _request_body(template: Any) -> dict[str, Any]:
    """A new request with the fields of ``template`` (an open demo request that has proposals)."""
    body = {
        "title": template.title,
        "description": template.description,
        "language": template.language,
        "category": template.category_id,
        "quantity": template.quantity,
        "unit": template.unit,
        "required_standards": list(template.required_standards.values_list("code", flat=True)),
        "destination_country": template.destination_country,
        "target_unit_price": str(template.target_unit_price) if template.target_unit_price else None,
        "currency": template.currency,
        "needed_by": template.needed_by.isoformat() if template.needed_by else None,
        "incoterm": template.incoterm,
        "status": "open",
    }
    return {key: value for key, value in body.items() if value not in (None, "")}


def _child(args: argparse.Namespace, topology: str) -> dict[str, Any]:  # noqa: PLR0915  one timed loop
    """One topology, in its own process: the broker is fixed when Django starts."""
    from rest_framework.test import APIClient

    from accounts.models import User
    from accounts.tests.factories import StaffFactory
    from catalog.models import Product
    from matching.models import Proposal
    from purchasing.models import PurchaseRequest, RequestStatus

    folder = Path(os.environ["MEDMATCH_RUN_DIR"])  # the file-system broker's folders: shared with the worker
    worker = _worker(topology, folder)
    try:
        vendor_client, buyer_client, staff_client, public = APIClient(), APIClient(), APIClient(), APIClient()
        products = list(Product.objects.public().order_by("pk")[: args.samples + 2])
        vendors = {user.organization_id: user for user in User.objects.filter(organization__kind="vendor")}
        staff_client.force_authenticate(User.objects.filter(is_staff=True).first() or StaffFactory())
        templates = [
            request
            for request in PurchaseRequest.objects.filter(status=RequestStatus.OPEN).order_by("pk")
            if Proposal.objects.filter(request=request).exists()
        ]
        saved: list[float] = []
        proposed: list[float] = []
        lost = 0
        for index, product in enumerate(products):
            vendor_client.force_authenticate(vendors[product.vendor_id])
            word = _word()
            names = dict(product.names or {})
            names["en"] = f"{names.get('en', '')} {word}".strip()
            answer = vendor_client.patch(f"/api/v1/products/{product.pk}/", {"names": names}, format="json")
            assert answer.status_code == 200, answer.content

            def _found(word: str = word) -> bool:
                return bool(public.get("/api/v1/search/products/", {"q": word}).json()["results"])

            took = _wait(_found)
            if index >= 2:  # the first two warm the worker up
                if took is None:
                    lost += 1
                else:
                    saved.append(took)
            if templates:
                template = templates[index % len(templates)]
                buyer_client.force_authenticate(
                    User.objects.filter(organization_id=template.buyer_id).order_by("pk").first()
                )
                body = _request_body(template)
                created = buyer_client.post("/api/v1/requests/", body, format="json")
                assert created.status_code == 201, created.content
                request_id = created.json()["id"]

                def _proposals(request_id: int = request_id) -> bool:
                    answer = staff_client.get("/api/v1/proposals/", {"request": request_id})
                    return bool(answer.json()["results"])

                took = _wait(_proposals)
                if index >= 2:
                    if took is None:
                        lost += 1
                    else:
                        proposed.append(took)
            time.sleep(random.uniform(0.2, 0.8))
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
    return {
        "load_average_1min": round(os.getloadavg()[0], 2),
        "timed_out": lost,
        **{
            name: {
                "runs": len(seconds),
                "p50_ms": common.percentile(seconds, 0.5),
                "p95_ms": common.percentile(seconds, 0.95),
            }
            for name, seconds in (("save_to_searchable", saved), ("request_to_proposals", proposed))
        },
    }


def main() -> None:  # noqa: PLR0912, PLR0915  one linear script: seed, index, run each topology, report
    args = _parse_args()
    if os.environ.get("MEDMATCH_FRESHNESS_TOPOLOGY"):
        os.environ.setdefault("MEDMATCH_BROKER_POLL_SECONDS", "0.1")
        if os.environ["MEDMATCH_FRESHNESS_TOPOLOGY"].startswith("filesystem"):
            os.environ.pop("REDIS_URL", None)
        os.environ["MEDMATCH_RUN_DIR"] = tempfile.mkdtemp(prefix="freshness-")
        common.setup("freshness", reuse=True)
        topology = os.environ["MEDMATCH_FRESHNESS_TOPOLOGY"]
        print(json.dumps(_child(args, topology)))
        return
    original_url = os.environ.get("DATABASE_URL", "")
    url, name = common.setup("freshness")
    from django.conf import settings
    from django.db import connections

    from demo.services.seed import demo_seed
    from outbox.reconciliation import search_reindex
    from search import engine, indexing

    prefix = settings.OPENSEARCH["index_prefix"]
    figures: dict[str, Any] = {}
    try:
        with common.media_root():
            counts = demo_seed(scale=args.scale)
            engine.delete_indexes_with_prefix(prefix)
            for entity in indexing.ENTITIES:
                search_reindex(entity=entity)
            # The demo's open requests matched once, so that every topology has requests with
            # proposals to copy (a copy gets the same proposals).
            from matching.services import matching_run_for_request
            from purchasing.models import PurchaseRequest, RequestStatus

            for request_id in PurchaseRequest.objects.filter(status=RequestStatus.OPEN).values_list(
                "pk", flat=True
            ):
                matching_run_for_request(request_id=request_id)
            print(f"  {counts.products:,} products, {counts.requests:,} requests indexed and matched")
            connections.close_all()
            base = os.environ["OPENSEARCH_INDEX_PREFIX"].removesuffix("freshness-")
            for topology in args.topologies.split(","):
                started = time.perf_counter()
                child = subprocess.run(
                    [sys.executable, __file__, "--samples", str(args.samples)],
                    env={
                        **os.environ,
                        "DATABASE_URL": original_url,
                        "OPENSEARCH_INDEX_PREFIX": base,
                        "MEDMATCH_FRESHNESS_TOPOLOGY": topology,
                        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
                    },
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if child.returncode != 0:
                    print(child.stdout[-2000:], child.stderr[-4000:])
                    continue
                figures[topology] = json.loads(child.stdout.strip().splitlines()[-1])
                print(f"  {topology}: {time.perf_counter() - started:.0f} s")
    finally:
        connections.close_all()
        if not args.keep:
            engine.delete_indexes_with_prefix(prefix)
            common.drop_database(url, name)
    print(f"\n{'topology':<16}{'measure':<24}{'runs':>6}{'p50 ms':>10}{'p95 ms':>10}  load")
    for topology, result in figures.items():
        for measure in ("save_to_searchable", "request_to_proposals"):
            row = result[measure]
            print(
                f"{topology:<16}{measure:<24}{row['runs']:>6}{row['p50_ms']:>10.0f}{row['p95_ms']:>10.0f}"
                f"  {result['load_average_1min']}"
            )
    before = figures.get("filesystem-1s")
    for topology, result in figures.items():
        if before is None or topology == "filesystem-1s":
            continue
        for measure in ("save_to_searchable", "request_to_proposals"):
            ratio = before[measure]["p95_ms"] / max(result[measure]["p95_ms"], 1e-6)
            result[f"{measure}_p95_ratio_vs_1s_polling"] = round(ratio, 2)
            print(
                f"{topology} {measure}: p95 {result[measure]['p95_ms']:.0f} ms (bar ≤ 2000 ms for "
                f"searchable, ≤ 1000 ms for proposals) against {before[measure]['p95_ms']:.0f} ms with "
                f"1 s polling: {ratio:.1f}×"
            )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
