"""Purchase requests: list, create, read, edit, delete, move through their lifecycle, audit trail."""

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.permissions import request_user
from core.pagination import ListApi
from core.permissions import IsBuyerMember
from core.validators import CODE_MAX_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH
from organizations.filters import AuditEventFilter
from purchasing.filters import PurchaseRequestFilter
from purchasing.models import DuplicateFlag, PurchaseRequest, RequestStatus
from purchasing.selectors import (
    purchase_request_audit_trail,
    purchase_request_buyer_for,
    purchase_request_duplicate_flags,
    purchase_request_get,
    purchase_request_list,
    purchase_request_visible,
)
from purchasing.serializers import (
    PurchaseRequestDetailOutputSerializer,
    PurchaseRequestOutputSerializer,
    RequestAuditEventSerializer,
)
from purchasing.services.requests import (
    purchase_request_create,
    purchase_request_delete,
    purchase_request_update,
)
from purchasing.services.transitions import purchase_request_transition
from reference.selectors import category_suggestion


class PurchaseRequestFieldsSerializer(serializers.Serializer[dict[str, Any]]):
    """Types only; the rules (ranges, codes, dates, standards) are checked by the service,
    the same way for API requests and spreadsheet rows."""

    title = serializers.CharField(allow_blank=True, max_length=MAX_NAME_LENGTH, help_text="Always required.")
    description = serializers.CharField(required=False, allow_blank=True, max_length=MAX_TEXT_LENGTH)
    language = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=8,
        help_text="Language tag of title and description (en, zh …).",
    )
    category = serializers.IntegerField(required=False, allow_null=True, help_text="Category id.")
    end_user = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_NAME_LENGTH,
        help_text="The hospital or agency the goods are for.",
    )
    quantity = serializers.IntegerField(help_text="At least 1.")
    unit = serializers.CharField(
        required=False, allow_blank=True, max_length=32, help_text="Defaults to piece."
    )
    required_standards = serializers.ListField(
        child=serializers.CharField(),
        max_length=100,
        required=False,
        help_text="Standard codes, e.g. EN 14683.",
    )
    destination_country = serializers.CharField(
        allow_blank=True, max_length=CODE_MAX_LENGTH, help_text="ISO 3166-1 alpha-2 code."
    )
    target_unit_price = serializers.DecimalField(
        max_digits=14, decimal_places=4, required=False, allow_null=True, help_text="Greater than 0."
    )
    currency = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=CODE_MAX_LENGTH,
        help_text="ISO 4217 code; required with a price.",
    )
    needed_by = serializers.DateField(required=False, allow_null=True, help_text="Not in the past.")
    incoterm = serializers.CharField(
        required=False, allow_blank=True, max_length=CODE_MAX_LENGTH, help_text="Incoterms 2020 rule."
    )


class PurchaseRequestCreateSerializer(PurchaseRequestFieldsSerializer):
    buyer = serializers.IntegerField(required=False, help_text="Staff only: the buyer organisation's id.")
    # A plain string in the schema (the service checks it): a second "status" enum would
    # collide with RequestStatus in the generated enum names.
    status = serializers.CharField(
        default=RequestStatus.DRAFT, max_length=16, help_text="draft (default) or open."
    )


class PurchaseRequestUpdateSerializer(PurchaseRequestFieldsSerializer):
    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for name in ("status", "buyer"):
            if name in self.initial_data:
                hint = "use POST /transition/" if name == "status" else "it cannot change"
                raise serializers.ValidationError(
                    {name: [f"This field is read-only here; {hint}."]}, code="read_only"
                )
        return attrs


def _duplicate_explanation(*, flag: DuplicateFlag, subject: PurchaseRequest) -> tuple[str, str]:
    """(kind, explanation) of a flag: what the two requests share, in the active language."""
    if flag.request.buyer_id == flag.duplicate_of.buyer_id:
        return "same_buyer", gettext("Same buyer, same category, overlapping dates.")
    # The name keeps its own direction inside a sentence in another script (first-strong isolate).
    return "same_end_user", gettext("Same end user (%(end_user)s), same category, overlapping dates.") % {
        "end_user": f"\u2068{subject.end_user}\u2069"
    }


def _request_detail(*, user: User, purchase_request: PurchaseRequest) -> dict[str, Any]:
    """A request with its suggested category and duplicate flags, as the detail and every write answer."""
    fresh = purchase_request_get(user=user, request_id=purchase_request.pk)
    flags = purchase_request_duplicate_flags(purchase_request=fresh)
    others = [flag.duplicate_of if flag.request_id == fresh.pk else flag.request for flag in flags]
    other_ids = [other.pk for other in others]
    visible = set(purchase_request_visible(user=user).filter(pk__in=other_ids).values_list("pk", flat=True))
    duplicates = []
    for flag, other in zip(flags, others, strict=True):
        kind, reason = _duplicate_explanation(flag=flag, subject=fresh)
        shown = other.pk in visible
        duplicates.append(
            {
                "id": flag.pk,
                "status": flag.status,
                "kind": kind,
                "reason": reason,
                "end_user": fresh.end_user if kind == "same_end_user" else "",
                "newer": flag.request_id == fresh.pk,
                "other_request": other.pk if shown else None,
                "other_title": other.title if shown else "",
                "other_status": other.status,
            }
        )
    suggested = None
    if fresh.category_id is None:
        suggested = category_suggestion(text=f"{fresh.title} {fresh.description}")
    fresh.suggested_category = suggested  # type: ignore[attr-defined]
    fresh.duplicates = duplicates  # type: ignore[attr-defined]
    return dict(PurchaseRequestDetailOutputSerializer(fresh).data)


class PurchaseRequestListCreateApi(ListApi):
    """List the requests you may see, or post a new one."""

    permission_classes = [IsBuyerMember]
    # filterset_class documents the query parameters; the selector applies them.
    filterset_class = PurchaseRequestFilter
    input_serializer_class = PurchaseRequestCreateSerializer

    @extend_schema(responses={200: PurchaseRequestOutputSerializer(many=True)}, operation_id="requests_list")
    def get(self, request: Request) -> Response:
        rows = purchase_request_list(user=request_user(request), filters=request.query_params)
        return self.page_response(request, rows, PurchaseRequestOutputSerializer)

    @extend_schema(
        request=PurchaseRequestCreateSerializer,
        responses={201: PurchaseRequestDetailOutputSerializer},
        operation_id="requests_create",
    )
    def post(self, request: Request) -> Response:
        serializer = PurchaseRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        buyer = purchase_request_buyer_for(user=request_user(request), buyer_id=values.pop("buyer", None))
        initial_status = values.pop("status")
        created = purchase_request_create(
            buyer=buyer, actor=request_user(request), values=values, status=initial_status
        )
        return Response(
            _request_detail(user=request_user(request), purchase_request=created),
            status=status.HTTP_201_CREATED,
        )


class PurchaseRequestDetailApi(APIView):
    permission_classes = [IsBuyerMember]

    @extend_schema(responses={200: PurchaseRequestDetailOutputSerializer}, operation_id="requests_retrieve")
    def get(self, request: Request, request_id: int) -> Response:
        user = request_user(request)
        purchase_request = purchase_request_get(user=user, request_id=request_id)
        return Response(_request_detail(user=user, purchase_request=purchase_request))

    @extend_schema(
        request=PurchaseRequestUpdateSerializer,
        responses={
            200: PurchaseRequestDetailOutputSerializer,
            409: OpenApiResponse(description="Not draft or open."),
        },
        operation_id="requests_update",
    )
    def patch(self, request: Request, request_id: int) -> Response:
        purchase_request = purchase_request_get(user=request_user(request), request_id=request_id)
        serializer = PurchaseRequestUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        updated = purchase_request_update(
            purchase_request=purchase_request, actor=request_user(request), values=serializer.validated_data
        )
        return Response(_request_detail(user=request_user(request), purchase_request=updated))

    @extend_schema(
        responses={204: None, 409: OpenApiResponse(description="Not draft or open.")},
        operation_id="requests_delete",
    )
    def delete(self, request: Request, request_id: int) -> Response:
        purchase_request = purchase_request_get(user=request_user(request), request_id=request_id)
        purchase_request_delete(purchase_request=purchase_request, actor=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PurchaseRequestTransitionApi(APIView):
    """Move a request through its lifecycle (draft → open → matched → closed, or expired)."""

    permission_classes = [IsBuyerMember]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        # A plain string in the schema: a second "status" enum component would collide in the
        # generated enum names; the service answers invalid_transition with the allowed targets.
        status = serializers.CharField(max_length=16, help_text="draft, open, matched, closed or expired.")
        reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    @extend_schema(
        request=InputSerializer,
        responses={200: PurchaseRequestDetailOutputSerializer},
        operation_id="requests_transition",
    )
    def post(self, request: Request, request_id: int) -> Response:
        purchase_request = purchase_request_get(user=request_user(request), request_id=request_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        moved = purchase_request_transition(
            purchase_request=purchase_request, actor=request_user(request), **serializer.validated_data
        )
        return Response(_request_detail(user=request_user(request), purchase_request=moved))


class PurchaseRequestAuditApi(ListApi):
    """The request's status history, newest first: created, edited, published, matched (on an
    approved introduction), closed, with the reason of each move. Who acted is given by role."""

    permission_classes = [IsBuyerMember]
    filterset_class = AuditEventFilter

    @extend_schema(
        responses={200: RequestAuditEventSerializer(many=True)}, operation_id="requests_audit_list"
    )
    def get(self, request: Request, request_id: int) -> Response:
        purchase_request = purchase_request_get(user=request_user(request), request_id=request_id)
        events = purchase_request_audit_trail(purchase_request=purchase_request)
        return self.paginated_response(
            request, events, RequestAuditEventSerializer, context={"purchase_request": purchase_request}
        )
