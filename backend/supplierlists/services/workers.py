"""Handing supplier-list work to the workers: enqueue after commit, and beat's catch-up
that re-enqueues what a broker or worker outage lost.
"""

import datetime

from django.conf import settings

from core.queues import task_enqueue
from supplierlists.models import (
    ClaimInvitation,
    ImportStatus,
    InvitationStatus,
    SupplierListImport,
)

# The tasks (supplierlists.tasks) this package enqueues, by their names.
PARSE_TASK = "supplierlists.parse"
RESOLVE_TASK = "supplierlists.resolve"
CLAIM_INVITATION_TASK = "supplierlists.send_claim_invitation"


def supplier_list_work_enqueue(task_name: str, object_id: int) -> None:
    """Hand work to a worker (after commit); if the broker is down, ``supplier_lists_catch_up`` retries.

    The work's row stays in its waiting state (parsing, resolving, queued) until the task runs,
    which is what the catch-up looks for, so a failed send is only logged.
    """
    task_enqueue(task_name, object_id, failure_event="supplierlists.enqueue_failed")


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
        supplier_list_work_enqueue(PARSE_TASK, pk)
    for pk in resolving:
        supplier_list_work_enqueue(RESOLVE_TASK, pk)
    for pk in queued:
        supplier_list_work_enqueue(CLAIM_INVITATION_TASK, pk)
    return {"parsing": len(parsing), "resolving": len(resolving), "invitations": len(queued)}
