"""The periodic schedule is built from the task objects and covers every periodic task."""

import inspect
from typing import Any

import pytest

from config.celery import app
from config.schedule import beat_schedule, periodic_jobs


def _project_tasks() -> dict[str, object]:
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def _takes_no_arguments(task: object) -> bool:
    parameters = inspect.signature(task.run).parameters.values()  # type: ignore[attr-defined]
    return all(parameter.default is not inspect.Parameter.empty for parameter in parameters)


def test_every_task_that_takes_no_arguments_is_scheduled() -> None:
    """A task with no arguments can only be started by beat: if it is not scheduled, it never runs."""
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    periodic = {name for name, task in _project_tasks().items() if _takes_no_arguments(task)}

    assert periodic, "no periodic task found: the test would prove nothing"
    assert periodic <= scheduled, f"periodic tasks never scheduled: {sorted(periodic - scheduled)}"
    assert {"introductions.remind_and_expire", "matching.expire_stale"} <= scheduled


def test_every_scheduled_task_is_registered_with_the_worker() -> None:
    registered = set(_project_tasks())

    for key, entry in app.conf.beat_schedule.items():
        assert entry["task"] in registered, key


def test_the_intervals_come_from_the_every_seconds_settings(settings: Any) -> None:
    settings.MEDMATCH_INTRO_REMIND_EVERY_SECONDS = 123
    settings.MEDMATCH_EXPIRE_STALE_EVERY_SECONDS = 456
    settings.MEDMATCH_DRAIN_EVERY_SECONDS = 7

    schedule = beat_schedule()

    by_task = {entry["task"]: entry["schedule"] for entry in schedule.values()}
    assert by_task["introductions.remind_and_expire"] == 123
    assert by_task["matching.expire_stale"] == 456
    assert by_task["outbox.drain"] == 7


def test_the_schedule_names_task_objects_so_a_rename_fails_loudly() -> None:
    for job in periodic_jobs():
        assert job.task.name in app.tasks
        assert beat_schedule()[job.key]["task"] == job.task.name


@pytest.mark.parametrize(
    "setting",
    [
        "MEDMATCH_INTRO_REMIND_EVERY_SECONDS",
        "MEDMATCH_EXPIRE_STALE_EVERY_SECONDS",
        "MEDMATCH_DRAIN_EVERY_SECONDS",
    ],
)
def test_the_every_seconds_settings_are_read_from_the_environment(
    setting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    import config.settings.celery as celery_settings

    monkeypatch.setenv(setting, "42")
    try:
        assert getattr(importlib.reload(celery_settings), setting) == 42
    finally:
        monkeypatch.delenv(setting)
        importlib.reload(celery_settings)
