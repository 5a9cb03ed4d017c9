"""Free legal consultations: a member's question, the adviser's thread, the outcome."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel


class ConsultationTopic(models.TextChoices):
    FORCE_MAJEURE = "force_majeure", "Force majeure"
    CONTRACTS_ARBITRATION = "contracts_arbitration", "Contracts and arbitration"
    TRADE_REMEDIES = "trade_remedies", "Trade remedies (anti-dumping etc.)"
    EXPORT_CREDIT_INSURANCE = "export_credit_insurance", "Export credit and insurance"
    OTHER = "other", "Other"


class ConsultationStatus(models.TextChoices):
    OPEN = "open", "Waiting for an adviser"
    ASSIGNED = "assigned", "With an adviser"
    CLOSED = "closed", "Closed"


class Consultation(TimeStampedModel):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="consultations"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    topic = models.CharField(max_length=24, choices=ConsultationTopic.choices)
    subject = models.CharField(max_length=255)
    description = models.TextField(max_length=10000)
    status = models.CharField(
        max_length=8, choices=ConsultationStatus.choices, default=ConsultationStatus.OPEN, db_index=True
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advised_consultations",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    first_response_at = models.DateTimeField(
        null=True, blank=True, help_text="The adviser's (or staff's) first message."
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"consultation {self.pk}: {self.subject}"


class ConsultationMessage(TimeStampedModel):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_adviser = models.BooleanField(help_text="Written by the adviser or staff, not by the member.")
    body = models.TextField(max_length=10000)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"message {self.pk} on consultation {self.consultation_id}"


def attachment_upload_path(instance: "ConsultationAttachment", filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"consultations/{uuid.uuid4().hex}{suffix}"


class ConsultationAttachment(TimeStampedModel):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="attachments")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file = models.FileField(upload_to=attachment_upload_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
