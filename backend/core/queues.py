"""The named Celery queues, and the one way a service hands work to a worker.

Routing a task to a queue is done with these names only (each task's ``queue=``).
"""

import logging
from enum import StrEnum
from typing import Any

from celery import Task, current_app, shared_task

from core.retries import RETRY_TRANSIENT

logger = logging.getLogger("core.queues")


class TaskQueue(StrEnum):
    DEFAULT = "default"
    INDEXING = "indexing"
    MATCHING = "matching"
    NOTIFICATIONS = "notifications"
    CERTIFICATES = "certificates"
    IMPORTS = "imports"


def task_enqueue(name: str, *args: object, failure_event: str, log_id: int | None = None) -> bool:
    """Send the registered task ``name`` (its explicit ``name=``) with ``args`` to its queue.

    Services enqueue by name so that a services module never imports its app's tasks module:
    the tasks call the services, never the other way round. The task object is looked up in
    the Celery app's registry, so its queue, retry policy and eager mode apply as for
    ``task.apply_async``. A name no task has (once the apps' tasks modules are loaded) raises
    ``celery.exceptions.NotRegistered`` at once (a bug, also while the broker is down). A
    broker failure is logged as ``<failure_event> task=<name> error=<class>`` (never the
    arguments: they may carry a secret link; ``log_id``, an id that is no secret, is logged as
    ``id=<log_id>`` after the name) and answers False, so that the caller runs its own fallback
    (send in-process, or leave it to beat's catch-up).
    """
    if name not in current_app.tasks:
        # Outside a worker nothing has imported the apps' tasks modules yet: autodiscover them
        # (as a worker does at start) before the lookup.
        current_app.loader.import_default_modules()
    task = current_app.tasks[name]
    try:
        task.apply_async(args=args, retry=False)
    except Exception as exc:  # noqa: BLE001  any broker failure: the caller's fallback takes over
        if log_id is None:
            logger.warning("%s task=%s error=%s", failure_event, name, exc.__class__.__name__)
        else:
            logger.warning("%s task=%s id=%s error=%s", failure_event, name, log_id, exc.__class__.__name__)
        return False
    return True


def task_former_name(task: "Task[Any, Any]", former: str) -> "Task[Any, Any]":
    """Keep a renamed task's former name routable.

    A message still queued under the old name (sent before a deploy renamed the task, or by a
    beat not yet restarted) is handed on to the task under its new name, on the task's queue,
    instead of being refused by every worker as unknown. The hand-on is safe to run twice
    because the task is, and retries transient errors as every task does.
    """

    def hand_on(*args: Any, **kwargs: Any) -> None:
        task.apply_async(args=args, kwargs=kwargs, retry=False)

    hand_on.__name__ = hand_on.__qualname__ = f"former_{task.name.replace('.', '_')}"
    queue = str(getattr(task, "queue", None) or TaskQueue.DEFAULT)
    # Celery's decorator factory is typed only for its keyword-free form; the alias is a Task all the same.
    make_task: Any = shared_task
    factory = make_task(name=former, queue=queue, ignore_result=True, **RETRY_TRANSIENT)
    alias: Task[Any, Any] = factory(hand_on)
    return alias
