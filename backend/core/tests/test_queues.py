"""Every named queue has a consumer wherever workers are started."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from config.celery import app
from core.queues import TaskQueue

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("path", ["scripts/run.sh", "docker-compose.yml", "conftest.py"])
def test_workers_consume_every_queue(path: str) -> None:
    text = (REPO / path).read_text()
    lists = re.findall(r"default,[a-z,]+", text)

    assert lists, f"no worker -Q list in {path}"
    for queues in lists:
        assert set(queues.split(",")) == {queue.value for queue in TaskQueue}, path


def test_every_task_sits_on_a_configured_queue() -> None:
    app.loader.import_default_modules()
    configured = {queue.name for queue in settings.CELERY_TASK_QUEUES}
    ours = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}

    assert "certificates.generate_pdf" in ours
    for name, task in ours.items():
        assert (task.queue or "default") in configured, name
