from django.db import models


class OutboxOperation(models.TextChoices):
    UPSERT = "upsert", "Create or update"
    DELETE = "delete", "Delete"


class OutboxEntry(models.Model):
    """A change to an indexed object, written in the same transaction as the change.

    The indexing task drains unprocessed rows in id order; the row id doubles as
    the external version of the search document, so replays are harmless.
    """

    entity = models.CharField(max_length=32, help_text="product, organization or request")
    entity_id = models.BigIntegerField()
    operation = models.CharField(max_length=8, choices=OutboxOperation.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["id"], condition=models.Q(processed_at__isnull=True), name="outbox_pending"),
        ]
        verbose_name_plural = "outbox entries"

    def __str__(self) -> str:
        return f"{self.operation} {self.entity}#{self.entity_id}"
