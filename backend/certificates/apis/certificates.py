"""Issued certificates: list, read, the signed PDF, revocation, and public verification by number."""

from typing import Any

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.permissions import request_user
from certificates.filters import CertificateFilter
from certificates.models import CertificateValidity
from certificates.selectors import certificate_get, certificate_list, certificate_verify
from certificates.serializers import CertificateOutputSerializer
from certificates.services.decisions import certificate_revoke
from core.files import FileApi, file_response
from core.pagination import ListApi
from core.permissions import IsMember, IsStaff


class CertificateListApi(ListApi):
    """Your organisation's certificates (staff: all)."""

    permission_classes = [IsMember]
    filterset_class = CertificateFilter

    @extend_schema(responses={200: CertificateOutputSerializer(many=True)}, operation_id="certificates_list")
    def get(self, request: Request) -> Response:
        rows = certificate_list(user=request_user(request), filters=request.query_params)
        return self.page_response(request, rows, CertificateOutputSerializer)


class CertificateDetailApi(APIView):
    permission_classes = [IsMember]

    @extend_schema(responses={200: CertificateOutputSerializer}, operation_id="certificates_retrieve")
    def get(self, request: Request, certificate_id: int) -> Response:
        certificate = certificate_get(user=request_user(request), certificate_id=certificate_id)
        return Response(CertificateOutputSerializer(certificate).data)


class CertificatePdfApi(FileApi):
    """The signed PDF (the holder's members and staff); 404 until it is made."""

    permission_classes = [IsMember]

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
        operation_id="certificates_pdf",
    )
    def get(self, request: Request, certificate_id: int) -> FileResponse:
        certificate = certificate_get(user=request_user(request), certificate_id=certificate_id)
        if not certificate.pdf:
            raise exceptions.NotFound("The signed PDF is still being made; try again in a moment.")
        return file_response(
            certificate.pdf,
            filename=f"{certificate.number}.pdf",
            content_type="application/pdf",
            inline=False,
        )


class CertificateRevokeApi(APIView):
    permission_classes = [IsStaff]

    class InputSerializer(serializers.Serializer[dict[str, str]]):
        reason = serializers.CharField(max_length=5000)

    @extend_schema(
        request=InputSerializer,
        responses={200: CertificateOutputSerializer, 409: OpenApiResponse(description="Already revoked.")},
        operation_id="certificates_revoke",
    )
    def post(self, request: Request, certificate_id: int) -> Response:
        user = request_user(request)
        certificate = certificate_get(user=user, certificate_id=certificate_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        certificate_revoke(certificate=certificate, actor=user, reason=serializer.validated_data["reason"])
        return Response(
            CertificateOutputSerializer(certificate_get(user=user, certificate_id=certificate_id)).data
        )


class CertificateVerifyApi(APIView):
    """Public (no sign-in), rate-limited: is certificate ``number`` valid or revoked, whose, when."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "certificate_verify"

    class OutputSerializer(serializers.Serializer[dict[str, Any]]):
        number = serializers.CharField()
        status = serializers.ChoiceField(choices=CertificateValidity.choices)
        holder = serializers.CharField()
        holder_legal_names = serializers.DictField(child=serializers.CharField())
        holder_country = serializers.CharField()
        counterparty_country = serializers.CharField()
        issued_at = serializers.DateTimeField()
        event_start = serializers.DateField(allow_null=True)
        event_end = serializers.DateField(allow_null=True)
        revoked_at = serializers.DateTimeField(allow_null=True)
        revocation_reason = serializers.CharField()
        pdf_sha256 = serializers.CharField(help_text="SHA-256 of the issued (signed) PDF, hex.")

    @extend_schema(responses={200: OutputSerializer}, operation_id="certificates_verify")
    def get(self, request: Request, number: str) -> Response:
        return Response(self.OutputSerializer(certificate_verify(number=number)).data)
