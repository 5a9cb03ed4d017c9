"""Rebuilds and reconciliation, glued to the outbox for versions and catch-up."""

from collections.abc import Callable

from outbox.services import outbox_changes_since, outbox_high_water
from search import indexing


def search_reconcile_all(*, repair: bool) -> list[indexing.ReconcileReport]:
    high_water = outbox_high_water()
    return [indexing.reconcile(name, high_water=high_water, repair=repair) for name in indexing.ENTITIES]


def search_reindex(
    *,
    entity: str,
    keep_old: bool = False,
    batch_size: int = 1000,
    progress: Callable[[int, int], None] | None = None,
) -> indexing.ReindexReport:
    return indexing.reindex(
        entity,
        high_water=outbox_high_water(),
        changes_since=outbox_changes_since,
        batch_size=batch_size,
        keep_old=keep_old,
        progress=progress,
    )
