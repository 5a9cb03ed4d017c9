from django.db import models


class OutboxOperation(models.TextChoices):
    UPSERT = "upsert", "Create or update"
    DELETE = "delete", "Delete"


class OutboxEntity(models.TextChoices):
    """What an outbox row can name: the kinds of indexed objects (search.indexing.ENTITIES' sources)."""

    PRODUCT = "product", "Product"
    ORGANIZATION = "organization", "Organisation"
    REQUEST = "request", "Purchase request"


class OutboxEntry(models.Model):
    """A change to an indexed object, written in the same transaction as the change.

    The indexing task drains unprocessed rows in id order; the row id doubles as
    the external version of the search document, so replays are harmless. A row that keeps
    failing is *parked* (``parked_at``) with its error after ``MAX_ATTEMPTS`` attempts: later
    rows go on, staff see it (``/api/v1/outbox/entries/?state=parked``) and reconciliation
    retries it. Failures because the engine was down or throttling are not attempts.
    """

    entity = models.CharField(max_length=32, choices=OutboxEntity.choices)
    entity_id = models.BigIntegerField()
    operation = models.CharField(max_length=8, choices=OutboxOperation.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    parked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["id"], condition=models.Q(processed_at__isnull=True), name="outbox_pending"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(entity__in=OutboxEntity.values), name="outbox_entity_known"
            ),
        ]
        verbose_name_plural = "outbox entries"

    def __str__(self) -> str:
        return f"{self.operation} {self.entity}#{self.entity_id}"
