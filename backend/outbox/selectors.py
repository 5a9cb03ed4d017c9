"""Reads of the outbox for staff and health: what waits, what keeps failing, what is parked."""

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import QuerySet
from django.utils import timezone

from core.selectors import ComponentHealth
from outbox.models import OutboxEntry

# An outbox row older than this (not parked) means indexing is not keeping up.
OUTBOX_MAX_AGE_SECONDS = 300


class OutboxState(StrEnum):
    PENDING = "pending"  # waiting for the drain, not parked (failing or not)
    FAILING = "failing"  # pending with at least one failed attempt
    PARKED = "parked"  # out of attempts, waiting for reconciliation or a fix


def outbox_entries(*, state: OutboxState) -> QuerySet[OutboxEntry]:
    waiting = OutboxEntry.objects.filter(processed_at__isnull=True)
    if state == OutboxState.PARKED:
        return waiting.filter(parked_at__isnull=False).order_by("id")
    pending = waiting.filter(parked_at__isnull=True)
    if state == OutboxState.FAILING:
        pending = pending.filter(attempts__gt=0)
    return pending.order_by("id")


@dataclass(frozen=True)
class OutboxBacklog:
    pending: int
    parked: int
    oldest_pending_seconds: float | None


def outbox_backlog() -> OutboxBacklog:
    """Rows waiting for the drain (parked ones apart) and the age of the oldest, for health."""
    waiting = OutboxEntry.objects.filter(processed_at__isnull=True)
    pending = waiting.filter(parked_at__isnull=True)
    oldest = pending.order_by("id").values_list("created_at", flat=True).first()
    return OutboxBacklog(
        pending=pending.count(),
        parked=waiting.filter(parked_at__isnull=False).count(),
        oldest_pending_seconds=(timezone.now() - oldest).total_seconds() if oldest else None,
    )


def outbox_health() -> ComponentHealth:
    """The backlog as a health component: down when the oldest waiting row is too old."""
    backlog = outbox_backlog()
    oldest = round(backlog.oldest_pending_seconds, 1) if backlog.oldest_pending_seconds is not None else None
    lagging = oldest is not None and oldest > OUTBOX_MAX_AGE_SECONDS
    return {
        "status": "down" if lagging else "ok",
        "detail": (
            f"{backlog.pending} change(s) waiting to be indexed"
            + (f", the oldest {oldest:.0f} s old" if oldest is not None else "")
            + (f"; {backlog.parked} parked with errors" if backlog.parked else "")
        ),
        "pending": backlog.pending,
        "parked": backlog.parked,
        "oldest_age_seconds": oldest,
    }
