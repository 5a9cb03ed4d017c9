"""Handing supplier-list work to the workers: enqueue after commit, and beat's catch-up
that re-enqueues what a broker or worker outage lost.
"""

import datetime
import logging

from django.conf import settings

from supplierlists.models import (
    ClaimInvitation,
    ImportStatus,
    InvitationStatus,
    SupplierListImport,
)

logger = logging.getLogger("supplierlists")


def task_enqueue(task_name: str, *args: object) -> None:
    """Hand work to a worker after commit; if the broker is down, ``supplier_lists_catch_up`` retries."""
    from supplierlists import tasks

    task = getattr(tasks, task_name)
    try:
        task.apply_async(args=args, retry=False)
    except Exception as exc:  # noqa: BLE001  any broker failure: the beat catch-up re-enqueues
        logger.warning(
            "supplierlists.enqueue_failed task=%s args=%s error=%s", task_name, args, exc.__class__.__name__
        )


def supplier_lists_catch_up(*, now: datetime.datetime) -> dict[str, int]:
    """Beat: re-enqueue imports and invitations whose task was lost (broker or worker down)."""
    stale = now - datetime.timedelta(seconds=settings.MEDMATCH_SUPPLIER_LISTS_STALE_SECONDS)
    parsing = list(
        SupplierListImport.objects.filter(status=ImportStatus.PARSING, updated_at__lt=stale).values_list(
            "pk", flat=True
        )
    )
    resolving = list(
        SupplierListImport.objects.filter(status=ImportStatus.RESOLVING, updated_at__lt=stale).values_list(
            "pk", flat=True
        )
    )
    queued = list(
        ClaimInvitation.objects.filter(status=InvitationStatus.QUEUED, updated_at__lt=stale).values_list(
            "pk", flat=True
        )
    )
    for pk in parsing:
        task_enqueue("parse_supplier_list", pk)
    for pk in resolving:
        task_enqueue("resolve_supplier_list", pk)
    for pk in queued:
        task_enqueue("send_claim_invitation", pk)
    return {"parsing": len(parsing), "resolving": len(resolving), "invitations": len(queued)}
