from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from audit.models import AuditEvent


def audit_trail(*, target: models.Model) -> QuerySet[AuditEvent]:
    """The events recorded for ``target``, newest first."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=str(target.pk)
    ).select_related("actor")
