"""The beat scheduler: Celery's persistent scheduler plus a heartbeat written by beat itself.

The heartbeat comes from the beat process (not from a task a worker runs), so health can
tell a dead beat from a dead worker.
"""

import socket
import time
from typing import Any

from celery.beat import PersistentScheduler

from core.heartbeats import heartbeat_every_seconds, heartbeat_record
from core.models import HeartbeatComponent


class HeartbeatScheduler(PersistentScheduler):
    _last_heartbeat = 0.0

    def tick(self, *args: Any, **kwargs: Any) -> float:
        every = heartbeat_every_seconds()
        now = time.monotonic()
        if now - self._last_heartbeat >= every:
            self._last_heartbeat = now
            heartbeat_record(component=HeartbeatComponent.BEAT, name=f"beat@{socket.gethostname()}")
        # Wake up at least once per heartbeat interval, however far the next task is.
        # celery-types does not declare Scheduler.tick, which Celery documents and calls.
        return min(float(super().tick(*args, **kwargs)), every)  # type: ignore[misc]
