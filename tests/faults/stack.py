"""A whole MedMatch stack for fault tests: its own durable PostgreSQL and Redis (append-only
file), gunicorn, a prefork worker and a separate beat, on ports that never collide with the
services of `make test` (configurable), and the shared search node under a prefix of its own.

Every process is started by pid and killed by pid (`kill -9`), or stopped immediately
(PostgreSQL), by the fault tests.
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import requests

REPO_DIR = Path(__file__).resolve().parents[2]
SERVICES = REPO_DIR / "scripts" / "services.sh"
NODE = REPO_DIR / "search" / "node" / "node.sh"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))

PG_PORT = int(os.environ.get("MEDMATCH_FAULT_PG_PORT", "5462"))
REDIS_PORT = int(os.environ.get("MEDMATCH_FAULT_REDIS_PORT", "6462"))
WEB_PORT = int(os.environ.get("MEDMATCH_FAULT_WEB_PORT", "8122"))
# The stack's own search node (the node fault kills it); transport on SEARCH_PORT + 100.
SEARCH_PORT = int(os.environ.get("MEDMATCH_FAULT_SEARCH_PORT", "9225"))
# Short intervals, so that recovery is measured in seconds.
FAST = {
    "MEDMATCH_DRAIN_EVERY_SECONDS": "2",
    "MEDMATCH_MATCH_REDRIVE_EVERY_SECONDS": "2",
    "MEDMATCH_MATCH_REDRIVE_AFTER_SECONDS": "30",
    "MEDMATCH_INTRO_REMIND_EVERY_SECONDS": "3",
    "MEDMATCH_EMAIL_REQUEUE_AFTER_SECONDS": "6",
    "MEDMATCH_EXPIRE_STALE_EVERY_SECONDS": "30",
    "MEDMATCH_RECONCILE_EVERY_SECONDS": "3600",
    "MEDMATCH_HEARTBEAT_EVERY_SECONDS": "1",
    "MEDMATCH_HEARTBEAT_STALE_SECONDS": "6",
    "MEDMATCH_BROKER_VISIBILITY_TIMEOUT": "20",
}


def _wait(condition: Any, timeout: float, what: str, interval: float = 0.3) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if condition():
                return time.monotonic() - started
        except Exception:  # noqa: BLE001, S110  the condition may fail while things start
            pass
        time.sleep(interval)
    raise AssertionError(f"{what} not reached within {timeout} s")


@dataclass
class Stack:
    home: Path
    prefix: str
    # True: a node of the stack's own (needed by the node fault); False: the suite's shared node.
    own_node: bool = False
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    # --- environment ---

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{WEB_PORT}"

    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("MEDMATCH_") or k.startswith("MEDMATCH_FAULT")
        }
        env.update(FAST)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/medmatch_faults",
                "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
                "OPENSEARCH_INDEX_PREFIX": self.prefix,
                "OPENSEARCH_TIMEOUT": "5",
                "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": str(self.mail_dir),
                "MEDIA_ROOT": str(self.home / "media"),
                "MEDMATCH_RUN_DIR": str(self.home / "run"),
                "MEDMATCH_PG_PORT": str(PG_PORT),
                "MEDMATCH_REDIS_PORT": str(REDIS_PORT),
                "MEDMATCH_PG_DIR": str(self.home / "pg"),
                "MEDMATCH_PG_DURABLE": "1",
                "DATABASE_CONN_MAX_AGE": "0",
                "MEDMATCH_LOGIN_THROTTLE": "10000/min",
                "PYTHONPATH": os.pathsep.join([str(REPO_DIR / "backend"), str(REPO_DIR)]),
            }
        )
        if self.own_node:
            env["OPENSEARCH_URL"] = f"http://127.0.0.1:{SEARCH_PORT}"
        return env

    @property
    def mail_dir(self) -> Path:
        return self.home / "mail"

    def log(self, name: str) -> Path:
        return self.home / f"{name}.log"

    # --- services (PostgreSQL, Redis) ---

    def services(self, action: str, service: str) -> None:
        subprocess.run(
            [str(SERVICES), action, service], env=self.env(), check=True, capture_output=True, timeout=180
        )

    def start_database(self) -> None:
        pg_dir = self.home / "pg"
        pg_dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            subprocess.run(["chown", "postgres:postgres", str(pg_dir)], check=True)
            self.home.chmod(0o755)
        self.services("start", "postgres")

    def manage(self, *args: str, timeout: float = 900) -> str:
        result = subprocess.run(
            [PYTHON, str(REPO_DIR / "backend" / "manage.py"), *args],
            env=self.env(), capture_output=True, timeout=timeout, check=False,
        )  # fmt: skip
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed: {result.stderr.decode()[-3000:]}")
        return result.stdout.decode()

    def python(self, script: str, timeout: float = 300) -> Any:
        """Run ``script`` with Django set up against the stack; it prints one JSON line last."""
        result = subprocess.run(
            [PYTHON, "-c", "import django\ndjango.setup()\n" + script],
            env=self.env(), cwd=REPO_DIR / "backend", capture_output=True, timeout=timeout, check=False,
        )  # fmt: skip
        if result.returncode:
            raise RuntimeError(f"script failed: {result.stderr.decode()[-3000:]}")
        return json.loads(result.stdout.decode().strip().splitlines()[-1])

    # --- the stack's own search node ---

    def _node(self, action: str) -> None:
        env = {
            **os.environ,
            "OPENSEARCH_PORT": str(SEARCH_PORT),
            "OPENSEARCH_DATA_DIR": str(self.home / "node"),
            "OPENSEARCH_HEAP": os.environ.get("MEDMATCH_FAULT_SEARCH_HEAP", "512m"),
            # No class-data archive: it would be written into the shared build folder.
            "OPENSEARCH_CDS": "0",
            "OPENSEARCH_START_TIMEOUT": "240",
        }
        subprocess.run([str(NODE), action], env=env, check=True, capture_output=True, timeout=300)

    def start_node(self) -> None:
        self._node("start")

    def kill_node(self) -> None:
        self._node("kill")

    # --- processes ---

    def _spawn(self, name: str, args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
        log = self.log(name).open("ab")
        process = subprocess.Popen(args, cwd=cwd, env=self.env(), stdout=log, stderr=subprocess.STDOUT)
        self.processes[name] = process
        return process

    def start_web(self) -> None:
        self._spawn(
            "web",
            [GUNICORN, "config.wsgi:application", "--bind", f"127.0.0.1:{WEB_PORT}", "--workers", "2",
             "--threads", "4", "--timeout", "60", "--graceful-timeout", "5"],
            REPO_DIR / "backend",
        )  # fmt: skip
        _wait(lambda: requests.get(f"{self.base}/api/v1/reference/standards/", timeout=2).ok, 90, "web up")

    def start_worker(self) -> None:
        self._spawn(
            "worker",
            [PYTHON, "-m", "celery", "-A", "config", "worker",
             "-Q", "default,indexing,matching,notifications",
             "--concurrency=2", "--prefetch-multiplier=1", "-n", f"fault-{os.getpid()}@localhost",
             "--without-mingle", "--without-gossip", "--loglevel=INFO"],
            REPO_DIR / "backend",
        )  # fmt: skip
        _wait(lambda: self.health()["components"]["worker"]["status"] == "ok", 90, "worker heartbeat")

    def start_beat(self) -> None:
        self._spawn(
            "beat",
            [PYTHON, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO",
             f"--schedule={self.home / 'beat-schedule'}"],
            REPO_DIR / "backend",
        )  # fmt: skip
        _wait(lambda: self.health()["components"]["beat"]["status"] == "ok", 90, "beat heartbeat")

    def kill(self, name: str) -> int:
        process = self.processes.pop(name)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        return process.pid

    def pool_child_pids(self) -> list[int]:
        worker = self.processes["worker"]
        children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def stop_all(self) -> None:
        for name in list(self.processes):
            process = self.processes.pop(name)
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for service in ("redis", "postgres"):
            with contextlib.suppress(subprocess.CalledProcessError):
                self.services("stop", service)
        if self.own_node:
            with contextlib.suppress(subprocess.CalledProcessError):
                self.kill_node()

    # --- observation ---

    def pending_work(self) -> dict[str, int]:
        """Background work still owed, read with one cheap query (no Django start-up): the
        convergence loop runs the full check (tests/faults/verify.py) only once this is all 0."""
        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{PG_PORT}/medmatch_faults", connect_timeout=3
        ) as conn:
            row = conn.execute(
                "SELECT (SELECT count(*) FROM outbox_outboxentry WHERE processed_at IS NULL),"
                " (SELECT count(*) FROM matching_matchintent"
                "  WHERE done_version < wanted_version OR completed_at IS NULL),"
                " (SELECT count(*) FROM introductions_emaildelivery"
                "  WHERE sent_at IS NULL AND failed_at IS NULL)"
            ).fetchone()
        assert row is not None
        return dict(zip(("outbox", "matching", "emails"), row, strict=True))

    def health(self) -> dict[str, Any]:
        body: dict[str, Any] = requests.get(f"{self.base}/api/v1/health/", timeout=5).json()
        return body
