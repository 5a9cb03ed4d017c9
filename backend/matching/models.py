import datetime

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone

from core.models import TimeStampedModel
from core.validators import MAX_NOTE_LENGTH


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    EXPIRED = "expired", "Expired"


DEFAULT_REVIEW_HOURS = 48


def proposal_review_hours() -> float:
    """Hours a proposal may wait for review before it is flagged as overdue."""
    return float(getattr(settings, "MEDMATCH_PROPOSAL_REVIEW_HOURS", DEFAULT_REVIEW_HOURS))


def proposal_overdue_q(*, now: datetime.datetime | None = None) -> models.Q:
    """Proposals still waiting for review that entered the queue more than the review hours ago."""
    deadline = (now or timezone.now()) - datetime.timedelta(hours=proposal_review_hours())
    return models.Q(status=ProposalStatus.PROPOSED, proposed_at__lt=deadline)


class Proposal(TimeStampedModel):
    """A candidate (request, vendor, product) with its score and the reasons for it.

    Recomputing updates the row; a rejected pair is proposed again only when the
    ``fingerprint`` of the material data of request and product changes.
    """

    request = models.ForeignKey(
        "purchasing.PurchaseRequest", on_delete=models.CASCADE, related_name="proposals"
    )
    vendor = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="proposals"
    )
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="proposals")
    score = models.FloatField(db_index=True, help_text="0–100")
    score_parts = models.JSONField(default=dict, help_text='{"category": 15.0, "capacity": 9.5, …}')
    criteria = models.JSONField(
        default=list,
        help_text='[{"criterion": "capacity", "status": "partial", "detail": "capacity 40% of quantity", …}]',
    )
    fingerprint = models.CharField(max_length=64, help_text="hash of the material data it was computed from")
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED, db_index=True
    )
    source = models.CharField(
        max_length=8, default="forward", help_text="forward (request) or reverse (product)"
    )
    decision_reason = models.TextField(blank=True, validators=[MaxLengthValidator(MAX_NOTE_LENGTH)])
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField()
    proposed_at = models.DateTimeField(
        default=timezone.now,
        db_index=True,
        help_text="When it last entered the review queue (its age counts from here).",
    )

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "vendor", "product"], name="one_proposal_per_pair"),
        ]
        indexes = [
            models.Index(fields=["status", "-score"]),
            models.Index(fields=["status", "proposed_at"], name="proposal_status_proposed_at"),
        ]

    def __str__(self) -> str:
        return f"request {self.request_id} ← product {self.product_id} ({self.score:.0f})"


class MatchTarget(models.TextChoices):
    REQUEST = "request", "Purchase request (forward matching)"
    PRODUCT = "product", "Product (reverse matching)"


class MatchIntent(models.Model):
    """Matching owed to one request or product, recorded in the database (not only in the broker).

    The outbox drain raises ``wanted_version`` (the outbox row id of the change it indexed) in
    its own transaction; a completed run sets ``done_version`` to the version it started from.
    Rows with ``done_version < wanted_version`` are pending: beat re-drives them, so a lost task,
    a dead broker or a dead worker delays matching but never loses it. A run that fails for a
    reason other than an outage counts an attempt; after ``MAX_ATTEMPTS`` it is parked with its
    error for staff, until the object changes again.
    """

    target = models.CharField(max_length=8, choices=MatchTarget.choices)
    object_id = models.BigIntegerField()
    wanted_version = models.BigIntegerField(default=0)
    done_version = models.BigIntegerField(default=0)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    parked_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["target", "object_id"], name="one_match_intent_per_object")
        ]

    def __str__(self) -> str:
        return f"match {self.target}#{self.object_id} wanted {self.wanted_version} done {self.done_version}"

    @property
    def pending(self) -> bool:
        return self.done_version < self.wanted_version and self.parked_at is None
