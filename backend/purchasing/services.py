"""Writes for purchase requests: create, edit, lifecycle, spreadsheet import, duplicates.

Every request goes through ``_purchase_request_apply``, whether it comes from the
API or from a spreadsheet row, so both are validated by the same code and report
the same error codes.
"""

import datetime
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import DecimalValidator, MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record
from core.exceptions import Conflict
from core.imports import upload_file_name, validation_error_items
from core.validators import (
    LANGUAGE_TAG,
    MAX_TEXT_LENGTH,
    normalize_code,
    normalize_language_tag,
    validate_country,
    validate_currency,
    validate_incoterm,
)
from organizations.models import Organization, OrganizationKind
from outbox.models import OutboxOperation
from outbox.services import outbox_record
from purchasing.importers import STANDARDS_SEPARATOR, Cell, spreadsheet_parse
from purchasing.models import (
    REQUEST_TRANSITIONS,
    DuplicateFlag,
    DuplicateStatus,
    ImportBatch,
    ImportJob,
    ImportJobStatus,
    PurchaseRequest,
    RequestStatus,
    end_user_key,
)
from reference.models import Category, Standard

logger = logging.getLogger("purchasing")

OUTBOX_ENTITY = "request"
# Statuses a request may be created in, edited in, and ignored by duplicate detection in.
CREATE_STATUSES = (RequestStatus.DRAFT, RequestStatus.OPEN)
EDITABLE_STATUSES = (RequestStatus.DRAFT, RequestStatus.OPEN)
INACTIVE_STATUSES = (RequestStatus.CLOSED, RequestStatus.EXPIRED)
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
TEXT_LIMITS = {"title": 255, "description": MAX_TEXT_LENGTH, "language": 8, "end_user": 255, "unit": 32}
# Free text keeps its line breaks; the other text fields are one line.
MULTILINE_FIELDS = frozenset({"description"})
DEFAULT_UNIT = "piece"
MAX_QUANTITY = 2_147_483_647  # PositiveIntegerField on PostgreSQL
PRICE_DIGITS = DecimalValidator(max_digits=14, decimal_places=4)
INTEGER_TEXT = re.compile(r"^[+-]?\d+$")
DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# One new request is flagged against at most this many others (the most recent);
# beyond that a human cannot act on the flags anyway.
MAX_FLAGS_PER_REQUEST = 20
# Import jobs: progress is written every this many rows; a job queued this long is enqueued
# again by beat (the broker was down); a job whose worker died is retried this many times.
IMPORT_PROGRESS_EVERY = 100
IMPORT_REQUEUE_AFTER_SECONDS = 30
IMPORT_MAX_ATTEMPTS = 2
IMPORT_DRAIN_BATCH = 100


# --- coercion: values arrive as JSON types from the API and as cells from spreadsheets ---


def _error(message: str, code: str, **params: object) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def _to_text(value: object, *, max_length: int | None, multiline: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a text column of a workbook
    text = " ".join(str(value).split()) if max_length and not multiline else str(value).strip()
    ProhibitNullCharactersValidator()(text)
    if max_length is not None:
        MaxLengthValidator(max_length)(text)
    return text


def _to_quantity(value: object) -> int:
    invalid = _error(
        "Give the quantity as a whole number, e.g. 5000; “%(value)s” is not.", "invalid", value=value
    )
    if isinstance(value, bool):
        raise invalid
    if isinstance(value, int):
        number = value
    elif isinstance(value, float | Decimal):
        try:
            number = int(value)
        except (ValueError, OverflowError, InvalidOperation) as exc:
            raise invalid from exc
        if number != value:
            raise invalid
    elif isinstance(value, str) and INTEGER_TEXT.match(value.strip()):
        number = int(value.strip())
    else:
        raise invalid
    if number < 1:
        raise _error("The quantity must be at least 1.", "min_value", limit_value=1)
    if number > MAX_QUANTITY:
        raise _error("The quantity must be at most %(limit_value)s.", "max_value", limit_value=MAX_QUANTITY)
    return number


def _to_price(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _error("Give the price as a number, e.g. 0.12.", "invalid")
    try:
        price = Decimal(str(value).strip()) if isinstance(value, str | int | float | Decimal) else None
    except InvalidOperation:
        price = None
    if price is None or not price.is_finite():
        raise _error("Give the price as a number, e.g. 0.12; “%(value)s” is not.", "invalid", value=value)
    if price <= 0:
        raise _error("The target unit price must be greater than 0.", "min_value", limit_value=0)
    # 0.12000 is 0.12: trailing zeros do not count against the four decimal places.
    price = price.normalize()
    PRICE_DIGITS(price)
    return price


def _to_date(value: object) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and DATE_TEXT.match(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _error("Give the date as YYYY-MM-DD, e.g. 2020-04-30; “%(value)s” is not.", "invalid", value=value)


def _to_code(value: object) -> str:
    return str(normalize_code(_to_text(value, max_length=None)))


def _to_language(value: object) -> str:
    return str(normalize_language_tag(_to_text(value, max_length=TEXT_LIMITS["language"])))


def _standard_key(code: str) -> str:
    return " ".join(code.split()).casefold()


def _hs_key(code: str) -> str:
    """'6307.90', '6307.9' and '630790' are one HS code; a workbook may store it as a number."""
    return re.sub(r"\D", "", code).rstrip("0")


class _Lookups:
    """Categories and standards, loaded once per call (both tables are small reference data)."""

    def __init__(self) -> None:
        self._categories: list[Category] | None = None
        self._standards: dict[str, Standard] | None = None

    def categories(self) -> list[Category]:
        if self._categories is None:
            self._categories = list(Category.objects.all())
        return self._categories

    def _ancestors(self, category: Category) -> list[int]:
        """Ids from the category up to its root."""
        parents = {item.pk: item.parent_id for item in self.categories()}
        chain: list[int] = []
        current: int | None = category.pk
        while current is not None and current not in chain:
            chain.append(current)
            current = parents.get(current)
        return chain

    def _broadest(self, matches: list[Category]) -> Category | None:
        """The one category an HS code names when several share it: the single shallowest
        match, else the closest category all matches descend from; None when neither exists."""
        chains = {match.pk: self._ancestors(match) for match in matches}
        depth = min(len(chain) for chain in chains.values())
        shallowest = [match for match in matches if len(chains[match.pk]) == depth]
        if len(shallowest) == 1:
            return shallowest[0]
        common = set.intersection(*(set(chain) for chain in chains.values()))
        by_id = {item.pk: item for item in self.categories()}
        for ancestor in chains[matches[0].pk]:
            if ancestor in common:
                return by_id[ancestor]
        return None

    def category(self, value: object) -> Category | None:
        """A category by id (API), or by slug or HS code (spreadsheets).

        An HS code (2017, or 2022 where the taxonomy records a different one) may be
        shared by several categories; it then means the broadest of them.
        """
        if value is None or value == "":
            return None
        if isinstance(value, Category):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            found = next((category for category in self.categories() if category.pk == value), None)
            if found is None:
                raise _error("There is no category with id %(value)s.", "unknown_category", value=value)
            return found
        text = _to_text(value, max_length=64)
        by_slug = [category for category in self.categories() if category.slug.casefold() == text.casefold()]
        if by_slug:
            return by_slug[0]
        key = _hs_key(text)
        by_hs = [
            category
            for category in self.categories()
            if key and key in {_hs_key(category.hs_code), _hs_key(getattr(category, "hs2022_code", "") or "")}
        ]
        if not by_hs:
            raise _error(
                "“%(value)s” is neither a category slug nor the HS code of a category.",
                "unknown_category",
                value=text,
            )
        broadest = by_hs[0] if len(by_hs) == 1 else self._broadest(by_hs)
        if broadest is None:
            raise _error(
                "HS code %(value)s covers unrelated categories (%(slugs)s); give the category's slug.",
                "ambiguous_category",
                value=text,
                slugs=", ".join(category.slug for category in by_hs),
            )
        return broadest

    def standards(self, value: object) -> list[Standard]:
        if self._standards is None:
            self._standards = {_standard_key(standard.code): standard for standard in Standard.objects.all()}
        if value is None or value == "":
            return []
        raw = value.split(STANDARDS_SEPARATOR) if isinstance(value, str) else value
        if not isinstance(raw, list | tuple):
            raise _error("Give the standards as a list of codes.", "invalid")
        codes = [_to_text(code, max_length=64) for code in raw]
        found: dict[int, Standard] = {}
        unknown: list[str] = []
        for code in codes:
            if not code:
                continue
            standard = self._standards.get(_standard_key(code))
            if standard is None:
                unknown.append(code)
            else:
                found[standard.pk] = standard
        if unknown:
            raise _error("Unknown standard code(s): %(codes)s.", "unknown_standard", codes=", ".join(unknown))
        return list(found.values())


FieldErrors = defaultdict[str, list[ValidationError]]
NULLABLE_FIELDS = ("target_unit_price", "needed_by", "category", "quantity")


def _set_values(
    *, purchase_request: PurchaseRequest, values: Mapping[str, object], lookups: _Lookups, errors: FieldErrors
) -> list[Standard] | None:
    """Coerce each given value onto the request; returns the standards when given."""
    converters: dict[str, Callable[[object], object]] = {
        **{
            name: partial(_to_text, max_length=limit, multiline=name in MULTILINE_FIELDS)
            for name, limit in TEXT_LIMITS.items()
        },
        "language": _to_language,
        "quantity": _to_quantity,
        "target_unit_price": _to_price,
        "needed_by": _to_date,
        "destination_country": _to_code,
        "currency": _to_code,
        "incoterm": _to_code,
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
        raise _error(
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
            errors[name].append(_error("This field is required.", "required"))
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
        errors["currency"].append(_error("Say which currency the target unit price is in.", "required"))
    needed_by = purchase_request.needed_by
    if (
        "needed_by" in values
        and "needed_by" not in errors
        and needed_by is not None
        and needed_by != previous_needed_by
        and needed_by < timezone.localdate()
    ):
        errors["needed_by"].append(
            _error(
                "The needed-by date %(value)s is in the past.", "date_in_past", value=needed_by.isoformat()
            )
        )


def _purchase_request_apply(
    *, purchase_request: PurchaseRequest, values: Mapping[str, object], lookups: _Lookups, creating: bool
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


def _ensure_buyer(*, buyer: Organization) -> None:
    if buyer.kind != OrganizationKind.BUYER:
        raise ValidationError(
            {"buyer": _error("%(name)s is not a buyer organisation.", "not_a_buyer", name=buyer.name)}
        )


def _ensure_create_status(*, status: str) -> None:
    if status not in CREATE_STATUSES:
        raise ValidationError(
            {
                "status": _error(
                    "A new request is either draft or open, not %(value)s.", "invalid_choice", value=status
                )
            }
        )


def _ensure_editable(*, purchase_request: PurchaseRequest) -> None:
    if purchase_request.status not in EDITABLE_STATUSES:
        raise Conflict(
            f"Request #{purchase_request.pk} is {purchase_request.status}; only draft and open requests "
            "can be changed."
        )


BuiltRequest = tuple[PurchaseRequest, list[Standard] | None]


def _purchase_requests_insert(*, built: Sequence[BuiltRequest]) -> list[PurchaseRequest]:
    """Save validated requests and their standards in a few queries; one outbox row each."""
    created = PurchaseRequest.objects.bulk_create(
        [purchase_request for purchase_request, _standards in built], batch_size=500
    )
    through = PurchaseRequest.required_standards.through
    through.objects.bulk_create(
        [
            through(purchaserequest_id=purchase_request.pk, standard_id=standard.pk)
            for purchase_request, standards in built
            for standard in standards or ()
        ],
        batch_size=1000,
    )
    for purchase_request in created:
        outbox_record(entity=OUTBOX_ENTITY, entity_id=purchase_request.pk)
    return created


@transaction.atomic
def purchase_request_create(
    *,
    buyer: Organization,
    actor: User | None,
    values: Mapping[str, object],
    status: str = RequestStatus.DRAFT,
) -> PurchaseRequest:
    """Create a request for ``buyer`` from API values (see REQUEST_FIELDS) and flag its duplicates."""
    _ensure_buyer(buyer=buyer)
    _ensure_create_status(status=status)
    purchase_request = PurchaseRequest(buyer=buyer, created_by=actor, status=status)
    standards = _purchase_request_apply(
        purchase_request=purchase_request, values=values, lookups=_Lookups(), creating=True
    )
    _purchase_requests_insert(built=[(purchase_request, standards)])
    audit_record(actor=actor, action="requests.created", target=purchase_request, to_state=status)
    duplicate_flags_detect(purchase_requests=[purchase_request])
    return purchase_request


@transaction.atomic
def purchase_request_update(
    *, purchase_request: PurchaseRequest, actor: User | None, values: Mapping[str, object]
) -> PurchaseRequest:
    """Change some fields of a draft or open request (409 otherwise); the status has its own service."""
    locked = PurchaseRequest.objects.select_for_update().get(pk=purchase_request.pk)
    _ensure_editable(purchase_request=locked)
    standards = _purchase_request_apply(
        purchase_request=locked, values=values, lookups=_Lookups(), creating=False
    )
    locked.save()
    if standards is not None:
        locked.required_standards.set(standards)
    audit_record(
        actor=actor,
        action="requests.updated",
        target=locked,
        from_state=locked.status,
        to_state=locked.status,
        data={"fields": sorted(values)},
    )
    outbox_record(entity=OUTBOX_ENTITY, entity_id=locked.pk)
    duplicate_flags_detect(purchase_requests=[locked])
    return locked


@transaction.atomic
def purchase_request_delete(*, purchase_request: PurchaseRequest, actor: User | None) -> None:
    """Delete a draft or open request (409 otherwise); later states are history and are closed instead."""
    locked = PurchaseRequest.objects.select_for_update().get(pk=purchase_request.pk)
    _ensure_editable(purchase_request=locked)
    audit_record(actor=actor, action="requests.deleted", target=locked, from_state=locked.status)
    outbox_record(entity=OUTBOX_ENTITY, entity_id=locked.pk, operation=OutboxOperation.DELETE)
    locked.delete()


@transaction.atomic
def purchase_request_transition(
    *, purchase_request: PurchaseRequest, actor: User | None, status: str, reason: str = ""
) -> PurchaseRequest:
    """Move the request along REQUEST_TRANSITIONS; any other move is a 400 ``invalid_transition``."""
    locked = PurchaseRequest.objects.select_for_update().get(pk=purchase_request.pk)
    allowed = sorted(REQUEST_TRANSITIONS.get(locked.status, set()))
    if status not in allowed:
        raise ValidationError(
            {
                "status": _error(
                    "A %(from)s request cannot become %(to)s; allowed: %(allowed)s.",
                    "invalid_transition",
                    **{"from": locked.status, "to": status, "allowed": ", ".join(allowed) or "none"},
                )
            }
        )
    from_state = locked.status
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="requests.transitioned",
        target=locked,
        from_state=from_state,
        to_state=status,
        reason=reason,
    )
    outbox_record(entity=OUTBOX_ENTITY, entity_id=locked.pk)
    return locked


# --- spreadsheet import ---


@dataclass(frozen=True)
class RowErrors:
    row: int
    errors: dict[str, list[ValidationError]]


class PurchaseRequestImportRejected(Exception):
    """Nothing was imported; ``file_errors`` concern the whole file, ``row_errors`` single rows."""

    def __init__(
        self, *, file_errors: Sequence[ValidationError] = (), row_errors: Sequence[RowErrors] = ()
    ) -> None:
        self.file_errors = list(file_errors)
        self.row_errors = list(row_errors)
        if self.row_errors:
            message = f"{len(self.row_errors)} row(s) have errors; nothing was imported."
        else:
            message = "The file cannot be imported; nothing was imported."
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ImportResult:
    batch: ImportBatch
    requests: list[PurchaseRequest]
    duplicate_flags: list[DuplicateFlag] = field(default_factory=list)


def _check_upload(*, file: UploadedFile) -> None:
    size = file.size or 0
    if size <= 0:
        raise PurchaseRequestImportRejected(file_errors=[_error("The file is empty.", "empty_file")])
    limit: int = settings.MEDMATCH_MAX_UPLOAD_BYTES
    if size > limit:
        raise PurchaseRequestImportRejected(
            file_errors=[
                _error(
                    "The file has %(size)s bytes; files may have at most %(limit)s.",
                    "file_too_large",
                    size=size,
                    limit=limit,
                )
            ]
        )


def _row_values(cells: Mapping[str, Cell]) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, cell in cells.items():
        if name == "category" and isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
            values[name] = str(cell)  # an HS code typed into a number cell, never a database id
        else:
            values[name] = cell
    return values


def purchase_requests_import(
    *,
    buyer: Organization,
    actor: User | None,
    content: bytes,
    filename: str,
    status: str = RequestStatus.OPEN,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Create one request per row of a CSV or XLSX file, all or nothing.

    Every row is validated like a request created through the API; if any row or the
    file itself is wrong, PurchaseRequestImportRejected reports all of it and nothing
    (no request, no batch) is created. ``progress(rows_done, rows_total)`` is called
    while rows are validated. Called by the worker (``purchase_request_import_run``),
    never in a web request: parsing is bounded, but not by a second.
    """
    _ensure_buyer(buyer=buyer)
    _ensure_create_status(status=status)
    if not content:
        raise PurchaseRequestImportRejected(file_errors=[_error("The file is empty.", "empty_file")])
    sheet = spreadsheet_parse(
        content=content,
        max_rows=settings.MEDMATCH_MAX_IMPORT_ROWS,
        max_seconds=settings.MEDMATCH_IMPORT_PARSE_SECONDS,
    )
    if sheet.errors:
        raise PurchaseRequestImportRejected(file_errors=sheet.errors)

    lookups = _Lookups()
    built: list[BuiltRequest] = []
    row_errors: list[RowErrors] = []
    total = len(sheet.rows)
    for done, row in enumerate(sheet.rows):
        if progress is not None and done % IMPORT_PROGRESS_EVERY == 0:
            progress(done, total)
        purchase_request = PurchaseRequest(buyer=buyer, created_by=actor, status=status)
        try:
            standards = _purchase_request_apply(
                purchase_request=purchase_request,
                values=_row_values(row.values),
                lookups=lookups,
                creating=True,
            )
        except ValidationError as exc:
            row_errors.append(
                RowErrors(row=row.number, errors={key: list(value) for key, value in exc.error_dict.items()})
            )
            continue
        built.append((purchase_request, standards))
    if progress is not None:
        progress(total, total)
    if row_errors:
        raise PurchaseRequestImportRejected(row_errors=row_errors)

    with transaction.atomic():
        batch = ImportBatch.objects.create(
            buyer=buyer, uploaded_by=actor, filename=upload_file_name(filename), row_count=len(built)
        )
        for purchase_request, _standards in built:
            purchase_request.import_batch = batch
        # One audit event for the batch (below); the requests point to it through import_batch.
        created = _purchase_requests_insert(built=built)
        flags = duplicate_flags_detect(purchase_requests=created)
        audit_record(
            actor=actor,
            action="requests.imported",
            target=batch,
            to_state=status,
            data={"row_count": len(created), "filename": batch.filename, "duplicate_flags": len(flags)},
        )
    logger.info(
        "purchasing.imported batch=%s buyer=%s rows=%s duplicates=%s",
        batch.pk,
        buyer.pk,
        len(created),
        len(flags),
    )
    return ImportResult(batch=batch, requests=created, duplicate_flags=flags)


# --- import jobs: the upload is stored in the request, read by a worker ---


def import_rejection_errors(rejected: PurchaseRequestImportRejected) -> list[dict[str, object]]:
    """The errors of a refused import as stored on the job: the file's under row null, column "file"."""
    errors: list[dict[str, object]] = []
    if rejected.file_errors:
        errors.append({"row": None, "errors": {"file": validation_error_items(rejected.file_errors)}})
    errors.extend(
        {
            "row": row.row,
            "errors": {name: validation_error_items(items) for name, items in row.errors.items()},
        }
        for row in rejected.row_errors
    )
    return errors


def _import_enqueue(*, job_id: int) -> None:
    from purchasing.tasks import import_run

    try:
        import_run.apply_async(args=(job_id,), retry=False)
    except Exception as exc:  # noqa: BLE001  any broker failure: beat's import_drain picks the job up
        logger.warning("purchasing.import_enqueue_failed job=%s error=%s", job_id, exc.__class__.__name__)


def purchase_request_import_submit(
    *, buyer: Organization, actor: User | None, file: UploadedFile, status: str = RequestStatus.OPEN
) -> ImportJob:
    """Store an uploaded spreadsheet as a queued job and enqueue its reading after the commit.

    Only what is cheap is checked here (who, the status, the size); the file is read by
    the worker. The stored name is derived from the job, never the client's name.
    """
    _ensure_buyer(buyer=buyer)
    _ensure_create_status(status=status)
    _check_upload(file=file)
    with transaction.atomic():
        file.seek(0)
        job = ImportJob.objects.create(
            buyer=buyer,
            uploaded_by=actor,
            filename=upload_file_name(file.name),
            request_status=status,
            content=file.read(settings.MEDMATCH_MAX_UPLOAD_BYTES),
        )
        transaction.on_commit(partial(_import_enqueue, job_id=job.pk))
    logger.info("purchasing.import_queued job=%s buyer=%s bytes=%s", job.pk, buyer.pk, file.size)
    return job


def _import_job_finish(
    *, job: ImportJob, status: str, message: str = "", errors: list[dict[str, object]] | None = None
) -> None:
    job.status = status
    job.message = message[:255]
    job.errors = errors or []
    job.finished_at = timezone.now()
    job.content = b""  # not needed once read
    job.save()


def purchase_request_import_run(*, job_id: int) -> ImportJob:
    """Read a queued job's file and create its requests (all or nothing). Safe to run twice.

    Only a queued job is claimed (queued → running in one UPDATE), so a duplicate delivery
    or a second drain does nothing; the job ends succeeded or failed with its errors.
    """
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.QUEUED).update(
        status=ImportJobStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    job = ImportJob.objects.select_related("buyer", "uploaded_by").get(pk=job_id)
    if not claimed:
        return job

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(rows_done=done, rows_total=total)

    content = bytes(job.content)
    try:
        result = purchase_requests_import(
            buyer=job.buyer,
            actor=job.uploaded_by,
            content=content,
            filename=job.filename,
            status=job.request_status,
            progress=progress,
        )
    except PurchaseRequestImportRejected as rejected:
        job.refresh_from_db(fields=["rows_done", "rows_total"])
        _import_job_finish(
            job=job,
            status=ImportJobStatus.FAILED,
            message=rejected.message,
            errors=import_rejection_errors(rejected),
        )
        logger.info("purchasing.import_refused job=%s errors=%s", job_id, len(job.errors))
        return job
    job.refresh_from_db(fields=["rows_done", "rows_total"])
    job.batch = result.batch
    job.created_ids = [purchase_request.pk for purchase_request in result.requests]
    _import_job_finish(job=job, status=ImportJobStatus.SUCCEEDED)
    return job


def purchase_request_import_timed_out(*, job_id: int) -> None:
    """The worker's time limit stopped the job: it fails with a file error, nothing was created."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportJobStatus.RUNNING:
        return
    rejected = PurchaseRequestImportRejected(
        file_errors=[_error("Reading the file took too long; split it into smaller files.", "parse_timeout")]
    )
    _import_job_finish(
        job=job,
        status=ImportJobStatus.FAILED,
        message=rejected.message,
        errors=import_rejection_errors(rejected),
    )


def purchase_request_imports_drain() -> dict[str, int]:
    """Beat: enqueue jobs left queued (broker down at upload), retry or fail jobs whose worker died."""
    now = timezone.now()
    queued_before = now - datetime.timedelta(seconds=IMPORT_REQUEUE_AFTER_SECONDS)
    stale_before = now - datetime.timedelta(seconds=2 * settings.MEDMATCH_IMPORT_PARSE_SECONDS + 60)
    stale = ImportJob.objects.filter(status=ImportJobStatus.RUNNING, started_at__lt=stale_before)
    failed = 0
    for job in stale.filter(attempts__gte=IMPORT_MAX_ATTEMPTS):
        rejected = PurchaseRequestImportRejected(
            file_errors=[_error("The file could not be read; try again or split it.", "import_failed")]
        )
        _import_job_finish(
            job=job,
            status=ImportJobStatus.FAILED,
            message=rejected.message,
            errors=import_rejection_errors(rejected),
        )
        failed += 1
    requeued = stale.filter(attempts__lt=IMPORT_MAX_ATTEMPTS).update(status=ImportJobStatus.QUEUED)
    waiting = list(
        ImportJob.objects.filter(status=ImportJobStatus.QUEUED, updated_at__lt=queued_before)
        .order_by("pk")
        .values_list("pk", flat=True)[:IMPORT_DRAIN_BATCH]
    )
    waiting_ids = set(waiting)
    if requeued:
        waiting_ids.update(
            ImportJob.objects.filter(status=ImportJobStatus.QUEUED, started_at__isnull=False).values_list(
                "pk", flat=True
            )[:IMPORT_DRAIN_BATCH]
        )
    for job_id in sorted(waiting_ids):
        _import_enqueue(job_id=job_id)
    return {"enqueued": len(waiting_ids), "requeued": requeued, "failed": failed}


# --- duplicates ---


def _window(purchase_request: PurchaseRequest) -> tuple[datetime.date, datetime.date | None]:
    return timezone.localdate(purchase_request.created_at), purchase_request.needed_by


def _windows_overlap(first: PurchaseRequest, second: PurchaseRequest) -> bool:
    first_start, first_end = _window(first)
    second_start, second_end = _window(second)
    return (first_end is None or second_start <= first_end) and (
        second_end is None or first_start <= second_end
    )


def _duplicate_reason(subject: PurchaseRequest, other: PurchaseRequest) -> str | None:
    if subject.category_id is None or subject.category_id != other.category_id:
        return None
    if not _windows_overlap(subject, other):
        return None
    if subject.buyer_id == other.buyer_id:
        return "Same buyer, same category, overlapping dates."
    if subject.end_user_key and subject.end_user_key == other.end_user_key:
        return f"Same end user ({subject.end_user}), same category, overlapping dates."[:255]
    return None


def duplicate_flags_detect(*, purchase_requests: Sequence[PurchaseRequest]) -> list[DuplicateFlag]:
    """Flag each request against other active requests that look like the same need.

    Same buyer or same end user (ignoring case and whitespace), same category and
    overlapping windows (created date to needed-by date, open-ended without one).
    The newer request of a pair is ``request``, the older ``duplicate_of``; a pair
    is flagged once, whichever way round. Returns the flags created.
    """
    subjects = [
        purchase_request
        for purchase_request in purchase_requests
        if purchase_request.category_id is not None and purchase_request.status not in INACTIVE_STATUSES
    ]
    if not subjects:
        return []
    keys = {subject.end_user_key for subject in subjects if subject.end_user_key}
    candidates = list(
        PurchaseRequest.objects.filter(category_id__in={subject.category_id for subject in subjects})
        .exclude(status__in=INACTIVE_STATUSES)
        .filter(Q(buyer_id__in={subject.buyer_id for subject in subjects}) | Q(end_user_key__in=keys))
        .only(
            "id", "buyer_id", "category_id", "end_user", "end_user_key", "needed_by", "created_at", "status"
        )
        .order_by("-id")
    )
    subject_ids = {subject.pk for subject in subjects}
    existing = {
        frozenset(pair)
        for pair in DuplicateFlag.objects.filter(
            Q(request_id__in=subject_ids) | Q(duplicate_of_id__in=subject_ids)
        ).values_list("request_id", "duplicate_of_id")
    }
    by_category: dict[int, list[PurchaseRequest]] = defaultdict(list)
    for candidate in candidates:
        assert candidate.category_id is not None
        by_category[candidate.category_id].append(candidate)

    new_flags: list[DuplicateFlag] = []
    for subject in subjects:
        assert subject.category_id is not None
        found = 0
        for candidate in by_category[subject.category_id]:
            if found >= MAX_FLAGS_PER_REQUEST:
                break
            pair = frozenset((subject.pk, candidate.pk))
            if candidate.pk == subject.pk or pair in existing:
                continue
            reason = _duplicate_reason(subject, candidate)
            if reason is None:
                continue
            existing.add(pair)
            found += 1
            newer, older = sorted((subject.pk, candidate.pk), reverse=True)
            new_flags.append(DuplicateFlag(request_id=newer, duplicate_of_id=older, reason=reason))
    if not new_flags:
        return []
    # ignore_conflicts: a concurrent writer may have flagged the same pair a moment ago.
    DuplicateFlag.objects.bulk_create(new_flags, ignore_conflicts=True)
    pairs = {(flag.request_id, flag.duplicate_of_id) for flag in new_flags}
    flags = [
        flag
        for flag in DuplicateFlag.objects.filter(
            request_id__in={newer for newer, _older in pairs},
            duplicate_of_id__in={older for _newer, older in pairs},
        ).order_by("id")
        if (flag.request_id, flag.duplicate_of_id) in pairs
    ]
    logger.info("purchasing.duplicates_flagged count=%s", len(flags))
    return flags


def _ensure_flag_open(*, flag: DuplicateFlag) -> DuplicateFlag:
    locked = (
        DuplicateFlag.objects.select_for_update().select_related("request", "duplicate_of").get(pk=flag.pk)
    )
    if locked.status != DuplicateStatus.OPEN:
        raise Conflict(f"This duplicate flag is already {locked.get_status_display().lower()}.")
    return locked


@transaction.atomic
def duplicate_merge(*, flag: DuplicateFlag, actor: User | None) -> DuplicateFlag:
    """Close ``flag.request`` as merged into ``flag.duplicate_of`` (nothing is summed)."""
    locked = _ensure_flag_open(flag=flag)
    for side in (locked.request, locked.duplicate_of):
        if side.status in INACTIVE_STATUSES:
            raise Conflict(f"Request #{side.pk} is already {side.status}; dismiss the flag instead.")
    reason = f"merged into #{locked.duplicate_of_id}"
    purchase_request_transition(
        purchase_request=locked.request, actor=actor, status=RequestStatus.CLOSED, reason=reason
    )
    locked.status = DuplicateStatus.MERGED
    locked.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="requests.duplicate_merged",
        target=locked,
        from_state=DuplicateStatus.OPEN,
        to_state=DuplicateStatus.MERGED,
        reason=reason,
        data={"request": locked.request_id, "duplicate_of": locked.duplicate_of_id},
    )
    return locked


@transaction.atomic
def duplicate_dismiss(*, flag: DuplicateFlag, actor: User | None, reason: str = "") -> DuplicateFlag:
    """Record that the two requests are different needs."""
    locked = _ensure_flag_open(flag=flag)
    locked.status = DuplicateStatus.DISMISSED
    locked.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="requests.duplicate_dismissed",
        target=locked,
        from_state=DuplicateStatus.OPEN,
        to_state=DuplicateStatus.DISMISSED,
        reason=reason,
        data={"request": locked.request_id, "duplicate_of": locked.duplicate_of_id},
    )
    return locked
