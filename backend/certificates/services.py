"""Writes for force-majeure applications and certificates.

draft → submitted (immutable) → info_requested (clock paused) → resubmitted → approved
(certificate issued, PDF made and signed by a task) or rejected with a reason; an issued
certificate may be revoked by staff with a reason. Every step is audited; the member
organisation is told in the app and by e-mail, in each member's language.
"""

import datetime
import hashlib
import logging
import secrets
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from rest_framework import exceptions

from accounts.models import User
from audit.services import audit_record, state_transition
from certificates.models import (
    MEMBER_EDITABLE,
    UNDER_REVIEW,
    ApplicationStatus,
    Certificate,
    CertificateStatus,
    Evidence,
    FmApplication,
)
from certificates.notifications import organization_members, service_emails_requeue, trade_notify
from certificates.selectors import target_hours
from core.exceptions import Conflict
from core.validators import UI_LANGUAGES, validate_country, validate_currency
from organizations.models import Organization, VerificationStatus
from organizations.uploads import upload_check

logger = logging.getLogger("certificates")

MAX_EVIDENCE_FILES = 20
CONTRACT_VALUE_MAX = Decimal("99999999999999.99")  # max_digits=16, decimal_places=2
# A certificate whose PDF is still missing this long after its last attempt lost its task.
PDF_REQUEUE_AFTER = datetime.timedelta(minutes=2)
# The fields a member fills in; all but event_end and counterparty_language are needed to submit.
APPLICATION_FIELDS = (
    "counterparty_name",
    "counterparty_country",
    "counterparty_language",
    "contract_number",
    "contract_date",
    "goods",
    "contract_value",
    "currency",
    "obligation",
    "obligation_due_date",
    "event_description",
    "event_location",
    "event_start",
    "event_end",
)
OPTIONAL_FIELDS = frozenset({"counterparty_language", "event_end"})
TEXT_LIMITS = {
    "counterparty_name": 255,
    "contract_number": 128,
    "goods": 2000,
    "obligation": 2000,
    "event_description": 5000,
    "event_location": 255,
}


def application_reference(application: FmApplication) -> str:
    return f"FMA-{application.pk}"


def verification_url(number: str) -> str:
    """The public page that a certificate's QR code opens."""
    return f"{settings.MEDMATCH_PUBLIC_URL.rstrip('/')}/verify/{number}"


# --- validation ---


def _clean_values(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[ValidationError]]]:
    values: dict[str, Any] = {}
    errors: dict[str, list[ValidationError]] = {}
    for name, given in data.items():
        if name not in APPLICATION_FIELDS:
            continue
        value = given
        if isinstance(value, str):
            value = value.strip()
            limit = TEXT_LIMITS.get(name)
            if limit and len(value) > limit:
                errors[name] = [ValidationError(f"At most {limit} characters.", code="max_length")]
                continue
        if name in ("counterparty_country", "currency") and value:
            value = value.upper()
            try:
                (validate_country if name == "counterparty_country" else validate_currency)(value)
            except ValidationError as error:
                errors[name] = error.error_list
                continue
        if name == "counterparty_language" and value and value not in UI_LANGUAGES:
            errors[name] = [
                ValidationError(f"One of {', '.join(UI_LANGUAGES)}, or empty.", code="invalid_choice")
            ]
            continue
        if (
            name == "contract_value"
            and value is not None
            and (not value.is_finite() or value <= 0 or value > CONTRACT_VALUE_MAX)
        ):
            errors[name] = [
                ValidationError("The value must be greater than 0 with at most 14 digits.", code="invalid")
            ]
            continue
        values[name] = value
    return values, errors


def _date_errors(application: FmApplication) -> dict[str, list[ValidationError]]:
    errors: dict[str, list[ValidationError]] = {}
    if application.event_start and application.event_end and application.event_end < application.event_start:
        errors["event_end"] = [
            ValidationError("The event cannot end before it starts.", code="invalid_range")
        ]
    today = timezone.localdate()
    if application.event_start and application.event_start > today:
        errors["event_start"] = [
            ValidationError("A certificate states facts that have happened.", code="in_future")
        ]
    if application.contract_date and application.contract_date > today:
        errors["contract_date"] = [ValidationError("The contract date is in the future.", code="in_future")]
    return errors


def _completeness_errors(application: FmApplication) -> dict[str, list[ValidationError]]:
    errors: dict[str, list[ValidationError]] = {}
    for name in APPLICATION_FIELDS:
        if name in OPTIONAL_FIELDS:
            continue
        if getattr(application, name) in (None, ""):
            errors[name] = [ValidationError("Required before submitting.", code="required")]
    if not application.evidence.exists():
        errors["evidence"] = [
            ValidationError("Attach at least one piece of evidence (e.g. the contract).", code="required")
        ]
    return errors


def _require_verified(organization: Organization) -> None:
    if organization.verification_status != VerificationStatus.VERIFIED:
        raise exceptions.PermissionDenied(
            "Only verified member organisations can apply for a force-majeure certificate.",
            code="organization_not_verified",
        )


def _lock(application: FmApplication) -> FmApplication:
    return (
        FmApplication.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=application.pk)
    )


def _require_editable(application: FmApplication) -> None:
    if application.status not in MEMBER_EDITABLE:
        raise Conflict(
            f"The application is {application.status}: it can no longer be changed.",
            code="application_locked",
        )


def _require_under_review(application: FmApplication) -> None:
    if application.status not in UNDER_REVIEW:
        raise Conflict(
            f"The application is {application.status}, not waiting for a decision.",
            code="application_not_under_review",
        )


# --- member writes ---


@transaction.atomic
def application_create(*, organization: Organization, actor: User, data: dict[str, Any]) -> FmApplication:
    """A draft application of a verified organisation, with whatever fields are given."""
    _require_verified(organization)
    values, errors = _clean_values(data)
    application = FmApplication(organization=organization, created_by=actor, **values)
    errors.update(_date_errors(application))
    if errors:
        raise ValidationError(errors)
    application.save()
    audit_record(actor=actor, action="certificate_application.created", target=application, to_state="draft")
    return application


@transaction.atomic
def application_update(*, application: FmApplication, actor: User, data: dict[str, Any]) -> FmApplication:
    """Change a draft (or an application sent back for more information); 409 once submitted."""
    locked = _lock(application)
    _require_editable(locked)
    values, errors = _clean_values(data)
    for name, value in values.items():
        setattr(locked, name, value)
    errors.update(_date_errors(locked))
    if errors:
        raise ValidationError(errors)
    locked.save()
    audit_record(
        actor=actor,
        action="certificate_application.updated",
        target=locked,
        from_state=locked.status,
        to_state=locked.status,
        data={"fields": sorted(values)},
    )
    return locked


@transaction.atomic
def evidence_add(
    *, application: FmApplication, actor: User, file: UploadedFile, kind: str, description: str = ""
) -> Evidence:
    """Attach a checked file (PDF, PNG or JPEG by content, size-capped) while the member may edit."""
    locked = _lock(application)
    _require_editable(locked)
    if locked.evidence.count() >= MAX_EVIDENCE_FILES:
        raise ValidationError(
            {"file": ValidationError(f"At most {MAX_EVIDENCE_FILES} files per application.", code="too_many")}
        )
    checked = upload_check(file=file)
    evidence = Evidence(
        application=locked,
        kind=kind,
        description=description.strip()[:255],
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    evidence.file.save(f"evidence{checked.extension}", file, save=False)
    evidence.save()
    audit_record(
        actor=actor,
        action="certificate_application.evidence_added",
        target=locked,
        from_state=locked.status,
        to_state=locked.status,
        data={"evidence": evidence.pk, "kind": kind, "sha256": checked.sha256},
    )
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, actor: User) -> None:
    """Remove a file from a draft; what staff have seen (after submission) stays."""
    locked = _lock(evidence.application)
    if locked.status != ApplicationStatus.DRAFT:
        raise Conflict("Evidence can be removed only from a draft.", code="application_locked")
    audit_record(
        actor=actor,
        action="certificate_application.evidence_removed",
        target=locked,
        from_state=locked.status,
        to_state=locked.status,
        data={"evidence": evidence.pk, "sha256": evidence.sha256},
    )
    stored = evidence.file.name
    evidence.delete()
    transaction.on_commit(partial(evidence.file.storage.delete, stored))


@transaction.atomic
def application_submit(*, application: FmApplication, actor: User, note: str = "") -> FmApplication:
    """draft → submitted, or info_requested → resubmitted (with the member's ``note``).

    Needs every contract and fact field and at least one evidence file; starts (or resumes)
    the review clock. The organisation must still be verified.
    """
    locked = _lock(application)
    _require_editable(locked)
    _require_verified(locked.organization)
    errors = _completeness_errors(locked)
    errors.update(_date_errors(locked))
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    from_state = locked.status
    locked.status = (
        ApplicationStatus.SUBMITTED
        if from_state == ApplicationStatus.DRAFT
        else ApplicationStatus.RESUBMITTED
    )
    locked.submitted_at = locked.submitted_at or now
    locked.last_submitted_at = now
    locked.clock_started_at = now
    locked.review_elapsed = locked.review_elapsed or datetime.timedelta(0)
    if from_state == ApplicationStatus.INFO_REQUESTED:
        locked.member_reply = note.strip()[:5000]
    locked.save()
    audit_record(
        actor=actor,
        action="certificate_application.submitted",
        target=locked,
        from_state=from_state,
        to_state=locked.status,
        reason=note.strip()[:5000],
    )
    trade_notify(
        users=organization_members(organization_id=locked.organization_id),
        kind="certificate.submitted",
        key=f"fm.{locked.status}:{locked.pk}:{int(now.timestamp())}",
        values={"ref": application_reference(locked), "hours": target_hours()},
        details={"application": locked.pk, "status": locked.status},
    )
    return locked


# --- staff decisions ---


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
    locked = _lock(application)
    _require_under_review(locked)
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
    locked = _lock(application)
    _require_under_review(locked)
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
    locked = _lock(application)
    _require_under_review(locked)
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


# --- the PDF (worker) ---


def certificate_pdf_enqueue(*, certificate_id: int) -> None:
    """Hand PDF generation to a worker; if the broker is down, beat's catch-up enqueues it later."""
    from certificates.tasks import generate_certificate_pdf

    try:
        generate_certificate_pdf.apply_async(args=(certificate_id,), retry=False)
    except Exception as exc:  # noqa: BLE001  any broker failure: certificates_catch_up retries
        logger.warning(
            "certificates.enqueue_failed certificate=%s error=%s", certificate_id, exc.__class__.__name__
        )


def certificate_generate_pdf(*, certificate_id: int) -> bool:
    """Render, sign and store the certificate's PDF, then tell the member; False if already done.

    Idempotent: runs under the certificate's row lock and does nothing once a PDF is stored.
    """
    try:
        return _generate_pdf_locked(certificate_id=certificate_id)
    except Exception as exc:
        # Recorded outside the failed transaction, so that staff can see why it is pending.
        Certificate.objects.filter(pk=certificate_id).update(
            pdf_attempts=F("pdf_attempts") + 1,
            pdf_last_error=f"{exc.__class__.__name__}: {exc}"[:2000],
            updated_at=timezone.now(),
        )
        logger.exception("certificates.pdf_failed certificate=%s", certificate_id)
        raise


def _generate_pdf_locked(*, certificate_id: int) -> bool:
    from certificates.pdf import certificate_pdf_render
    from certificates.signing import pdf_sign

    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("application")
            .get(pk=certificate_id)
        )
        if certificate.pdf:
            return False
        certificate.pdf_attempts += 1
        signed = pdf_sign(
            certificate_pdf_render(certificate=certificate, url=verification_url(certificate.number))
        )
        certificate.pdf.save(f"{certificate.number}.pdf", ContentFile(signed), save=False)
        certificate.pdf_sha256 = hashlib.sha256(signed).hexdigest()
        certificate.pdf_generated_at = timezone.now()
        certificate.pdf_last_error = ""
        if certificate.status == CertificateStatus.PENDING:
            certificate.status = CertificateStatus.ISSUED
        certificate.save()
        audit_record(
            actor=None,
            action="certificate.pdf_generated",
            target=certificate,
            from_state=CertificateStatus.PENDING,
            to_state=certificate.status,
            data={"sha256": certificate.pdf_sha256, "bytes": len(signed)},
        )
        trade_notify(
            users=organization_members(organization_id=certificate.application.organization_id),
            kind="certificate.approved",
            key=f"fm.approved:{certificate.pk}",
            values={
                "ref": application_reference(certificate.application),
                "number": certificate.number,
                "url": verification_url(certificate.number),
            },
            details={
                "certificate": certificate.pk,
                "application": certificate.application_id,
                "number": certificate.number,
            },
            link=verification_url(certificate.number),
        )
    logger.info("certificates.pdf_generated certificate=%s bytes=%s", certificate_id, len(signed))
    return True


def certificates_catch_up(*, now: datetime.datetime) -> dict[str, int]:
    """Beat: enqueue PDFs a lost task never made, and e-mails left pending."""
    pending = list(
        Certificate.objects.filter(pdf="", updated_at__lte=now - PDF_REQUEUE_AFTER)
        .order_by("id")
        .values_list("id", flat=True)[:500]
    )
    for certificate_id in pending:
        certificate_pdf_enqueue(certificate_id=certificate_id)
    return {"pdfs": len(pending), "emails": len(service_emails_requeue(now=now))}
