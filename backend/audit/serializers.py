"""The read shape of an audit event, shared by every app that shows an object's history."""

from rest_framework import serializers

from audit.models import AuditEvent
from core.fields import OptionalEmailOutputField


class AuditEventOutputSerializer(serializers.Serializer[AuditEvent]):
    id = serializers.IntegerField()
    actor_email = OptionalEmailOutputField(source="actor.email", allow_null=True)
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    reason = serializers.CharField()
    details = serializers.DictField(source="data", help_text="What changed, e.g. document or contact ids.")
    created_at = serializers.DateTimeField()
