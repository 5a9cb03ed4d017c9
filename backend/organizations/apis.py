"""HTTP layer for /api/v1/organizations/: parse input, call one service or selector, render output.

Who may see what is decided by organizations.selectors: anyone sees the public directory
(verified vendors, public fields only); an organisation's own members and staff also see its
contacts, documents and private fields. Nothing else ever renders a contact.
"""

import hashlib
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from accounts.permissions import request_user
from audit.serializers import AuditEventOutputSerializer
from core.fields import IdentityCharField
from core.files import FileApi, file_response
from core.pagination import ListApi
from core.parsers import BoundedFormParser, BoundedJSONParser, BoundedMultiPartParser
from core.permissions import IsStaff, is_staff
from core.validators import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, UI_LANGUAGES
from organizations.filters import AuditEventFilter, ContactFilter, DocumentFilter, OrganizationFilter
from organizations.models import (
    BuyerType,
    Document,
    DocumentType,
    Organization,
    OrganizationKind,
    VerificationStatus,
)
from organizations.selectors import (
    contact_get,
    contact_list,
    document_get,
    document_list,
    organization_audit_trail,
    organization_get,
    organization_is_managed_by,
    organization_is_own,
    organization_list,
)
from organizations.serializers import ContactOutputSerializer
from organizations.services import (
    organization_reject,
    organization_request_verification,
    organization_update,
    organization_verify,
)
from organizations.services.contacts import contact_create, contact_delete, contact_update
from organizations.services.documents import (
    document_delete,
    document_review,
    document_update,
    document_upload,
)
from organizations.services.registration import organization_register, organization_register_errors
from organizations.uploads import document_download_name, upload_request_check

# Helpers ------------------------------------------------------------------------------------------


def _managed_organization(request: Request, organization_id: int) -> Organization:
    """The organisation, if the caller is one of its members or staff.

    404 if the caller may not even see it, 403 if they may see only its public profile.
    """
    organization = organization_get(user=request.user, organization_id=organization_id)
    if not organization_is_managed_by(organization=organization, user=request.user):
        raise exceptions.PermissionDenied("Only the organisation's own members and staff can do this.")
    return organization


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class CommaSeparatedListField(serializers.ListField):
    """A list given as repeated keys (``a=1&a=2``), comma-separated (``a=1,2``) or a JSON array."""

    def to_internal_value(self, data: Any) -> list[Any]:
        if isinstance(data, str):
            data = [data]
        if isinstance(data, list | tuple):
            parts: list[Any] = []
            for item in data:
                if isinstance(item, str):
                    parts.extend(part.strip() for part in item.split(",") if part.strip())
                else:
                    parts.append(item)
            data = parts
        result: list[Any] = super().to_internal_value(data)
        return result


@extend_schema_field({"type": "array", "items": {"type": "integer"}})
class CommaSeparatedIdListField(CommaSeparatedListField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=serializers.IntegerField(min_value=1), **kwargs)


# Output serializers -------------------------------------------------------------------------------


class OrganizationPublicOutputSerializer(serializers.Serializer[Organization]):
    """What anyone may see of a verified vendor: no contacts, documents or review notes."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=OrganizationKind.choices)
    name = serializers.CharField()
    legal_names = serializers.DictField(child=serializers.CharField())
    country = serializers.CharField()
    city = serializers.CharField()
    website = serializers.CharField()
    description = serializers.CharField()
    verification_status = serializers.ChoiceField(choices=VerificationStatus.choices)
    verified_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class OrganizationPrivateOutputSerializer(OrganizationPublicOutputSerializer):
    """Adds what only the organisation's members and staff see (absent from public output)."""

    buyer_type = serializers.CharField(required=False)
    address = serializers.CharField(required=False)
    registration_id = serializers.CharField(required=False)
    verification_note = serializers.CharField(required=False)
    updated_at = serializers.DateTimeField(required=False)


class OrganizationDetailOutputSerializer(OrganizationPrivateOutputSerializer):
    contacts = ContactOutputSerializer(many=True, required=False)


class DocumentOutputSerializer(serializers.Serializer[Document]):
    id = serializers.IntegerField()
    organization_id = serializers.IntegerField()
    document_type = serializers.CharField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    number = serializers.CharField()
    issuer = serializers.CharField()
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    review_status = serializers.CharField(
        help_text="pending (awaiting staff), approved or rejected; only approved certificates count."
    )
    review_note = serializers.CharField(help_text="Why staff rejected it.")
    standards = serializers.SerializerMethodField(help_text="Standard codes the certificate covers.")
    markets = serializers.SerializerMethodField(help_text="Market codes the certificate is valid for.")
    products = serializers.SerializerMethodField(help_text="Ids of the products the certificate covers.")
    download_url = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_standards(self, document: Document) -> list[str]:
        return [standard.code for standard in document.standards.all()]

    def get_markets(self, document: Document) -> list[str]:
        return [market.code for market in document.markets.all()]

    def get_products(self, document: Document) -> list[int]:
        return [product.pk for product in document.products.all()]

    def get_download_url(self, document: Document) -> str:
        """The API path that streams the file to members and staff (never a storage URL)."""
        return reverse(
            "organization-document-file",
            kwargs={"organization_id": document.organization_id, "document_id": document.pk},
        )


def _organization_output(request: Request, organization: Organization) -> dict[str, Any]:
    if organization_is_managed_by(organization=organization, user=request.user):
        data: dict[str, Any] = OrganizationDetailOutputSerializer(organization).data
    else:
        data = OrganizationPublicOutputSerializer(organization).data
    return data


# Organisations ------------------------------------------------------------------------------------


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
        organization = _managed_organization(request, organization_id)
        serializer = self.InputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        organization_update(
            organization=organization, actor=request_user(request), data=serializer.validated_data
        )
        organization = organization_get(user=request.user, organization_id=organization_id)
        return Response(_organization_output(request, organization))


# Contacts -----------------------------------------------------------------------------------------


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
        organization = _managed_organization(request, organization_id)
        return self.paginated_response(
            request, contact_list(organization=organization), ContactOutputSerializer
        )

    @extend_schema(
        request=ContactInputSerializer,
        responses={201: ContactOutputSerializer},
        operation_id="organizations_contacts_create",
    )
    def post(self, request: Request, organization_id: int) -> Response:
        organization = _managed_organization(request, organization_id)
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
        organization = _managed_organization(request, organization_id)
        contact = contact_get(organization=organization, contact_id=contact_id)
        return Response(ContactOutputSerializer(contact).data)

    @extend_schema(
        request=ContactInputSerializer,
        responses={200: ContactOutputSerializer},
        operation_id="organizations_contacts_update",
    )
    def patch(self, request: Request, organization_id: int, contact_id: int) -> Response:
        organization = _managed_organization(request, organization_id)
        contact = contact_get(organization=organization, contact_id=contact_id)
        serializer = ContactInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        contact = contact_update(contact=contact, actor=request_user(request), data=serializer.validated_data)
        return Response(ContactOutputSerializer(contact).data)

    @extend_schema(responses={204: None}, operation_id="organizations_contacts_delete")
    def delete(self, request: Request, organization_id: int, contact_id: int) -> Response:
        organization = _managed_organization(request, organization_id)
        contact = contact_get(organization=organization, contact_id=contact_id)
        contact_delete(contact=contact, actor=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


# Documents ----------------------------------------------------------------------------------------


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
        organization = _managed_organization(request, organization_id)
        return self.paginated_response(
            request, document_list(organization=organization), DocumentOutputSerializer
        )

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={201: DocumentOutputSerializer},
        operation_id="organizations_documents_upload",
    )
    def post(self, request: Request, organization_id: int) -> Response:
        organization = _managed_organization(request, organization_id)
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
        organization = _managed_organization(request, organization_id)
        document = document_get(organization=organization, document_id=document_id)
        return Response(DocumentOutputSerializer(document).data)

    @extend_schema(
        request=InputSerializer,
        responses={200: DocumentOutputSerializer},
        operation_id="organizations_documents_update",
    )
    def patch(self, request: Request, organization_id: int, document_id: int) -> Response:
        organization = _managed_organization(request, organization_id)
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
        organization = _managed_organization(request, organization_id)
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


# Verification -------------------------------------------------------------------------------------


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


# Registration (served under /api/v1/auth/register/ by registration_urls) -----------------------


class RegisterDomainThrottle(SimpleRateThrottle):
    """Sign-ups per e-mail domain (MEDMATCH_REGISTER_DOMAIN_THROTTLE), beside the per-address
    limit: a chamber onboarding its members from one office is not one domain."""

    scope = "register_domain"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        data = request.data
        email = data.get("email") if hasattr(data, "get") else None
        if not isinstance(email, str) or "@" not in email:
            return None
        domain = email.rpartition("@")[2].strip().casefold()
        ident = hashlib.sha256(domain.encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


class RegisterApi(APIView):
    """Create an organisation (vendor, or buyer of a given type) and its first user."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle, RegisterDomainThrottle]
    throttle_scope = "register"

    class InputSerializer(serializers.Serializer[dict[str, object]]):
        # The e-mail is also the user name (150 characters).
        email = serializers.EmailField(max_length=150)
        password = serializers.CharField(
            write_only=True, min_length=8, max_length=1024, style={"input_type": "password"}
        )
        full_name = IdentityCharField(max_length=150)
        phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
        language = serializers.ChoiceField(choices=UI_LANGUAGES, default="en")
        kind = serializers.ChoiceField(choices=OrganizationKind.choices)
        buyer_type = serializers.ChoiceField(
            choices=BuyerType.choices, required=False, allow_blank=True, default=""
        )
        organization_name = IdentityCharField(max_length=MAX_NAME_LENGTH)
        legal_names = serializers.DictField(
            child=IdentityCharField(max_length=MAX_NAME_LENGTH),
            required=False,
            default=dict,
        )
        country = serializers.CharField(max_length=2)
        city = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")
        registration_id = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")

    class OutputSerializer(serializers.Serializer[dict[str, str]]):
        email = serializers.EmailField()
        message = serializers.CharField()

    @extend_schema(request=InputSerializer, responses={202: OutputSerializer}, operation_id="auth_register")
    def post(self, request: Request) -> Response:
        """The same 202 whether the address was free (the account now exists: it signs in once
        the e-mailed confirmation link is opened) or already registered (nothing is created;
        its owner is e-mailed): registering does not tell anyone whether an address has an
        account."""
        serializer = self.InputSerializer(data=request.data)
        if not serializer.is_valid():
            # The rules across fields (buyer type, USCC, password strength) are named in the same
            # answer as the format errors, not only once those are fixed.
            rules = as_serializer_error(
                DjangoValidationError(organization_register_errors(data=request.data))
            )
            raise serializers.ValidationError({**rules, **serializer.errors})
        organization_register(**serializer.validated_data)
        answer = {"email": serializer.validated_data["email"].lower(), "message": REGISTERED_MESSAGE}
        return Response(self.OutputSerializer(answer).data, status=status.HTTP_202_ACCEPTED)


REGISTERED_MESSAGE = (
    "Registered. Open the link we have e-mailed to this address to confirm it, then sign in; if "
    "the address already had an account, nothing was changed and its owner has been e-mailed."
)
