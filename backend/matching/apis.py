"""HTTP for the staff review queue (/api/v1/proposals/): staff only.

Vendors and buyers never see proposals; they see introductions once one is approved.
No response here carries anyone's contact details.
"""

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import request_user
from audit.serializers import AuditEventOutputSerializer
from catalog.models import ProductStatus
from core.i18n import stored_phrase_text
from core.pagination import ListApi
from core.permissions import IsStaff
from matching.explanations import criterion_phrase
from matching.filters import ProposalFilter
from matching.models import Proposal, ProposalStatus
from matching.scoring import MET, NOT_MET, PARTIAL
from matching.selectors import proposal_audit_trail, proposal_get, proposal_queue
from matching.services import (
    ProposalBulkFailed,
    proposal_approve,
    proposal_reject,
    proposals_bulk_decide,
)
from organizations.filters import AuditEventFilter
from organizations.models import VerificationStatus
from organizations.serializers import BuyerSummarySerializer
from purchasing.models import RequestStatus
from reference.selectors import ReferenceNames
from reference.serializers import CategorySummarySerializer

# --- output ---


CRITERION_STATUSES = [MET, PARTIAL, NOT_MET]


class CriterionSerializer(serializers.Serializer[Any]):
    criterion = serializers.CharField(help_text="category, text, standards, capacity, price …")
    status = serializers.ChoiceField(choices=CRITERION_STATUSES)
    detail = serializers.CharField(
        help_text="A human explanation with the numbers, in the language of the request's Accept-Language."
    )
    expected = serializers.JSONField(allow_null=True)
    actual = serializers.JSONField(allow_null=True)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = dict(super().to_representation(instance))
        if isinstance(instance, Mapping):
            # Stored as msgid + params by the worker; a row in an older phrasing is re-derived from
            # its English; categories and markets by their names (looked up once per response).
            names = self.context.setdefault("reference_names", ReferenceNames())
            data["detail"] = stored_phrase_text(instance, names=names, legacy=criterion_phrase)
        return data


class ProposalBuyerSerializer(BuyerSummarySerializer):
    """Who the buyer is and whether staff verified it (approval needs a verified buyer)."""

    verification_status = serializers.CharField()


class ProposalRequestSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    buyer = ProposalBuyerSerializer()
    category = CategorySummarySerializer(allow_null=True)
    quantity = serializers.IntegerField()
    unit = serializers.CharField()
    destination_country = serializers.CharField()
    needed_by = serializers.DateField(allow_null=True)
    target_unit_price = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True)
    currency = serializers.CharField()
    required_standards = serializers.SerializerMethodField(help_text="Standard codes.")
    status = serializers.ChoiceField(choices=RequestStatus.choices, help_text="The request's status.")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_required_standards(self, purchase_request: Any) -> list[str]:
        return [standard.code for standard in purchase_request.required_standards.all()]


class ProposalProductSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    names = serializers.DictField(child=serializers.CharField())
    model_number = serializers.CharField()
    category = CategorySummarySerializer()
    standards = serializers.SerializerMethodField(help_text="Standard codes the product claims.")
    min_order_quantity = serializers.IntegerField()
    capacity_per_day = serializers.IntegerField()
    stock = serializers.IntegerField()
    unit = serializers.CharField()
    lead_time_days = serializers.IntegerField()
    price_min = serializers.DecimalField(max_digits=14, decimal_places=4)
    price_max = serializers.DecimalField(max_digits=14, decimal_places=4)
    currency = serializers.CharField()
    status = serializers.ChoiceField(choices=ProductStatus.choices, help_text="The product's status.")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_standards(self, product: Any) -> list[str]:
        return [standard.code for standard in product.standards.all()]


class ProposalVendorSerializer(serializers.Serializer[Any]):
    """Who the vendor is; never its contacts."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    country = serializers.CharField()
    city = serializers.CharField()
    verification_status = serializers.ChoiceField(choices=VerificationStatus.choices)


class ProposalOutputSerializer(serializers.Serializer[Proposal]):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ProposalStatus.choices)
    score = serializers.FloatField(help_text="0–100; the sum of score_parts.")
    score_parts = serializers.DictField(child=serializers.FloatField(), help_text="Criterion → points.")
    criteria = CriterionSerializer(many=True)
    # DRF pops declared fields off the class, so this does not shadow Field.source at runtime.
    source = serializers.CharField(  # type: ignore[assignment]
        help_text="forward (the request was matched) or reverse (the product)."
    )
    request = ProposalRequestSerializer()
    product = ProposalProductSerializer()
    vendor = ProposalVendorSerializer()
    overdue = serializers.BooleanField(help_text="Waiting for review longer than the review deadline.")
    age_hours = serializers.SerializerMethodField(help_text="Hours since it entered the review queue.")
    proposed_at = serializers.DateTimeField()
    computed_at = serializers.DateTimeField()
    created_at = serializers.DateTimeField()
    decision_reason = serializers.CharField()
    decided_by = serializers.IntegerField(source="decided_by_id", allow_null=True, help_text="Staff user id.")
    decided_at = serializers.DateTimeField(allow_null=True)

    def get_age_hours(self, proposal: Proposal) -> float:
        now = self.context.get("now") or timezone.now()
        return round((now - proposal.proposed_at).total_seconds() / 3600, 1)


def _render(proposal: Proposal) -> dict[str, Any]:
    fresh = proposal_get(proposal_id=proposal.pk)
    return dict(ProposalOutputSerializer(fresh, context={"now": timezone.now()}).data)


# --- queue and detail ---


class ProposalListApi(ListApi):
    """The review queue: proposed pairs by default, best score first."""

    permission_classes = [IsStaff]
    # filterset_class documents the query parameters; the selector applies them.
    filterset_class = ProposalFilter

    @extend_schema(responses={200: ProposalOutputSerializer(many=True)}, operation_id="proposals_list")
    def get(self, request: Request) -> Response:
        now = timezone.now()
        rows = proposal_queue(filters=request.query_params, now=now)
        return self.page_response(request, rows, ProposalOutputSerializer, {"now": now})


class ProposalDetailApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(responses={200: ProposalOutputSerializer}, operation_id="proposals_retrieve")
    def get(self, request: Request, proposal_id: int) -> Response:
        proposal = proposal_get(proposal_id=proposal_id)
        return Response(ProposalOutputSerializer(proposal, context={"now": timezone.now()}).data)


class ProposalAuditApi(ListApi):
    """Every event of the proposal, newest first: proposed, rejected (by whom, why), proposed again
    after a material change, approved, expired (staff). A rejection stays in it when the pair
    comes back."""

    permission_classes = [IsStaff]
    filterset_class = AuditEventFilter

    @extend_schema(
        responses={200: AuditEventOutputSerializer(many=True)}, operation_id="proposals_audit_list"
    )
    def get(self, request: Request, proposal_id: int) -> Response:
        proposal = proposal_get(proposal_id=proposal_id)
        return self.paginated_response(
            request, proposal_audit_trail(proposal=proposal), AuditEventOutputSerializer
        )


# --- decisions ---


class ProposalApproveApi(APIView):
    """Approve: the introduction is created and both parties can see each other's contacts."""

    permission_classes = [IsStaff]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
        verify_buyer = serializers.BooleanField(
            required=False,
            default=False,
            help_text="Verify the (unverified or pending) buyer in the same step; audited on the buyer.",
        )

    @extend_schema(
        request=InputSerializer,
        responses={
            200: ProposalOutputSerializer,
            409: OpenApiResponse(
                description="Not proposed, request closed, buyer not verified (buyer_not_verified), "
                "or the pair no longer qualifies."
            ),
        },
        operation_id="proposals_approve",
    )
    def post(self, request: Request, proposal_id: int) -> Response:
        proposal = proposal_get(proposal_id=proposal_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        approved = proposal_approve(
            proposal=proposal,
            actor=request_user(request),
            reason=serializer.validated_data["reason"],
            verify_buyer=serializer.validated_data["verify_buyer"],
        )
        return Response(_render(approved))


class ProposalRejectApi(APIView):
    permission_classes = [IsStaff]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        reason = serializers.CharField(max_length=2000, help_text="Required: why the pair does not fit.")

    @extend_schema(
        request=InputSerializer,
        responses={200: ProposalOutputSerializer, 409: OpenApiResponse(description="Not proposed.")},
        operation_id="proposals_reject",
    )
    def post(self, request: Request, proposal_id: int) -> Response:
        proposal = proposal_get(proposal_id=proposal_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rejected = proposal_reject(
            proposal=proposal, actor=request_user(request), reason=serializer.validated_data["reason"]
        )
        return Response(_render(rejected))


class BulkItemSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    ok = serializers.BooleanField()
    code = serializers.CharField(help_text="approved, rejected, not_found, conflict or invalid.")
    message = serializers.CharField()


BulkFailedSerializer = inline_serializer(
    name="ProposalBulkFailed",
    fields={
        "code": serializers.CharField(help_text="not_found (400) or conflict (409)."),
        "message": serializers.CharField(),
        # Not there when the body could not be read at all (a parse error: core.exceptions).
        "fields": serializers.DictField(
            required=False,
            help_text="Per field when the body itself is invalid; empty when the problems are per item.",
        ),
        "results": BulkItemSerializer(
            many=True, required=False, help_text="Per item (not for invalid bodies)."
        ),
    },
)


class ProposalBulkApi(APIView):
    """Approve or reject many proposals in one transaction: all of them, or none."""

    permission_classes = [IsStaff]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        action = serializers.ChoiceField(choices=["approve", "reject"])
        ids = serializers.ListField(
            child=serializers.IntegerField(min_value=1),
            min_length=1,
            max_length=500,
            help_text="Proposal ids.",
        )
        reason = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=2000, help_text="Required to reject."
        )
        verify_buyer = serializers.BooleanField(
            required=False, default=False, help_text="With approve: verify unverified or pending buyers."
        )

    class OutputSerializer(serializers.Serializer[Any]):
        action = serializers.CharField()
        count = serializers.IntegerField()
        results = BulkItemSerializer(many=True)

    @extend_schema(
        request=InputSerializer,
        responses={200: OutputSerializer, 400: BulkFailedSerializer, 409: BulkFailedSerializer},
        operation_id="proposals_bulk",
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            items = proposals_bulk_decide(
                ids=data["ids"],
                action=data["action"],
                actor=request_user(request),
                reason=data["reason"],
                verify_buyer=data["verify_buyer"],
            )
        except ProposalBulkFailed as failed:
            code = "not_found" if failed.not_found else "conflict"
            failure = {
                "code": code,
                "message": failed.message,
                "fields": {},
                "results": BulkItemSerializer(failed.items, many=True).data,
            }
            return Response(
                failure,
                status=status.HTTP_400_BAD_REQUEST if failed.not_found else status.HTTP_409_CONFLICT,
            )
        result: dict[str, Any] = {"action": data["action"], "count": len(items), "results": items}
        return Response(self.OutputSerializer(result).data)
