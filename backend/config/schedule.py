"""The periodic schedule, built from the task objects themselves.

Each entry names the task object (not a string), so a renamed or removed task fails at
import instead of beat sending a name no worker knows. The intervals come from settings
(``MEDMATCH_*_EVERY_SECONDS``, read from the environment in config.settings.celery).
"""

from dataclasses import dataclass
from typing import Any

from celery import Task
from django.conf import settings


@dataclass(frozen=True)
class PeriodicJob:
    key: str
    task: "Task[Any, Any]"
    every_setting: str

    def every_seconds(self) -> int:
        return int(getattr(settings, self.every_setting))


def periodic_jobs() -> list[PeriodicJob]:
    """Every periodic job of the platform. A task meant to run periodically is listed here."""
    from certificates.tasks import catch_up as certificates_catch_up
    from introductions.tasks import remind_and_expire
    from matching.tasks import expire_stale, redrive_pending
    from outbox.tasks import drain_outbox, reconcile_index
    from purchasing.tasks import import_drain
    from supplierlists.tasks import catch_up as supplier_lists_catch_up

    return [
        PeriodicJob("drain-outbox", drain_outbox, "MEDMATCH_DRAIN_EVERY_SECONDS"),
        PeriodicJob("reconcile-index", reconcile_index, "MEDMATCH_RECONCILE_EVERY_SECONDS"),
        PeriodicJob(
            "remind-and-expire-introductions", remind_and_expire, "MEDMATCH_INTRO_REMIND_EVERY_SECONDS"
        ),
        PeriodicJob("expire-stale-proposals", expire_stale, "MEDMATCH_EXPIRE_STALE_EVERY_SECONDS"),
        PeriodicJob("drain-imports", import_drain, "MEDMATCH_IMPORT_DRAIN_EVERY_SECONDS"),
        PeriodicJob("redrive-matching", redrive_pending, "MEDMATCH_MATCH_REDRIVE_EVERY_SECONDS"),
        PeriodicJob(
            "supplier-lists-catch-up", supplier_lists_catch_up, "MEDMATCH_SUPPLIER_LISTS_CATCH_UP_SECONDS"
        ),
        PeriodicJob("certificates-catch-up", certificates_catch_up, "MEDMATCH_CERTIFICATES_CATCH_UP_SECONDS"),
    ]


def beat_schedule() -> dict[str, dict[str, Any]]:
    """The ``beat_schedule`` mapping Celery expects, one entry per periodic job."""
    return {
        job.key: {
            "task": job.task.name,
            "schedule": float(job.every_seconds()),
            # A periodic message that waited longer than its interval is superseded by the next one.
            "options": {"expires": float(job.every_seconds())},
        }
        for job in periodic_jobs()
    }
