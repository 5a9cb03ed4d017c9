from django.db import transaction

from outbox.models import OutboxEntry, OutboxOperation


def outbox_record(
    *, entity: str, entity_id: int, operation: OutboxOperation = OutboxOperation.UPSERT
) -> None:
    """Note that an indexed object changed. Must run inside the writer's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox_record must be called inside the transaction that changes the data")
    OutboxEntry.objects.create(entity=entity, entity_id=entity_id, operation=operation)
