"""A purchase request's values checked as a whole, the same way whether they come from the
API or from a spreadsheet row, so both report the same error codes; and the guards every
write of a request passes (a buyer, a creatable status, an editable request).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Mapping
from functools import partial

from django.core.exceptions import ValidationError
from django.utils import timezone

from core.exceptions import Conflict
from core.validators import (
    LANGUAGE_TAG,
    coded_error,
    validate_country,
    validate_currency,
    validate_incoterm,
)
from organizations.models import Organization, OrganizationKind
from purchasing.models import (
    PurchaseRequest,
    RequestStatus,
    end_user_key,
)
from purchasing.services.coercion import (
    TEXT_LIMITS,
    to_code,
    to_date,
    to_language,
    to_price,
    to_quantity,
    to_text,
)
from purchasing.services.lookups import Lookups
from reference.models import Standard

# Statuses a request may be created in, edited in, and ignored by duplicate detection in.
CREATE_STATUSES = (RequestStatus.DRAFT, RequestStatus.OPEN)
EDITABLE_STATUSES = (RequestStatus.DRAFT, RequestStatus.OPEN)


REQUEST_FIELDS = (
    "title",
    "description",
    "language",
    "category",
    "end_user",
    "quantity",
    "unit",
    "required_standards",
    "destination_country",
    "target_unit_price",
    "currency",
    "needed_by",
    "incoterm",
)
# The title is always required, which also satisfies "a category or some text".
REQUIRED_FIELDS = ("title", "quantity", "destination_country")


# Free text keeps its line breaks; the other text fields are one line.
MULTILINE_FIELDS = frozenset({"description"})
DEFAULT_UNIT = "piece"


FieldErrors = defaultdict[str, list[ValidationError]]
NULLABLE_FIELDS = ("target_unit_price", "needed_by", "category", "quantity")


def _set_values(
    *, purchase_request: PurchaseRequest, values: Mapping[str, object], lookups: Lookups, errors: FieldErrors
) -> list[Standard] | None:
    """Coerce each given value onto the request; returns the standards when given."""
    converters: dict[str, Callable[[object], object]] = {
        **{
            name: partial(to_text, max_length=limit, multiline=name in MULTILINE_FIELDS)
            for name, limit in TEXT_LIMITS.items()
        },
        "language": to_language,
        "quantity": to_quantity,
        "target_unit_price": to_price,
        "needed_by": to_date,
        "destination_country": to_code,
        "currency": to_code,
        "incoterm": to_code,
        "category": lookups.category,
    }
    for name, convert in converters.items():
        if name not in values:
            continue
        raw = values[name]
        try:
            converted = None if raw in (None, "") else convert(raw)
        except ValidationError as exc:
            errors[name].extend(exc.error_list)
            continue
        if converted is None and name not in NULLABLE_FIELDS:
            converted = ""
        setattr(purchase_request, name, converted)
    if not purchase_request.unit and "unit" not in errors:
        purchase_request.unit = DEFAULT_UNIT
    purchase_request.end_user_key = end_user_key(purchase_request.end_user)

    standards: list[Standard] | None = None
    if "required_standards" in values:
        try:
            standards = lookups.standards(values["required_standards"])
        except ValidationError as exc:
            errors["required_standards"].extend(exc.error_list)
    return standards


def _validate_language(value: str) -> None:
    if value and not LANGUAGE_TAG.match(value):
        raise coded_error(
            "“%(value)s” is not a language tag (e.g. en, zh, fr, es, ru, ar).",
            "invalid_language",
            value=value,
        )


def _check_rules(
    *,
    purchase_request: PurchaseRequest,
    values: Mapping[str, object],
    creating: bool,
    previous_needed_by: datetime.date | None,
    errors: FieldErrors,
) -> None:
    """The rules on the coerced values; fields that already failed are not checked again."""
    for name in REQUIRED_FIELDS:
        missing = getattr(purchase_request, name) in (None, "")
        if missing and name not in errors and (creating or name in values):
            errors[name].append(coded_error("This field is required.", "required"))
    checks: tuple[tuple[str, Callable[[str], None]], ...] = (
        ("language", _validate_language),
        ("destination_country", validate_country),
        ("currency", validate_currency),
        ("incoterm", validate_incoterm),
    )
    for name, validate in checks:
        current = getattr(purchase_request, name)
        if current and name not in errors:
            try:
                validate(current)
            except ValidationError as exc:
                errors[name].extend(exc.error_list)
    price = purchase_request.target_unit_price
    if price is not None and not purchase_request.currency and "currency" not in errors:
        errors["currency"].append(coded_error("Say which currency the target unit price is in.", "required"))
    needed_by = purchase_request.needed_by
    if (
        "needed_by" in values
        and "needed_by" not in errors
        and needed_by is not None
        and needed_by != previous_needed_by
        and needed_by < timezone.localdate()
    ):
        errors["needed_by"].append(
            coded_error(
                "The needed-by date %(value)s is in the past.", "date_in_past", value=needed_by.isoformat()
            )
        )


def purchase_request_apply(
    *, purchase_request: PurchaseRequest, values: Mapping[str, object], lookups: Lookups, creating: bool
) -> list[Standard] | None:
    """Coerce and validate ``values`` onto the unsaved ``purchase_request``.

    Fields absent from ``values`` keep their current value (defaults when creating).
    Returns the required standards when given (None when not), or raises one
    ValidationError naming every wrong field.
    """
    unexpected = set(values) - set(REQUEST_FIELDS)
    if unexpected:
        raise TypeError(f"unexpected purchase request fields: {sorted(unexpected)}")
    errors: FieldErrors = defaultdict(list)
    previous_needed_by = None if creating else purchase_request.needed_by
    standards = _set_values(purchase_request=purchase_request, values=values, lookups=lookups, errors=errors)
    _check_rules(
        purchase_request=purchase_request,
        values=values,
        creating=creating,
        previous_needed_by=previous_needed_by,
        errors=errors,
    )
    if errors:
        raise ValidationError(dict(errors))
    # A safety net for the model's own validators; the foreign keys were looked up
    # above, and checking them again would cost a query per spreadsheet row.
    purchase_request.full_clean(
        exclude=["buyer", "category", "created_by", "import_batch"],
        validate_unique=False,
        validate_constraints=False,
    )
    return standards


def ensure_buyer(*, buyer: Organization) -> None:
    if buyer.kind != OrganizationKind.BUYER:
        raise ValidationError(
            {"buyer": coded_error("%(name)s is not a buyer organisation.", "not_a_buyer", name=buyer.name)}
        )


def ensure_create_status(*, status: str) -> None:
    if status not in CREATE_STATUSES:
        raise ValidationError(
            {
                "status": coded_error(
                    "A new request is either draft or open, not %(value)s.", "invalid_choice", value=status
                )
            }
        )


def ensure_editable(*, purchase_request: PurchaseRequest) -> None:
    if purchase_request.status not in EDITABLE_STATUSES:
        raise Conflict(
            f"Request #{purchase_request.pk} is {purchase_request.status}; only draft and open requests "
            "can be changed."
        )


BuiltRequest = tuple[PurchaseRequest, list[Standard] | None]
