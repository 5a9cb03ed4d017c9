from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models

from core.models import TimeStampedModel
from core.validators import MAX_TEXT_LENGTH, validate_country, validate_currency


class RequestStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    MATCHED = "matched", "Matched"
    CLOSED = "closed", "Closed"
    EXPIRED = "expired", "Expired"


# The status lifecycle; anything else is refused with a 400.
REQUEST_TRANSITIONS: dict[str, set[str]] = {
    RequestStatus.DRAFT: {RequestStatus.OPEN, RequestStatus.CLOSED},
    RequestStatus.OPEN: {RequestStatus.MATCHED, RequestStatus.CLOSED, RequestStatus.EXPIRED},
    RequestStatus.MATCHED: {RequestStatus.OPEN, RequestStatus.CLOSED, RequestStatus.EXPIRED},
    RequestStatus.CLOSED: set(),
    RequestStatus.EXPIRED: {RequestStatus.OPEN},
}


def end_user_key(value: str) -> str:
    """The end user's name compared case- and whitespace-insensitively ("St Mary" == "stmary")."""
    return "".join(value.split()).casefold()


class ImportBatch(TimeStampedModel):
    """One uploaded spreadsheet of purchase requests."""

    buyer = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    filename = models.CharField(max_length=255)
    row_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.filename


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class ImportJob(TimeStampedModel):
    """An uploaded spreadsheet waiting for, or read by, a worker (``purchasing.import_run``).

    The upload is stored before anything is parsed, so a job survives a broker outage:
    beat re-enqueues jobs left queued (``purchasing.import_drain``).
    """

    buyer = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="import_jobs"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    # The upload itself, in the database: web and worker need no shared file system, and a
    # job stored while the broker was down is recoverable from the database alone.
    content = models.BinaryField(editable=False, help_text="Emptied once the job has finished.")
    filename = models.CharField(max_length=255, help_text="The client's file name, for display only.")
    request_status = models.CharField(
        max_length=8, choices=RequestStatus.choices, help_text="The status the created requests get."
    )
    status = models.CharField(
        max_length=9, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    batch = models.OneToOneField(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="job"
    )
    created_ids = models.JSONField(default=list, blank=True, help_text="The requests created, in row order.")
    message = models.CharField(max_length=255, blank=True)
    errors = models.JSONField(
        default=list, blank=True, help_text="[{row (null for the file), errors: {column: [{code, message}]}}]"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"


class PurchaseRequest(TimeStampedModel):
    buyer = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="purchase_requests"
    )
    end_user = models.CharField(
        max_length=255, blank=True, help_text="The hospital or agency the goods are for."
    )
    end_user_key = models.CharField(
        max_length=255,
        blank=True,
        editable=False,
        help_text="end_user without case or whitespace; set by the services, used to find duplicates.",
    )
    category = models.ForeignKey(
        "reference.Category", on_delete=models.PROTECT, null=True, blank=True, related_name="requests"
    )
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True, validators=[MaxLengthValidator(MAX_TEXT_LENGTH)])
    language = models.CharField(max_length=8, blank=True, help_text="Language of title and description.")
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    unit = models.CharField(max_length=32, default="piece")
    required_standards = models.ManyToManyField("reference.Standard", blank=True, related_name="requests")
    destination_country = models.CharField(max_length=2, validators=[validate_country])
    target_unit_price = models.DecimalField(
        max_digits=14, decimal_places=4, null=True, blank=True, validators=[MinValueValidator(0.0001)]
    )
    currency = models.CharField(max_length=3, blank=True, validators=[validate_currency])
    needed_by = models.DateField(null=True, blank=True)
    incoterm = models.CharField(max_length=3, blank=True)
    status = models.CharField(
        max_length=8, choices=RequestStatus.choices, default=RequestStatus.DRAFT, db_index=True
    )
    import_batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="requests"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["category", "end_user_key"], name="request_category_end_user")]

    def __str__(self) -> str:
        return self.title


class DuplicateStatus(models.TextChoices):
    OPEN = "open", "Open"
    MERGED = "merged", "Merged"
    DISMISSED = "dismissed", "Not a duplicate"


class DuplicateFlag(TimeStampedModel):
    """Two requests that look like the same need (same buyer or end user, category, overlapping dates)."""

    request = models.ForeignKey(PurchaseRequest, on_delete=models.CASCADE, related_name="duplicate_flags")
    duplicate_of = models.ForeignKey(PurchaseRequest, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "duplicate_of"], name="unique_duplicate_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} ~ {self.duplicate_of_id}"
