"""An organisation's documents (licences, certificates): upload, edit, stream, and their staff review."""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import request_user
from core.fields import CommaSeparatedIdListField, CommaSeparatedListField
from core.files import FileApi, file_response
from core.pagination import ListApi
from core.parsers import BoundedFormParser, BoundedJSONParser, BoundedMultiPartParser
from core.permissions import IsStaff
from organizations.filters import DocumentFilter
from organizations.models import DocumentType
from organizations.selectors import (
    document_get,
    document_list,
    organization_get,
    organization_get_managed,
    organization_is_own,
)
from organizations.serializers import DocumentOutputSerializer
from organizations.services.documents import (
    document_delete,
    document_review,
    document_update,
    document_upload,
)
from organizations.uploads import document_download_name, upload_request_check


class DocumentListApi(ListApi):
    """The organisation's documents (own members and staff); upload one as multipart/form-data."""

    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedMultiPartParser, BoundedFormParser]
    filterset_class = DocumentFilter

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        file = serializers.FileField(
            allow_empty_file=True, help_text="PDF, PNG or JPEG (checked by content)."
        )
        document_type = serializers.ChoiceField(choices=DocumentType.choices)
        number = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")
        issuer = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
        valid_from = serializers.DateField(required=False, allow_null=True, default=None)
        valid_until = serializers.DateField(required=False, allow_null=True, default=None)
        standards = CommaSeparatedListField(
            child=serializers.CharField(), required=False, help_text="Standard codes or ids (certificates)."
        )
        markets = CommaSeparatedListField(
            child=serializers.CharField(), required=False, help_text="Market codes (certificates)."
        )
        products = CommaSeparatedIdListField(
            required=False, help_text="Ids of the organisation's own products (certificates)."
        )

    @extend_schema(
        responses={200: DocumentOutputSerializer(many=True)}, operation_id="organizations_documents_list"
    )
    def get(self, request: Request, organization_id: int) -> Response:
        organization = organization_get_managed(user=request.user, organization_id=organization_id)
        return self.paginated_response(
            request, document_list(organization=organization), DocumentOutputSerializer
        )

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={201: DocumentOutputSerializer},
        operation_id="organizations_documents_upload",
    )
    def post(self, request: Request, organization_id: int) -> Response:
        organization = organization_get_managed(user=request.user, organization_id=organization_id)
        upload_request_check(content_length=request.META.get("CONTENT_LENGTH"))
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        upload: UploadedFile = data.pop("file")
        document = document_upload(
            organization=organization, actor=request_user(request), file=upload, **data
        )
        document = document_get(organization=organization, document_id=document.pk)
        return Response(DocumentOutputSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentDetailApi(APIView):
    """One document: own members and staff read and edit; only own members delete."""

    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser, BoundedMultiPartParser, BoundedFormParser]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        number = serializers.CharField(max_length=128, allow_blank=True)
        issuer = serializers.CharField(max_length=255, allow_blank=True)
        valid_from = serializers.DateField(allow_null=True)
        valid_until = serializers.DateField(allow_null=True)
        standards = CommaSeparatedListField(child=serializers.CharField())
        markets = CommaSeparatedListField(child=serializers.CharField())
        products = CommaSeparatedIdListField()

    @extend_schema(responses={200: DocumentOutputSerializer}, operation_id="organizations_documents_retrieve")
    def get(self, request: Request, organization_id: int, document_id: int) -> Response:
        organization = organization_get_managed(user=request.user, organization_id=organization_id)
        document = document_get(organization=organization, document_id=document_id)
        return Response(DocumentOutputSerializer(document).data)

    @extend_schema(
        request=InputSerializer,
        responses={200: DocumentOutputSerializer},
        operation_id="organizations_documents_update",
    )
    def patch(self, request: Request, organization_id: int, document_id: int) -> Response:
        organization = organization_get_managed(user=request.user, organization_id=organization_id)
        document = document_get(organization=organization, document_id=document_id)
        serializer = self.InputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        document_update(document=document, actor=request_user(request), data=serializer.validated_data)
        document = document_get(organization=organization, document_id=document_id)
        return Response(DocumentOutputSerializer(document).data)

    @extend_schema(responses={204: None}, operation_id="organizations_documents_delete")
    def delete(self, request: Request, organization_id: int, document_id: int) -> Response:
        organization = organization_get(user=request.user, organization_id=organization_id)
        if not organization_is_own(organization=organization, user=request.user):
            raise exceptions.PermissionDenied("Only the organisation's own members can delete its documents.")
        document = document_get(organization=organization, document_id=document_id)
        document_delete(document=document, actor=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class DocumentFileQuerySerializer(serializers.Serializer[Any]):
    inline = serializers.BooleanField(required=False, default=False)


class DocumentFileApi(FileApi):
    """Streams the stored file to the organisation's own members and staff.

    ``?inline=true`` lets the web app show it in a frame of its own pages (PDFs and images
    only, whose content was checked on upload); otherwise the file is an attachment.
    """

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "inline",
                OpenApiTypes.BOOL,
                description="Show in the browser (same-origin frames allowed) instead of downloading.",
            )
        ],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "image/png"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "image/jpeg"): OpenApiResponse(OpenApiTypes.BINARY),
        },
        operation_id="organizations_documents_file",
    )
    def get(self, request: Request, organization_id: int, document_id: int) -> FileResponse:
        organization = organization_get_managed(user=request.user, organization_id=organization_id)
        document = document_get(organization=organization, document_id=document_id)
        query = DocumentFileQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        inline: bool = query.validated_data["inline"]
        name = document_download_name(
            document_id=document.pk,
            organization_id=organization.pk,
            document_type=document.document_type,
            content_type=document.content_type,
        )
        return file_response(document.file, filename=name, content_type=document.content_type, inline=inline)


class DocumentReviewApi(APIView):
    """A certificate's own review (staff): approve, or reject with a reason. A new or changed
    certificate awaits this review without taking the vendor out of the directory."""

    permission_classes = [IsStaff]
    approve = True

    class InputSerializer(serializers.Serializer[dict[str, str]]):
        reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    def post(self, request: Request, organization_id: int, document_id: int) -> Response:
        organization = organization_get(user=request.user, organization_id=organization_id)
        document = document_get(organization=organization, document_id=document_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document_review(
            document=document,
            actor=request_user(request),
            approve=self.approve,
            reason=serializer.validated_data["reason"],
        )
        document = document_get(organization=organization, document_id=document_id)
        return Response(DocumentOutputSerializer(document).data)


class DocumentApproveApi(DocumentReviewApi):
    approve = True

    @extend_schema(
        request=DocumentReviewApi.InputSerializer,
        responses={200: DocumentOutputSerializer},
        operation_id="organizations_documents_approve",
    )
    def post(self, request: Request, organization_id: int, document_id: int) -> Response:
        return super().post(request, organization_id, document_id)


class DocumentRejectApi(DocumentReviewApi):
    approve = False

    @extend_schema(
        request=DocumentReviewApi.InputSerializer,
        responses={200: DocumentOutputSerializer},
        operation_id="organizations_documents_reject",
    )
    def post(self, request: Request, organization_id: int, document_id: int) -> Response:
        return super().post(request, organization_id, document_id)
