"""HTTP for force-majeure certificates (/api/v1/certificates/…) and the trade-service figures.

Members of a verified organisation apply and follow their applications; staff review them
in a queue ordered by time left; anybody may verify a certificate by its number (rate-limited).
"""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.models import User
from accounts.permissions import request_user
from certificates.filters import ApplicationFilter, CertificateFilter
from certificates.models import (
    ApplicationStatus,
    Certificate,
    CertificateStatus,
    CertificateValidity,
    Evidence,
    EvidenceKind,
    FmApplication,
)
from certificates.selectors import (
    application_get,
    application_list,
    certificate_get,
    certificate_list,
    certificate_verify,
    evidence_get,
    review_queue,
    review_time_left,
)
from certificates.services.applications import (
    application_create,
    application_reference,
    application_submit,
    application_update,
    evidence_add,
    evidence_delete,
)
from certificates.services.decisions import (
    application_approve,
    application_reject,
    application_request_info,
    certificate_revoke,
)
from certificates.services.pdf_generation import verification_url
from core.files import FileApi, file_response
from core.pagination import ListApi
from core.permissions import IsMember, IsStaff, member_organization_id
from organizations.uploads import upload_request_check

# --- output ---


class EvidenceOutputSerializer(serializers.Serializer[Evidence]):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    description = serializers.CharField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    created_at = serializers.DateTimeField()
    file_url = serializers.SerializerMethodField(help_text="Opens inline in the browser (members and staff).")

    def get_file_url(self, evidence: Evidence) -> str:
        return reverse(
            "certificate-evidence-file",
            kwargs={"application_id": evidence.application_id, "evidence_id": evidence.pk},
        )


class CertificateSummarySerializer(serializers.Serializer[Certificate]):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=CertificateStatus.choices)
    issued_at = serializers.DateTimeField()


class ApplicationOutputSerializer(serializers.Serializer[FmApplication]):
    id = serializers.IntegerField()
    reference = serializers.SerializerMethodField()
    organization = serializers.IntegerField(source="organization_id")
    organization_name = serializers.CharField(source="organization.name")
    status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    counterparty_name = serializers.CharField()
    counterparty_country = serializers.CharField()
    counterparty_language = serializers.CharField()
    contract_number = serializers.CharField()
    contract_date = serializers.DateField(allow_null=True)
    goods = serializers.CharField()
    contract_value = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    obligation = serializers.CharField()
    obligation_due_date = serializers.DateField(allow_null=True)
    event_description = serializers.CharField()
    event_location = serializers.CharField()
    event_start = serializers.DateField(allow_null=True)
    event_end = serializers.DateField(allow_null=True)
    evidence = EvidenceOutputSerializer(many=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    last_submitted_at = serializers.DateTimeField(allow_null=True)
    info_request = serializers.CharField()
    member_reply = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    rejection_reason = serializers.CharField()
    review_seconds_left = serializers.SerializerMethodField(
        help_text="Seconds left against the review target (negative: overdue); null before submission."
    )
    clock_paused = serializers.SerializerMethodField(help_text="True while more information is awaited.")
    certificate = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_reference(self, application: FmApplication) -> str:
        return application_reference(application)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_review_seconds_left(self, application: FmApplication) -> int | None:
        if application.submitted_at is None:
            return None
        return int(review_time_left(application=application, now=timezone.now()).total_seconds())

    def get_clock_paused(self, application: FmApplication) -> bool:
        return application.status == ApplicationStatus.INFO_REQUESTED

    @extend_schema_field(CertificateSummarySerializer(allow_null=True))
    def get_certificate(self, application: FmApplication) -> dict[str, Any] | None:
        certificate = getattr(application, "certificate", None)
        return CertificateSummarySerializer(certificate).data if certificate else None


class CertificateOutputSerializer(serializers.Serializer[Certificate]):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=CertificateStatus.choices)
    application = serializers.IntegerField(source="application_id")
    organization = serializers.IntegerField(source="application.organization_id")
    issued_at = serializers.DateTimeField()
    holder_name = serializers.CharField()
    holder_country = serializers.CharField()
    counterparty_country = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    facts = serializers.DictField(
        child=serializers.CharField(), help_text="The contract and facts as approved."
    )
    pdf_sha256 = serializers.CharField(help_text="Empty until the signed PDF is made.")
    pdf_generated_at = serializers.DateTimeField(allow_null=True)
    pdf_url = serializers.SerializerMethodField(help_text="Null until the signed PDF is made.")
    verification_url = serializers.SerializerMethodField(help_text="The public page the QR code opens.")
    revoked_at = serializers.DateTimeField(allow_null=True)
    revocation_reason = serializers.CharField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_pdf_url(self, certificate: Certificate) -> str | None:
        if not certificate.pdf:
            return None
        return reverse("certificate-pdf", kwargs={"certificate_id": certificate.pk})

    def get_verification_url(self, certificate: Certificate) -> str:
        return verification_url(certificate.number)


# --- input ---


class ApplicationInputSerializer(serializers.Serializer[dict[str, Any]]):
    counterparty_name = serializers.CharField(max_length=255, allow_blank=True, required=False)
    counterparty_country = serializers.CharField(
        max_length=2, allow_blank=True, required=False, help_text="ISO 3166-1 alpha-2."
    )
    counterparty_language = serializers.CharField(
        max_length=2, allow_blank=True, required=False, help_text="en, zh, fr, es, ru or ar; or empty."
    )
    contract_number = serializers.CharField(max_length=128, allow_blank=True, required=False)
    contract_date = serializers.DateField(allow_null=True, required=False)
    goods = serializers.CharField(max_length=2000, allow_blank=True, required=False)
    contract_value = serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, required=False, min_value=0
    )
    currency = serializers.CharField(max_length=3, allow_blank=True, required=False, help_text="ISO 4217.")
    obligation = serializers.CharField(max_length=2000, allow_blank=True, required=False)
    obligation_due_date = serializers.DateField(allow_null=True, required=False)
    event_description = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    event_location = serializers.CharField(max_length=255, allow_blank=True, required=False)
    event_start = serializers.DateField(allow_null=True, required=False)
    event_end = serializers.DateField(allow_null=True, required=False)


def _member_organization(user: User) -> Any:
    if member_organization_id(user) is None:
        raise exceptions.PermissionDenied("Only members of an organisation can apply.", code="not_a_member")
    return user.organization


def _render(application_id: int, user: User, *, status_code: int = 200) -> Response:
    application = application_get(user=user, application_id=application_id)
    return Response(ApplicationOutputSerializer(application).data, status=status_code)


# --- applications ---


class ApplicationListApi(ListApi):
    """Your organisation's applications (staff: all); POST starts a draft (verified organisations)."""

    permission_classes = [IsMember]
    filterset_class = ApplicationFilter
    input_serializer_class = ApplicationInputSerializer

    @extend_schema(
        responses={200: ApplicationOutputSerializer(many=True)}, operation_id="certificates_applications_list"
    )
    def get(self, request: Request) -> Response:
        rows = application_list(user=request_user(request), filters=request.query_params)
        return self.page_response(request, rows, ApplicationOutputSerializer)

    @extend_schema(
        request=ApplicationInputSerializer,
        responses={201: ApplicationOutputSerializer},
        operation_id="certificates_applications_create",
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        organization = _member_organization(user)
        serializer = ApplicationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = application_create(
            organization=organization, actor=user, data=serializer.validated_data
        )
        return _render(application.pk, user, status_code=status.HTTP_201_CREATED)


class ApplicationDetailApi(APIView):
    permission_classes = [IsMember]

    @extend_schema(
        responses={200: ApplicationOutputSerializer}, operation_id="certificates_applications_retrieve"
    )
    def get(self, request: Request, application_id: int) -> Response:
        return _render(application_id, request_user(request))

    @extend_schema(
        request=ApplicationInputSerializer,
        responses={200: ApplicationOutputSerializer, 409: OpenApiResponse(description="Already submitted.")},
        operation_id="certificates_applications_update",
    )
    def patch(self, request: Request, application_id: int) -> Response:
        user = request_user(request)
        application = application_get(user=user, application_id=application_id)
        if application.organization_id != member_organization_id(user):
            raise exceptions.PermissionDenied("Only the applicant's members can change an application.")
        serializer = ApplicationInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        application_update(application=application, actor=user, data=serializer.validated_data)
        return _render(application_id, user)


def _own_application(request: Request, application_id: int) -> tuple[User, FmApplication]:
    user = request_user(request)
    application = application_get(user=user, application_id=application_id)
    if application.organization_id != member_organization_id(user):
        raise exceptions.PermissionDenied("Only the applicant's own members can do this.")
    return user, application


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
        user, application = _own_application(request, application_id)
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
        user, application = _own_application(request, application_id)
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


class ApplicationSubmitApi(APIView):
    """draft → submitted, or info_requested → resubmitted (with a note). Then immutable."""

    permission_classes = [IsMember]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        note = serializers.CharField(
            max_length=5000, required=False, allow_blank=True, default="", help_text="With a resubmission."
        )

    @extend_schema(
        request=InputSerializer,
        responses={200: ApplicationOutputSerializer, 409: OpenApiResponse(description="Not a draft.")},
        operation_id="certificates_applications_submit",
    )
    def post(self, request: Request, application_id: int) -> Response:
        user, application = _own_application(request, application_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application_submit(application=application, actor=user, note=serializer.validated_data["note"])
        return _render(application_id, user)


class ApplicationRequestInfoApi(APIView):
    """Staff: ask the member for more information (the review clock pauses)."""

    permission_classes = [IsStaff]

    class InputSerializer(serializers.Serializer[dict[str, str]]):
        message = serializers.CharField(max_length=5000)

    @extend_schema(
        request=InputSerializer,
        responses={200: ApplicationOutputSerializer, 409: OpenApiResponse(description="Not under review.")},
        operation_id="certificates_applications_request_info",
    )
    def post(self, request: Request, application_id: int) -> Response:
        user = request_user(request)
        application = application_get(user=user, application_id=application_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application_request_info(
            application=application, actor=user, message=serializer.validated_data["message"]
        )
        return _render(application_id, user)


class ApplicationApproveApi(APIView):
    """Staff: approve; the certificate is issued and its signed PDF made by a worker."""

    permission_classes = [IsStaff]

    @extend_schema(
        request=None,
        responses={200: ApplicationOutputSerializer, 409: OpenApiResponse(description="Not under review.")},
        operation_id="certificates_applications_approve",
    )
    def post(self, request: Request, application_id: int) -> Response:
        user = request_user(request)
        application_approve(application=application_get(user=user, application_id=application_id), actor=user)
        return _render(application_id, user)


class ApplicationRejectApi(APIView):
    permission_classes = [IsStaff]

    class InputSerializer(serializers.Serializer[dict[str, str]]):
        reason = serializers.CharField(max_length=5000)

    @extend_schema(
        request=InputSerializer,
        responses={200: ApplicationOutputSerializer, 409: OpenApiResponse(description="Not under review.")},
        operation_id="certificates_applications_reject",
    )
    def post(self, request: Request, application_id: int) -> Response:
        user = request_user(request)
        application = application_get(user=user, application_id=application_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application_reject(application=application, actor=user, reason=serializer.validated_data["reason"])
        return _render(application_id, user)


class ReviewQueueApi(ListApi):
    """Staff: applications waiting for a decision, least time left against the target first."""

    permission_classes = [IsStaff]
    model = FmApplication

    @extend_schema(
        responses={200: ApplicationOutputSerializer(many=True)}, operation_id="certificates_queue_list"
    )
    def get(self, request: Request) -> Response:
        return self.page_response(request, review_queue(), ApplicationOutputSerializer)


# --- certificates ---


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
