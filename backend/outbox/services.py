"""The outbox: changes to indexed objects, recorded with the data and drained into the index."""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.queues import task_enqueue
from outbox.models import OutboxEntity, OutboxEntry, OutboxOperation
from search.errors import SearchUnavailable
from search.indexing import ApplyResult, Change, apply_changes

logger = logging.getLogger("outbox")

# A row that failed this many times is parked (with its error) instead of being retried by every
# drain; reconciliation retries parked rows, staff see them.
MAX_ATTEMPTS = 10

# The task (outbox.tasks) that drains the outbox, by its name.
DRAIN_TASK = "outbox.drain"


@dataclass(frozen=True)
class AppliedHook:
    """What another app does with the changes a drain has applied to the index (entity -> ids).

    Registered from that app's AppConfig.ready (matching's), so the outbox imports none of them.
    """

    record: Callable[[Mapping[str, set[int]], int], None]  # in the drain's transaction, with its version
    after: Callable[[Mapping[str, set[int]]], None]  # once the drain has committed (the fast path)


_applied_hooks: dict[str, AppliedHook] = {}


def outbox_applied_hook_register(*, name: str, hook: AppliedHook) -> None:
    _applied_hooks[name] = hook


def outbox_changes_applied(*, changed: Mapping[str, set[int]]) -> None:
    """Tell the registered apps what a committed drain applied."""
    for hook in _applied_hooks.values():
        hook.after(changed)


def outbox_record(
    *, entity: OutboxEntity | str, entity_id: int, operation: OutboxOperation = OutboxOperation.UPSERT
) -> None:
    """Note that an indexed object changed. Must run inside the writer's transaction.

    ``entity`` must be an ``OutboxEntity`` (ValueError otherwise): an unknown one is refused
    here, at write time, never discovered by the drain. After the transaction commits, a drain
    task is enqueued; if the broker is down the row simply waits for the periodic drain.
    """
    kind = OutboxEntity(entity)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("outbox_record must be called inside the transaction that changes the data")
    OutboxEntry.objects.create(entity=kind, entity_id=entity_id, operation=operation)
    # One drain per transaction is enough; a rolled-back transaction drops the callback.
    if not any(callback[1] is _enqueue_drain for callback in connection.run_on_commit):
        transaction.on_commit(_enqueue_drain)


def _enqueue_drain() -> None:
    # If the broker is down, the periodic drain catches up.
    task_enqueue(DRAIN_TASK, failure_event="outbox.enqueue_failed")


@dataclass
class DrainReport:
    rows: int = 0
    indexed: int = 0
    deleted: int = 0
    stale: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    parked: int = 0
    # entity -> ids whose rows were applied (for matching, which runs after indexing)
    changed: dict[str, set[int]] = field(default_factory=dict)


def _apply_rows(rows: list[OutboxEntry]) -> ApplyResult:
    """Apply ``rows``; a row whose change raises is failed on its own instead of failing the batch.

    SearchUnavailable (engine down, throttling) propagates: nobody's attempt is counted.
    """
    try:
        return apply_changes([Change(row.entity, row.entity_id, row.pk) for row in rows])
    except SearchUnavailable:
        raise
    except Exception:
        logger.exception("outbox.batch_failed rows=%s; applying one by one", len(rows))
    combined = ApplyResult()
    for row in rows:
        try:
            result = apply_changes([Change(row.entity, row.entity_id, row.pk)])
        except SearchUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001  recorded on the row, which is parked after MAX_ATTEMPTS
            combined.failed[(row.entity, row.entity_id)] = f"{exc.__class__.__name__}: {exc}"[:500]
            continue
        combined.indexed += result.indexed
        combined.deleted += result.deleted
        combined.stale += result.stale
        combined.failed.update(result.failed)
    return combined


def _settle(rows: list[OutboxEntry], result: ApplyResult, report: "DrainReport") -> None:
    """Mark applied rows processed; count an attempt on failed ones and park those out of attempts."""
    now = timezone.now()
    done, failed = [], []
    for row in rows:
        error = result.failed.get((row.entity, row.entity_id))
        if error is None:
            row.processed_at = now
            row.parked_at = None
            done.append(row)
            report.changed.setdefault(row.entity, set()).add(row.entity_id)
        else:
            row.attempts += 1
            row.last_error = error
            row.last_attempt_at = now
            if row.attempts >= MAX_ATTEMPTS and row.parked_at is None:
                row.parked_at = now
                report.parked += 1
                logger.error(
                    "outbox.row_parked row=%s entity=%s id=%s error=%s",
                    row.pk,
                    row.entity,
                    row.entity_id,
                    error,
                )
            failed.append(row)
    OutboxEntry.objects.bulk_update(done, ["processed_at", "parked_at"])
    OutboxEntry.objects.bulk_update(failed, ["attempts", "last_error", "last_attempt_at", "parked_at"])
    report.indexed += result.indexed
    report.deleted += result.deleted
    report.stale += result.stale
    report.failed.update(
        {f"{entity}#{entity_id}": error for (entity, entity_id), error in result.failed.items()}
    )
    if done:
        # Matching is owed to what changed, recorded with the drain's own commit (durable intent).
        applied: dict[str, set[int]] = {}
        for row in done:
            applied.setdefault(row.entity, set()).add(row.entity_id)
        for hook in _applied_hooks.values():
            hook.record(applied, max(row.pk for row in done))


def outbox_drain(*, batch_size: int = 500, max_batches: int = 200) -> DrainReport:
    """Apply pending (not parked) outbox rows to the index in id order.

    Raises SearchUnavailable (and leaves the rows pending, attempts untouched) if the engine
    is down or throttling. Safe to run concurrently: each batch locks its rows and skips
    locked ones. A failing row is counted and parked after MAX_ATTEMPTS; it never blocks
    the rows after it.
    """
    report = DrainReport()
    for _ in range(max_batches):
        with transaction.atomic():
            rows = list(
                OutboxEntry.objects.select_for_update(skip_locked=True)
                .filter(processed_at__isnull=True, parked_at__isnull=True)
                .order_by("id")[:batch_size]
            )
            if not rows:
                break
            _settle(rows, _apply_rows(rows), report)
        report.rows += len(rows)
        if len(rows) < batch_size:
            break
    if report.rows:
        logger.info(
            "outbox.drained rows=%s indexed=%s deleted=%s stale=%s failed=%s parked=%s",
            report.rows,
            report.indexed,
            report.deleted,
            report.stale,
            len(report.failed),
            report.parked,
        )
    return report


def outbox_retry_parked(*, limit: int = 1000) -> DrainReport:
    """Give parked rows one more try (reconciliation calls this). Rows that apply now are
    processed; the others stay parked with their latest error."""
    report = DrainReport()
    with transaction.atomic():
        rows = list(
            OutboxEntry.objects.select_for_update(skip_locked=True)
            .filter(processed_at__isnull=True, parked_at__isnull=False)
            .order_by("id")[:limit]
        )
        if rows:
            _settle(rows, _apply_rows(rows), report)
            report.rows = len(rows)
    if rows:
        logger.info("outbox.parked_retried rows=%s still_failing=%s", len(rows), len(report.failed))
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
