"""A request's status moves (REQUEST_TRANSITIONS), each with its audit event and outbox row."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from audit.services import state_transition
from core.validators import coded_error
from outbox.services import outbox_record
from purchasing.models import (
    REQUEST_TRANSITIONS,
    PurchaseRequest,
)

OUTBOX_ENTITY = "request"


@transaction.atomic
def purchase_request_transition(
    *, purchase_request: PurchaseRequest, actor: User | None, status: str, reason: str = ""
) -> PurchaseRequest:
    """Move the request along REQUEST_TRANSITIONS; any other move is a 400 ``invalid_transition``."""
    locked = PurchaseRequest.objects.select_for_update().get(pk=purchase_request.pk)
    allowed = sorted(REQUEST_TRANSITIONS.get(locked.status, set()))
    if status not in allowed:
        raise ValidationError(
            {
                "status": coded_error(
                    "A %(from)s request cannot become %(to)s; allowed: %(allowed)s.",
                    "invalid_transition",
                    **{"from": locked.status, "to": status, "allowed": ", ".join(allowed) or "none"},
                )
            }
        )
    state_transition(
        target=locked, to_state=status, actor=actor, action="requests.transitioned", reason=reason
    )
    outbox_record(entity=OUTBOX_ENTITY, entity_id=locked.pk)
    return locked
