"""Locust users for bench_http: the bench_search workload against one path, bounded in requests.

Configured by the environment bench_http sets: MEDMATCH_BENCH_PATH (the search endpoint) and
MEDMATCH_BENCH_MAX_REQUESTS (the run stops after that many, or at --run-time).
"""

import itertools
import os

import gevent
from locust import HttpUser, constant, task
from locust.exception import StopUser

from benchmarks.bench_search import WORKLOAD

PATH = os.environ.get("MEDMATCH_BENCH_PATH", "/api/v1/search/products/")
MAX_REQUESTS = int(os.environ.get("MEDMATCH_BENCH_MAX_REQUESTS", "1000"))
_issued = itertools.count(1)


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
