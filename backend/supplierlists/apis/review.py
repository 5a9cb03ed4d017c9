"""The review queue: rows that may be a known organisation, merged or kept apart one by one or in bulk."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import request_user
from core.pagination import ListApi
from core.permissions import IsStaff
from core.validators import ID_MAX
from supplierlists.models import CandidateStatus, MatchCandidate
from supplierlists.selectors import candidate_get, review_queue
from supplierlists.serializers import CandidateOutputSerializer
from supplierlists.services.review import (
    CandidatesBulkFailed,
    candidate_keep_apart,
    candidate_merge,
    candidates_bulk_decide,
)


class ReviewQueueQuerySerializer(serializers.Serializer[Any]):
    supplier_list = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    status = serializers.ChoiceField(choices=CandidateStatus.choices, default=CandidateStatus.OPEN)


class ReviewQueueApi(ListApi):
    """Rows that may be a known organisation, side by side with it, best score first."""

    permission_classes = [IsStaff]
    model = MatchCandidate

    @extend_schema(
        parameters=[
            OpenApiParameter("supplier_list", int, required=False),
            OpenApiParameter("status", str, enum=list(CandidateStatus.values), required=False),
        ],
        responses={200: CandidateOutputSerializer(many=True)},
        operation_id="supplier_lists_review_queue",
    )
    def get(self, request: Request) -> Response:
        query = ReviewQueueQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        queryset: QuerySet[MatchCandidate] = review_queue(
            supplier_list_id=query.validated_data.get("supplier_list"), status=query.validated_data["status"]
        )
        return self.page_response(request, queryset, CandidateOutputSerializer)


class CandidateMergeApi(APIView):
    """The row is this organisation: add its contacts and its source to it."""

    permission_classes = [IsStaff]

    @extend_schema(
        request=None,
        responses={200: CandidateOutputSerializer},
        operation_id="supplier_lists_candidate_merge",
    )
    def post(self, request: Request, candidate_id: int) -> Response:
        candidate = candidate_merge(
            candidate=candidate_get(candidate_id=candidate_id), actor=request_user(request)
        )
        return Response(CandidateOutputSerializer(candidate_get(candidate_id=candidate.pk)).data)


class CandidateKeepApartApi(APIView):
    """The row is another company: it becomes a new listed organisation."""

    permission_classes = [IsStaff]

    @extend_schema(
        request=None,
        responses={200: CandidateOutputSerializer},
        operation_id="supplier_lists_candidate_keep_apart",
    )
    def post(self, request: Request, candidate_id: int) -> Response:
        candidate = candidate_keep_apart(
            candidate=candidate_get(candidate_id=candidate_id), actor=request_user(request)
        )
        return Response(CandidateOutputSerializer(candidate_get(candidate_id=candidate.pk)).data)


class CandidateBulkApi(APIView):
    """Merge or keep apart many candidates at once: all of them, or none."""

    permission_classes = [IsStaff]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        action = serializers.ChoiceField(choices=["merge", "keep_apart"])
        ids = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=ID_MAX), min_length=1, max_length=500
        )

    class OutputSerializer(serializers.Serializer[Any]):
        action = serializers.CharField()
        count = serializers.IntegerField()
        ids = serializers.ListField(child=serializers.IntegerField())

    @extend_schema(
        request=InputSerializer, responses={200: OutputSerializer}, operation_id="supplier_lists_review_bulk"
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            decided = candidates_bulk_decide(
                ids=data["ids"], action=data["action"], actor=request_user(request)
            )
        except CandidatesBulkFailed as failed:
            failure: dict[str, Any] = {
                "code": "not_found" if failed.not_found else "conflict",
                "message": failed.message,
                "fields": {
                    "ids": [
                        {"code": "not_open", "message": f"{pk} is not waiting for review."}
                        for pk in failed.not_open
                    ]
                    + [{"code": "not_found", "message": f"{pk} does not exist."} for pk in failed.not_found]
                },
            }
            return Response(
                failure, status=status.HTTP_400_BAD_REQUEST if failed.not_found else status.HTTP_409_CONFLICT
            )
        body = {
            "action": data["action"],
            "count": len(decided),
            "ids": [candidate.pk for candidate in decided],
        }
        return Response(self.OutputSerializer(body).data)
