"""Possible duplicate requests and staff decisions on them (merge, dismiss)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import request_user
from core.pagination import ListApi
from core.permissions import IsStaff
from purchasing.filters import DuplicateFlagFilter
from purchasing.selectors import duplicate_flag_get, duplicate_flag_list
from purchasing.serializers import DuplicateFlagOutputSerializer
from purchasing.services.duplicates import duplicate_dismiss, duplicate_merge


class DuplicateFlagListApi(ListApi):
    """Possible duplicate requests awaiting a decision (staff)."""

    permission_classes = [IsStaff]
    # filterset_class documents the query parameters; the selector applies them.
    filterset_class = DuplicateFlagFilter

    @extend_schema(
        responses={200: DuplicateFlagOutputSerializer(many=True)}, operation_id="requests_duplicates_list"
    )
    def get(self, request: Request) -> Response:
        rows = duplicate_flag_list(filters=request.query_params)
        return self.page_response(request, rows, DuplicateFlagOutputSerializer)


class DuplicateMergeApi(APIView):
    """Close the newer request as merged into the older one (staff)."""

    permission_classes = [IsStaff]

    @extend_schema(
        request=None,
        responses={200: DuplicateFlagOutputSerializer, 409: OpenApiResponse(description="Already decided.")},
        operation_id="requests_duplicates_merge",
    )
    def post(self, request: Request, flag_id: int) -> Response:
        flag = duplicate_merge(flag=duplicate_flag_get(flag_id=flag_id), actor=request_user(request))
        return Response(DuplicateFlagOutputSerializer(duplicate_flag_get(flag_id=flag.pk)).data)


class DuplicateDismissApi(APIView):
    """Record that the two requests are different needs (staff)."""

    permission_classes = [IsStaff]

    class InputSerializer(serializers.Serializer[dict[str, str]]):
        reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    @extend_schema(
        request=InputSerializer,
        responses={200: DuplicateFlagOutputSerializer, 409: OpenApiResponse(description="Already decided.")},
        operation_id="requests_duplicates_dismiss",
    )
    def post(self, request: Request, flag_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        flag = duplicate_dismiss(
            flag=duplicate_flag_get(flag_id=flag_id), actor=request_user(request), **serializer.validated_data
        )
        return Response(DuplicateFlagOutputSerializer(duplicate_flag_get(flag_id=flag.pk)).data)
