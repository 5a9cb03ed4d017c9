from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.selectors import system_health


class HealthApi(APIView):
    """Reports the database, search engine, broker, worker and beat (heartbeat ages) and the
    outbox backlog separately, within 2 s whatever is down; 503 names what is down."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    class ComponentSerializer(serializers.Serializer[dict[str, str]]):
        status = serializers.ChoiceField(choices=["ok", "down"])
        detail = serializers.CharField(required=False)

    class OutputSerializer(serializers.Serializer[dict[str, object]]):
        status = serializers.ChoiceField(choices=["ok", "degraded"])
        down = serializers.ListField(child=serializers.CharField())
        components = serializers.DictField()

    @extend_schema(
        responses={200: OutputSerializer, 503: OutputSerializer},
        operation_id="health",
    )
    def get(self, request: Request) -> Response:
        health = system_health()
        code = status.HTTP_200_OK if health["status"] == "ok" else status.HTTP_503_SERVICE_UNAVAILABLE
        return Response(self.OutputSerializer(health).data, status=code)
