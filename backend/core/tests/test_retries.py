"""Every task retries transient database and engine errors with backoff (issue 8.4, issue 12)."""

import pytest
from django.db import InterfaceError, OperationalError

from config.celery import app
from search.errors import SearchUnavailable


def _project_tasks() -> dict[str, object]:
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


@pytest.mark.parametrize("error", [OperationalError, InterfaceError, SearchUnavailable])
def test_every_task_that_touches_the_database_retries_transient_errors(error: type[Exception]) -> None:
    tasks = {name: task for name, task in _project_tasks().items() if name != "core.ping"}

    assert len(tasks) >= 8
    for name, task in tasks.items():
        retried = tuple(getattr(task, "autoretry_for", ()))
        assert any(issubclass(error, kind) for kind in retried), f"{name} does not retry {error.__name__}"
        assert getattr(task, "retry_backoff", False), f"{name} retries without backoff"
        assert task.max_retries, name  # type: ignore[attr-defined]
