"""Heartbeats of the background processes (worker and beat), kept in the database.

Each process writes its row every ``MEDMATCH_HEARTBEAT_EVERY_SECONDS``; health reports the age
of the freshest row per component, so a dead worker or beat shows as down instead of silence.
"""

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from core.models import Heartbeat, HeartbeatComponent

logger = logging.getLogger("core")


def heartbeat_record(*, component: HeartbeatComponent, name: str = "") -> None:
    """Note that ``component`` (this process) is alive now. Never raises: a dead database is logged."""
    try:
        Heartbeat.objects.update_or_create(
            component=component,
            name=name or f"{socket.gethostname()}:{os.getpid()}",
            defaults={"seen_at": timezone.now(), "pid": os.getpid()},
        )
    except DatabaseError as exc:
        logger.warning("heartbeat.record_failed component=%s error=%s", component, exc.__class__.__name__)
        close_old_connections()


def heartbeat_every_seconds() -> float:
    return float(settings.MEDMATCH_HEARTBEAT_EVERY_SECONDS)


def start_heartbeat_thread(*, component: HeartbeatComponent, name: str) -> threading.Thread:
    """Write ``component``'s heartbeat from a daemon thread until the process ends."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.is_set():
            heartbeat_record(component=component, name=name)
            # The thread's own connection: closed so that a database restart is seen afresh.
            connection.close()
            stop.wait(heartbeat_every_seconds())

    thread = threading.Thread(target=beat, name=f"heartbeat-{component}", daemon=True)
    thread.start()
    return thread
