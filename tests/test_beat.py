"""Beat, as a separate process with short intervals, sends every periodic task to a live worker
(real Redis, the real worker of the test session), and writes its own heartbeat."""

import subprocess
import sys
import time
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from config.celery import app
from conftest import REPO_DIR, background_process_env, worker_log_path
from core.models import Heartbeat, HeartbeatComponent

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def _every_seconds_settings() -> list[str]:
    """The interval setting of every periodic job, from the schedule itself."""
    from config.schedule import periodic_jobs

    return sorted({job.every_setting for job in periodic_jobs()})


def _succeeded_since(log: Path, offset: int) -> set[str]:
    text = log.read_bytes()[offset:].decode(errors="replace")
    return {
        line.split("Task ", 1)[1].split("[", 1)[0]
        for line in text.splitlines()
        if "Task " in line and "] succeeded" in line
    }


def test_beat_sends_every_periodic_task_to_a_live_worker(
    celery_worker_process: subprocess.Popen[bytes], search_prefix: str, tmp_path: Path
) -> None:
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    log = worker_log_path(search_prefix)
    offset = log.stat().st_size
    env = background_process_env(search_prefix)
    env.update(dict.fromkeys(_every_seconds_settings(), "3"))
    env["MEDMATCH_HEARTBEAT_EVERY_SECONDS"] = "1"
    beat_log = (tmp_path / "beat.log").open("wb")
    beat = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO",
         f"--schedule={tmp_path / 'beat-schedule'}", f"--pidfile={tmp_path / 'beat.pid'}"],
        cwd=REPO_DIR / "backend", env=env, stdout=beat_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        done: set[str] = set()
        while time.monotonic() < deadline and not scheduled <= done:
            assert beat.poll() is None, (tmp_path / "beat.log").read_text()
            done = _succeeded_since(log, offset)
            time.sleep(0.5)
        heartbeat = Heartbeat.objects.filter(component=HeartbeatComponent.BEAT).order_by("-seen_at").first()
        # The session's worker beats every 10 s, and the previous test's flush removed its row: on an idle
        # machine every job can be done before it beats again, so wait for one beat.
        health_deadline = time.monotonic() + 30
        health = APIClient().get("/api/v1/health/").json()
        while health["components"]["worker"]["status"] != "ok" and time.monotonic() < health_deadline:
            time.sleep(0.5)
            health = APIClient().get("/api/v1/health/").json()
    finally:
        beat.terminate()
        beat.wait(timeout=20)
        beat_log.close()

    assert scheduled <= done, f"never run on the worker: {sorted(scheduled - done)}"
    assert {"introductions.remind_and_expire", "matching.expire_stale"} <= done
    assert heartbeat is not None
    assert heartbeat.pid == beat.pid
    assert health["components"]["beat"]["status"] == "ok", health
    assert health["components"]["worker"]["status"] == "ok", health
    assert any(tmp_path.glob("beat-schedule*"))
