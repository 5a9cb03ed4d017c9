"""Staff decisions on an application under review: ask for more information (the review
clock pauses), reject with a reason, or approve and issue the certificate; and revoking
an issued certificate.
"""

import datetime
import secrets
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record, state_transition
from certificates.models import (
    ApplicationStatus,
    Certificate,
    CertificateStatus,
    FmApplication,
)
from certificates.notifications import organization_members, trade_notify
from certificates.services.applications import (
    APPLICATION_FIELDS,
    application_lock,
    application_reference,
    require_under_review,
)
from certificates.services.pdf_generation import certificate_pdf_enqueue
from core.exceptions import Conflict


def _stop_clock(application: FmApplication, now: datetime.datetime) -> None:
    if application.clock_started_at is not None:
        application.review_elapsed = (application.review_elapsed or datetime.timedelta(0)) + (
            now - application.clock_started_at
        )
    application.clock_started_at = None


def _clock_fields(application: FmApplication) -> dict[str, Any]:
    """The review clock's fields as ``_stop_clock`` left them, to save with a decision."""
    return {"review_elapsed": application.review_elapsed, "clock_started_at": application.clock_started_at}


@transaction.atomic
def application_request_info(*, application: FmApplication, actor: User, message: str) -> FmApplication:
    """Ask the member for more (the clock pauses until they resubmit)."""
    message = message.strip()
    if not message:
        raise ValidationError({"message": ValidationError("Say what is missing.", code="required")})
    locked = application_lock(application)
    require_under_review(locked)
    now = timezone.now()
    _stop_clock(locked, now)
    state_transition(
        target=locked,
        to_state=ApplicationStatus.INFO_REQUESTED,
        changes={"info_request": message, **_clock_fields(locked)},
        actor=actor,
        action="certificate_application.info_requested",
        reason=message,
    )
    trade_notify(
        users=organization_members(organization_id=locked.organization_id),
        kind="certificate.info_requested",
        key=f"fm.info_requested:{locked.pk}:{int(now.timestamp())}",
        values={"ref": application_reference(locked), "reason": message},
        details={"application": locked.pk, "status": locked.status},
    )
    return locked


@transaction.atomic
def application_reject(*, application: FmApplication, actor: User, reason: str) -> FmApplication:
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError("Say why the application is rejected.", code="required")}
        )
    locked = application_lock(application)
    require_under_review(locked)
    now = timezone.now()
    _stop_clock(locked, now)
    state_transition(
        target=locked,
        to_state=ApplicationStatus.REJECTED,
        changes={"rejection_reason": reason, "decided_at": now, "decided_by": actor, **_clock_fields(locked)},
        actor=actor,
        action="certificate_application.rejected",
        reason=reason,
    )
    trade_notify(
        users=organization_members(organization_id=locked.organization_id),
        kind="certificate.rejected",
        key=f"fm.rejected:{locked.pk}",
        values={"ref": application_reference(locked), "reason": reason},
        details={"application": locked.pk, "status": locked.status},
    )
    return locked


def certificate_languages(application: FmApplication) -> list[str]:
    """Chinese and English, and the counterparty's language where it is one of the six."""
    from certificates.pdf import PDF_LANGUAGES

    languages = ["zh", "en"]
    counterparty = application.counterparty_language
    if counterparty and counterparty not in languages and counterparty in PDF_LANGUAGES:
        languages.append(counterparty)
    return languages


def _facts(application: FmApplication) -> dict[str, Any]:
    def text(value: object) -> str:
        return "" if value is None else str(value)

    return {
        "reference": application_reference(application),
        **{name: text(getattr(application, name)) for name in APPLICATION_FIELDS},
    }


def _new_number(now: datetime.datetime) -> str:
    # Random, not sequential: the public verification page cannot be walked number by number.
    return f"FM{now:%Y}-{secrets.token_hex(4).upper()}"


@transaction.atomic
def application_approve(*, application: FmApplication, actor: User) -> Certificate:
    """Approve: issue the certificate (number, date, the facts as approved); a task makes its PDF."""
    locked = application_lock(application)
    require_under_review(locked)
    now = timezone.now()
    from_state = locked.status
    _stop_clock(locked, now)
    locked.status = ApplicationStatus.APPROVED
    locked.decided_at = now
    locked.decided_by = actor
    locked.save()
    organization = locked.organization
    for _attempt in range(5):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    application=locked,
                    number=_new_number(now),
                    issued_at=now,
                    holder_name=organization.name,
                    holder_legal_names=organization.legal_names or {},
                    holder_country=organization.country,
                    counterparty_country=locked.counterparty_country,
                    languages=certificate_languages(locked),
                    facts=_facts(locked),
                )
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover - five 32-bit collisions in a row
        raise Conflict("Could not allocate a certificate number; try again.", code="number_collision")
    audit_record(
        actor=actor,
        action="certificate_application.approved",
        target=locked,
        from_state=from_state,
        to_state=locked.status,
        data={"certificate": certificate.pk, "number": certificate.number},
    )
    audit_record(
        actor=actor,
        action="certificate.issued",
        target=certificate,
        to_state=CertificateStatus.PENDING,
        data={"application": locked.pk},
    )
    transaction.on_commit(partial(certificate_pdf_enqueue, certificate_id=certificate.pk))
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor: User, reason: str) -> Certificate:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ValidationError("Say why it is revoked.", code="required")})
    locked = Certificate.objects.select_for_update().select_related("application").get(pk=certificate.pk)
    if locked.status == CertificateStatus.REVOKED:
        raise Conflict("The certificate is already revoked.", code="certificate_revoked")
    from_state = locked.status
    locked.status = CertificateStatus.REVOKED
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    locked.revocation_reason = reason
    locked.save()
    audit_record(
        actor=actor,
        action="certificate.revoked",
        target=locked,
        from_state=from_state,
        to_state=locked.status,
        reason=reason,
    )
    trade_notify(
        users=organization_members(organization_id=locked.application.organization_id),
        kind="certificate.revoked",
        key=f"fm.revoked:{locked.pk}",
        values={"number": locked.number, "reason": reason},
        details={"certificate": locked.pk, "application": locked.application_id, "status": locked.status},
    )
    return locked
