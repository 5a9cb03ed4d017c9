"""Each benchmark runs end to end at a tiny scale, so that none of them rots.

Benchmarks are not tests: their figures are not checked against the bars here, only that
each one runs against the real services, reports its figures and cleans up after itself.
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.search]

SMOKE_RUNS = {
    "bench_indexing": ["--products", "150", "--baseline-cap", "60", "--compare", "60", "--batch-size", "50"],
    "bench_matching": [
        "--scale",
        "0.2",
        "--samples",
        "3",
        "--forward-samples",
        "3",
        "--reverse-samples",
        "2",
        "--percolate-at",
        "200",
    ],
    "bench_freshness": ["--scale", "0.2", "--samples", "3"],
    "bench_http": ["--scale", "0.3", "--clients", "2", "--requests", "10", "--seconds", "10"],
    "bench_search": [
        "--scale",
        "0.3",
        "--clients",
        "2",
        "--requests",
        "20",
        "--warmup",
        "4",
        "--seconds",
        "20",
    ],
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("bench", sorted(SMOKE_RUNS))
def test_benchmark_runs_at_a_tiny_scale(bench: str, tmp_path: Path) -> None:
    figures = tmp_path / f"{bench}.json"
    env = {
        **os.environ,
        "DATABASE_URL": os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/medmatch_smoke",
        "OPENSEARCH_INDEX_PREFIX": "medmatch-smoke-",
        "PYTHONPATH": f"{REPO_DIR / 'backend'}:{REPO_DIR}",
    }
    arguments = list(SMOKE_RUNS[bench])
    if bench == "bench_http":
        arguments += ["--port", str(_free_port())]
    if bench == "bench_freshness":
        # Its worker consumes every queue: a Redis database of its own, not the test worker's.
        env["REDIS_URL"] = os.environ.get("REDIS_URL", "redis://127.0.0.1:6380/0").rsplit("/", 1)[0] + "/2"
    result = subprocess.run(
        [
            sys.executable,
            str(REPO_DIR / "benchmarks" / f"{bench}.py"),
            *arguments,
            "--json",
            str(figures),
        ],
        cwd=REPO_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    reported = json.loads(figures.read_text())
    assert reported, "the benchmark wrote no figures"
    assert "×" in result.stdout or "ratio" in result.stdout  # it printed its comparison
    if bench == "bench_http":
        # Every engine answered every client count: a run that counted no request measured nothing.
        runs = [value for key, value in reported.items() if key.startswith("clients_")]
        assert runs, reported
        for run in runs:
            for engine_name in ("opensearch", "postgres_fts"):
                assert run[engine_name]["requests"] > 0, (engine_name, run)
                assert run[engine_name]["failures"] == 0, (engine_name, run)
                assert run[engine_name]["p95_ms"] > 0, (engine_name, run)
