"""Writes for legal consultations: ask, assign to an adviser, exchange messages, close.

Only the member's organisation, the assigned adviser and staff take part. Each step is
audited; the other side is told in the app and by e-mail in their own language.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record
from certificates.notifications import organization_members, trade_notify
from consultations.models import (
    Consultation,
    ConsultationAttachment,
    ConsultationMessage,
    ConsultationStatus,
)
from core.exceptions import Conflict
from organizations.models import Organization
from organizations.uploads import upload_check

MAX_ATTACHMENTS = 20
MAX_MESSAGES = 500


def _lock(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update(of=("self",)).get(pk=consultation.pk)


def _require_open(consultation: Consultation) -> None:
    if consultation.status == ConsultationStatus.CLOSED:
        raise Conflict("The consultation is closed.", code="consultation_closed")


@transaction.atomic
def consultation_create(
    *, organization: Organization, actor: User, topic: str, subject: str, description: str
) -> Consultation:
    subject, description = subject.strip(), description.strip()
    errors = {}
    if not subject:
        errors["subject"] = [ValidationError("Give the question a subject.", code="required")]
    if not description:
        errors["description"] = [ValidationError("Describe the question.", code="required")]
    if errors:
        raise ValidationError(errors)
    consultation = Consultation.objects.create(
        organization=organization, created_by=actor, topic=topic, subject=subject, description=description
    )
    audit_record(
        actor=actor, action="consultation.created", target=consultation, to_state=consultation.status
    )
    return consultation


@transaction.atomic
def attachment_add(*, consultation: Consultation, actor: User, file: UploadedFile) -> ConsultationAttachment:
    locked = _lock(consultation)
    _require_open(locked)
    if locked.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            {"file": ValidationError(f"At most {MAX_ATTACHMENTS} files per consultation.", code="too_many")}
        )
    checked = upload_check(file=file)
    attachment = ConsultationAttachment(
        consultation=locked,
        uploaded_by=actor,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    attachment.file.save(f"attachment{checked.extension}", file, save=False)
    attachment.save()
    audit_record(
        actor=actor,
        action="consultation.attachment_added",
        target=locked,
        from_state=locked.status,
        to_state=locked.status,
        data={"attachment": attachment.pk, "sha256": checked.sha256},
    )
    return attachment


@transaction.atomic
def consultation_assign(*, consultation: Consultation, actor: User, adviser: User) -> Consultation:
    """Give the consultation to an adviser (a staff user with the adviser flag); reassigning is allowed."""
    if not (adviser.is_staff and adviser.is_adviser and adviser.is_active):
        raise ValidationError(
            {
                "adviser": ValidationError(
                    "Choose an active staff user who is an adviser.", code="not_an_adviser"
                )
            }
        )
    locked = _lock(consultation)
    _require_open(locked)
    from_state = locked.status
    locked.adviser = adviser
    locked.status = ConsultationStatus.ASSIGNED
    locked.assigned_at = timezone.now()
    locked.save()
    audit_record(
        actor=actor,
        action="consultation.assigned",
        target=locked,
        from_state=from_state,
        to_state=locked.status,
        data={"adviser": adviser.pk},
    )
    adviser_name = adviser.get_full_name() or adviser.username
    trade_notify(
        users=organization_members(organization_id=locked.organization_id),
        kind="consultation.assigned",
        key=f"consultation.assigned:{locked.pk}:{adviser.pk}",
        values={"subject": locked.subject, "adviser": adviser_name},
        details={"consultation": locked.pk, "adviser": adviser_name},
    )
    trade_notify(
        users=[adviser],
        kind="consultation.assigned_to_you",
        key=f"consultation.assigned-to:{locked.pk}:{adviser.pk}",
        values={"subject": locked.subject},
        details={"consultation": locked.pk},
    )
    return locked


@transaction.atomic
def consultation_message_post(*, consultation: Consultation, actor: User, body: str) -> ConsultationMessage:
    """Add a message to the thread and tell the other side (the member's organisation or the adviser)."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": ValidationError("Write a message.", code="required")})
    locked = _lock(consultation)
    _require_open(locked)
    if locked.messages.count() >= MAX_MESSAGES:
        raise ValidationError({"body": ValidationError("The thread is full.", code="too_many")})
    from_adviser = actor.organization_id != locked.organization_id
    message = ConsultationMessage.objects.create(
        consultation=locked, author=actor, from_adviser=from_adviser, body=body
    )
    if from_adviser and locked.first_response_at is None:
        locked.first_response_at = message.created_at
        locked.save(update_fields=["first_response_at", "updated_at"])
    audit_record(
        actor=actor,
        action="consultation.message_posted",
        target=locked,
        from_state=locked.status,
        to_state=locked.status,
        data={"message": message.pk, "from_adviser": from_adviser},
    )
    if from_adviser:
        told = organization_members(organization_id=locked.organization_id)
    else:
        told = [locked.adviser] if locked.adviser is not None else []
    trade_notify(
        users=told,
        kind="consultation.message",
        key=f"consultation.message:{message.pk}",
        values={"subject": locked.subject},
        details={"consultation": locked.pk, "message": message.pk},
    )
    return message


@transaction.atomic
def consultation_close(*, consultation: Consultation, actor: User, outcome: str) -> Consultation:
    outcome = outcome.strip()
    if not outcome:
        raise ValidationError({"outcome": ValidationError("Record the outcome.", code="required")})
    locked = _lock(consultation)
    _require_open(locked)
    from_state = locked.status
    locked.status = ConsultationStatus.CLOSED
    locked.outcome = outcome
    locked.closed_at = timezone.now()
    locked.save()
    audit_record(
        actor=actor,
        action="consultation.closed",
        target=locked,
        from_state=from_state,
        to_state=locked.status,
        reason=outcome,
    )
    trade_notify(
        users=organization_members(organization_id=locked.organization_id),
        kind="consultation.closed",
        key=f"consultation.closed:{locked.pk}",
        values={"subject": locked.subject, "reason": outcome},
        details={"consultation": locked.pk, "status": locked.status},
    )
    return locked
