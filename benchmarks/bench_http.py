"""Product search over real HTTP: gunicorn with the production settings, driven by locust.

    .venv/bin/python benchmarks/bench_http.py [--scale N] [--clients 4,16] [--requests R] [--seconds S]

Run with the environment ``scripts/bench.sh`` exports (``make bench``). The benchmark

1. creates its own database (the name in DATABASE_URL + ``_http``), migrates it, seeds the demo at
   ``--scale``, rebuilds the product index and builds bench_search's GIN index for the baseline;
2. starts gunicorn as the Dockerfile does (``config.wsgi``, 3 workers, the production settings,
   with bench_search's PostgreSQL full-text view mounted beside the API: ``benchmarks.http_settings``)
   on 127.0.0.1 (``--port``, default 8105);
3. for each client count, runs locust headless against ``/api/v1/search/products/`` (OpenSearch) and
   against the baseline, in alternating rounds, each stopped after ``--requests`` requests or
   ``--seconds`` and followed by a wait until the server has finished the requests it accepted,
   with the bench_search workload (text in six languages, with and without filters, facet-only
   searches);
4. prints p50/p95 latency and throughput of both and their ratios; reports gunicorn's peak RSS.

``--data indexing`` serves the data ``benchmarks.generate`` filled instead (the 1M run), indexing
it only if its product index is missing, and keeps it (the baseline's GIN index is dropped again).

It talks only to services on 127.0.0.1, stops gunicorn and drops its database and indexes at the end.
"""

import argparse
import concurrent.futures
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parent.parent
for path in (REPO_DIR / "backend", REPO_DIR):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from benchmarks import common  # noqa: E402  after the path set-up above
from benchmarks.bench_search import (  # noqa: E402
    BASELINE_PATH,
    SEARCH_PATH,
    _build_fts_index,
    _drop_fts_index,
)

ENGINES = {"OpenSearch": SEARCH_PATH, "PostgreSQL FTS": BASELINE_PATH}
ROUNDS = 2


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=5, help="demo scale (1 = 300 products)")
    parser.add_argument("--clients", default="4,16", help="client counts, comma-separated")
    parser.add_argument("--requests", type=int, default=400, help="requests per engine and client count")
    parser.add_argument("--seconds", type=int, default=40, help="time cap per engine and client count")
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (the Dockerfile's 3)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the database and indexes")
    parser.add_argument(
        "--data",
        help="serve another benchmark's kept data instead of seeding (indexing: the database "
        "benchmarks.generate fills); its database and indexes are kept",
    )
    return parser.parse_args()


def _server_env(port: int) -> dict[str, str]:
    from django.conf import settings

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.http_settings",
        # Production settings refuse a short or placeholder key; this one lives for one run.
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        # Plain HTTP on loopback: no TLS proxy in front, so no redirect to https.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6380/1"),
        "OPENSEARCH_INDEX_PREFIX": settings.OPENSEARCH["index_prefix"],
        "PYTHONPATH": f"{REPO_DIR / 'backend'}:{REPO_DIR}",
        "MEDMATCH_BENCH_PORT": str(port),
    }


def _start_gunicorn(port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            str(REPO_DIR / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--chdir",
            str(REPO_DIR / "backend"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        env=_server_env(port),
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}{SEARCH_PATH}?q=masks", timeout=10
            ) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(1)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer on 127.0.0.1:{port}; see {log}")


def _wait_idle(port: int, workers: int, *, limit: float = 180.0) -> float:
    """Wait until gunicorn has finished what the last round left behind; the seconds it took.

    locust stops at its bound, but the requests gunicorn has already accepted still run (a
    PostgreSQL search can take seconds at 1M), and the next round's requests would queue behind
    them. Idle: twice ``workers`` concurrent health checks all answer within a second.
    """

    def answered_quickly(_: int) -> bool:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health/", timeout=30):
                pass
        except OSError:
            pass  # a 503 (a service reported down) still means a worker answered
        return time.monotonic() - started < 1.0

    begun = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2 * workers) as pool:
        while time.monotonic() - begun < limit:
            if all(pool.map(answered_quickly, range(2 * workers))):
                break
            time.sleep(0.5)
    return time.monotonic() - begun


def _tree_peak_rss_mb(pid: int) -> float:
    """Peak RSS (VmHWM) of ``pid`` and its children, summed, in MB."""
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids.extend(int(child) for child in children.read_text().split())
    for each in pids:
        status = Path(f"/proc/{each}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
    return total


def _locust(
    path: str, *, port: int, clients: int, requests: int, seconds: int, folder: Path
) -> dict[str, Any]:
    summary = folder / f"run-{clients}-{abs(hash(path)) % 10_000}-{time.monotonic_ns()}.json"
    env = {
        **os.environ,
        "MEDMATCH_BENCH_PATH": path,
        "MEDMATCH_BENCH_MAX_REQUESTS": str(requests),
        "MEDMATCH_BENCH_SUMMARY": str(summary),
        "PYTHONPATH": f"{REPO_DIR}",
    }
    result = subprocess.run(
        [
            str(REPO_DIR / ".venv" / "bin" / "locust"),
            "-f",
            str(REPO_DIR / "benchmarks" / "locustfile.py"),
            "--headless",
            "--only-summary",
            "--users",
            str(clients),
            "--spawn-rate",
            str(clients),
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--loglevel",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        check=False,
        timeout=seconds + 60,
    )
    if os.environ.get("MEDMATCH_BENCH_DEBUG"):
        print(result.stdout.decode(errors="replace")[-3000:], result.stderr.decode(errors="replace")[-3000:])
    if not summary.exists():
        raise SystemExit(f"locust wrote no summary (exit {result.returncode}): {result.stderr[-2000:]!r}")
    totals = json.loads(summary.read_text())

    def number(value: float | None) -> float:
        # No completed request in the run: NaN, so the report shows it rather than a made-up 0.
        return float("nan") if value is None else float(value)

    return {
        "requests": int(totals["requests"]),
        "failures": int(totals["failures"]),
        "p50_ms": number(totals["p50_ms"]),
        "p95_ms": number(totals["p95_ms"]),
        "req_per_s": number(totals["req_per_s"]),
    }


def _merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Rounds of one engine together: counts summed, rates and percentiles request-weighted."""
    total = sum(part["requests"] for part in parts) or 1
    return {
        "requests": sum(part["requests"] for part in parts),
        "failures": sum(part["failures"] for part in parts),
        **{
            key: sum(part[key] * part["requests"] for part in parts) / total
            for key in ("p50_ms", "p95_ms", "req_per_s")
        },
    }


def _measure(args: argparse.Namespace, clients: int, work: Path, waited: list[float]) -> dict[str, Any]:
    """Both engines at one client count: a warm-up each, then ROUNDS alternating rounds."""
    for path in ENGINES.values():  # warm both up
        _locust(path, port=args.port, clients=clients, requests=40, seconds=15, folder=work)
        waited.append(_wait_idle(args.port, args.workers))
    parts: dict[str, list[dict[str, Any]]] = {engine_name: [] for engine_name in ENGINES}
    for _round in range(ROUNDS):
        for engine_name, path in ENGINES.items():
            parts[engine_name].append(
                _locust(
                    path,
                    port=args.port,
                    clients=clients,
                    requests=args.requests // ROUNDS,
                    seconds=args.seconds // ROUNDS,
                    folder=work,
                )
            )
            waited.append(_wait_idle(args.port, args.workers))
    opensearch, postgres = (_merge(parts[engine_name]) for engine_name in ENGINES)
    return {
        "opensearch": opensearch,
        "postgres_fts": postgres,
        "p95_ratio": postgres["p95_ms"] / max(opensearch["p95_ms"], 1e-6),
        "throughput_ratio": opensearch["req_per_s"] / max(postgres["req_per_s"], 1e-6),
    }


def main() -> None:
    args = _parse_args()
    url, name = common.setup(args.data or "http", reuse=bool(args.data))
    from django.conf import settings
    from django.db import connections

    from catalog.models import Product
    from demo.services.seed import demo_seed
    from outbox.reconciliation import search_reindex
    from search import engine
    from search.indexes import PRODUCTS

    prefix = settings.OPENSEARCH["index_prefix"]
    figures: dict[str, Any] = {}
    server: subprocess.Popen[bytes] | None = None
    try:
        with common.media_root(), tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            if args.data:
                figures["products"] = Product.objects.count()
                if not engine.physical_indexes(PRODUCTS.alias()):
                    search_reindex(entity="product")
            else:
                figures["products"] = demo_seed(scale=args.scale).products
                engine.delete_indexes_with_prefix(prefix)
                search_reindex(entity="product")
            figures["indexed"] = engine.count(PRODUCTS.alias())
            figures["fts_index_seconds"] = _build_fts_index()
            connections.close_all()
            server = _start_gunicorn(args.port, args.workers, work / "gunicorn.log")
            waited: list[float] = []  # draining what each round left running on the server
            for clients in [int(value) for value in args.clients.split(",")]:
                figures[f"clients_{clients}"] = _measure(args, clients, work, waited)
            figures["gunicorn_peak_rss_mb"] = _tree_peak_rss_mb(server.pid)
            figures["drain_seconds_max"] = max(waited, default=0.0)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        connections.close_all()
        if args.data:
            _drop_fts_index()
        elif not args.keep:
            engine.delete_indexes_with_prefix(prefix)
            common.drop_database(url, name)
    _report(figures)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2))


def _report(figures: dict[str, Any]) -> None:
    print(f"\nproduct search over HTTP (gunicorn, production settings), {figures['products']:,} products")
    print(
        f"{'clients':<9}{'engine':<16}{'requests':>10}{'failed':>8}{'p50 ms':>10}{'p95 ms':>10}{'req/s':>10}"
    )
    for key, value in figures.items():
        if not key.startswith("clients_"):
            continue
        clients = key.removeprefix("clients_")
        for label, run in (("OpenSearch", value["opensearch"]), ("PostgreSQL FTS", value["postgres_fts"])):
            print(
                f"{clients:<9}{label:<16}{run['requests']:>10}{run['failures']:>8}{run['p50_ms']:>10.0f}"
                f"{run['p95_ms']:>10.0f}{run['req_per_s']:>10.1f}"
            )
        print(
            f"{'':<9}OpenSearch p95 {value['p95_ratio']:.1f}× lower, throughput "
            f"{value['throughput_ratio']:.1f}× higher than PostgreSQL FTS (bar at 16 clients: ≥ 5× both)"
        )
    print(f"gunicorn (master + workers) peak RSS: {figures.get('gunicorn_peak_rss_mb', 0):.0f} MB")


if __name__ == "__main__":
    main()
