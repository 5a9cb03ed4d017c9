"""Registration: an organisation, its first user and its first contact, created in one step.

It lives with organisations (not accounts) because it creates an organisation: accounts, the
users, stand below organisations and import nothing of them.
"""

from collections.abc import Mapping

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from accounts.services import email_confirmation_request, registration_attempt_notify
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
) -> User | None:
    """Create an organisation, its first user and its first contact in one step.

    The new user cannot sign in until it opens the link e-mailed to its address. An address that
    already has an account creates nothing and returns None: its owner is e-mailed instead (sign
    in, or reset the password; or the confirmation link again if it never confirmed), and the
    caller answers as for a new account, so that registering never tells whether an address is
    registered. Everything
    else is validated first, the same way in both cases.
    """
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
    # Inactive until the address is confirmed (accounts.services.email_confirmation_request).
    user = User(
        username=email.lower(),
        email=email.lower(),
        first_name=full_name[:150],
        language=language,
        is_active=False,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.error_list}) from exc
    existing = User.objects.filter(username=user.username).first()
    if existing is not None:
        registration_attempt_notify(user=existing)
        return None
    try:
        with transaction.atomic():
            organization.save()
            user.organization = organization
            user.set_password(password)
            user.save()
    except IntegrityError:
        # A concurrent registration of the same address won the race.
        existing = User.objects.filter(username=user.username).first()
        if existing is None:
            raise
        registration_attempt_notify(user=existing)
        return None
    Contact.objects.create(organization=organization, name=full_name, email=email.lower(), phone=phone)
    audit_record(actor=user, action="organization.registered", target=organization, to_state="unverified")
    organization_changed(organization=organization)
    email_confirmation_request(user=user)
    return user


# What registration checks beyond each field's own format (see organization_register_errors).
REGISTER_RULE_FIELDS = ("buyer_type", "registration_id", "password")


def organization_register_errors(*, data: object) -> dict[str, list[ValidationError]]:
    """The errors organization_register would raise for the rules across fields (a buyer's type,
    a Chinese vendor's USCC, password strength), checked on raw input whose format is wrong
    elsewhere, so that a form hears about every wrong field in one answer. Only the fields of
    REGISTER_RULE_FIELDS are reported; the caller's format errors take precedence."""
    if not isinstance(data, Mapping):
        return {}

    def text(name: str) -> str:
        value = data.get(name)
        return value.strip() if isinstance(value, str) else ""

    kind = text("kind")
    organization = Organization(
        kind=kind,
        buyer_type=text("buyer_type") if kind == OrganizationKind.BUYER else "",
        name=text("organization_name"),
        country=text("country").upper(),
        registration_id=text("registration_id"),
    )
    errors: dict[str, list[ValidationError]] = {}
    try:
        organization_validate(organization=organization)
    except ValidationError as exc:
        errors.update({key: list(value) for key, value in exc.error_dict.items()})
    password = data.get("password")
    if isinstance(password, str) and password:
        email = text("email").lower()
        try:
            validate_password(password, User(username=email, email=email, first_name=text("full_name")))
        except ValidationError as exc:
            errors["password"] = list(exc.error_list)
    return {key: value for key, value in errors.items() if key in REGISTER_RULE_FIELDS}
