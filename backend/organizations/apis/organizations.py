"""Organisations: the directory, one profile, its verification workflow and its audit trail."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import request_user
from audit.serializers import AuditEventOutputSerializer
from core.fields import IdentityCharField
from core.pagination import ListApi
from core.parsers import BoundedJSONParser
from core.permissions import IsStaff, is_staff
from core.validators import MAX_NAME_LENGTH, MAX_TEXT_LENGTH
from organizations.filters import AuditEventFilter, OrganizationFilter
from organizations.models import Organization
from organizations.selectors import (
    organization_audit_trail,
    organization_get,
    organization_get_managed,
    organization_is_managed_by,
    organization_is_own,
    organization_list,
)
from organizations.serializers import (
    OrganizationDetailOutputSerializer,
    OrganizationPrivateOutputSerializer,
    OrganizationPublicOutputSerializer,
)
from organizations.services import (
    organization_reject,
    organization_request_verification,
    organization_update,
    organization_verify,
)


def _organization_output(request: Request, organization: Organization) -> dict[str, Any]:
    if organization_is_managed_by(organization=organization, user=request.user):
        data: dict[str, Any] = OrganizationDetailOutputSerializer(organization).data
    else:
        data = OrganizationPublicOutputSerializer(organization).data
    return data


class OrganizationListApi(ListApi):
    """Staff see every organisation; everyone else the public directory (plus their own)."""

    permission_classes = [AllowAny]
    filterset_class = OrganizationFilter

    @extend_schema(
        responses={200: OrganizationPrivateOutputSerializer(many=True)},
        operation_id="organizations_list",
        description="Private fields (address, registration id, verification note) only for staff.",
    )
    def get(self, request: Request) -> Response:
        serializer_class: type[OrganizationPublicOutputSerializer] = (
            OrganizationPrivateOutputSerializer
            if is_staff(request.user)
            else OrganizationPublicOutputSerializer
        )
        return self.paginated_response(request, organization_list(user=request.user), serializer_class)


class OrganizationDetailApi(APIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    # JSON only: every field of a PATCH is optional, so a form body that parses to nothing was
    # answered 200 as an empty edit (schemathesis, 50 cases: a multipart body of a bare list).
    parser_classes = [BoundedJSONParser]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        name = IdentityCharField(max_length=MAX_NAME_LENGTH)
        legal_names = serializers.DictField(child=IdentityCharField(max_length=MAX_NAME_LENGTH))
        city = serializers.CharField(max_length=128, allow_blank=True)
        address = serializers.CharField(max_length=512, allow_blank=True)
        website = serializers.URLField(allow_blank=True)
        description = serializers.CharField(allow_blank=True, max_length=MAX_TEXT_LENGTH)
        registration_id = serializers.CharField(max_length=64, allow_blank=True)

    @extend_schema(
        responses={200: OrganizationDetailOutputSerializer},
        operation_id="organizations_retrieve",
        description="Contacts and private fields only for the organisation's own members and staff.",
    )
    def get(self, request: Request, organization_id: int) -> Response:
        organization = organization_get(user=request.user, organization_id=organization_id)
        return Response(_organization_output(request, organization))

    @extend_schema(
        request=InputSerializer,
        responses={200: OrganizationDetailOutputSerializer},
        operation_id="organizations_update",
    )
    def patch(self, request: Request, organization_id: int) -> Response:
        organization = organization_get_managed(user=request.user, organization_id=organization_id)
        serializer = self.InputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        organization_update(
            organization=organization, actor=request_user(request), data=serializer.validated_data
        )
        organization = organization_get(user=request.user, organization_id=organization_id)
        return Response(_organization_output(request, organization))


class OrganizationRequestVerificationApi(APIView):
    """unverified or rejected → pending; the organisation's own members only."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: OrganizationDetailOutputSerializer},
        operation_id="organizations_request_verification",
    )
    def post(self, request: Request, organization_id: int) -> Response:
        organization = organization_get(user=request.user, organization_id=organization_id)
        if not organization_is_own(organization=organization, user=request.user):
            raise exceptions.PermissionDenied("Only the organisation's own members can ask for verification.")
        organization_request_verification(organization=organization, actor=request_user(request))
        organization = organization_get(user=request.user, organization_id=organization_id)
        return Response(_organization_output(request, organization))


class OrganizationVerifyApi(APIView):
    """pending → verified (staff)."""

    permission_classes = [IsStaff]

    @extend_schema(
        request=None, responses={200: OrganizationDetailOutputSerializer}, operation_id="organizations_verify"
    )
    def post(self, request: Request, organization_id: int) -> Response:
        organization = organization_get(user=request.user, organization_id=organization_id)
        organization_verify(organization=organization, actor=request_user(request))
        organization = organization_get(user=request.user, organization_id=organization_id)
        return Response(_organization_output(request, organization))


class OrganizationRejectApi(APIView):
    """pending or verified → rejected, with a reason (staff)."""

    permission_classes = [IsStaff]

    class InputSerializer(serializers.Serializer[dict[str, str]]):
        reason = serializers.CharField(max_length=2000)

    @extend_schema(
        request=InputSerializer,
        responses={200: OrganizationDetailOutputSerializer},
        operation_id="organizations_reject",
    )
    def post(self, request: Request, organization_id: int) -> Response:
        organization = organization_get(user=request.user, organization_id=organization_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organization_reject(
            organization=organization, actor=request_user(request), reason=serializer.validated_data["reason"]
        )
        organization = organization_get(user=request.user, organization_id=organization_id)
        return Response(_organization_output(request, organization))


class OrganizationAuditApi(ListApi):
    """The organisation's audit trail, newest first (staff)."""

    permission_classes = [IsStaff]
    filterset_class = AuditEventFilter

    @extend_schema(
        responses={200: AuditEventOutputSerializer(many=True)}, operation_id="organizations_audit_list"
    )
    def get(self, request: Request, organization_id: int) -> Response:
        organization = organization_get(user=request.user, organization_id=organization_id)
        return self.paginated_response(
            request, organization_audit_trail(organization=organization), AuditEventOutputSerializer
        )
