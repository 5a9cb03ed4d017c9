"""Reads for organisations. Visibility rules live here, not in the views.

- Staff see every organisation.
- Everyone else sees the public directory (verified vendors), and a member also sees their own
  organisation.
- Contacts, documents and the audit trail are for the organisation's own members and staff only.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from audit.models import AuditEvent
from audit.selectors import audit_trail
from core.permissions import is_staff, member_kind, member_organization_id
from organizations.models import Contact, Document, Organization, OrganizationKind


def organization_list(*, user: Any) -> QuerySet[Organization]:
    """The organisations ``user`` may see (``user`` may be anonymous)."""
    if is_staff(user):
        return Organization.objects.all()
    own_id = member_organization_id(user)
    visible = Q(pk__in=Organization.objects.public().values("pk"))
    if own_id is not None:
        visible |= Q(pk=own_id)
    return Organization.objects.filter(visible)


def organization_get(*, user: Any, organization_id: int) -> Organization:
    """One organisation ``user`` may see; Http404 for one that does not exist or is hidden."""
    organization: Organization = get_object_or_404(
        organization_list(user=user).prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.order_by("id"))
        ),
        pk=organization_id,
    )
    return organization


def organization_get_managed(*, user: Any, organization_id: int) -> Organization:
    """The organisation, if ``user`` is one of its members or staff.

    Http404 if the user may not even see it, PermissionDenied if they may see only its public profile.
    """
    organization = organization_get(user=user, organization_id=organization_id)
    if not organization_is_managed_by(organization=organization, user=user):
        raise PermissionDenied("Only the organisation's own members and staff can do this.")
    return organization


def organization_is_managed_by(*, organization: Organization, user: Any) -> bool:
    """Staff and the organisation's own members may see its private details and change it."""
    return is_staff(user) or organization_is_own(organization=organization, user=user)


def organization_is_own(*, organization: Organization, user: Any) -> bool:
    return member_organization_id(user) == organization.pk


def contact_list(*, organization: Organization) -> QuerySet[Contact]:
    return Contact.objects.filter(organization=organization)


def contact_get(*, organization: Organization, contact_id: int) -> Contact:
    contact: Contact = get_object_or_404(contact_list(organization=organization), pk=contact_id)
    return contact


def document_list(*, organization: Organization) -> QuerySet[Document]:
    return (
        Document.objects.filter(organization=organization)
        .select_related("organization")
        .prefetch_related("standards", "markets", "products")
    )


def document_get(*, organization: Organization, document_id: int) -> Document:
    document: Document = get_object_or_404(document_list(organization=organization), pk=document_id)
    return document


def organization_audit_trail(*, organization: Organization) -> QuerySet[AuditEvent]:
    """Events recorded against the organisation (workflow, profile, contacts, documents), newest first."""
    return audit_trail(target=organization)


def organization_acting_for(*, user: Any, organization_id: int | None, kind: str, field: str) -> Organization:
    """The organisation a write is for: the one rule every app applies (products, requests, imports).

    A member acts for its own organisation, which must be of ``kind`` (else 403); naming another
    in ``field`` is a 400 ``not_allowed`` on that field. Staff name the organisation in ``field``
    (400 ``required`` without one, unless they belong to an organisation of ``kind``; 400
    ``does_not_exist`` for an unknown id).
    """
    noun = OrganizationKind(kind).label.lower()
    if not is_staff(user):
        own_id = member_organization_id(user)
        if own_id is None or member_kind(user) != kind:
            raise PermissionDenied(f"Only {noun} members (or staff) can do this.")
        if organization_id is not None and organization_id != own_id:
            raise ValidationError(
                {field: ValidationError("Members act for their own organisation only.", code="not_allowed")}
            )
        return Organization.objects.get(pk=own_id)
    if organization_id is None:
        own_id = member_organization_id(user)
        if own_id is not None and member_kind(user) == kind:
            return Organization.objects.get(pk=own_id)
        raise ValidationError({field: ValidationError(f"Say which {noun} this is for.", code="required")})
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        raise ValidationError(
            {
                field: ValidationError(
                    "There is no organisation with id %(id)s.",
                    code="does_not_exist",
                    params={"id": organization_id},
                )
            }
        )
    return organization
