from celery import shared_task

from core.queues import TaskQueue, task_former_name
from core.retries import RETRY_TRANSIENT
from outbox.services import DRAIN_TASK, outbox_changes_applied, outbox_drain, outbox_retry_parked


@shared_task(name=DRAIN_TASK, queue=TaskQueue.INDEXING, **RETRY_TRANSIENT)
def drain_outbox() -> dict[str, int]:
    """Index what the outbox holds. Idempotent: versions make replays harmless."""
    report = outbox_drain()
    if report.changed:
        # Matching reads the index, so it starts only once the changes are in it.
        outbox_changes_applied(changed=report.changed)
    return {
        "rows": report.rows,
        "indexed": report.indexed,
        "deleted": report.deleted,
        "failed": len(report.failed),
    }


@shared_task(name="outbox.reconcile_index", queue=TaskQueue.INDEXING, **{**RETRY_TRANSIENT, "max_retries": 3})
def reconcile_index() -> dict[str, int]:
    """Compare every index with the database and repair drift; give parked outbox rows another try."""
    from outbox.reconciliation import search_reconcile_all

    drift = {report.entity: report.drift for report in search_reconcile_all(repair=True)}
    retried = outbox_retry_parked()
    return {**drift, "parked_retried": retried.rows, "parked_still_failing": len(retried.failed)}


# The names these tasks had until they were named after their module.
task_former_name(drain_outbox, "search.drain_outbox")
task_former_name(reconcile_index, "search.reconcile")
