"""A supplier list from upload to matching: store the file, parse it and propose a column
mapping (worker), confirm the mapping (staff), and allow the resolved vendors to be matched.

The upload only stores the file; a task reads it (``supplier_list_parse``) and proposes a
column mapping; staff confirm it (``supplier_list_mapping_confirm``) and a task resolves the
rows (``supplierlists.services.resolve.supplier_list_resolve``). Each task is safe to run
twice: it checks the import's status.
"""

import datetime
import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record
from core.exceptions import Conflict
from core.imports import upload_file_name, validation_error_items
from core.validators import coded_error
from organizations.models import (
    Organization,
    OrganizationSource,
)
from organizations.services import organization_changed
from purchasing.importers import spreadsheet_read_raw
from supplierlists.columns import FIELDS, REQUIRED_FIELDS, mapping_propose
from supplierlists.models import (
    ImportStatus,
    SupplierListImport,
    SupplierListRow,
)
from supplierlists.services.workers import PARSE_TASK, RESOLVE_TASK, supplier_list_work_enqueue

logger = logging.getLogger("supplierlists")


@transaction.atomic
def supplier_list_upload(
    *,
    actor: User,
    file: UploadedFile,
    sender_name: str,
    received_on: datetime.date,
    sender_organization: Organization | None = None,
    allow_matching: bool = False,
) -> SupplierListImport:
    """Store the file and its source; a task reads it. Bounded by MEDMATCH_MAX_UPLOAD_BYTES."""
    size = file.size or 0
    limit: int = settings.MEDMATCH_MAX_UPLOAD_BYTES
    if size <= 0:
        raise ValidationError({"file": coded_error("The file is empty.", "empty_file")})
    if size > limit:
        raise ValidationError(
            {
                "file": coded_error(
                    "The file has %(size)s bytes; files may have at most %(limit)s.",
                    "file_too_large",
                    size=size,
                    limit=limit,
                )
            }
        )
    if received_on > timezone.localdate():
        raise ValidationError(
            {"received_on": coded_error("The list cannot be received in the future.", "future_date")}
        )
    file.seek(0)
    supplier_list = SupplierListImport.objects.create(
        uploaded_by=actor,
        sender_name=sender_name.strip()[:255],
        sender_organization=sender_organization,
        received_on=received_on,
        allow_matching=allow_matching,
        filename=upload_file_name(file.name),
        content=file.read(),
    )
    audit_record(
        actor=actor,
        action="supplier_list.uploaded",
        target=supplier_list,
        to_state=ImportStatus.PARSING,
        data={"filename": supplier_list.filename, "sender": supplier_list.sender_name},
    )
    transaction.on_commit(partial(supplier_list_work_enqueue, PARSE_TASK, supplier_list.pk))
    return supplier_list


def supplier_list_parse(*, supplier_list_id: int) -> SupplierListImport:
    """Read the file into rows and propose a mapping (status parsing → mapping, or failed)."""
    with transaction.atomic():
        supplier_list = SupplierListImport.objects.select_for_update().get(pk=supplier_list_id)
        if supplier_list.status != ImportStatus.PARSING:
            return supplier_list
        sheet = spreadsheet_read_raw(
            content=bytes(supplier_list.content),
            max_rows=settings.MEDMATCH_MAX_IMPORT_ROWS,
            max_seconds=settings.MEDMATCH_IMPORT_PARSE_SECONDS,
        )
        if sheet.errors:
            supplier_list.status = ImportStatus.FAILED
            supplier_list.file_errors = validation_error_items(sheet.errors)
            supplier_list.content = b""
            supplier_list.save(update_fields=["status", "file_errors", "content", "updated_at"])
            logger.info(
                "supplierlists.parse_failed import=%s codes=%s",
                supplier_list.pk,
                [e.code for e in sheet.errors],
            )
            return supplier_list
        SupplierListRow.objects.filter(supplier_list=supplier_list).delete()  # a second run starts over
        SupplierListRow.objects.bulk_create(
            SupplierListRow(
                supplier_list=supplier_list,
                number=row.number,
                cells={k: _jsonable(v) for k, v in row.values.items()},
            )
            for row in sheet.rows
        )
        supplier_list.header = sheet.header
        supplier_list.proposed_mapping = mapping_propose(header=sheet.header)
        supplier_list.rows_total = len(sheet.rows)
        supplier_list.status = ImportStatus.MAPPING
        supplier_list.save(update_fields=["header", "proposed_mapping", "rows_total", "status", "updated_at"])
    logger.info("supplierlists.parsed import=%s rows=%s", supplier_list.pk, supplier_list.rows_total)
    return supplier_list


def _jsonable(value: object) -> object:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    return str(value)


@transaction.atomic
def supplier_list_mapping_confirm(
    *, supplier_list: SupplierListImport, actor: User, mapping: dict[str, str]
) -> SupplierListImport:
    """Staff confirm (or change) the column mapping; the rows are then resolved by a task."""
    supplier_list = SupplierListImport.objects.select_for_update().get(pk=supplier_list.pk)
    if supplier_list.status != ImportStatus.MAPPING:
        raise Conflict(
            f"The list is {supplier_list.get_status_display().lower()}; "
            "the mapping can only be set while it waits for one.",
            code="not_mapping",
        )
    errors: list[ValidationError] = []
    cleaned: dict[str, str] = {}
    for column, field in mapping.items():
        if not field:
            continue
        if not column.isdigit() or int(column) >= len(supplier_list.header):
            errors.append(
                coded_error("Column %(column)s is not in the file.", "unknown_column", column=column[:10])
            )
        elif field not in FIELDS:
            errors.append(
                coded_error(
                    "“%(field)s” is not a field; the fields are %(fields)s.",
                    "unknown_field",
                    field=field[:40],
                    fields=", ".join(FIELDS),
                )
            )
        elif field in cleaned.values():
            errors.append(coded_error("The field %(field)s is mapped twice.", "duplicate_field", field=field))
        else:
            cleaned[column] = field
    if not any(field.startswith("name") for field in cleaned.values()):
        errors.append(coded_error("Map a column to the company's name.", "missing_field", field="name"))
    for field in REQUIRED_FIELDS:
        if field != "name" and field not in cleaned.values():
            errors.append(coded_error("Map a column to %(field)s.", "missing_field", field=field))
    if errors:
        raise ValidationError({"mapping": errors})
    supplier_list.mapping = cleaned
    supplier_list.status = ImportStatus.RESOLVING
    supplier_list.rows_done = 0
    supplier_list.save(update_fields=["mapping", "status", "rows_done", "updated_at"])
    audit_record(
        actor=actor,
        action="supplier_list.mapping_confirmed",
        target=supplier_list,
        from_state=ImportStatus.MAPPING,
        to_state=ImportStatus.RESOLVING,
        data={"mapping": cleaned},
    )
    transaction.on_commit(partial(supplier_list_work_enqueue, RESOLVE_TASK, supplier_list.pk))
    return supplier_list


@transaction.atomic
def supplier_list_allow_matching(
    *, supplier_list: SupplierListImport, actor: User, allow_matching: bool
) -> SupplierListImport:
    """Staff decide whether this source's organisations may be matching candidates (its sources follow)."""
    supplier_list = SupplierListImport.objects.select_for_update().get(pk=supplier_list.pk)
    if supplier_list.allow_matching == allow_matching:
        return supplier_list
    supplier_list.allow_matching = allow_matching
    supplier_list.save(update_fields=["allow_matching", "updated_at"])
    sources = OrganizationSource.objects.filter(
        organization__in=supplier_list.rows.exclude(organization=None).values("organization"),
        reference__startswith=f"{supplier_list.filename[:200]} row ",
        received_on=supplier_list.received_on,
        sender_name=supplier_list.sender_name,
    )
    organization_ids = sorted(set(sources.values_list("organization_id", flat=True)))
    changed = sources.update(allow_matching=allow_matching, updated_at=timezone.now())
    # Their products enter (or leave) matching: re-index them, which re-runs their matching.
    for organization in Organization.objects.filter(pk__in=organization_ids):
        organization_changed(organization=organization)
    audit_record(
        actor=actor,
        action="supplier_list.matching_allowed" if allow_matching else "supplier_list.matching_disallowed",
        target=supplier_list,
        data={"sources": changed},
    )
    return supplier_list
