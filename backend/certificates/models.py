"""Force-majeure fact certificates: a member's application, its evidence, the issued certificate,
and the e-mail outbox that the trade services (certificates and consultations) share."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel
from core.validators import UI_LANGUAGES, validate_country, validate_currency


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    INFO_REQUESTED = "info_requested", "More information requested"
    RESUBMITTED = "resubmitted", "Resubmitted"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


# Who may move an application where (the services enforce it). approved and rejected are final.
MEMBER_EDITABLE = frozenset({ApplicationStatus.DRAFT, ApplicationStatus.INFO_REQUESTED})
UNDER_REVIEW = frozenset({ApplicationStatus.SUBMITTED, ApplicationStatus.RESUBMITTED})
FINAL_APPLICATION_STATUSES = frozenset({ApplicationStatus.APPROVED, ApplicationStatus.REJECTED})

LANGUAGE_CHOICES = [(code, code) for code in UI_LANGUAGES]


class FmApplication(TimeStampedModel):
    """A member organisation's application for a force-majeure fact certificate.

    The review clock runs from each (re)submission: ``review_elapsed`` holds the time already
    spent under review before the current run, ``clock_started_at`` when the current run
    began (null while paused or decided). Time left = target − elapsed − (now − started).
    """

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="fm_applications"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT, db_index=True
    )
    # The contract
    counterparty_name = models.CharField(max_length=255, blank=True)
    counterparty_country = models.CharField(max_length=2, blank=True, validators=[validate_country])
    counterparty_language = models.CharField(
        max_length=2,
        choices=LANGUAGE_CHOICES,
        blank=True,
        help_text="The counterparty's language, if one of the six: the certificate is also in it.",
    )
    contract_number = models.CharField(max_length=128, blank=True)
    contract_date = models.DateField(null=True, blank=True)
    goods = models.TextField(blank=True, max_length=2000)
    contract_value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True, validators=[validate_currency])
    obligation = models.TextField(blank=True, max_length=2000, help_text="The obligation affected.")
    obligation_due_date = models.DateField(null=True, blank=True)
    # The facts
    event_description = models.TextField(blank=True, max_length=5000, help_text="What happened.")
    event_location = models.CharField(max_length=255, blank=True, help_text="Where it happened.")
    event_start = models.DateField(null=True, blank=True)
    event_end = models.DateField(null=True, blank=True, help_text="Empty while it lasts.")
    # Review
    submitted_at = models.DateTimeField(null=True, blank=True, help_text="The first submission.")
    last_submitted_at = models.DateTimeField(null=True, blank=True)
    clock_started_at = models.DateTimeField(null=True, blank=True)
    review_elapsed = models.DurationField(null=True, blank=True)
    info_request = models.TextField(blank=True, help_text="What staff last asked for.")
    member_reply = models.TextField(blank=True, help_text="The member's note with the last resubmission.")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rejection_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"force-majeure application {self.pk} ({self.status})"


class EvidenceKind(models.TextChoices):
    CONTRACT = "contract", "Contract"
    GOVERNMENT_NOTICE = "government_notice", "Government notice"
    LOGISTICS_NOTICE = "logistics_notice", "Logistics notice"
    OTHER = "other", "Other"


def evidence_upload_path(instance: "Evidence", filename: str) -> str:
    """A random path: nothing about the applicant or the file name can be guessed from it."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"fm-evidence/{uuid.uuid4().hex}{suffix}"


class Evidence(TimeStampedModel):
    application = models.ForeignKey(FmApplication, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    description = models.CharField(max_length=255, blank=True)
    file = models.FileField(upload_to=evidence_upload_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return f"{self.kind} {self.original_name}"


class CertificateStatus(models.TextChoices):
    PENDING = "pending", "PDF being generated"
    ISSUED = "issued", "Issued"
    REVOKED = "revoked", "Revoked"


class CertificateValidity(models.TextChoices):
    """What the public verification page says."""

    VALID = "valid", "Valid"
    REVOKED = "revoked", "Revoked"


def certificate_pdf_path(instance: "Certificate", filename: str) -> str:
    return f"fm-certificates/{uuid.uuid4().hex}.pdf"


class Certificate(TimeStampedModel):
    """The certificate issued on approval. Its facts are a snapshot of the application as approved."""

    application = models.OneToOneField(FmApplication, on_delete=models.PROTECT, related_name="certificate")
    number = models.CharField(max_length=32, unique=True)
    status = models.CharField(
        max_length=8, choices=CertificateStatus.choices, default=CertificateStatus.PENDING, db_index=True
    )
    issued_at = models.DateTimeField(help_text="The approval time: the issue date printed on it.")
    holder_name = models.CharField(max_length=255)
    holder_legal_names = models.JSONField(default=dict, blank=True)
    holder_country = models.CharField(max_length=2)
    counterparty_country = models.CharField(max_length=2)
    languages = models.JSONField(default=list, help_text='The languages printed, e.g. ["zh", "en", "fr"].')
    facts = models.JSONField(default=dict, help_text="The contract and facts as approved.")
    pdf = models.FileField(upload_to=certificate_pdf_path, max_length=255, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    pdf_generated_at = models.DateTimeField(null=True, blank=True)
    pdf_attempts = models.PositiveSmallIntegerField(default=0)
    pdf_last_error = models.TextField(blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return self.number


class ServiceEmail(TimeStampedModel):
    """One e-mail to one address about a trade service (certificates, consultations).

    Rendered in the recipient's language when the change is made and written in its
    transaction (the outbox pattern of introductions.EmailDelivery): a task sends it after
    commit, ``sent_at`` makes sending idempotent, beat re-enqueues rows a lost task left.
    """

    key = models.CharField(
        max_length=96, unique=True, help_text="Idempotency key: event and recipient, e.g. fm.approved:12:34."
    )
    kind = models.CharField(max_length=48, help_text="dotted name, e.g. certificate.approved")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_email = models.EmailField()
    language = models.CharField(max_length=8, default="en")
    subject = models.CharField(max_length=255)
    body = models.TextField()
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["sent_at", "failed_at", "updated_at"], name="service_email_pending")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.to_email}"
