"""The checks of a certificate's fields before it is stored: what a certificate needs (number,
issuer, validity in order and current) and its standards, markets and products resolved, with
every error named by its field."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q

from organizations.models import DocumentType, Organization
from reference.models import Market, Standard
from reference.selectors import standards_by_code

CERTIFICATE_REQUIRED_FIELDS = ("number", "issuer", "valid_from", "valid_until")


def _field_error(field: str, message: str, code: str, **params: object) -> dict[str, list[ValidationError]]:
    return {field: [ValidationError(message, code=code, params=params or None)]}


def _resolve_standards(items: Sequence[str]) -> list[Standard]:
    """Standards by code (EN 14683, case and spaces ignored) or by id; every item must exist."""
    wanted = [item.strip() for item in items if item.strip()]
    ids = [int(item) for item in wanted if item.isdigit()]
    by_id = {standard.pk: standard for standard in Standard.objects.filter(pk__in=ids)}
    by_code, unknown = standards_by_code(
        codes=[item for item in wanted if not (item.isdigit() and int(item) in by_id)]
    )
    found = list({standard.pk: standard for standard in [*by_id.values(), *by_code]}.values())
    if unknown:
        raise ValidationError(
            _field_error(
                "standards",
                "Unknown standards: %(items)s.",
                "unknown_standard",
                items=", ".join(unknown),
            )
        )
    return found


def _resolve_markets(items: Sequence[str]) -> list[Market]:
    """Markets by code, case-insensitively; every code must exist."""
    wanted = [item.strip() for item in items if item.strip()]
    if not wanted:
        return []
    query = Q()
    for code in wanted:
        query |= Q(code__iexact=code)
    found = list(Market.objects.filter(query))
    known = {market.code.upper() for market in found}
    unknown = [code for code in wanted if code.upper() not in known]
    if unknown:
        raise ValidationError(
            _field_error("markets", "Unknown markets: %(items)s.", "unknown_market", items=", ".join(unknown))
        )
    return found


def _resolve_products(*, organization: Organization, ids: Sequence[int]) -> list[int]:
    """Ids of the organisation's own products; any other id (another vendor's, or none) is an error.

    Read through the reverse relation: the catalogue sits above organisations, which import none of it.
    """
    wanted = sorted(set(ids))
    found = list(organization.products.filter(pk__in=wanted).values_list("pk", flat=True))
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise ValidationError(
            _field_error(
                "products",
                "These are not your organisation's products: %(items)s.",
                "not_own_product",
                items=", ".join(str(item) for item in missing),
            )
        )
    return found


def certificate_validate(
    *,
    document_type: str,
    values: dict[str, Any],
    check_expiry: bool,
    today: datetime.date,
) -> None:
    """Certificates need number, issuer and validity; dates must be in order and current."""
    errors: dict[str, list[ValidationError]] = {}
    if document_type == DocumentType.CERTIFICATE:
        for field in CERTIFICATE_REQUIRED_FIELDS:
            if values.get(field) in (None, ""):
                errors.update(_field_error(field, "A certificate needs this field.", "required"))
    else:
        for field in ("standards", "markets", "products"):
            if values.get(field):
                errors.update(
                    _field_error(
                        field,
                        "Only a certificate covers standards, markets or products.",
                        "not_a_certificate",
                    )
                )
    valid_from, valid_until = values.get("valid_from"), values.get("valid_until")
    if valid_from is not None and valid_until is not None and valid_from >= valid_until:
        errors.update(
            _field_error(
                "valid_until", "The end of validity must come after its start.", "invalid_date_range"
            )
        )
    elif (
        document_type == DocumentType.CERTIFICATE
        and check_expiry
        and valid_until is not None
        and valid_until < today
    ):
        errors.update(
            _field_error(
                "valid_until",
                "This certificate expired on %(date)s; upload a current one.",
                "certificate_expired",
                date=valid_until.isoformat(),
            )
        )
    if errors:
        raise ValidationError(errors)


def certificate_links(
    *, organization: Organization, values: dict[str, Any]
) -> tuple[list[Standard] | None, list[Market] | None, list[int] | None]:
    """Resolve the list fields present in ``values``; None where a field was not given."""
    errors: dict[str, list[ValidationError]] = {}
    standards: list[Standard] | None = None
    markets: list[Market] | None = None
    products: list[int] | None = None
    try:
        if values.get("standards") is not None:
            standards = _resolve_standards(values["standards"])
    except ValidationError as exc:
        errors.update(exc.error_dict)
    try:
        if values.get("markets") is not None:
            markets = _resolve_markets(values["markets"])
    except ValidationError as exc:
        errors.update(exc.error_dict)
    try:
        if values.get("products") is not None:
            products = _resolve_products(organization=organization, ids=values["products"])
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    return standards, markets, products
