from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class HeartbeatComponent(models.TextChoices):
    WORKER = "worker", "Celery worker"
    BEAT = "beat", "Celery beat"


class Heartbeat(models.Model):
    """The last sign of life of one background process (see core.heartbeats)."""

    component = models.CharField(max_length=16, choices=HeartbeatComponent.choices)
    name = models.CharField(max_length=200, help_text="host name and process (worker node name for workers)")
    pid = models.PositiveIntegerField(default=0)
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["component", "name"], name="one_heartbeat_per_process")
        ]

    def __str__(self) -> str:
        return f"{self.component} {self.name} at {self.seen_at:%H:%M:%S}"
