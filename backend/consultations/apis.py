"""HTTP for legal consultations (/api/v1/consultations/…).

A member asks; staff assign an adviser; the member's organisation and the adviser (and
staff) write in the thread; the adviser or staff close it with an outcome. Anybody else
gets 404 for a consultation, its messages and its attachments.
"""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.permissions import request_user
from certificates.selectors import certificate_stats
from certificates.serializers import TradeCertificatesSerializer, TradeDurationSerializer
from consultations.filters import ConsultationFilter
from consultations.models import (
    Consultation,
    ConsultationAttachment,
    ConsultationMessage,
    ConsultationStatus,
    ConsultationTopic,
)
from consultations.selectors import (
    adviser_candidates,
    attachment_get,
    consultation_get,
    consultation_list,
    consultation_stats,
)
from consultations.services import (
    attachment_add,
    consultation_assign,
    consultation_close,
    consultation_create,
    consultation_message_post,
)
from core.files import FileApi, file_response
from core.pagination import ListApi
from core.permissions import IsMember, IsStaff, member_organization_id
from organizations.uploads import upload_request_check


class AdviserSerializer(serializers.Serializer[User]):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, user: User) -> str:
        return user.get_full_name() or user.username


class AttachmentOutputSerializer(serializers.Serializer[ConsultationAttachment]):
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    created_at = serializers.DateTimeField()
    file_url = serializers.SerializerMethodField()

    def get_file_url(self, attachment: ConsultationAttachment) -> str:
        return reverse(
            "consultation-attachment-file",
            kwargs={"consultation_id": attachment.consultation_id, "attachment_id": attachment.pk},
        )


class ConsultationOutputSerializer(serializers.Serializer[Consultation]):
    id = serializers.IntegerField()
    organization = serializers.IntegerField(source="organization_id")
    organization_name = serializers.CharField(source="organization.name")
    topic = serializers.ChoiceField(choices=ConsultationTopic.choices)
    subject = serializers.CharField()
    description = serializers.CharField()
    status = serializers.ChoiceField(choices=ConsultationStatus.choices)
    adviser = AdviserSerializer(allow_null=True)
    assigned_at = serializers.DateTimeField(allow_null=True)
    first_response_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    outcome = serializers.CharField()
    attachments = AttachmentOutputSerializer(many=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class MessageOutputSerializer(serializers.Serializer[ConsultationMessage]):
    id = serializers.IntegerField()
    from_adviser = serializers.BooleanField()
    author_name = serializers.SerializerMethodField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()

    def get_author_name(self, message: ConsultationMessage) -> str:
        author = message.author
        return (author.get_full_name() or author.username) if author else ""


def _render(user: User, consultation_id: int, *, status_code: int = 200) -> Response:
    consultation = consultation_get(user=user, consultation_id=consultation_id)
    return Response(ConsultationOutputSerializer(consultation).data, status=status_code)


def _require_adviser_or_staff(user: User, consultation: Consultation) -> None:
    if not (user.is_staff or consultation.adviser_id == user.pk):
        raise exceptions.PermissionDenied("Only the adviser or staff can do this.")


class ConsultationListApi(ListApi):
    """Your organisation's consultations (advisers and staff: all); POST asks a question."""

    permission_classes = [IsMember]
    filterset_class = ConsultationFilter

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        topic = serializers.ChoiceField(choices=ConsultationTopic.choices)
        subject = serializers.CharField(max_length=255)
        description = serializers.CharField(max_length=10000)

    input_serializer_class = InputSerializer

    @extend_schema(
        responses={200: ConsultationOutputSerializer(many=True)}, operation_id="consultations_list"
    )
    def get(self, request: Request) -> Response:
        rows = consultation_list(user=request_user(request), filters=request.query_params)
        return self.page_response(request, rows, ConsultationOutputSerializer)

    @extend_schema(
        request=InputSerializer,
        responses={201: ConsultationOutputSerializer},
        operation_id="consultations_create",
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        if member_organization_id(user) is None:
            raise exceptions.PermissionDenied("Only members of an organisation can ask.", code="not_a_member")
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organization = user.organization
        assert organization is not None  # member_organization_id checked it
        consultation = consultation_create(organization=organization, actor=user, **serializer.validated_data)
        return _render(user, consultation.pk, status_code=status.HTTP_201_CREATED)


class ConsultationDetailApi(APIView):
    permission_classes = [IsMember]

    @extend_schema(responses={200: ConsultationOutputSerializer}, operation_id="consultations_retrieve")
    def get(self, request: Request, consultation_id: int) -> Response:
        return _render(request_user(request), consultation_id)


class AdviserListApi(APIView):
    """Staff: the advisers a consultation can be given to."""

    permission_classes = [IsStaff]

    @extend_schema(responses={200: AdviserSerializer(many=True)}, operation_id="consultations_advisers")
    def get(self, request: Request) -> Response:
        return Response([AdviserSerializer(adviser).data for adviser in adviser_candidates()])


class ConsultationAssignApi(APIView):
    permission_classes = [IsStaff]

    class InputSerializer(serializers.Serializer[dict[str, int]]):
        adviser = serializers.IntegerField(min_value=1, help_text="The adviser's user id.")

    @extend_schema(
        request=InputSerializer,
        responses={200: ConsultationOutputSerializer, 409: OpenApiResponse(description="Closed.")},
        operation_id="consultations_assign",
    )
    def post(self, request: Request, consultation_id: int) -> Response:
        user = request_user(request)
        consultation = consultation_get(user=user, consultation_id=consultation_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        adviser = User.objects.filter(pk=serializer.validated_data["adviser"]).first()
        if adviser is None:
            raise serializers.ValidationError({"adviser": ["No such user."]}, code="not_an_adviser")
        consultation_assign(consultation=consultation, actor=user, adviser=adviser)
        return _render(user, consultation_id)


class ConsultationMessageListApi(ListApi):
    """The thread, oldest first; POST adds a message (member's organisation, adviser, staff)."""

    permission_classes = [IsMember]
    model = ConsultationMessage

    class InputSerializer(serializers.Serializer[dict[str, str]]):
        body = serializers.CharField(max_length=10000)

    input_serializer_class = InputSerializer

    @extend_schema(
        responses={200: MessageOutputSerializer(many=True)}, operation_id="consultations_messages_list"
    )
    def get(self, request: Request, consultation_id: int) -> Response:
        consultation = consultation_get(user=request_user(request), consultation_id=consultation_id)
        messages = consultation.messages.select_related("author").order_by("created_at", "id")
        return self.page_response(request, messages, MessageOutputSerializer)

    @extend_schema(
        request=InputSerializer,
        responses={201: MessageOutputSerializer, 409: OpenApiResponse(description="Closed.")},
        operation_id="consultations_messages_create",
    )
    def post(self, request: Request, consultation_id: int) -> Response:
        user = request_user(request)
        consultation = consultation_get(user=user, consultation_id=consultation_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = consultation_message_post(
            consultation=consultation, actor=user, body=serializer.validated_data["body"]
        )
        return Response(MessageOutputSerializer(message).data, status=status.HTTP_201_CREATED)


class ConsultationAttachmentListApi(APIView):
    """Attach a file (multipart/form-data; PDF, PNG or JPEG checked by content)."""

    permission_classes = [IsMember]
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        file = serializers.FileField(
            allow_empty_file=True, help_text="PDF, PNG or JPEG (checked by content)."
        )

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={201: AttachmentOutputSerializer},
        operation_id="consultations_attachments_upload",
    )
    def post(self, request: Request, consultation_id: int) -> Response:
        user = request_user(request)
        consultation = consultation_get(user=user, consultation_id=consultation_id)
        upload_request_check(content_length=request.META.get("CONTENT_LENGTH"))
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload: UploadedFile = serializer.validated_data["file"]
        attachment = attachment_add(consultation=consultation, actor=user, file=upload)
        return Response(AttachmentOutputSerializer(attachment).data, status=status.HTTP_201_CREATED)


class ConsultationAttachmentFileApi(FileApi):
    permission_classes = [IsMember]

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "image/png"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "image/jpeg"): OpenApiResponse(OpenApiTypes.BINARY),
        },
        operation_id="consultations_attachments_file",
    )
    def get(self, request: Request, consultation_id: int, attachment_id: int) -> Any:
        consultation = consultation_get(user=request_user(request), consultation_id=consultation_id)
        attachment = attachment_get(consultation=consultation, attachment_id=attachment_id)
        return file_response(
            attachment.file,
            filename=attachment.original_name,
            content_type=attachment.content_type,
            inline=True,
        )


class ConsultationCloseApi(APIView):
    permission_classes = [IsMember]

    class InputSerializer(serializers.Serializer[dict[str, str]]):
        outcome = serializers.CharField(max_length=10000)

    @extend_schema(
        request=InputSerializer,
        responses={200: ConsultationOutputSerializer, 409: OpenApiResponse(description="Already closed.")},
        operation_id="consultations_close",
    )
    def post(self, request: Request, consultation_id: int) -> Response:
        user = request_user(request)
        consultation = consultation_get(user=user, consultation_id=consultation_id)
        _require_adviser_or_staff(user, consultation)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        consultation_close(
            consultation=consultation, actor=user, outcome=serializer.validated_data["outcome"]
        )
        return _render(user, consultation_id)


# --- figures (the trade-services dashboard: certificates and consultations) ---


class TradeConsultationsSerializer(serializers.Serializer[dict[str, Any]]):
    total = serializers.IntegerField()
    by_status = serializers.DictField(child=serializers.IntegerField())
    by_topic = serializers.DictField(child=serializers.IntegerField())
    first_response = TradeDurationSerializer(help_text="Creation → the adviser's first message.")
    time_to_close = TradeDurationSerializer(help_text="Creation → closed.")


class TradeServicesStatsApi(APIView):
    """Staff dashboard: force-majeure applications and certificates, consultation response times."""

    permission_classes = [IsStaff]

    class QuerySerializer(serializers.Serializer[dict[str, Any]]):
        created_after = serializers.DateField(required=False, help_text="Submitted/created on or after.")
        created_before = serializers.DateField(required=False, help_text="Submitted/created on or before.")

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            after, before = attrs.get("created_after"), attrs.get("created_before")
            if after and before and after > before:
                raise serializers.ValidationError(
                    {"created_before": ["Must not be before created_after."]}, code="invalid_range"
                )
            return attrs

    class OutputSerializer(serializers.Serializer[dict[str, Any]]):
        certificates = TradeCertificatesSerializer()
        consultations = TradeConsultationsSerializer()

    @extend_schema(
        parameters=[QuerySerializer], responses={200: OutputSerializer}, operation_id="stats_trade_services"
    )
    def get(self, request: Request) -> Response:
        query = self.QuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        after, before = query.validated_data.get("created_after"), query.validated_data.get("created_before")
        figures = {
            "certificates": certificate_stats(created_after=after, created_before=before),
            "consultations": consultation_stats(created_after=after, created_before=before),
        }
        return Response(self.OutputSerializer(figures).data)
