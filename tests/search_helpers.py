"""Helpers shared by the tests that use the real OpenSearch node."""

from django.db import transaction

from outbox.services import outbox_drain, outbox_record
from search import engine


def touch(entity: str, entity_id: int, *, delete: bool = False) -> None:
    """Record a change the way services do: an outbox row inside a transaction."""
    from outbox.models import OutboxOperation

    with transaction.atomic():
        outbox_record(
            entity=entity,
            entity_id=entity_id,
            operation=OutboxOperation.DELETE if delete else OutboxOperation.UPSERT,
        )


def drain_and_refresh() -> None:
    report = outbox_drain()
    assert not report.failed, report.failed
    engine.refresh(f"{_prefix()}*")


def _prefix() -> str:
    from django.conf import settings

    return str(settings.OPENSEARCH["index_prefix"])
