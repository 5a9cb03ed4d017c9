"""A real task, through real Redis, to a real worker process."""

import subprocess
import uuid

import pytest

from conftest import wait_for_task_done
from core.tasks import ping

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def test_task_travels_through_redis_to_a_worker(
    celery_worker_process: subprocess.Popen[bytes], search_prefix: str
) -> None:
    token = uuid.uuid4().hex

    result = ping.delay(token)
    line = wait_for_task_done(search_prefix, result.id, timeout=30)

    assert token in line  # the worker logs the return value: {'token': ..., 'host': ...}
    assert "'host': '" in line
