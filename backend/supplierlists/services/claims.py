"""Claim invitations: invite listed vendors to claim their profiles (e-mail by a worker),
and the claim itself, which makes the invited person the organisation's first member.
"""

import datetime
import hashlib
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record
from core.validators import coded_error
from organizations.models import (
    Organization,
)
from organizations.services import organization_changed
from supplierlists.models import (
    ClaimInvitation,
    InvitationStatus,
)
from supplierlists.services.workers import CLAIM_INVITATION_TASK, supplier_list_work_enqueue

logger = logging.getLogger("supplierlists")


@dataclass(frozen=True)
class InvitationRefused:
    organization_id: int
    code: str
    message: str


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _invitation_language(organization: Organization) -> str:
    source = organization.sources.order_by("-id").first()
    language = str((source.data or {}).get("language") or "") if source else ""
    from supplierlists.cleaning import COUNTRY_LANGUAGES

    return language or COUNTRY_LANGUAGES.get(organization.country, "en")


@transaction.atomic
def claim_invitations_create(
    *, organization_ids: Sequence[int], actor: User, email: str = ""
) -> tuple[list[ClaimInvitation], list[InvitationRefused]]:
    """Invite listed vendors to claim their profiles; the e-mails are sent by a worker after commit.

    ``email`` (one organisation only) overrides the address; otherwise the first contact's is used.
    A new invitation replaces the organisation's earlier ones.
    """
    organizations = {
        o.pk: o for o in Organization.objects.select_for_update().filter(pk__in=list(organization_ids))
    }
    invitations: list[ClaimInvitation] = []
    refused: list[InvitationRefused] = []
    for organization_id in dict.fromkeys(organization_ids):
        organization = organizations.get(organization_id)
        if organization is None:
            refused.append(InvitationRefused(organization_id, "not_found", "No such organisation."))
            continue
        if not organization.listed or organization.members.exists():
            refused.append(
                InvitationRefused(
                    organization_id,
                    "not_listed",
                    "Only a listed organisation nobody has claimed can be invited.",
                )
            )
            continue
        address = email.strip().casefold() or next(
            (c.email for c in organization.contacts.order_by("id") if c.email), ""
        )
        if not address:
            refused.append(
                InvitationRefused(
                    organization_id, "no_email", "The organisation has no e-mail address; give one."
                )
            )
            continue
        ClaimInvitation.objects.filter(
            organization=organization, status__in=(InvitationStatus.QUEUED, InvitationStatus.SENT)
        ).update(status=InvitationStatus.REVOKED, updated_at=timezone.now())
        invitation = ClaimInvitation.objects.create(
            organization=organization,
            email=address,
            language=_invitation_language(organization),
            invited_by=actor,
        )
        audit_record(
            actor=actor,
            action="organization.claim_invited",
            target=organization,
            data={"invitation": invitation.pk, "email": address, "language": invitation.language},
        )
        transaction.on_commit(partial(supplier_list_work_enqueue, CLAIM_INVITATION_TASK, invitation.pk))
        invitations.append(invitation)
    return invitations, refused


def claim_invitation_send(*, invitation_id: int) -> bool:
    """Make the link and send the e-mail; False when it was sent (or replaced) already."""
    from supplierlists.emails import claim_email

    with transaction.atomic():
        invitation = (
            ClaimInvitation.objects.select_for_update().select_related("organization").get(pk=invitation_id)
        )
        if invitation.status != InvitationStatus.QUEUED:
            return False
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        invitation.token_hash = _token_hash(token)
        invitation.sent_at = now
        invitation.expires_at = now + datetime.timedelta(days=settings.MEDMATCH_CLAIM_INVITE_DAYS)
        invitation.status = InvitationStatus.SENT
        invitation.save(update_fields=["token_hash", "sent_at", "expires_at", "status", "updated_at"])
        # Sent inside the transaction: if sending fails, the invitation stays queued and is retried.
        claim_email(invitation=invitation, token=token).send()
    logger.info(
        "supplierlists.invitation_sent invitation=%s organization=%s",
        invitation.pk,
        invitation.organization_id,
    )
    return True


def claim_invitation_for_token(*, token: str) -> ClaimInvitation:
    """The sent, unexpired invitation of ``token``; ValidationError on the token field otherwise."""
    invitation = (
        ClaimInvitation.objects.select_related("organization").filter(token_hash=_token_hash(token)).first()
        if token
        else None
    )
    if invitation is None or invitation.status in (InvitationStatus.QUEUED, InvitationStatus.REVOKED):
        raise ValidationError(
            {"token": coded_error("This link is not valid; ask for a new invitation.", "invalid_token")}
        )
    if invitation.status == InvitationStatus.CLAIMED:
        raise ValidationError(
            {"token": coded_error("This link has been used already; sign in instead.", "used_token")}
        )
    if invitation.expires_at is None or invitation.expires_at <= timezone.now():
        raise ValidationError(
            {"token": coded_error("This link has expired; ask for a new invitation.", "expired_token")}
        )
    return invitation


@transaction.atomic
def organization_claim(*, token: str, password: str, full_name: str) -> User:
    """Use an invitation: create the user (a member of the organisation) with its password. Single use."""
    invitation = claim_invitation_for_token(token=token)
    invitation = ClaimInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.SENT:
        raise ValidationError(
            {"token": coded_error("This link has been used already; sign in instead.", "used_token")}
        )
    organization = Organization.objects.select_for_update().get(pk=invitation.organization_id)
    if not organization.listed:
        raise ValidationError(
            {"token": coded_error("This organisation has been claimed already.", "already_claimed")}
        )
    email = invitation.email.casefold()
    if User.objects.filter(username=email).exists():
        raise ValidationError(
            {
                "email": coded_error(
                    "An account with this e-mail exists; sign in and contact staff.", "email_taken"
                )
            }
        )
    user = User(
        username=email,
        email=email,
        first_name=full_name.strip()[:150],
        language=invitation.language,
        organization=organization,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.error_list}) from exc
    user.set_password(password)
    user.save()
    now = timezone.now()
    invitation.status, invitation.claimed_at, invitation.claimed_by = InvitationStatus.CLAIMED, now, user
    invitation.save(update_fields=["status", "claimed_at", "claimed_by", "updated_at"])
    organization.listed = False
    organization.save(update_fields=["listed", "updated_at"])
    audit_record(
        actor=user,
        action="organization.claimed",
        target=organization,
        from_state="listed",
        to_state=organization.verification_status,
        data={"invitation": invitation.pk, "email": email},
    )
    organization_changed(organization=organization)
    logger.info("supplierlists.claimed organization=%s user=%s", organization.pk, user.pk)
    return user
