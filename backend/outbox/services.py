"""The outbox: changes to indexed objects, recorded with the data and drained into the index."""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from outbox.models import OutboxEntry, OutboxOperation
from search.indexing import Change, apply_changes

logger = logging.getLogger("outbox")

# A row that failed this many times is left for reconciliation instead of blocking the drain.
MAX_ATTEMPTS = 10


def outbox_record(
    *, entity: str, entity_id: int, operation: OutboxOperation = OutboxOperation.UPSERT
) -> None:
    """Note that an indexed object changed. Must run inside the writer's transaction.

    After the transaction commits, a drain task is enqueued; if the broker is down
    the row simply waits for the periodic drain.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("outbox_record must be called inside the transaction that changes the data")
    OutboxEntry.objects.create(entity=entity, entity_id=entity_id, operation=operation)
    # One drain per transaction is enough; a rolled-back transaction drops the callback.
    if not any(callback[1] is _enqueue_drain for callback in connection.run_on_commit):
        transaction.on_commit(_enqueue_drain)


def _enqueue_drain() -> None:
    from outbox.tasks import drain_outbox

    try:
        drain_outbox.apply_async(retry=False)
    except Exception as exc:  # noqa: BLE001  any broker failure: the periodic drain catches up
        logger.warning("outbox.enqueue_failed error=%s", exc.__class__.__name__)


@dataclass
class DrainReport:
    rows: int = 0
    indexed: int = 0
    deleted: int = 0
    stale: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    # entity -> ids whose rows were applied (for matching, which runs after indexing)
    changed: dict[str, set[int]] = field(default_factory=dict)


def outbox_drain(*, batch_size: int = 500, max_batches: int = 200) -> DrainReport:
    """Apply pending outbox rows to the index in id order.

    Raises SearchUnavailable (and leaves the rows pending) if the engine is down.
    Safe to run concurrently: each batch locks its rows and skips locked ones.
    """
    report = DrainReport()
    for _ in range(max_batches):
        with transaction.atomic():
            rows = list(
                OutboxEntry.objects.select_for_update(skip_locked=True)
                .filter(processed_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
                .order_by("id")[:batch_size]
            )
            if not rows:
                break
            result = apply_changes([Change(row.entity, row.entity_id, row.pk) for row in rows])
            now = timezone.now()
            done, failed = [], []
            for row in rows:
                error = result.failed.get((row.entity, row.entity_id))
                if error is None:
                    row.processed_at = now
                    done.append(row)
                    report.changed.setdefault(row.entity, set()).add(row.entity_id)
                else:
                    row.attempts += 1
                    row.last_error = error
                    failed.append(row)
            OutboxEntry.objects.bulk_update(done, ["processed_at"])
            OutboxEntry.objects.bulk_update(failed, ["attempts", "last_error"])
        report.rows += len(rows)
        report.indexed += result.indexed
        report.deleted += result.deleted
        report.stale += result.stale
        report.failed.update(
            {f"{entity}#{entity_id}": error for (entity, entity_id), error in result.failed.items()}
        )
        if len(rows) < batch_size:
            break
    if report.rows:
        logger.info(
            "outbox.drained rows=%s indexed=%s deleted=%s stale=%s failed=%s",
            report.rows,
            report.indexed,
            report.deleted,
            report.stale,
            len(report.failed),
        )
    return report


def outbox_high_water() -> int:
    """The id of the newest outbox row (0 if none): the version for rebuilds and repairs."""
    return OutboxEntry.objects.aggregate(high=Max("id"))["high"] or 0


def outbox_changes_since(version: int) -> list[Change]:
    return [
        Change(entity, entity_id, row_id)
        for row_id, entity, entity_id in OutboxEntry.objects.filter(id__gt=version)
        .order_by("id")
        .values_list("id", "entity", "entity_id")
    ]


def outbox_pending_count() -> int:
    return OutboxEntry.objects.filter(processed_at__isnull=True).count()
