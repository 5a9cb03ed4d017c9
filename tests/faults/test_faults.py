"""Issue 12: every part of the stack is killed mid-burst and restarted; nothing acknowledged is lost.

Each test drives a bounded burst of API writes from three threads (a vendor posting products, a
buyer posting open requests, staff approving the proposals matching makes), keeps a ledger of
what the API acknowledged, injects the fault by pid (`kill -9`, or an immediate stop for
PostgreSQL), restarts the part, and then waits until the database holds every acknowledged
write, the index equals the database by ids and content hashes (read from the engine), every
acknowledged open request has had its matching run and every approved introduction's e-mails
were sent exactly once. What health and the API answered during the fault is asserted too.

`make test` runs the bounded set (BOUNDED); `make test-faults` (MEDMATCH_FAULTS=full) runs all.
Figures are appended to .run/fault-figures.jsonl for the README's reliability section.
"""

import json
import os
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
import requests

from tests.faults.stack import REPO_DIR, Stack
from tests.faults.verify import VERIFY

pytestmark = [pytest.mark.faults]

FULL = os.environ.get("MEDMATCH_FAULTS", "") == "full"
BURST_SECONDS = float(os.environ.get("MEDMATCH_FAULT_BURST_SECONDS", "24" if FULL else "14"))
# The stated time within which everything must have converged after the burst. Reverse matching
# of each new product against every open request dominates it; on a 2-core machine shared with
# other runs (load ~18) one run took 423 s, so the limit leaves room for that.
CONVERGE_WITHIN = float(os.environ.get("MEDMATCH_FAULT_CONVERGE_SECONDS", "600"))
# Between two writes of one thread: a bounded burst (about 2 writes/s per writer).
WRITE_PAUSE = float(os.environ.get("MEDMATCH_FAULT_WRITE_PAUSE", "0.4"))


@dataclass
class Ledger:
    acknowledged: dict[str, list[int]] = field(
        default_factory=lambda: {"product": [], "request": [], "approval": []}
    )
    attempted: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    slowest_write: float = 0.0
    slowest_during_fault: float = 0.0
    during_fault: list[float] = field(default_factory=list)
    before_fault: list[float] = field(default_factory=list)
    in_fault: bool = False
    fault_seen: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, response: requests.Response | None, elapsed: float, error: str = "") -> None:
        with self.lock:
            self.attempted += 1
            self.slowest_write = max(self.slowest_write, elapsed)
            if self.in_fault:
                self.slowest_during_fault = max(self.slowest_during_fault, elapsed)
                self.during_fault.append(elapsed)
            elif not self.fault_seen:
                self.before_fault.append(elapsed)
            if response is not None and response.status_code in (200, 201):
                body = response.json()
                self.acknowledged[kind].append(int(body["id"]))
            elif response is not None:
                code = ""
                try:
                    code = response.json().get("code", "")
                except ValueError:
                    code = "not-json"
                self.refused[f"{response.status_code} {code}".strip()] += 1
            else:
                self.refused[error] += 1


class Burst:
    """Writers through the HTTP API, until stopped."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.ledger = Ledger()
        self.stop = threading.Event()
        self.during: list[dict[str, Any]] = []  # health and API answers observed during the fault
        self.counter = 0
        self.threads = [
            threading.Thread(target=self._loop, args=(self._product,), daemon=True),
            threading.Thread(target=self._loop, args=(self._request,), daemon=True),
            threading.Thread(target=self._loop, args=(self._approve,), daemon=True),
        ]

    def _session(self, role: str) -> requests.Session:
        session = requests.Session()
        session.headers["Authorization"] = f"Token {self.stack.seed[role]}"  # type: ignore[attr-defined]
        return session

    def _next(self) -> int:
        with self.ledger.lock:
            self.counter += 1
            return self.counter

    def _post(self, kind: str, session: requests.Session, path: str, body: dict[str, Any]) -> None:
        started = time.monotonic()
        try:
            response = session.post(f"{self.stack.base}{path}", json=body, timeout=10)
        except requests.RequestException as exc:
            self.ledger.record(
                kind, None, time.monotonic() - started, error=f"connection {exc.__class__.__name__}"
            )
            return
        self.ledger.record(kind, response, time.monotonic() - started)

    def _product(self, session: requests.Session) -> None:
        number = self._next()
        self._post("product", session, "/api/v1/products/", {
            "category": self.stack.seed["category"],  # type: ignore[attr-defined]
            "names": {"en": f"Surgical mask type IIR lot {number}"},
            "min_order_quantity": 1000, "capacity_per_day": 100_000, "lead_time_days": 7,
            "price_min": "0.05", "price_max": "0.08", "currency": "USD",
            "origin_country": "MY", "status": "published",
        })  # fmt: skip

    def _request(self, session: requests.Session) -> None:
        number = self._next()
        self._post("request", session, "/api/v1/requests/", {
            "title": f"Surgical masks type IIR, order {number}", "language": "en",
            "category": self.stack.seed["category"],  # type: ignore[attr-defined]
            "quantity": 20_000, "destination_country": "KE", "status": "open",
        })  # fmt: skip

    def _approve(self, session: requests.Session) -> None:
        try:
            queue = session.get(
                f"{self.stack.base}/api/v1/proposals/?status=proposed&page_size=3", timeout=10
            )
            results = queue.json().get("results", []) if queue.ok else []
        except (requests.RequestException, ValueError):
            results = []
        if not results:
            time.sleep(0.5)
            return
        self._post(
            "approval", session, f"/api/v1/proposals/{results[0]['id']}/approve/", {"reason": "fault test"}
        )

    def _loop(self, write: Callable[[requests.Session], None]) -> None:
        role = {"_product": "vendor", "_request": "buyer", "_approve": "staff"}[write.__name__]
        session = self._session(role)
        while not self.stop.is_set():
            write(session)
            time.sleep(WRITE_PAUSE)

    def observe(self, label: str) -> None:
        started = time.monotonic()
        try:
            response = requests.get(f"{self.stack.base}/api/v1/health/", timeout=5)
            body = response.json()
            self.during.append({"label": label, "status": response.status_code, "down": body.get("down"),
                                "seconds": round(time.monotonic() - started, 2)})  # fmt: skip
        except (requests.RequestException, ValueError) as exc:
            self.during.append({"label": label, "status": None, "error": exc.__class__.__name__,
                                "seconds": round(time.monotonic() - started, 2)})  # fmt: skip

    def __enter__(self) -> "Burst":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)


def _converge(stack: Stack, ledger: Ledger) -> tuple[dict[str, Any], float]:
    """Wait until the full check passes; return its report and the seconds it took.

    The full check starts Django and builds every document, which competes with the worker for
    the CPU: it runs once a cheap query says no background work is owed, and every 30 s anyway
    (work may be parked, or owed nowhere the query looks).
    """
    started = time.monotonic()
    script = f"LEDGER = {json.dumps(json.dumps(ledger.acknowledged))}\n" + VERIFY
    report: dict[str, Any] = {}
    last_full = started
    while time.monotonic() - started < CONVERGE_WITHIN:
        try:
            settled = not any(stack.pending_work().values())
        except psycopg.Error:
            settled = False
        if settled or time.monotonic() - last_full > 30:
            report = stack.python(script)
            last_full = time.monotonic()
            if report["converged"]:
                return report, time.monotonic() - started
        time.sleep(1)
    report = stack.python(script)
    return report, time.monotonic() - started


def _record(
    fault: str, ledger: Ledger, report: dict[str, Any], seconds: float, during: list[dict[str, Any]]
) -> None:
    figures = {
        "fault": fault,
        "attempted": ledger.attempted,
        "acknowledged": sum(len(ids) for ids in ledger.acknowledged.values()),
        "refused": dict(ledger.refused),
        "lost": sum(len(ids) for ids in report.get("lost", {}).values()),
        "index_mismatches": report.get("index_mismatches"),
        "converged_after_seconds": round(seconds, 1),
        "emails_sent": report.get("emails_sent"),
        "open_requests_matched": report.get("open_requests"),
        "slowest_write_seconds": round(ledger.slowest_write, 2),
        "slowest_write_during_fault_seconds": round(ledger.slowest_during_fault, 2),
        "median_write_during_fault_seconds": round(statistics.median(ledger.during_fault), 2)
        if ledger.during_fault
        else None,
        "median_write_before_fault_seconds": round(statistics.median(ledger.before_fault), 2)
        if ledger.before_fault
        else None,
        "supplier_stale": len(report.get("supplier_stale", [])),
        "health_during": during,
    }
    path = REPO_DIR / ".run" / "fault-figures.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as out:
        out.write(json.dumps(figures) + "\n")
    print(json.dumps(figures))  # noqa: T201  shown with -s, and in the report of a failure


def _wait_health(stack: Stack, predicate: Callable[[dict[str, Any]], bool], timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        try:
            body = stack.health()
            if predicate(body):
                return body
        except (requests.RequestException, ValueError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"health never matched; last answer {body}")


# --- the faults: inject(stack, burst) kills, restore(stack) restarts ---


def _kill_worker(stack: Stack, burst: Burst) -> None:
    stack.kill("worker")
    body = _wait_health(stack, lambda b: "worker" in b["down"], 20)
    burst.during.append(
        {"label": "worker killed", "down": body["down"], "worker": body["components"]["worker"]}
    )


def _kill_pool_child(stack: Stack, burst: Burst) -> None:
    children = stack.pool_child_pids()
    assert children, "the worker has no pool child"
    os.kill(children[0], 9)
    burst.observe("pool child killed")


def _kill_beat(stack: Stack, burst: Burst) -> None:
    stack.kill("beat")
    body = _wait_health(stack, lambda b: "beat" in b["down"], 20)
    burst.during.append({"label": "beat killed", "down": body["down"], "beat": body["components"]["beat"]})


def _kill_redis(stack: Stack, burst: Burst) -> None:
    stack.services("crash", "redis")
    body = _wait_health(stack, lambda b: "broker" in b["down"], 10)
    burst.during.append({"label": "redis killed", "down": body["down"]})


def _stop_postgres(stack: Stack, burst: Burst) -> None:
    stack.services("crash", "postgres")
    started = time.monotonic()
    response = requests.get(f"{stack.base}/api/v1/products/", timeout=10)
    health = requests.get(f"{stack.base}/api/v1/health/", timeout=10)
    burst.during.append({
        "label": "postgres stopped", "products": response.status_code, "code": response.json().get("code"),
        "health": health.status_code, "down": health.json().get("down"),
        "seconds": round(time.monotonic() - started, 2),
    })  # fmt: skip
    assert response.status_code == 503
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "database_unavailable"
    assert health.status_code == 503
    assert "database" in health.json()["down"]


def _kill_node(stack: Stack, burst: Burst) -> None:
    stack.kill_node()
    body = _wait_health(stack, lambda b: "search" in b["down"], 20)
    started = time.monotonic()
    search = requests.get(f"{stack.base}/api/v1/search/products/?q=mask", timeout=10)
    burst.during.append({
        "label": "node killed", "down": body["down"], "search": search.status_code,
        "code": search.json().get("code"), "seconds": round(time.monotonic() - started, 2),
    })  # fmt: skip
    # Search says so, as JSON with a code; writes go on (asserted below: none refused).
    assert search.status_code == 503
    assert search.json()["code"] == "search_unavailable"


def _kill_web(stack: Stack, burst: Burst) -> None:
    stack.kill("web")
    burst.observe("gunicorn killed")


FAULTS: dict[str, tuple[Callable[[Stack, Burst], None], Callable[[Stack], None]]] = {
    "worker": (_kill_worker, lambda stack: stack.start_worker()),
    "worker-pool-child": (_kill_pool_child, lambda stack: None),
    "beat": (_kill_beat, lambda stack: stack.start_beat()),
    "redis": (_kill_redis, lambda stack: stack.services("start", "redis")),
    "postgres": (_stop_postgres, lambda stack: stack.services("start", "postgres")),
    "gunicorn": (_kill_web, lambda stack: stack.start_web()),
    "node": (_kill_node, lambda stack: stack.start_node()),
}
# In `make test`: the two faults that lost work before (issue 12) and the worker's death, to fit
# the CI budget.
BOUNDED = ["redis", "postgres", "worker"]


# The requests the previous fault's burst opened (one stack serves every fault of a session).
_opened_before: list[int] = []

CLOSE_REQUESTS = r"""
from django.db import transaction
from purchasing.models import PurchaseRequest
from purchasing.services.transitions import purchase_request_transition
closed = 0
for purchase_request in PurchaseRequest.objects.filter(pk__in=IDS, status__in=["open", "matched"]):
    with transaction.atomic():
        purchase_request_transition(purchase_request=purchase_request, actor=None, status="closed",
                                    reason="fault test: the next fault starts from the same load")
    closed += 1
print(closed)
"""


def _start_quiet(stack: Stack) -> None:
    """Close the previous burst's open requests and wait until no background work is owed.

    Reverse matching re-matches every open request, so without this each fault would meet the
    requests of all the faults before it, and each fault's figures would measure its place in
    the session rather than the fault.
    """
    if _opened_before:
        stack.python(f"IDS = {_opened_before!r}\n" + CLOSE_REQUESTS)
        _opened_before.clear()
    _wait_for(lambda: not any(stack.pending_work().values()), CONVERGE_WITHIN, "a quiet stack")


def _wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except psycopg.Error:
            pass
        time.sleep(1)
    raise AssertionError(f"{what} not reached within {timeout} s")


@pytest.mark.parametrize("fault", list(FAULTS) if FULL else BOUNDED)
def test_nothing_acknowledged_is_lost_when_a_part_is_killed(stack: Stack, fault: str) -> None:
    inject, restore = FAULTS[fault]
    _start_quiet(stack)
    with Burst(stack) as burst:
        time.sleep(BURST_SECONDS / 3)
        burst.ledger.fault_seen = True
        inject(stack, burst)
        burst.ledger.in_fault = True
        time.sleep(BURST_SECONDS / 3)
        burst.observe("still down")
        burst.ledger.in_fault = False
        restore(stack)
        time.sleep(BURST_SECONDS / 3)
    _opened_before.extend(burst.ledger.acknowledged["request"])
    report, seconds = _converge(stack, burst.ledger)
    _record(fault, burst.ledger, report, seconds, burst.during)
    healthy_again = _wait_health(stack, lambda b: not set(b["down"]) - {"outbox"}, 60)

    assert burst.ledger.acknowledged["product"], "no product was acknowledged: the burst proved nothing"
    assert burst.ledger.acknowledged["request"], "no request was acknowledged: the burst proved nothing"
    assert report["lost"] == {"product": [], "request": [], "approval": []}
    assert report["index_mismatches"] == 0, report["index"]
    assert report["unmatched_requests"] == [], report
    assert report["emails_pending"] == 0
    assert report["approvals_without_emails"] == []
    assert report["emails_duplicated"] == []
    assert report["emails_missing"] == []
    assert report["converged"], report
    assert seconds < CONVERGE_WITHIN
    assert healthy_again["status"] in {"ok", "degraded"}
    if fault in {"redis", "worker", "beat", "worker-pool-child", "node"}:
        # Nothing but gunicorn and PostgreSQL serves a write: those faults refuse none.
        assert not burst.ledger.refused, burst.ledger.refused
    if fault == "redis":
        # Writes while Redis is down do not wait for it (no result backend, short timeouts): they
        # take about as long as before the fault (the absolute < 1 s is asserted in process by
        # tests/test_broker_outage.py; on a loaded machine any write here can take a second).
        before, during = (
            statistics.median(burst.ledger.before_fault),
            statistics.median(burst.ledger.during_fault),
        )
        assert during < before + 0.5, (before, during)
    if fault == "postgres":
        assert set(burst.ledger.refused) <= {"503 database_unavailable"}, burst.ledger.refused
