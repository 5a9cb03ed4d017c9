"""HTTP for supplier lists (/api/v1/supplier-lists/): staff only, except the claim of an invitation."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.permissions import request_user
from accounts.services import user_public_profile
from core.pagination import ListApi
from core.parsers import BoundedFormParser, BoundedJSONParser, BoundedMultiPartParser
from core.permissions import IsStaff
from core.validators import ID_MAX
from organizations.models import Organization
from supplierlists.columns import FIELDS
from supplierlists.models import (
    CandidateStatus,
    InvitationStatus,
    MatchCandidate,
    RowStatus,
    SupplierListImport,
    SupplierListRow,
)
from supplierlists.selectors import (
    candidate_get,
    listed_organizations,
    review_queue,
    supplier_list_figures,
    supplier_list_get,
    supplier_list_list,
    supplier_list_rows,
)
from supplierlists.services.claims import (
    claim_invitation_for_token,
    claim_invitations_create,
    organization_claim,
)
from supplierlists.services.review import (
    CandidatesBulkFailed,
    candidate_keep_apart,
    candidate_merge,
    candidates_bulk_decide,
)
from supplierlists.services.uploads import (
    supplier_list_allow_matching,
    supplier_list_mapping_confirm,
    supplier_list_upload,
)

# Ids are PostgreSQL bigints; a larger number is a 400, not a database error.
MAX_ID = 2**63 - 1

ReasonSerializer = inline_serializer(
    name="ResolutionReason",
    fields={
        "code": serializers.CharField(
            help_text="same_registration_id, same_domain, same_email, same_phone, "
            "same_city, name_similar, different_registration_id, different_domain, "
            "different_phone, different_city, different_country"
        ),
        "params": serializers.DictField(help_text='e.g. {"score": 0.93, "suffix_removed": true}'),
    },
    many=True,
)


class FiguresSerializer(serializers.Serializer[dict[str, Any]]):
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    merged_automatically = serializers.IntegerField()
    sent_to_review = serializers.IntegerField()
    review_open = serializers.IntegerField()
    review_merged = serializers.IntegerField()
    review_kept_apart = serializers.IntegerField()
    rejected = serializers.IntegerField()
    unresolved = serializers.IntegerField()
    review_share = serializers.FloatField(help_text="Share of the resolved rows sent to a person.")
    pending_share = serializers.FloatField(help_text="Share of all rows still waiting for review.")


class SupplierListOutputSerializer(serializers.Serializer[SupplierListImport]):
    id = serializers.IntegerField()
    filename = serializers.CharField()
    sender_name = serializers.CharField()
    sender_organization = serializers.IntegerField(source="sender_organization_id", allow_null=True)
    received_on = serializers.DateField()
    allow_matching = serializers.BooleanField()
    status = serializers.CharField()
    rows_total = serializers.IntegerField()
    rows_done = serializers.IntegerField()
    header = serializers.ListField(child=serializers.CharField(allow_blank=True))
    proposed_mapping = serializers.DictField(child=serializers.CharField(), help_text="Column index → field.")
    mapping = serializers.DictField(child=serializers.CharField())
    file_errors = serializers.ListField(child=serializers.DictField())
    figures = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(FiguresSerializer)
    def get_figures(self, supplier_list: SupplierListImport) -> dict[str, Any]:
        return dict(FiguresSerializer(supplier_list_figures(supplier_list=supplier_list)).data)


class SupplierListListApi(ListApi):
    """Lists partners sent; POST uploads one (CSV or XLSX), which a worker then reads."""

    permission_classes = [IsStaff]
    parser_classes = [BoundedMultiPartParser, BoundedFormParser]
    model = SupplierListImport

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        file = serializers.FileField(allow_empty_file=True)
        sender_name = serializers.CharField(
            max_length=255, help_text="The embassy, chamber or company that sent it."
        )
        sender_organization = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
        received_on = serializers.DateField()
        allow_matching = serializers.BooleanField(
            default=False, help_text="May its organisations be matching candidates?"
        )

    input_serializer_class = InputSerializer

    @extend_schema(
        responses={200: SupplierListOutputSerializer(many=True)}, operation_id="supplier_lists_list"
    )
    def get(self, request: Request) -> Response:
        return self.page_response(request, supplier_list_list(), SupplierListOutputSerializer)

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={202: SupplierListOutputSerializer},
        operation_id="supplier_lists_upload",
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        sender = None
        if data.get("sender_organization"):
            sender = Organization.objects.filter(pk=data["sender_organization"]).first()
            if sender is None:
                raise serializers.ValidationError({"sender_organization": ["No such organisation."]})
        supplier_list = supplier_list_upload(
            actor=request_user(request),
            file=data["file"],
            sender_name=data["sender_name"],
            sender_organization=sender,
            received_on=data["received_on"],
            allow_matching=data["allow_matching"],
        )
        return Response(SupplierListOutputSerializer(supplier_list).data, status=status.HTTP_202_ACCEPTED)


class SupplierListDetailApi(APIView):
    """One list: its progress, header, proposed and confirmed mapping, file errors and figures.

    PATCH ``allow_matching`` to let (or stop) this source's organisations be matching candidates.
    """

    permission_classes = [IsStaff]

    class PatchSerializer(serializers.Serializer[dict[str, Any]]):
        allow_matching = serializers.BooleanField()

    @extend_schema(
        request=PatchSerializer,
        responses={200: SupplierListOutputSerializer},
        operation_id="supplier_lists_update",
    )
    def patch(self, request: Request, supplier_list_id: int) -> Response:
        serializer = self.PatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        supplier_list = supplier_list_allow_matching(
            supplier_list=supplier_list_get(supplier_list_id=supplier_list_id),
            actor=request_user(request),
            allow_matching=serializer.validated_data["allow_matching"],
        )
        return Response(SupplierListOutputSerializer(supplier_list).data)

    @extend_schema(responses={200: SupplierListOutputSerializer}, operation_id="supplier_lists_retrieve")
    def get(self, request: Request, supplier_list_id: int) -> Response:
        return Response(
            SupplierListOutputSerializer(supplier_list_get(supplier_list_id=supplier_list_id)).data
        )


class SupplierListMappingApi(APIView):
    """Confirm or change the column mapping (column index → field); the rows are then resolved."""

    permission_classes = [IsStaff]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        mapping = serializers.DictField(
            child=serializers.ChoiceField(choices=["", *FIELDS]),
            allow_empty=False,
            help_text='Column index ("0", "1", …) → field; "" ignores the column.',
        )

        def validate_mapping(self, value: dict[str, str]) -> dict[str, str]:
            if len(value) > 64:
                raise serializers.ValidationError("At most 64 columns.")
            return value

    @extend_schema(
        request=InputSerializer,
        responses={202: SupplierListOutputSerializer},
        operation_id="supplier_lists_mapping",
    )
    def post(self, request: Request, supplier_list_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        supplier_list = supplier_list_mapping_confirm(
            supplier_list=supplier_list_get(supplier_list_id=supplier_list_id),
            actor=request_user(request),
            mapping={str(k): v for k, v in serializer.validated_data["mapping"].items()},
        )
        return Response(SupplierListOutputSerializer(supplier_list).data, status=status.HTTP_202_ACCEPTED)


class RowOutputSerializer(serializers.Serializer[SupplierListRow]):
    number = serializers.IntegerField(help_text="The row in the sheet; the header is row 1.")
    status = serializers.ChoiceField(choices=RowStatus.choices)
    values = serializers.DictField(source="data", help_text="The mapped and cleaned values.")
    field_errors = serializers.DictField(source="errors", help_text="Errors by field: [{code, message}].")
    organization = serializers.IntegerField(source="organization_id", allow_null=True)
    score = serializers.FloatField(allow_null=True)
    reasons = ReasonSerializer


class SupplierListRowsApi(ListApi):
    """One list's rows in file order, with what became of each; ``status`` narrows them."""

    permission_classes = [IsStaff]
    model = SupplierListRow

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=list(RowStatus.values), required=False)],
        responses={200: RowOutputSerializer(many=True)},
        operation_id="supplier_lists_rows",
    )
    def get(self, request: Request, supplier_list_id: int) -> Response:
        wanted = request.query_params.get("status", "")
        rows = supplier_list_rows(
            supplier_list=supplier_list_get(supplier_list_id=supplier_list_id),
            status=wanted if wanted in RowStatus.values else "",
        )
        return self.page_response(request, rows, RowOutputSerializer)


class OrganizationSideSerializer(serializers.Serializer[Organization]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    legal_names = serializers.DictField(child=serializers.CharField())
    country = serializers.CharField()
    city = serializers.CharField()
    address = serializers.CharField()
    registration_id = serializers.CharField()
    website = serializers.CharField()
    verification_status = serializers.CharField()
    listed = serializers.BooleanField()
    contacts = inline_serializer(
        name="CandidateContact",
        many=True,
        fields={
            "name": serializers.CharField(),
            "email": serializers.CharField(),
            "phone": serializers.CharField(),
        },
    )


class CandidateOutputSerializer(serializers.Serializer[MatchCandidate]):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=CandidateStatus.choices)
    score = serializers.FloatField()
    reasons = ReasonSerializer
    supplier_list = serializers.IntegerField(source="row.supplier_list_id")
    row = RowOutputSerializer()
    organization = OrganizationSideSerializer()


class ReviewQueueQuerySerializer(serializers.Serializer[Any]):
    supplier_list = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    status = serializers.ChoiceField(choices=CandidateStatus.choices, default=CandidateStatus.OPEN)


class ReviewQueueApi(ListApi):
    """Rows that may be a known organisation, side by side with it, best score first."""

    permission_classes = [IsStaff]
    model = MatchCandidate

    @extend_schema(
        parameters=[
            OpenApiParameter("supplier_list", int, required=False),
            OpenApiParameter("status", str, enum=list(CandidateStatus.values), required=False),
        ],
        responses={200: CandidateOutputSerializer(many=True)},
        operation_id="supplier_lists_review_queue",
    )
    def get(self, request: Request) -> Response:
        query = ReviewQueueQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        queryset: QuerySet[MatchCandidate] = review_queue(
            supplier_list_id=query.validated_data.get("supplier_list"),
            status=query.validated_data["status"],
        )
        return self.page_response(request, queryset, CandidateOutputSerializer)


class CandidateMergeApi(APIView):
    """The row is this organisation: add its contacts and its source to it."""

    permission_classes = [IsStaff]

    @extend_schema(
        request=None,
        responses={200: CandidateOutputSerializer},
        operation_id="supplier_lists_candidate_merge",
    )
    def post(self, request: Request, candidate_id: int) -> Response:
        candidate = candidate_merge(
            candidate=candidate_get(candidate_id=candidate_id), actor=request_user(request)
        )
        return Response(CandidateOutputSerializer(candidate_get(candidate_id=candidate.pk)).data)


class CandidateKeepApartApi(APIView):
    """The row is another company: it becomes a new listed organisation."""

    permission_classes = [IsStaff]

    @extend_schema(
        request=None,
        responses={200: CandidateOutputSerializer},
        operation_id="supplier_lists_candidate_keep_apart",
    )
    def post(self, request: Request, candidate_id: int) -> Response:
        candidate = candidate_keep_apart(
            candidate=candidate_get(candidate_id=candidate_id), actor=request_user(request)
        )
        return Response(CandidateOutputSerializer(candidate_get(candidate_id=candidate.pk)).data)


class CandidateBulkApi(APIView):
    """Merge or keep apart many candidates at once: all of them, or none."""

    permission_classes = [IsStaff]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        action = serializers.ChoiceField(choices=["merge", "keep_apart"])
        ids = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=500
        )

    class OutputSerializer(serializers.Serializer[Any]):
        action = serializers.CharField()
        count = serializers.IntegerField()
        ids = serializers.ListField(child=serializers.IntegerField())

    @extend_schema(
        request=InputSerializer, responses={200: OutputSerializer}, operation_id="supplier_lists_review_bulk"
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            decided = candidates_bulk_decide(
                ids=data["ids"], action=data["action"], actor=request_user(request)
            )
        except CandidatesBulkFailed as failed:
            failure: dict[str, Any] = {
                "code": "not_found" if failed.not_found else "conflict",
                "message": failed.message,
                "fields": {
                    "ids": [
                        {"code": "not_open", "message": f"{pk} is not waiting for review."}
                        for pk in failed.not_open
                    ]
                    + [{"code": "not_found", "message": f"{pk} does not exist."} for pk in failed.not_found]
                },
            }
            return Response(
                failure, status=status.HTTP_400_BAD_REQUEST if failed.not_found else status.HTTP_409_CONFLICT
            )
        body = {
            "action": data["action"],
            "count": len(decided),
            "ids": [candidate.pk for candidate in decided],
        }
        return Response(self.OutputSerializer(body).data)


class InvitationStateSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    language = serializers.CharField()
    status = serializers.ChoiceField(choices=InvitationStatus.choices)
    sent_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True)
    claimed_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class ListedOrganizationSerializer(serializers.Serializer[Organization]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    country = serializers.CharField()
    city = serializers.CharField()
    listed = serializers.BooleanField()
    verification_status = serializers.CharField()
    email = serializers.SerializerMethodField(help_text="The first contact's address (the default invitee).")
    invitation = serializers.SerializerMethodField(help_text="The latest invitation, if any.")

    def get_email(self, organization: Organization) -> str:
        return next((c.email for c in organization.contacts.all() if c.email), "")

    @extend_schema_field(InvitationStateSerializer(allow_null=True))
    def get_invitation(self, organization: Organization) -> dict[str, Any] | None:
        latest = getattr(organization, "latest_invitations", [])
        return dict(InvitationStateSerializer(latest[0]).data) if latest else None


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
            child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=500
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
