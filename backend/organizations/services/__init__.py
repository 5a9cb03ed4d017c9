"""Writes for an organisation itself: its profile, the re-index of a change, and verification.

Its sub-domains have modules of their own beside this one: ``documents`` (uploads, certificates
and their review, whose field checks are ``certificate_checks``), ``contacts`` and ``registration``
(an organisation with its first user).
"""

import logging
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record, state_transition
from core.exceptions import Conflict
from core.validators import validate_uscc
from organizations.models import (
    DocumentType,
    Organization,
    OrganizationKind,
    VerificationStatus,
)
from outbox.services import outbox_record

logger = logging.getLogger("organizations")

PROFILE_FIELDS = ("name", "legal_names", "city", "address", "website", "description", "registration_id")
# Changing these on a verified organisation sends it back to review: they say who it is.
IDENTITY_FIELDS = ("name", "legal_names", "registration_id")


def organization_validate(*, organization: Organization) -> None:
    """Field validation plus the rules that span fields; raises ValidationError per field."""
    errors: dict[str, list[ValidationError]] = {}
    try:
        organization.full_clean(validate_unique=False)
    except ValidationError as exc:
        errors.update({key: list(value) for key, value in exc.error_dict.items()})
    if organization.kind == OrganizationKind.BUYER and not organization.buyer_type:
        errors.setdefault("buyer_type", []).append(
            ValidationError("A buyer must say what kind of buyer it is.", code="required")
        )
    if organization.kind == OrganizationKind.VENDOR and organization.buyer_type:
        errors.setdefault("buyer_type", []).append(
            ValidationError("Only buyers have a buyer type.", code="not_a_buyer")
        )
    if organization.country == "CN" and organization.kind == OrganizationKind.VENDOR:
        # A listed organisation comes from a partner's list, which often lacks the code; it
        # must give it when it asks for verification (see organization_request_verification).
        if not organization.registration_id and organization.listed:
            pass
        elif not organization.registration_id:
            errors.setdefault("registration_id", []).append(
                ValidationError("A Chinese vendor must give its Unified Social Credit Code.", code="required")
            )
        else:
            try:
                validate_uscc(organization.registration_id)
            except ValidationError as exc:
                errors.setdefault("registration_id", []).extend(exc.error_list)
            organization.registration_id = organization.registration_id.strip().upper()
    if errors:
        raise ValidationError(errors)


def organization_changed(*, organization: Organization) -> None:
    """Queue the organisation (and, through it, its products) for re-indexing."""
    outbox_record(entity="organization", entity_id=organization.pk)


def _identity_fields(organization: Organization) -> dict[str, Any]:
    """The fields registration validates, on an organisation that is no longer listed."""
    return {
        "kind": organization.kind,
        "buyer_type": organization.buyer_type,
        "name": organization.name,
        "legal_names": organization.legal_names,
        "country": organization.country,
        "city": organization.city,
        "address": organization.address,
        "registration_id": organization.registration_id,
        "website": organization.website,
    }


def organization_locked(organization: Organization) -> Organization:
    """The organisation's row, locked for the rest of the transaction, with fresh values."""
    return Organization.objects.select_for_update().get(pk=organization.pk)


@transaction.atomic
def organization_update(*, organization: Organization, actor: User, data: dict[str, Any]) -> Organization:
    """Change profile fields (see PROFILE_FIELDS); other keys are ignored."""
    organization = organization_locked(organization)
    changed = [
        field for field in PROFILE_FIELDS if field in data and getattr(organization, field) != data[field]
    ]
    for field in changed:
        setattr(organization, field, data[field])
    organization_validate(organization=organization)
    if not changed:
        return organization
    organization.save(update_fields=[*changed, "updated_at"])
    audit_record(actor=actor, action="organization.updated", target=organization, data={"fields": changed})
    identity = [field for field in changed if field in IDENTITY_FIELDS]
    if identity and organization.verification_status == VerificationStatus.VERIFIED:
        # Who the organisation is was verified; a new legal name or registration id is not.
        return verification_transition(
            organization=organization,
            actor=actor,
            action="organization.identity_changed",
            allowed_from=(VerificationStatus.VERIFIED,),
            to_state=VerificationStatus.PENDING,
            reason=f"identity changed: {', '.join(identity)}",
        )
    organization_changed(organization=organization)
    return organization


def verification_transition(
    *,
    organization: Organization,
    actor: User,
    action: str,
    allowed_from: Sequence[str],
    to_state: str,
    reason: str = "",
) -> Organization:
    """Move the locked organisation to ``to_state``; 409 if it is not in one of ``allowed_from``."""
    from_state = organization.verification_status
    if from_state not in allowed_from:
        allowed = " or ".join(VerificationStatus(state).label.lower() for state in allowed_from)
        raise Conflict(
            f"The organisation is {VerificationStatus(from_state).label.lower()}; "
            f"this is only possible when it is {allowed}."
        )
    changes: dict[str, Any] = {}
    if to_state == VerificationStatus.VERIFIED:
        changes = {"verified_at": timezone.now(), "verification_note": ""}
    elif to_state == VerificationStatus.REJECTED:
        changes = {"verified_at": None, "verification_note": reason}
    state_transition(
        target=organization,
        field="verification_status",
        to_state=to_state,
        changes=changes,
        actor=actor,
        action=action,
        reason=reason,
    )
    organization_changed(organization=organization)
    logger.info("%s organization=%s from=%s to=%s", action, organization.pk, from_state, to_state)
    return organization


@transaction.atomic
def organization_request_verification(*, organization: Organization, actor: User) -> Organization:
    """unverified or rejected → pending. A vendor needs a business licence on file first."""
    organization = organization_locked(organization)
    if organization.verification_status in (VerificationStatus.UNVERIFIED, VerificationStatus.REJECTED):
        # A claimed listed organisation may still lack what registration requires.
        organization_validate(organization=Organization(**_identity_fields(organization)))
        documents = organization.documents.all()
        if (
            organization.is_vendor
            and not documents.filter(document_type=DocumentType.BUSINESS_LICENCE).exists()
        ):
            raise ValidationError(
                {
                    "documents": ValidationError(
                        "Upload your business licence before asking for verification.",
                        code="missing_business_licence",
                    )
                }
            )
        if not organization.is_vendor and not documents.exists():
            raise ValidationError(
                {
                    "documents": ValidationError(
                        "Upload a document that shows who you are before asking for verification.",
                        code="missing_documents",
                    )
                }
            )
    return verification_transition(
        organization=organization,
        actor=actor,
        action="organization.verification_requested",
        allowed_from=(VerificationStatus.UNVERIFIED, VerificationStatus.REJECTED),
        to_state=VerificationStatus.PENDING,
    )


@transaction.atomic
def organization_verify(*, organization: Organization, actor: User) -> Organization:
    """pending → verified (staff)."""
    return verification_transition(
        organization=organization_locked(organization),
        actor=actor,
        action="organization.verified",
        allowed_from=(VerificationStatus.PENDING,),
        to_state=VerificationStatus.VERIFIED,
    )


@transaction.atomic
def organization_verify_buyer(*, organization: Organization, actor: User, reason: str) -> Organization:
    """unverified or pending → verified, for a buyer staff vouch for in the step that approves an
    introduction to it (staff only); a rejected buyer must go through review again (409)."""
    organization = organization_locked(organization)
    if organization.kind != OrganizationKind.BUYER:
        raise Conflict("Only a buyer can be verified this way.")
    return verification_transition(
        organization=organization,
        actor=actor,
        action="organization.verified",
        allowed_from=(VerificationStatus.UNVERIFIED, VerificationStatus.PENDING),
        to_state=VerificationStatus.VERIFIED,
        reason=reason,
    )


@transaction.atomic
def organization_reject(*, organization: Organization, actor: User, reason: str) -> Organization:
    """pending or verified → rejected, with the reason the organisation will see (staff)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ValidationError("Say why it is rejected.", code="required")})
    return verification_transition(
        organization=organization_locked(organization),
        actor=actor,
        action="organization.rejected",
        allowed_from=(VerificationStatus.PENDING, VerificationStatus.VERIFIED),
        to_state=VerificationStatus.REJECTED,
        reason=reason,
    )
