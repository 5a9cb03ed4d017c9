"""Supplier lists partners sent: upload, read, confirm the column mapping, allow matching, their rows."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import request_user
from core.pagination import ListApi
from core.parsers import BoundedFormParser, BoundedMultiPartParser
from core.permissions import IsStaff
from core.validators import ID_MAX
from organizations.models import Organization
from supplierlists.columns import FIELDS
from supplierlists.models import RowStatus, SupplierListImport, SupplierListRow
from supplierlists.selectors import supplier_list_get, supplier_list_list, supplier_list_rows
from supplierlists.serializers import RowOutputSerializer, SupplierListOutputSerializer
from supplierlists.services.uploads import (
    supplier_list_allow_matching,
    supplier_list_mapping_confirm,
    supplier_list_upload,
)


class SupplierListListApi(ListApi):
    """Lists partners sent; POST uploads one (CSV or XLSX), which a worker then reads."""

    permission_classes = [IsStaff]
    parser_classes = [BoundedMultiPartParser, BoundedFormParser]
    model = SupplierListImport

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        file = serializers.FileField(allow_empty_file=True)
        sender_name = serializers.CharField(
            max_length=255, help_text="The embassy, chamber or company that sent it."
        )
        sender_organization = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAX)
        received_on = serializers.DateField()
        allow_matching = serializers.BooleanField(
            default=False, help_text="May its organisations be matching candidates?"
        )

    input_serializer_class = InputSerializer

    @extend_schema(
        responses={200: SupplierListOutputSerializer(many=True)}, operation_id="supplier_lists_list"
    )
    def get(self, request: Request) -> Response:
        return self.page_response(request, supplier_list_list(), SupplierListOutputSerializer)

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={202: SupplierListOutputSerializer},
        operation_id="supplier_lists_upload",
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        sender = None
        if data.get("sender_organization"):
            sender = Organization.objects.filter(pk=data["sender_organization"]).first()
            if sender is None:
                raise serializers.ValidationError({"sender_organization": ["No such organisation."]})
        supplier_list = supplier_list_upload(
            actor=request_user(request),
            file=data["file"],
            sender_name=data["sender_name"],
            sender_organization=sender,
            received_on=data["received_on"],
            allow_matching=data["allow_matching"],
        )
        return Response(SupplierListOutputSerializer(supplier_list).data, status=status.HTTP_202_ACCEPTED)


class SupplierListDetailApi(APIView):
    """One list: its progress, header, proposed and confirmed mapping, file errors and figures.

    PATCH ``allow_matching`` to let (or stop) this source's organisations be matching candidates.
    """

    permission_classes = [IsStaff]

    class PatchSerializer(serializers.Serializer[dict[str, Any]]):
        allow_matching = serializers.BooleanField()

    @extend_schema(
        request=PatchSerializer,
        responses={200: SupplierListOutputSerializer},
        operation_id="supplier_lists_update",
    )
    def patch(self, request: Request, supplier_list_id: int) -> Response:
        serializer = self.PatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        supplier_list = supplier_list_allow_matching(
            supplier_list=supplier_list_get(supplier_list_id=supplier_list_id),
            actor=request_user(request),
            allow_matching=serializer.validated_data["allow_matching"],
        )
        return Response(SupplierListOutputSerializer(supplier_list).data)

    @extend_schema(responses={200: SupplierListOutputSerializer}, operation_id="supplier_lists_retrieve")
    def get(self, request: Request, supplier_list_id: int) -> Response:
        return Response(
            SupplierListOutputSerializer(supplier_list_get(supplier_list_id=supplier_list_id)).data
        )


class SupplierListMappingApi(APIView):
    """Confirm or change the column mapping (column index → field); the rows are then resolved."""

    permission_classes = [IsStaff]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        mapping = serializers.DictField(
            child=serializers.ChoiceField(choices=["", *FIELDS]),
            allow_empty=False,
            help_text='Column index ("0", "1", …) → field; "" ignores the column.',
        )

        def validate_mapping(self, value: dict[str, str]) -> dict[str, str]:
            if len(value) > 64:
                raise serializers.ValidationError("At most 64 columns.")
            return value

    @extend_schema(
        request=InputSerializer,
        responses={202: SupplierListOutputSerializer},
        operation_id="supplier_lists_mapping",
    )
    def post(self, request: Request, supplier_list_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        supplier_list = supplier_list_mapping_confirm(
            supplier_list=supplier_list_get(supplier_list_id=supplier_list_id),
            actor=request_user(request),
            mapping={str(k): v for k, v in serializer.validated_data["mapping"].items()},
        )
        return Response(SupplierListOutputSerializer(supplier_list).data, status=status.HTTP_202_ACCEPTED)


class SupplierListRowsApi(ListApi):
    """One list's rows in file order, with what became of each; ``status`` narrows them."""

    permission_classes = [IsStaff]
    model = SupplierListRow

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=list(RowStatus.values), required=False)],
        responses={200: RowOutputSerializer(many=True)},
        operation_id="supplier_lists_rows",
    )
    def get(self, request: Request, supplier_list_id: int) -> Response:
        wanted = request.query_params.get("status", "")
        rows = supplier_list_rows(
            supplier_list=supplier_list_get(supplier_list_id=supplier_list_id),
            status=wanted if wanted in RowStatus.values else "",
        )
        return self.page_response(request, rows, RowOutputSerializer)
