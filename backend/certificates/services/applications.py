"""A member's force-majeure application: its fields checked, created and edited as a draft,
evidence attached, and submitted for review (immutable from then on).

draft → submitted → info_requested (clock paused) → resubmitted → approved or rejected;
the staff decisions are ``certificates.services.decisions``. Every step is audited; the
member organisation is told in the app and by e-mail, in each member's language.
"""

import datetime
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from rest_framework import exceptions

from accounts.models import User
from audit.services import audit_record
from certificates.models import (
    MEMBER_EDITABLE,
    UNDER_REVIEW,
    ApplicationStatus,
    Evidence,
    FmApplication,
)
from certificates.notifications import organization_members, trade_notify
from certificates.selectors import target_hours
from core.exceptions import Conflict
from core.validators import UI_LANGUAGES, validate_country, validate_currency
from organizations.models import Organization, VerificationStatus
from organizations.uploads import upload_check

MAX_EVIDENCE_FILES = 20
CONTRACT_VALUE_MAX = Decimal("99999999999999.99")  # max_digits=16, decimal_places=2


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


def application_lock(application: FmApplication) -> FmApplication:
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


def require_under_review(application: FmApplication) -> None:
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
    locked = application_lock(application)
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
    locked = application_lock(application)
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
    locked = application_lock(evidence.application)
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
    locked = application_lock(application)
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
