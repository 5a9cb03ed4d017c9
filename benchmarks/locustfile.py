"""Locust users for bench_http: the bench_search workload against one path, bounded in requests.

Configured by the environment bench_http sets: MEDMATCH_BENCH_PATH (the search endpoint),
MEDMATCH_BENCH_MAX_REQUESTS (the run stops after that many, or at --run-time) and
MEDMATCH_BENCH_SUMMARY (where the run's totals are written as JSON when locust quits).

The totals are written from locust's own stats on its ``quitting`` event rather than read from its
``--csv`` files: the CSV writer flushes on an interval, so a run shorter than that interval left
a file with zero requests in it.
"""

import itertools
import json
import os
from pathlib import Path
from typing import Any

import gevent
from locust import HttpUser, constant, events, task
from locust.exception import StopUser

from benchmarks.bench_search import WORKLOAD

PATH = os.environ.get("MEDMATCH_BENCH_PATH", "/api/v1/search/products/")
MAX_REQUESTS = int(os.environ.get("MEDMATCH_BENCH_MAX_REQUESTS", "1000"))
SUMMARY = os.environ.get("MEDMATCH_BENCH_SUMMARY")
_issued = itertools.count(1)


@events.quitting.add_listener
def _write_summary(environment: Any, **_kwargs: Any) -> None:
    if not SUMMARY:
        return
    total = environment.stats.total
    elapsed = max(total.last_request_timestamp - total.start_time, 1e-6) if total.num_requests else 0.0
    Path(SUMMARY).write_text(
        json.dumps(
            {
                "requests": total.num_requests,
                "failures": total.num_failures,
                "p50_ms": total.get_response_time_percentile(0.5) if total.num_requests else None,
                "p95_ms": total.get_response_time_percentile(0.95) if total.num_requests else None,
                "req_per_s": total.num_requests / elapsed if total.num_requests else None,
            }
        )
    )


class SearchUser(HttpUser):
    wait_time = constant(0)  # closed loop: each client sends its next search when one answers

    @task
    def search(self) -> None:
        number = next(_issued)
        if number > MAX_REQUESTS:
            if number == MAX_REQUESTS + 1 and self.environment.runner is not None:
                gevent.spawn(self.environment.runner.quit)  # from outside this user's greenlet
            raise StopUser
        params = WORKLOAD[number % len(WORKLOAD)]
        self.client.get(PATH, params=params, name=PATH)
