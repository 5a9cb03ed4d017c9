"""Writes for an introduction itself: its creation on approval and its outcome.

Its sub-domains have modules of their own beside this one: ``reminders`` (reminders and
expiry), ``email_delivery`` (the e-mails to both parties) and ``notifications`` (in-app).
"""

import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record
from core.exceptions import Conflict
from core.validators import validate_currency
from introductions.models import (
    FINAL_STATUSES,
    INTRODUCTION_TRANSITIONS,
    EmailKind,
    Introduction,
    IntroductionStatus,
)
from introductions.services.email_delivery import introduction_emails_queue
from introductions.services.notifications import introduction_notify, other_party
from matching.models import Proposal, ProposalStatus

logger = logging.getLogger("introductions")

DEAL_VALUE_MAX = Decimal("99999999999999.99")  # max_digits=16, decimal_places=2
DEAL_QUANTITY_MAX = 2_147_483_647  # PositiveIntegerField on PostgreSQL


# --- creation on approval ---


@transaction.atomic
def introduction_approved(proposal: Proposal, actor: User) -> None:
    """What matching's approval sets off here (registered in IntroductionsConfig.ready)."""
    introduction_create(proposal=proposal, actor=actor)


def introduction_create(*, proposal: Proposal, actor: User) -> Introduction:
    """Turn an approved proposal into an introduction; called inside the approval's transaction.

    Records ``introduction.created``, notifies every member of both organisations in the app
    and queues the e-mails (sent after commit). Idempotent: a second call for the same
    proposal returns the existing introduction and does nothing else.
    """
    if proposal.status != ProposalStatus.APPROVED:
        raise Conflict("Only an approved proposal becomes an introduction.", code="proposal_not_approved")
    request = proposal.request
    introduction, created = Introduction.objects.get_or_create(
        proposal=proposal,
        defaults={
            "request": request,
            "product": proposal.product,
            "vendor": proposal.vendor,
            "buyer_id": request.buyer_id,
            "approved_by": actor if actor.is_authenticated else None,
            "status": IntroductionStatus.AWAITING_REPLY,
        },
    )
    if not created:
        return introduction
    audit_record(
        actor=actor,
        action="introduction.created",
        target=introduction,
        to_state=IntroductionStatus.AWAITING_REPLY,
        data={"proposal": proposal.pk, "request": request.pk, "product": proposal.product_id},
    )
    introduction_notify(
        introduction=introduction,
        organization_ids=[introduction.vendor_id, introduction.buyer_id],
        kind="introduction.created",
        data={"status": introduction.status},
    )
    introduction_emails_queue(introduction=introduction, kind=EmailKind.INTRODUCTION, sequence=0)
    logger.info(
        "introduction.created introduction=%s proposal=%s vendor=%s buyer=%s",
        introduction.pk,
        proposal.pk,
        introduction.vendor_id,
        introduction.buyer_id,
    )
    return introduction


# --- outcome ---


def _deal_errors(
    *, deal_quantity: int | None, deal_value: Decimal | None, deal_currency: str
) -> dict[str, list[ValidationError]]:
    errors: dict[str, list[ValidationError]] = {}
    if deal_quantity is None:
        errors["deal_quantity"] = [ValidationError("Give the quantity agreed.", code="required")]
    elif not 0 < deal_quantity <= DEAL_QUANTITY_MAX:
        errors["deal_quantity"] = [
            ValidationError(f"The quantity must be between 1 and {DEAL_QUANTITY_MAX}.", code="min_value")
        ]
    if deal_value is None:
        errors["deal_value"] = [ValidationError("Give the total value of the deal.", code="required")]
    elif not deal_value.is_finite() or deal_value <= 0:
        errors["deal_value"] = [ValidationError("The value must be greater than 0.", code="min_value")]
    elif deal_value > DEAL_VALUE_MAX or deal_value != deal_value.quantize(Decimal("0.01")):
        errors["deal_value"] = [
            ValidationError("The value has at most 14 digits and 2 decimals.", code="invalid")
        ]
    if not deal_currency:
        errors["deal_currency"] = [
            ValidationError("Give the ISO 4217 currency of the value, e.g. USD.", code="required")
        ]
    else:
        try:
            validate_currency(deal_currency)
        except ValidationError as error:
            errors["deal_currency"] = error.error_list
    return errors


def _outcome_errors(
    *,
    status: str,
    deal_quantity: int | None,
    deal_value: Decimal | None,
    deal_currency: str,
    reason: str,
) -> dict[str, list[ValidationError]]:
    if status == IntroductionStatus.DEAL:
        return _deal_errors(deal_quantity=deal_quantity, deal_value=deal_value, deal_currency=deal_currency)
    errors: dict[str, list[ValidationError]] = {}
    for name, value in (
        ("deal_quantity", deal_quantity),
        ("deal_value", deal_value),
        ("deal_currency", deal_currency),
    ):
        if value not in (None, ""):
            errors[name] = [
                ValidationError("Only a deal has a quantity, value and currency.", code="not_allowed")
            ]
    if status == IntroductionStatus.NO_DEAL and not reason.strip():
        errors["reason"] = [ValidationError("Say why there was no deal.", code="required")]
    return errors


@transaction.atomic
def introduction_record_outcome(
    *,
    introduction: Introduction,
    actor: User,
    status: str,
    deal_quantity: int | None = None,
    deal_value: Decimal | None = None,
    deal_currency: str = "",
    reason: str = "",
) -> Introduction:
    """Move the introduction along INTRODUCTION_TRANSITIONS and tell the other party.

    awaiting_reply → negotiating (sets replied_at) → deal (quantity, value, ISO 4217
    currency) or no_deal (reason); awaiting_reply → no_deal too. A final introduction
    (deal, no_deal, expired) answers 409; any other wrong move or value a 400 per field.
    The purchase request is left as it is: it may need more suppliers.
    """
    locked = (
        Introduction.objects.select_for_update(of=("self",))
        .select_related("request", "vendor", "buyer")
        .get(pk=introduction.pk)
    )
    if locked.status in FINAL_STATUSES:
        raise Conflict(
            f"The introduction is {locked.status}: its outcome is final.", code="introduction_final"
        )
    allowed = sorted(INTRODUCTION_TRANSITIONS[locked.status])
    if status not in allowed:
        raise ValidationError(
            {
                "status": ValidationError(
                    "An introduction that is %(from)s cannot become %(to)s; allowed: %(allowed)s.",
                    code="invalid_transition",
                    params={"from": locked.status, "to": status, "allowed": ", ".join(allowed)},
                )
            }
        )
    deal_currency = deal_currency.strip().upper()
    errors = _outcome_errors(
        status=status,
        deal_quantity=deal_quantity,
        deal_value=deal_value,
        deal_currency=deal_currency,
        reason=reason,
    )
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    from_state = locked.status
    locked.status = status
    if locked.replied_at is None:
        locked.replied_at = now  # the first answer of either party, whatever it is
    if status == IntroductionStatus.DEAL:
        locked.deal_quantity = deal_quantity
        locked.deal_value = deal_value
        locked.deal_currency = deal_currency
    if status == IntroductionStatus.NO_DEAL:
        locked.no_deal_reason = reason.strip()
    if status in FINAL_STATUSES:
        locked.closed_at = now
    locked.save()
    data: dict[str, object] = {"status": status}
    if status == IntroductionStatus.DEAL:
        data.update(deal_quantity=deal_quantity, deal_value=str(deal_value), deal_currency=deal_currency)
    audit_record(
        actor=actor,
        action="introduction.outcome_recorded",
        target=locked,
        from_state=from_state,
        to_state=status,
        reason=reason.strip(),
        data=data,
    )
    if actor.is_staff or actor.organization_id not in (locked.vendor_id, locked.buyer_id):
        told = [locked.vendor_id, locked.buyer_id]
        actor_name = "MedMatch"
    else:
        told = [locked.buyer_id if actor.organization_id == locked.vendor_id else locked.vendor_id]
        actor_name = other_party(locked, told[0]).name
    introduction_notify(
        introduction=locked,
        organization_ids=told,
        kind="introduction.outcome",
        values={"actor": actor_name, "status": status},
        data=data,
    )
    return locked
