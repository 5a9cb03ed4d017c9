"""Applications for a certificate: create, edit, submit, and staff review (queue, ask for information,
approve, reject)."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.permissions import request_user
from certificates.filters import ApplicationFilter
from certificates.models import FmApplication
from certificates.selectors import application_get, application_get_own, application_list, review_queue
from certificates.serializers import ApplicationOutputSerializer
from certificates.services.applications import application_create, application_submit, application_update
from certificates.services.decisions import application_approve, application_reject, application_request_info
from core.pagination import ListApi
from core.permissions import IsMember, IsStaff, member_organization_id


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
        user = request_user(request)
        application = application_get_own(user=user, application_id=application_id)
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
