"""Inviting the vendors supplier lists brought in to claim their profiles, and the claim itself."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.permissions import request_user
from accounts.services import user_public_profile
from core.pagination import ListApi
from core.parsers import BoundedFormParser, BoundedJSONParser
from core.permissions import IsStaff
from core.validators import ID_MAX
from organizations.models import Organization
from supplierlists.selectors import listed_organizations
from supplierlists.serializers import ListedOrganizationSerializer
from supplierlists.services.claims import (
    claim_invitation_for_token,
    claim_invitations_create,
    organization_claim,
)


class InvitationListQuerySerializer(serializers.Serializer[Any]):
    supplier_list = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAX)


class InvitationCreateApi(ListApi):
    """GET: the organisations supplier lists brought in, with their latest invitation; POST: invite
    listed vendors (one or many) by e-mail to claim their profiles."""

    permission_classes = [IsStaff]
    model = Organization

    @extend_schema(
        parameters=[OpenApiParameter("supplier_list", int, required=False)],
        responses={200: ListedOrganizationSerializer(many=True)},
        operation_id="supplier_lists_invitations",
    )
    def get(self, request: Request) -> Response:
        query = InvitationListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = listed_organizations(supplier_list_id=query.validated_data.get("supplier_list"))
        return self.page_response(request, rows, ListedOrganizationSerializer)

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        organizations = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=ID_MAX), min_length=1, max_length=500
        )
        email = serializers.EmailField(
            required=False,
            allow_blank=True,
            default="",
            help_text="Only with one organisation: the address to invite.",
        )

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            if attrs["email"] and len(attrs["organizations"]) != 1:
                raise serializers.ValidationError(
                    {"email": ["Give an address only when inviting one organisation."]}
                )
            return attrs

    input_serializer_class = InputSerializer

    class OutputSerializer(serializers.Serializer[Any]):
        invitations = inline_serializer(
            name="ClaimInvitationOut",
            many=True,
            fields={
                "id": serializers.IntegerField(),
                "organization": serializers.IntegerField(),
                "email": serializers.EmailField(),
                "language": serializers.CharField(),
                "status": serializers.CharField(),
            },
        )
        refused = inline_serializer(
            name="ClaimInvitationRefused",
            many=True,
            fields={
                "organization": serializers.IntegerField(),
                "code": serializers.CharField(),
                "message": serializers.CharField(),
            },
        )

    @extend_schema(
        request=InputSerializer, responses={201: OutputSerializer}, operation_id="supplier_lists_invite"
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        invitations, refused = claim_invitations_create(
            organization_ids=data["organizations"], actor=request_user(request), email=data["email"]
        )
        body = {
            "invitations": [
                {
                    "id": i.pk,
                    "organization": i.organization_id,
                    "email": i.email,
                    "language": i.language,
                    "status": i.status,
                }
                for i in invitations
            ],
            "refused": [
                {"organization": r.organization_id, "code": r.code, "message": r.message} for r in refused
            ],
        }
        if not invitations:
            return Response(
                {
                    "code": "invalid",
                    "message": "Nobody was invited.",
                    "fields": {
                        "organizations": [
                            {"code": r.code, "message": f"{r.organization_id}: {r.message}"} for r in refused
                        ]
                    },
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(self.OutputSerializer(body).data, status=status.HTTP_201_CREATED)


class ClaimApi(APIView):
    """GET shows what an invitation link is for; POST uses it: sets the password of a new member account."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "register"
    parser_classes = [BoundedJSONParser, BoundedFormParser]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        token = serializers.CharField(max_length=128)
        password = serializers.CharField(max_length=128, write_only=True)
        full_name = serializers.CharField(max_length=150)

    class InvitationOutputSerializer(serializers.Serializer[Any]):
        organization = serializers.CharField()
        country = serializers.CharField()
        email = serializers.EmailField()
        expires_at = serializers.DateTimeField()

    @extend_schema(
        parameters=[OpenApiParameter("token", str, required=True)],
        responses={200: InvitationOutputSerializer},
        operation_id="supplier_lists_claim_retrieve",
    )
    def get(self, request: Request) -> Response:
        invitation = claim_invitation_for_token(token=request.query_params.get("token", "")[:128])
        body = {
            "organization": invitation.organization.name,
            "country": invitation.organization.country,
            "email": invitation.email,
            "expires_at": invitation.expires_at,
        }
        return Response(self.InvitationOutputSerializer(body).data)

    @extend_schema(
        request=InputSerializer,
        responses={
            201: inline_serializer(
                name="ClaimedUser",
                fields={
                    "id": serializers.IntegerField(),
                    "email": serializers.EmailField(),
                    "full_name": serializers.CharField(),
                    "role": serializers.CharField(),
                    "organization_id": serializers.IntegerField(),
                    "language": serializers.CharField(),
                },
            )
        },
        operation_id="supplier_lists_claim",
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = organization_claim(token=data["token"], password=data["password"], full_name=data["full_name"])
        return Response(user_public_profile(user=user), status=status.HTTP_201_CREATED)
