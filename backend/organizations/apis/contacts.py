"""An organisation's contacts: its own members and staff only."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import request_user
from core.fields import IdentityCharField
from core.pagination import ListApi
from core.validators import MAX_NAME_LENGTH
from organizations.filters import ContactFilter
from organizations.selectors import contact_get, contact_list, organization_get_managed
from organizations.serializers import ContactOutputSerializer
from organizations.services.contacts import contact_create, contact_delete, contact_update


class ContactInputSerializer(serializers.Serializer[dict[str, Any]]):
    name = IdentityCharField(max_length=MAX_NAME_LENGTH)
    role = serializers.CharField(max_length=128, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    wechat = serializers.CharField(max_length=64, required=False, allow_blank=True)
    whatsapp = serializers.CharField(max_length=32, required=False, allow_blank=True)


class ContactListApi(ListApi):
    """The organisation's contacts: its own members and staff only."""

    permission_classes = [IsAuthenticated]
    filterset_class = ContactFilter

    @extend_schema(
        responses={200: ContactOutputSerializer(many=True)}, operation_id="organizations_contacts_list"
    )
    def get(self, request: Request, organization_id: int) -> Response:
        organization = organization_get_managed(user=request.user, organization_id=organization_id)
        return self.paginated_response(
            request, contact_list(organization=organization), ContactOutputSerializer
        )

    @extend_schema(
        request=ContactInputSerializer,
        responses={201: ContactOutputSerializer},
        operation_id="organizations_contacts_create",
    )
    def post(self, request: Request, organization_id: int) -> Response:
        organization = organization_get_managed(user=request.user, organization_id=organization_id)
        serializer = ContactInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contact = contact_create(
            organization=organization, actor=request_user(request), data=serializer.validated_data
        )
        return Response(ContactOutputSerializer(contact).data, status=status.HTTP_201_CREATED)


class ContactDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ContactOutputSerializer}, operation_id="organizations_contacts_retrieve")
    def get(self, request: Request, organization_id: int, contact_id: int) -> Response:
        organization = organization_get_managed(user=request.user, organization_id=organization_id)
        contact = contact_get(organization=organization, contact_id=contact_id)
        return Response(ContactOutputSerializer(contact).data)

    @extend_schema(
        request=ContactInputSerializer,
        responses={200: ContactOutputSerializer},
        operation_id="organizations_contacts_update",
    )
    def patch(self, request: Request, organization_id: int, contact_id: int) -> Response:
        organization = organization_get_managed(user=request.user, organization_id=organization_id)
        contact = contact_get(organization=organization, contact_id=contact_id)
        serializer = ContactInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        contact = contact_update(contact=contact, actor=request_user(request), data=serializer.validated_data)
        return Response(ContactOutputSerializer(contact).data)

    @extend_schema(responses={204: None}, operation_id="organizations_contacts_delete")
    def delete(self, request: Request, organization_id: int, contact_id: int) -> Response:
        organization = organization_get_managed(user=request.user, organization_id=organization_id)
        contact = contact_get(organization=organization, contact_id=contact_id)
        contact_delete(contact=contact, actor=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
