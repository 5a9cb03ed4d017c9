from django.conf import settings
from django.db import models

from core.models import TimeStampedModel


class IntroductionStatus(models.TextChoices):
    AWAITING_REPLY = "awaiting_reply", "Awaiting reply"
    NEGOTIATING = "negotiating", "In negotiation"
    DEAL = "deal", "Deal"
    NO_DEAL = "no_deal", "No deal"
    EXPIRED = "expired", "Expired"


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
    no_deal_reason = models.TextField(blank=True)
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
    body = models.TextField(blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user_id}"
