"""Which failures of background work are transient, and how tasks retry them: one rule for all tasks.

An outage (search engine down or throttling, database unreachable or locked, a dropped
connection) passes by itself: the task retries with backoff and no attempt is counted against
the item. Anything else is a fault of the item and is counted (and eventually parked) by the
service that owns it.
"""

from typing import Any

from django.db import InterfaceError, OperationalError

from search.errors import SearchUnavailable

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (SearchUnavailable, OperationalError, InterfaceError)

# Keyword arguments for @shared_task: retry transient errors with exponential backoff and jitter.
RETRY_TRANSIENT: dict[str, Any] = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 8,
}


def is_transient(exc: BaseException) -> bool:
    return isinstance(exc, TRANSIENT_ERRORS)
