"""Issue 8.4: `make run`'s SQLite takes parallel writes. Four approvals sent at once to a real
server (runserver, threaded, as `make run` starts it) on a SQLite file all succeed: WAL mode,
a busy timeout and IMMEDIATE transactions instead of "database is locked" 500s."""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

from conftest import REPO_DIR

SEED = """
import json, django
django.setup()
from knox.models import AuthToken
from accounts.tests.factories import StaffFactory
from introductions.tests.factories import ProposalFactory
from organizations.tests.factories import BuyerFactory, VendorFactory
from purchasing.tests.factories import PurchaseRequestFactory
from catalog.tests.factories import ProductFactory
from reference.models import Category
from reference.reference_data import reference_data_load
from django.apps import apps
if not Category.objects.exists():
    reference_data_load(apps=apps)
staff = StaffFactory()
ids = [
    ProposalFactory(
        request=PurchaseRequestFactory(buyer=BuyerFactory(verification_status='verified')),
        product=ProductFactory(vendor=VendorFactory(verified=True)),
    ).pk
    for _ in range(4)
]
print(json.dumps({"token": AuthToken.objects.create(user=staff)[1], "proposals": ids}))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env(tmp_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_TASK_ALWAYS_EAGER"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'medmatch.sqlite3'}",
            "MEDMATCH_RUN_DIR": str(tmp_path / "run"),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "DJANGO_DEBUG": "false",
            "PYTHONPATH": os.pathsep.join([str(REPO_DIR / "backend"), str(REPO_DIR)]),
        }
    )
    return env


def test_four_parallel_approvals_on_sqlite_all_succeed(tmp_path: Path) -> None:
    env = _env(tmp_path)
    manage = [sys.executable, str(REPO_DIR / "backend" / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput"], env=env, check=True, capture_output=True, timeout=600)
    seeded = subprocess.run(
        [sys.executable, "-c", SEED], env=env, cwd=REPO_DIR / "backend", check=True, capture_output=True,
        timeout=300,
    )  # fmt: skip
    world = json.loads(seeded.stdout.decode().strip().splitlines()[-1])
    port = _free_port()
    log = (tmp_path / "web.log").open("wb")
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(f"{base}/api/v1/reference/standards/", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.3)
        results: dict[int, tuple[int, str]] = {}
        barrier = threading.Barrier(len(world["proposals"]))

        def approve(proposal_id: int) -> None:
            barrier.wait()
            response = requests.post(
                f"{base}/api/v1/proposals/{proposal_id}/approve/",
                json={"reason": "parallel"},
                headers={"Authorization": f"Token {world['token']}"},
                timeout=60,
            )
            results[proposal_id] = (response.status_code, response.text[:300])

        threads = [threading.Thread(target=approve, args=(pid,)) for pid in world["proposals"]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()

    assert {status for status, _ in results.values()} == {200}, results
    assert len(results) == 4
    database = sqlite3.connect(tmp_path / "medmatch.sqlite3")
    try:
        assert database.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        approved = database.execute(
            "SELECT count(*) FROM matching_proposal WHERE status = 'approved'"
        ).fetchone()
        introductions = database.execute("SELECT count(*) FROM introductions_introduction").fetchone()
    finally:
        database.close()
    assert approved[0] == 4
    assert introductions[0] == 4
