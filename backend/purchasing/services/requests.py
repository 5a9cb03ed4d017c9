"""Writes of a purchase request's content from the API: create, update, delete.

Every request, whether from the API or a spreadsheet row, is validated by
``purchasing.services.validation.purchase_request_apply``.
"""

from collections.abc import Mapping, Sequence

from django.db import transaction

from accounts.models import User
from audit.services import audit_record
from organizations.models import Organization
from outbox.models import OutboxOperation
from outbox.services import outbox_record
from purchasing.models import (
    PurchaseRequest,
    RequestStatus,
)
from purchasing.services.duplicates import duplicate_flags_detect
from purchasing.services.lookups import Lookups
from purchasing.services.transitions import OUTBOX_ENTITY
from purchasing.services.validation import (
    BuiltRequest,
    ensure_buyer,
    ensure_create_status,
    ensure_editable,
    purchase_request_apply,
)


def purchase_requests_insert(*, built: Sequence[BuiltRequest]) -> list[PurchaseRequest]:
    """Save validated requests and their standards in a few queries; one outbox row each."""
    created = PurchaseRequest.objects.bulk_create(
        [purchase_request for purchase_request, _standards in built], batch_size=500
    )
    through = PurchaseRequest.required_standards.through
    through.objects.bulk_create(
        [
            through(purchaserequest_id=purchase_request.pk, standard_id=standard.pk)
            for purchase_request, standards in built
            for standard in standards or ()
        ],
        batch_size=1000,
    )
    for purchase_request in created:
        outbox_record(entity=OUTBOX_ENTITY, entity_id=purchase_request.pk)
    return created


@transaction.atomic
def purchase_request_create(
    *,
    buyer: Organization,
    actor: User | None,
    values: Mapping[str, object],
    status: str = RequestStatus.DRAFT,
) -> PurchaseRequest:
    """Create a request for ``buyer`` from API values (see REQUEST_FIELDS) and flag its duplicates."""
    ensure_buyer(buyer=buyer)
    ensure_create_status(status=status)
    purchase_request = PurchaseRequest(buyer=buyer, created_by=actor, status=status)
    standards = purchase_request_apply(
        purchase_request=purchase_request, values=values, lookups=Lookups(), creating=True
    )
    purchase_requests_insert(built=[(purchase_request, standards)])
    audit_record(actor=actor, action="requests.created", target=purchase_request, to_state=status)
    duplicate_flags_detect(purchase_requests=[purchase_request])
    return purchase_request


@transaction.atomic
def purchase_request_update(
    *, purchase_request: PurchaseRequest, actor: User | None, values: Mapping[str, object]
) -> PurchaseRequest:
    """Change some fields of a draft or open request (409 otherwise); the status has its own service."""
    locked = PurchaseRequest.objects.select_for_update().get(pk=purchase_request.pk)
    ensure_editable(purchase_request=locked)
    standards = purchase_request_apply(
        purchase_request=locked, values=values, lookups=Lookups(), creating=False
    )
    locked.save()
    if standards is not None:
        locked.required_standards.set(standards)
    audit_record(
        actor=actor,
        action="requests.updated",
        target=locked,
        from_state=locked.status,
        to_state=locked.status,
        data={"fields": sorted(values)},
    )
    outbox_record(entity=OUTBOX_ENTITY, entity_id=locked.pk)
    duplicate_flags_detect(purchase_requests=[locked])
    return locked


@transaction.atomic
def purchase_request_delete(*, purchase_request: PurchaseRequest, actor: User | None) -> None:
    """Delete a draft or open request (409 otherwise); later states are history and are closed instead."""
    locked = PurchaseRequest.objects.select_for_update().get(pk=purchase_request.pk)
    ensure_editable(purchase_request=locked)
    audit_record(actor=actor, action="requests.deleted", target=locked, from_state=locked.status)
    outbox_record(entity=OUTBOX_ENTITY, entity_id=locked.pk, operation=OutboxOperation.DELETE)
    locked.delete()
