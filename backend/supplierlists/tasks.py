import smtplib

from celery import shared_task
from django.utils import timezone

from core.queues import TaskQueue, task_former_name
from core.retries import RETRY_TRANSIENT, TRANSIENT_ERRORS
from supplierlists.services.claims import claim_invitation_send
from supplierlists.services.resolve import supplier_list_resolve
from supplierlists.services.uploads import supplier_list_parse
from supplierlists.services.workers import (
    CLAIM_INVITATION_TASK,
    PARSE_TASK,
    RESOLVE_TASK,
    supplier_lists_catch_up,
)


@shared_task(name=PARSE_TASK, queue=TaskQueue.DEFAULT, **RETRY_TRANSIENT)
def parse_supplier_list(supplier_list_id: int) -> str:
    """Read an uploaded list and propose its column mapping; a no-op unless it is being parsed."""
    return supplier_list_parse(supplier_list_id=supplier_list_id).status


@shared_task(name=RESOLVE_TASK, queue=TaskQueue.DEFAULT, **RETRY_TRANSIENT)
def resolve_supplier_list(supplier_list_id: int) -> str:
    """Resolve a mapped list's pending rows; a second run continues where the first stopped."""
    return supplier_list_resolve(supplier_list_id=supplier_list_id).status


@shared_task(
    name=CLAIM_INVITATION_TASK,
    queue=TaskQueue.NOTIFICATIONS,
    autoretry_for=(
        smtplib.SMTPServerDisconnected,
        smtplib.SMTPConnectError,
        ConnectionError,
        TimeoutError,
        *TRANSIENT_ERRORS,
    ),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=6,
)
def send_claim_invitation(invitation_id: int) -> bool:
    """Send one claim invitation; idempotent (an invitation already sent is not sent again)."""
    return claim_invitation_send(invitation_id=invitation_id)


@shared_task(name="supplierlists.catch_up", queue=TaskQueue.DEFAULT, **RETRY_TRANSIENT)
def catch_up() -> dict[str, int]:
    """Beat: re-enqueue list imports and invitations whose task was lost."""
    return supplier_lists_catch_up(now=timezone.now())


# The name the invitation task had until it was named after its module.
task_former_name(send_claim_invitation, "notifications.send_claim_invitation")
