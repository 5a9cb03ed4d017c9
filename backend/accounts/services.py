from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from audit.services import audit_record
from organizations.models import Contact, Organization, OrganizationKind
from organizations.services import organization_changed, organization_validate


@transaction.atomic
def organization_register(
    *,
    email: str,
    password: str,
    full_name: str,
    kind: str,
    organization_name: str,
    country: str,
    buyer_type: str = "",
    city: str = "",
    registration_id: str = "",
    legal_names: dict[str, str] | None = None,
    phone: str = "",
    language: str = "en",
) -> User:
    """Create an organisation, its first user and its first contact in one step."""
    organization = Organization(
        kind=kind,
        buyer_type=buyer_type if kind == OrganizationKind.BUYER else "",
        name=organization_name,
        legal_names=legal_names or {},
        country=country,
        city=city,
        registration_id=registration_id,
    )
    organization_validate(organization=organization)
    user = User(username=email.lower(), email=email.lower(), first_name=full_name[:150], language=language)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.error_list}) from exc
    organization.save()
    user.organization = organization
    user.set_password(password)
    user.save()
    Contact.objects.create(organization=organization, name=full_name, email=email.lower(), phone=phone)
    audit_record(actor=user, action="organization.registered", target=organization, to_state="unverified")
    organization_changed(organization=organization)
    return user


def user_public_profile(*, user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.first_name,
        "role": user.role,
        "organization_id": user.organization_id,
        "language": user.language,
    }
