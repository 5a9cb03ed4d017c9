from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models

from core.models import TimeStampedModel
from core.validators import MAX_NOTE_LENGTH, MAX_TEXT_LENGTH


class IntroductionStatus(models.TextChoices):
    AWAITING_REPLY = "awaiting_reply", "Awaiting reply"
    NEGOTIATING = "negotiating", "In negotiation"
    DEAL = "deal", "Deal"
    NO_DEAL = "no_deal", "No deal"
    EXPIRED = "expired", "Expired"


# The outcome lifecycle (PRODUCT.md §3). deal, no_deal and expired are final.
INTRODUCTION_TRANSITIONS: dict[str, set[str]] = {
    IntroductionStatus.AWAITING_REPLY: {IntroductionStatus.NEGOTIATING, IntroductionStatus.NO_DEAL},
    IntroductionStatus.NEGOTIATING: {IntroductionStatus.DEAL, IntroductionStatus.NO_DEAL},
    IntroductionStatus.DEAL: set(),
    IntroductionStatus.NO_DEAL: set(),
    IntroductionStatus.EXPIRED: set(),
}
FINAL_STATUSES = frozenset({IntroductionStatus.DEAL, IntroductionStatus.NO_DEAL, IntroductionStatus.EXPIRED})


class Introduction(TimeStampedModel):
    """An approved proposal: both parties see each other's contacts and report the outcome."""

    proposal = models.OneToOneField(
        "matching.Proposal", on_delete=models.PROTECT, related_name="introduction"
    )
    request = models.ForeignKey(
        "purchasing.PurchaseRequest", on_delete=models.PROTECT, related_name="introductions"
    )
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="introductions"
    )
    vendor = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="vendor_introductions"
    )
    buyer = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="buyer_introductions"
    )
    status = models.CharField(
        max_length=16,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.AWAITING_REPLY,
        db_index=True,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    deal_quantity = models.PositiveIntegerField(null=True, blank=True)
    deal_value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    deal_currency = models.CharField(max_length=3, blank=True)
    no_deal_reason = models.TextField(blank=True, validators=[MaxLengthValidator(MAX_NOTE_LENGTH)])
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"introduction {self.pk}: {self.vendor_id} ↔ {self.buyer_id}"


class Notification(TimeStampedModel):
    """An in-app message to one user (the e-mail is sent separately)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=48, help_text="dotted name, e.g. introduction.created")
    introduction = models.ForeignKey(
        Introduction, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True, validators=[MaxLengthValidator(MAX_TEXT_LENGTH)])
    details = models.JSONField(
        default=dict,
        blank=True,
        help_text='What the message is about, for clients that word it themselves: {"status": "deal", …}',
    )
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_read")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user_id}"


class EmailKind(models.TextChoices):
    INTRODUCTION = "introduction", "Introduction"
    REMINDER = "reminder", "Reminder"


class EmailDelivery(TimeStampedModel):
    """One e-mail to one address about an introduction: written with the change, sent by a task.

    The row is the e-mail outbox: it exists before the e-mail is sent (so a broker
    outage loses nothing: beat re-enqueues old pending rows) and ``sent_at`` makes
    sending idempotent (a retried task skips what went out).
    """

    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=16, choices=EmailKind.choices)
    sequence = models.PositiveSmallIntegerField(
        default=0, help_text="0 for the introduction, n for the n-th reminder."
    )
    party = models.CharField(max_length=8, help_text="vendor or buyer: the side the recipient is on.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_email = models.EmailField()
    language = models.CharField(max_length=8, default="en")
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the server refused it for good (not retried)."
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["introduction", "kind", "sequence", "to_email"], name="one_email_per_address"
            ),
        ]
        indexes = [models.Index(fields=["sent_at", "failed_at", "created_at"], name="email_pending")]
        verbose_name_plural = "e-mail deliveries"

    def __str__(self) -> str:
        return f"{self.kind} {self.sequence} → {self.to_email}"
