"""The named Celery queues. Routing a task to a queue is done with these names only."""

from enum import StrEnum


class TaskQueue(StrEnum):
    DEFAULT = "default"
    INDEXING = "indexing"
    MATCHING = "matching"
    NOTIFICATIONS = "notifications"
    CERTIFICATES = "certificates"
    IMPORTS = "imports"
