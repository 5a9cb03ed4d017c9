"""An application's evidence files: attach, remove, and view inline."""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import request_user
from certificates.models import EvidenceKind
from certificates.selectors import application_get, application_get_own, evidence_get
from certificates.serializers import EvidenceOutputSerializer
from certificates.services.applications import evidence_add, evidence_delete
from core.files import FileApi, file_response
from core.permissions import IsMember
from organizations.uploads import upload_request_check


class EvidenceListApi(APIView):
    """Attach an evidence file (multipart/form-data; PDF, PNG or JPEG checked by content)."""

    permission_classes = [IsMember]
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        file = serializers.FileField(
            allow_empty_file=True, help_text="PDF, PNG or JPEG (checked by content)."
        )
        kind = serializers.ChoiceField(choices=EvidenceKind.choices)
        description = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={201: EvidenceOutputSerializer},
        operation_id="certificates_applications_evidence_upload",
    )
    def post(self, request: Request, application_id: int) -> Response:
        user = request_user(request)
        application = application_get_own(user=user, application_id=application_id)
        upload_request_check(content_length=request.META.get("CONTENT_LENGTH"))
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        upload: UploadedFile = data.pop("file")
        evidence = evidence_add(application=application, actor=user, file=upload, **data)
        return Response(EvidenceOutputSerializer(evidence).data, status=status.HTTP_201_CREATED)


class EvidenceDetailApi(APIView):
    permission_classes = [IsMember]

    @extend_schema(responses={204: None}, operation_id="certificates_applications_evidence_delete")
    def delete(self, request: Request, application_id: int, evidence_id: int) -> Response:
        user = request_user(request)
        application = application_get_own(user=user, application_id=application_id)
        evidence_delete(evidence=evidence_get(application=application, evidence_id=evidence_id), actor=user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class EvidenceFileApi(FileApi):
    """The evidence file, inline (for viewing in the review page): applicant's members and staff."""

    permission_classes = [IsMember]

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "image/png"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "image/jpeg"): OpenApiResponse(OpenApiTypes.BINARY),
        },
        operation_id="certificates_applications_evidence_file",
    )
    def get(self, request: Request, application_id: int, evidence_id: int) -> FileResponse:
        application = application_get(user=request_user(request), application_id=application_id)
        evidence = evidence_get(application=application, evidence_id=evidence_id)
        return file_response(
            evidence.file, filename=evidence.original_name, content_type=evidence.content_type, inline=True
        )
