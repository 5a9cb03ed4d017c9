"""Fixtures shared by unit tests (backend/) and cross-process tests (tests/)."""

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest

REPO_DIR = Path(__file__).resolve().parent
# The Chromium fixture and helpers of the browser tests (tests/test_browser*.py).
pytest_plugins = ["tests.browser_helpers"]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Throttle counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def search_prefix() -> Iterator[str]:
    """A per-run index prefix, so test runs never see each other's indexes."""
    from django.conf import settings

    from search import engine

    prefix = f"{settings.OPENSEARCH['index_prefix']}{os.getpid()}-"
    original = settings.OPENSEARCH["index_prefix"]
    settings.OPENSEARCH["index_prefix"] = prefix
    yield prefix
    try:
        engine.delete_indexes_with_prefix(prefix)
    finally:
        settings.OPENSEARCH["index_prefix"] = original


def worker_mail_dir(prefix: str) -> Path:
    """Where the test worker's e-mail backend writes the messages it sends."""
    return REPO_DIR / ".run" / "test-mail" / prefix.strip("-")


def worker_mail_to(mail_dir: Path, address: str) -> str | None:
    """The body of the worker's newest e-mail to ``address``, decoded, or None while there is none.

    The newest: the worker's mail folder lives for the whole session, and an earlier test may
    have e-mailed the same address (an invitation with a token of its own)."""
    if not mail_dir.exists():
        return None
    newest: str | None = None
    for path in sorted(mail_dir.glob("*.log"), key=lambda item: item.stat().st_mtime):
        for raw in path.read_bytes().split(b"-" * 79):
            message = message_from_bytes(raw.strip())
            if address in (message.get("To") or ""):
                part = message.get_payload(0) if message.is_multipart() else message
                payload = part.get_payload(decode=True)  # type: ignore[union-attr]
                charset = part.get_content_charset() or "utf-8"  # type: ignore[union-attr]
                newest = payload.decode(charset) if isinstance(payload, bytes) else str(payload)
    return newest


def worker_confirmation_link(mail_dir: Path, address: str) -> str | None:
    """The path and query (``/confirm-email?uid=…&token=…``) of the newest confirmation link the
    worker e-mailed to ``address``, or None while there is none."""
    body = worker_mail_to(mail_dir, address)
    match = re.search(r"https?://[^/\s]+(/confirm-email\?\S+)", body or "")
    return match.group(1) if match else None


def wait_for(condition: Callable[[], Any], *, what: str, timeout: float = 90.0) -> Any:
    """``condition()``'s first true value, asked four times a second; fails the test after
    ``timeout`` seconds (generous: the machine is shared)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    pytest.fail(f"timed out waiting for {what}")


def worker_log_path(prefix: str) -> Path:
    """The log of the test worker (see celery_worker_process)."""
    return REPO_DIR / ".run" / f"test-worker-{prefix.strip('-')}.log"


def wait_for_task_done(prefix: str, task_id: str, timeout: float = 60) -> str:
    """Wait until the test worker logged task ``task_id`` as succeeded; return that log line.

    There is no result backend (nothing in the platform reads results), so tests read the log.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in worker_log_path(prefix).read_text(errors="replace").splitlines():
            if f"[{task_id}] succeeded" in line:
                return line
            if f"[{task_id}] raised" in line:
                raise AssertionError(f"task {task_id} failed: {line}")
        time.sleep(0.2)
    raise AssertionError(f"task {task_id} did not finish within {timeout} s")


def background_process_env(prefix: str) -> dict[str, str]:
    """The environment of a worker or beat process the tests start: the test database and
    index prefix, and e-mail written to files (see worker_mail_dir)."""
    from django.db import connection

    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    database = connection.settings_dict
    env["DATABASE_URL"] = (
        f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    )
    env["OPENSEARCH_INDEX_PREFIX"] = prefix
    env["MEDMATCH_TEST_WORKER"] = "true"
    env["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
    env["EMAIL_FILE_PATH"] = str(worker_mail_dir(prefix))
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_DIR / "backend"), str(REPO_DIR)])
    return env


@pytest.fixture(scope="session")
def celery_worker_process(
    django_db_setup: None, django_db_blocker: object, search_prefix: str
) -> Iterator[subprocess.Popen[bytes]]:
    """A real Celery worker process on the test Redis, using the test database and index prefix."""
    from config.celery import app

    env = background_process_env(search_prefix)
    log_path = worker_log_path(search_prefix)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("wb")
    hostname = f"test-{os.getpid()}@localhost"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            "default,indexing,matching,notifications,certificates,imports",
            "--pool=solo",
            "--concurrency=1",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "-n",
            hostname,
            "--loglevel=INFO",
        ],
        cwd=REPO_DIR / "backend",
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The Celery worker exited early; see {log_path}")
        replies = app.control.ping(destination=[hostname], timeout=0.5)
        if replies:
            break
    else:
        process.terminate()
        raise RuntimeError(f"The Celery worker did not answer within 60 s; see {log_path}")
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture
def celery_worker_idle_at_the_end(celery_worker_process: subprocess.Popen[bytes]) -> Iterator[None]:
    """Let the worker finish its tasks before the test's database is flushed (TRUNCATE waits on
    the locks a task holds). Ask for it with ``pytest.mark.usefixtures``: pytest-django's
    autouse database fixture is then set up first, so this one is torn down (waits) before the
    flush."""
    yield
    from config.celery import app

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        active = app.control.inspect(timeout=1).active() or {}
        reserved = app.control.inspect(timeout=1).reserved() or {}
        if not any(active.values()) and not any(reserved.values()):
            break
        time.sleep(0.2)


@pytest.fixture
def clean_indexes(search_prefix: str) -> Iterator[str]:
    """Every test that indexes starts from no indexes under the run's prefix."""
    from search import engine

    engine.delete_indexes_with_prefix(search_prefix)
    return search_prefix


def _load_reference_data_if_missing() -> None:
    from django.apps import apps

    from reference.models import Category, ExchangeRate
    from reference.reference_data import reference_data_load

    if not Category.objects.exists() or not ExchangeRate.objects.exists():
        reference_data_load(apps=apps)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """A reused test database may have been flushed by an earlier run's transactional tests."""
    with django_db_blocker.unblock():
        _load_reference_data_if_missing()


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Transactional tests flush the database afterwards, data migrations included.

    pytest-django runs them after all the others; each one gets the reference data
    (taxonomy, standards, markets) loaded again, committed, before it starts.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return
    request.getfixturevalue("_django_db_helper")
    _load_reference_data_if_missing()


def _reset_broker_pools() -> None:
    """Drop the cached connection and producer pools, so the next send connects to the configured
    broker. (Closing the app's pool instead would leave it closed for the rest of the session.)"""
    from kombu import pools

    from config.celery import app

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down(settings: Any) -> Iterator[None]:
    """The broker is unreachable for this test (publishing and the health check both see it).

    Through pytest-django's ``settings``, not an ``override_settings`` of its own: a test that also
    changes ``settings`` would otherwise unwind the two out of order and leave the dead broker
    configured for the rest of the session (health then said "broker down" in later tests)."""
    from config.celery import app

    dead = "redis://127.0.0.1:1/0"
    original = (app.conf.broker_url, app.conf.broker_write_url)
    app.conf.broker_url = app.conf.broker_write_url = dead
    _reset_broker_pools()
    settings.CELERY_BROKER_URL = dead
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.broker_write_url = original
        _reset_broker_pools()


@pytest.fixture
def live_heartbeats(db: None) -> None:
    """A worker and a beat that reported just now (health reports them; no process runs here)."""
    from core.heartbeats import heartbeat_record
    from core.models import HeartbeatComponent

    heartbeat_record(component=HeartbeatComponent.WORKER, name="test-worker")
    heartbeat_record(component=HeartbeatComponent.BEAT, name="test-beat")
