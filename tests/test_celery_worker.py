"""A real task, through real Redis, to a real worker process."""

import subprocess
import uuid

import pytest

from core.tasks import ping

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def test_task_travels_through_redis_to_a_worker(celery_worker_process: subprocess.Popen[bytes]) -> None:
    token = uuid.uuid4().hex

    result = ping.delay(token)
    answer = result.get(timeout=30)

    assert answer["token"] == token
    assert answer["host"]
    assert result.status == "SUCCESS"
