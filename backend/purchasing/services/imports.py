"""Spreadsheet import of purchase requests: the all-or-nothing read of a file, and the
import jobs that carry an upload from the web request to a worker.
"""

import datetime
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record
from core.imports import upload_file_name, validation_error_items
from core.queues import task_enqueue
from core.validators import coded_error
from organizations.models import Organization
from purchasing.importers import Cell, spreadsheet_parse
from purchasing.models import (
    DuplicateFlag,
    ImportBatch,
    ImportJob,
    ImportJobStatus,
    PurchaseRequest,
    RequestStatus,
)
from purchasing.services.duplicates import duplicate_flags_detect
from purchasing.services.lookups import Lookups
from purchasing.services.requests import purchase_requests_insert
from purchasing.services.validation import (
    BuiltRequest,
    ensure_buyer,
    ensure_create_status,
    purchase_request_apply,
)

logger = logging.getLogger("purchasing")

# The task (purchasing.tasks) that reads one import job, by its name.
IMPORT_RUN_TASK = "purchasing.import_run"

# Import jobs: progress is written every this many rows; a job queued this long is enqueued
# again by beat (the broker was down); a job whose worker died is retried this many times.
IMPORT_PROGRESS_EVERY = 100
IMPORT_REQUEUE_AFTER_SECONDS = 30
IMPORT_MAX_ATTEMPTS = 2
IMPORT_DRAIN_BATCH = 100


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
        raise PurchaseRequestImportRejected(file_errors=[coded_error("The file is empty.", "empty_file")])
    limit: int = settings.MEDMATCH_MAX_UPLOAD_BYTES
    if size > limit:
        raise PurchaseRequestImportRejected(
            file_errors=[
                coded_error(
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
    ensure_buyer(buyer=buyer)
    ensure_create_status(status=status)
    if not content:
        raise PurchaseRequestImportRejected(file_errors=[coded_error("The file is empty.", "empty_file")])
    sheet = spreadsheet_parse(
        content=content,
        max_rows=settings.MEDMATCH_MAX_IMPORT_ROWS,
        max_seconds=settings.MEDMATCH_IMPORT_PARSE_SECONDS,
    )
    if sheet.errors:
        raise PurchaseRequestImportRejected(file_errors=sheet.errors)

    lookups = Lookups()
    built: list[BuiltRequest] = []
    row_errors: list[RowErrors] = []
    total = len(sheet.rows)
    for done, row in enumerate(sheet.rows):
        if progress is not None and done % IMPORT_PROGRESS_EVERY == 0:
            progress(done, total)
        purchase_request = PurchaseRequest(buyer=buyer, created_by=actor, status=status)
        try:
            standards = purchase_request_apply(
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
        created = purchase_requests_insert(built=built)
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
    # A failure is logged; the job is stored as queued, and beat's import drain picks it up.
    task_enqueue(IMPORT_RUN_TASK, job_id, failure_event="purchasing.import_enqueue_failed")


def purchase_request_import_submit(
    *, buyer: Organization, actor: User | None, file: UploadedFile, status: str = RequestStatus.OPEN
) -> ImportJob:
    """Store an uploaded spreadsheet as a queued job and enqueue its reading after the commit.

    Only what is cheap is checked here (who, the status, the size); the file is read by
    the worker. The stored name is derived from the job, never the client's name.
    """
    ensure_buyer(buyer=buyer)
    ensure_create_status(status=status)
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
        file_errors=[
            coded_error("Reading the file took too long; split it into smaller files.", "parse_timeout")
        ]
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
            file_errors=[coded_error("The file could not be read; try again or split it.", "import_failed")]
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
