"""Import tasks: thin wrappers that take a job id and call the services. Safe to run twice."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from core.queues import TaskQueue
from core.retries import RETRY_TRANSIENT
from purchasing.services.imports import (
    IMPORT_RUN_TASK,
    purchase_request_import_run,
    purchase_request_import_timed_out,
    purchase_request_imports_drain,
)


@shared_task(
    name=IMPORT_RUN_TASK,
    queue=TaskQueue.IMPORTS,
    # The parser stops itself at MEDMATCH_IMPORT_PARSE_SECONDS; these catch what it cannot see.
    soft_time_limit=settings.MEDMATCH_IMPORT_PARSE_SECONDS + 30,
    time_limit=settings.MEDMATCH_IMPORT_PARSE_SECONDS + 60,
    **RETRY_TRANSIENT,
)
def import_run(job_id: int) -> dict[str, object]:
    """Read one uploaded spreadsheet and create its requests, all or nothing."""
    try:
        job = purchase_request_import_run(job_id=job_id)
    except SoftTimeLimitExceeded:
        purchase_request_import_timed_out(job_id=job_id)
        return {"job": job_id, "status": "failed"}
    return {"job": job_id, "status": job.status, "created": len(job.created_ids)}


@shared_task(name="purchasing.import_drain", queue=TaskQueue.IMPORTS, **RETRY_TRANSIENT)
def import_drain() -> dict[str, int]:
    """Periodic catch-up: jobs stored while the broker was down, jobs whose worker died."""
    return purchase_request_imports_drain()
