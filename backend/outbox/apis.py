"""HTTP for staff: the outbox rows that wait, fail or are parked (/api/v1/outbox/entries/)."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from core.pagination import ListApi
from core.permissions import IsStaff
from outbox.models import OutboxEntry
from outbox.selectors import OutboxState, outbox_entries


class OutboxEntryListApi(ListApi):
    """Outbox rows by state (default: parked), oldest first, with their last error."""

    permission_classes = [IsStaff]
    model = OutboxEntry

    class FilterSerializer(serializers.Serializer[Any]):
        state = serializers.ChoiceField(
            choices=[state.value for state in OutboxState], default=OutboxState.PARKED.value
        )

    class OutputSerializer(serializers.ModelSerializer[OutboxEntry]):
        class Meta:
            model = OutboxEntry
            fields = [
                "id",
                "entity",
                "entity_id",
                "operation",
                "created_at",
                "attempts",
                "last_error",
                "last_attempt_at",
                "parked_at",
            ]

    @extend_schema(
        parameters=[FilterSerializer],
        responses={200: OutputSerializer(many=True)},
        operation_id="outbox_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        rows = outbox_entries(state=OutboxState(filters.validated_data["state"]))
        return self.page_response(request, rows, self.OutputSerializer)
