from django.core.exceptions import ValidationError

from core.validators import validate_uscc
from organizations.models import Organization, OrganizationKind
from outbox.services import outbox_record


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
    if organization.country == "CN" and organization.kind == OrganizationKind.VENDOR:
        if not organization.registration_id:
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
