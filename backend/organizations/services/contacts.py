"""Writes for an organisation's contacts (shown to the other party only inside an approved introduction)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from audit.services import audit_record
from organizations.models import (
    Contact,
    Organization,
)

CONTACT_FIELDS = ("name", "role", "email", "phone", "wechat", "whatsapp")


def _contact_validate(contact: Contact) -> None:
    try:
        contact.full_clean(exclude=["organization"], validate_unique=False)
    except ValidationError as exc:
        raise ValidationError(exc.error_dict) from exc


@transaction.atomic
def contact_create(*, organization: Organization, actor: User, data: dict[str, Any]) -> Contact:
    contact = Contact(organization=organization, **{key: data[key] for key in CONTACT_FIELDS if key in data})
    _contact_validate(contact)
    contact.save()
    audit_record(actor=actor, action="contact.created", target=organization, data={"contact_id": contact.pk})
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, actor: User, data: dict[str, Any]) -> Contact:
    changed = [field for field in CONTACT_FIELDS if field in data and getattr(contact, field) != data[field]]
    for field in changed:
        setattr(contact, field, data[field])
    _contact_validate(contact)
    if changed:
        contact.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor,
            action="contact.updated",
            target=contact.organization,
            data={"contact_id": contact.pk, "fields": changed},
        )
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact, actor: User) -> None:
    organization = contact.organization
    contact_id = contact.pk
    contact.delete()
    audit_record(actor=actor, action="contact.deleted", target=organization, data={"contact_id": contact_id})


# Documents ----------------------------------------------------------------------------------------
