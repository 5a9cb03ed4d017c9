"""Reads of the outbox for staff: what waits, what keeps failing, what is parked."""

from enum import StrEnum

from django.db.models import QuerySet

from outbox.models import OutboxEntry


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
