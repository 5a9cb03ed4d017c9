"""HTTP for introductions (/api/v1/introductions/), notifications (/api/v1/notifications/)
and the staff dashboard (/api/v1/stats/).

An introduction is the one place where an organisation's contacts are shown to another
organisation: to the other party of an approved proposal (and to staff). Everyone else
gets 404 for it; notifications and stats never carry contacts.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.permissions import request_user
from audit.models import AuditEvent
from core.fields import OptionalEmailOutputField
from core.pagination import ListApi
from core.permissions import IsMember, IsStaff, is_staff
from core.validators import ID_MAX, validate_country
from introductions.filters import IntroductionFilter, NotificationFilter
from introductions.models import Introduction, IntroductionStatus, Notification
from introductions.selectors import (
    introduction_actor_role,
    introduction_audit_trail,
    introduction_contacts_shown,
    introduction_get,
    introduction_list,
    introduction_stats,
    notification_get,
    notification_list,
)
from introductions.services import introduction_record_outcome
from introductions.services.notifications import notification_mark_read, notifications_mark_all_read
from organizations.filters import AuditEventFilter
from organizations.models import Organization, OrganizationKind
from organizations.serializers import ContactOutputSerializer
from purchasing.models import RequestStatus
from reference.serializers import CategorySummarySerializer

# --- introductions: output ---


class IntroductionOrganizationSerializer(serializers.Serializer[Organization]):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=OrganizationKind.choices)
    buyer_type = serializers.CharField()
    name = serializers.CharField()
    legal_names = serializers.DictField(child=serializers.CharField())
    country = serializers.CharField()
    city = serializers.CharField()
    website = serializers.CharField()


class IntroductionPartySerializer(IntroductionOrganizationSerializer):
    """One side of the introduction. ``contacts`` is filled for the other party (staff: both)."""

    contacts = ContactOutputSerializer(
        many=True,
        allow_null=True,
        help_text="The other party's contacts; null for your own organisation (see its own page).",
    )


class IntroductionRequestSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    language = serializers.CharField()
    category = CategorySummarySerializer(allow_null=True)
    end_user = serializers.CharField()
    quantity = serializers.IntegerField()
    unit = serializers.CharField()
    required_standards = serializers.SerializerMethodField(help_text="Standard codes.")
    destination_country = serializers.CharField()
    target_unit_price = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True)
    currency = serializers.CharField()
    needed_by = serializers.DateField(allow_null=True)
    incoterm = serializers.CharField()
    status = serializers.ChoiceField(choices=RequestStatus.choices, help_text="The request's status.")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_required_standards(self, purchase_request: Any) -> list[str]:
        return [standard.code for standard in purchase_request.required_standards.all()]


class IntroductionProductSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    names = serializers.DictField(child=serializers.CharField())
    model_number = serializers.CharField()
    category = CategorySummarySerializer()
    min_order_quantity = serializers.IntegerField()
    capacity_per_day = serializers.IntegerField()
    lead_time_days = serializers.IntegerField()
    unit = serializers.CharField()
    price_min = serializers.DecimalField(max_digits=14, decimal_places=4)
    price_max = serializers.DecimalField(max_digits=14, decimal_places=4)
    currency = serializers.CharField()
    incoterms = serializers.ListField(child=serializers.CharField())
    origin_country = serializers.CharField()


class IntroductionOutputSerializer(serializers.Serializer[Introduction]):
    """Render with ``context={"contacts_shown": {introduction id: {"vendor", "buyer"}}}``."""

    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=IntroductionStatus.choices)
    proposal = serializers.IntegerField(source="proposal_id")
    score = serializers.FloatField(source="proposal.score", help_text="The match score, 0–100.")
    request = IntroductionRequestSerializer()
    product = IntroductionProductSerializer(allow_null=True, help_text="Null if the product was deleted.")
    vendor = serializers.SerializerMethodField()
    buyer = serializers.SerializerMethodField()
    replied_at = serializers.DateTimeField(allow_null=True, help_text="The first answer of either party.")
    deal_quantity = serializers.IntegerField(allow_null=True)
    deal_value = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    deal_currency = serializers.CharField()
    no_deal_reason = serializers.CharField()
    reminders_sent = serializers.IntegerField()
    last_reminded_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField(help_text="When the proposal was approved.")
    updated_at = serializers.DateTimeField()
    overdue = serializers.SerializerMethodField(
        help_text="Still awaiting a reply after the reply window (MEDMATCH_INTRO_REMIND_DAYS)."
    )

    def get_overdue(self, introduction: Introduction) -> bool:
        return introduction.is_overdue()

    def _party(self, introduction: Introduction, side: str) -> dict[str, Any]:
        organization = introduction.vendor if side == "vendor" else introduction.buyer
        shown = self.context["contacts_shown"].get(introduction.pk, set())
        data: dict[str, Any] = {**IntroductionOrganizationSerializer(organization).data, "contacts": None}
        if side in shown:
            contacts = organization.contacts.all()
            data["contacts"] = ContactOutputSerializer(contacts, many=True).data  # type: ignore[arg-type]
        return data

    @extend_schema_field(IntroductionPartySerializer)
    def get_vendor(self, introduction: Introduction) -> dict[str, Any]:
        return self._party(introduction, "vendor")

    @extend_schema_field(IntroductionPartySerializer)
    def get_buyer(self, introduction: Introduction) -> dict[str, Any]:
        return self._party(introduction, "buyer")


def _contacts_context(user: User, introductions: list[Introduction]) -> dict[str, Any]:
    """Whose contacts each introduction shows to ``user`` (the output serializer's context)."""
    shown = {
        introduction.pk: introduction_contacts_shown(user=user, introduction=introduction)
        for introduction in introductions
    }
    return {"contacts_shown": shown}


# --- introductions: endpoints ---


class IntroductionListApi(ListApi):
    """Your organisation's introductions (staff: all), with the other party's contacts."""

    permission_classes = [IsMember]
    # filterset_class documents the query parameters; the selector applies them.
    filterset_class = IntroductionFilter

    @extend_schema(
        responses={200: IntroductionOutputSerializer(many=True)}, operation_id="introductions_list"
    )
    def get(self, request: Request) -> Response:
        user = request_user(request)
        rows = introduction_list(user=user, filters=request.query_params)
        return self.page_response(
            request, rows, IntroductionOutputSerializer, lambda page: _contacts_context(user, page)
        )


class IntroductionDetailApi(APIView):
    permission_classes = [IsMember]

    @extend_schema(responses={200: IntroductionOutputSerializer}, operation_id="introductions_retrieve")
    def get(self, request: Request, introduction_id: int) -> Response:
        user = request_user(request)
        introduction = introduction_get(user=user, introduction_id=introduction_id)
        return Response(
            IntroductionOutputSerializer(introduction, context=_contacts_context(user, [introduction])).data
        )


class IntroductionAuditEventSerializer(serializers.Serializer[AuditEvent]):
    """One event of an introduction as its parties may see it: who acted by role, never by name or
    e-mail (the parties see each other's contacts only in the introduction itself)."""

    id = serializers.IntegerField()
    actor_role = serializers.SerializerMethodField(help_text="staff, vendor, buyer or system.")
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()

    def get_actor_role(self, event: AuditEvent) -> str:
        return introduction_actor_role(event=event, introduction=self.context["introduction"])


class IntroductionStaffAuditEventSerializer(IntroductionAuditEventSerializer):
    actor_email = OptionalEmailOutputField(source="actor.email", allow_null=True)
    details = serializers.DictField(source="data")


class IntroductionAuditApi(ListApi):
    """The introduction's events, newest first: created on approval, outcomes, reminders, expiry.
    Staff and the two parties (the parties see who acted by role only)."""

    permission_classes = [IsMember]
    filterset_class = AuditEventFilter

    @extend_schema(
        responses={200: IntroductionAuditEventSerializer(many=True)}, operation_id="introductions_audit_list"
    )
    def get(self, request: Request, introduction_id: int) -> Response:
        user = request_user(request)
        introduction = introduction_get(user=user, introduction_id=introduction_id)
        serializer_class = (
            IntroductionStaffAuditEventSerializer if is_staff(user) else IntroductionAuditEventSerializer
        )
        return self.paginated_response(
            request,
            introduction_audit_trail(introduction=introduction),
            serializer_class,
            context={"introduction": introduction},
        )


class IntroductionOutcomeApi(APIView):
    """Record how the introduction is going (either party or staff).

    awaiting_reply → negotiating → deal (deal_quantity, deal_value, deal_currency) or
    no_deal (reason); awaiting_reply → no_deal too. The other party is notified.
    """

    permission_classes = [IsMember]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        # A plain string in the schema (the service answers invalid_transition with the
        # allowed targets): a second "status" enum would collide in the generated names.
        status = serializers.CharField(help_text="negotiating, deal or no_deal.")
        deal_quantity = serializers.IntegerField(
            required=False, allow_null=True, help_text="With deal: the quantity agreed (> 0)."
        )
        deal_value = serializers.DecimalField(
            max_digits=16,
            decimal_places=2,
            required=False,
            allow_null=True,
            help_text="With deal: the total value (> 0).",
        )
        deal_currency = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=3, help_text="With deal: ISO 4217."
        )
        reason = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            max_length=2000,
            help_text="Required with no_deal; a note otherwise.",
        )

    @extend_schema(
        request=InputSerializer,
        responses={
            200: IntroductionOutputSerializer,
            409: OpenApiResponse(description="The outcome is final (deal, no_deal or expired)."),
        },
        operation_id="introductions_outcome",
    )
    def post(self, request: Request, introduction_id: int) -> Response:
        user = request_user(request)
        introduction = introduction_get(user=user, introduction_id=introduction_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        introduction_record_outcome(introduction=introduction, actor=user, **serializer.validated_data)
        fresh = introduction_get(user=user, introduction_id=introduction_id)
        return Response(IntroductionOutputSerializer(fresh, context=_contacts_context(user, [fresh])).data)


# --- notifications ---


class NotificationOutputSerializer(serializers.Serializer[Notification]):
    id = serializers.IntegerField()
    kind = serializers.CharField(
        help_text="introduction.created/.reminder/.outcome/.expired, certificate.*, consultation.*."
    )
    title = serializers.CharField()
    body = serializers.CharField()
    introduction = serializers.IntegerField(source="introduction_id", allow_null=True)
    details = serializers.DictField(help_text="Ids, names and statuses the message is about.")
    read_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class NotificationListApi(ListApi):
    """Your own in-app notifications, newest first."""

    permission_classes = [IsAuthenticated]
    filterset_class = NotificationFilter

    @extend_schema(
        responses={200: NotificationOutputSerializer(many=True)}, operation_id="notifications_list"
    )
    def get(self, request: Request) -> Response:
        rows = notification_list(user=request_user(request), filters=request.query_params)
        return self.page_response(request, rows, NotificationOutputSerializer)


class NotificationReadApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None, responses={200: NotificationOutputSerializer}, operation_id="notifications_read"
    )
    def post(self, request: Request, notification_id: int) -> Response:
        notification = notification_get(user=request_user(request), notification_id=notification_id)
        return Response(NotificationOutputSerializer(notification_mark_read(notification=notification)).data)


class NotificationReadAllApi(APIView):
    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer[dict[str, int]]):
        marked = serializers.IntegerField(help_text="How many notifications were unread.")

    @extend_schema(request=None, responses={200: OutputSerializer}, operation_id="notifications_read_all")
    def post(self, request: Request) -> Response:
        marked = notifications_mark_all_read(user=request_user(request))
        return Response(self.OutputSerializer({"marked": marked}).data)


# --- stats ---


class DealValueSerializer(serializers.Serializer[dict[str, Any]]):
    currency = serializers.CharField()
    value = serializers.DecimalField(max_digits=20, decimal_places=2)
    count = serializers.IntegerField()


class StatsFiltersSerializer(serializers.Serializer[dict[str, Any]]):
    created_after = serializers.DateField(allow_null=True)
    created_before = serializers.DateField(allow_null=True)
    country = serializers.CharField(allow_null=True)
    category = serializers.IntegerField(allow_null=True)


class StatsProposalsSerializer(serializers.Serializer[dict[str, Any]]):
    total = serializers.IntegerField()
    by_status = serializers.DictField(
        child=serializers.IntegerField(), help_text="proposed, approved, rejected and expired."
    )


class StatsPipelineRowSerializer(serializers.Serializer[dict[str, Any]]):
    status = serializers.ChoiceField(choices=IntroductionStatus.choices)
    count = serializers.IntegerField()


class StatsDealsSerializer(serializers.Serializer[dict[str, Any]]):
    count = serializers.IntegerField()
    quantity = serializers.IntegerField(help_text="Summed over all deals, whatever their unit.")
    value_by_currency = DealValueSerializer(many=True)


class StatsConversionSerializer(serializers.Serializer[dict[str, Any]]):
    approval_rate = serializers.FloatField(
        allow_null=True, help_text="Approved / (approved + rejected) proposals; null without any."
    )
    reply_rate = serializers.FloatField(allow_null=True, help_text="Introductions with a reply / all.")
    deal_rate = serializers.FloatField(allow_null=True, help_text="Deals / introductions.")
    deal_rate_of_closed = serializers.FloatField(
        allow_null=True, help_text="Deals / (deal + no_deal + expired) introductions."
    )


class StatsRowSerializer(serializers.Serializer[dict[str, Any]]):
    proposals = serializers.IntegerField()
    approvals = serializers.IntegerField()
    introductions = serializers.IntegerField()
    deals = serializers.IntegerField()
    deal_quantity = serializers.IntegerField()
    deal_value = serializers.DictField(
        child=serializers.DecimalField(max_digits=20, decimal_places=2), help_text="Summed value by currency."
    )


class StatsCountryRowSerializer(StatsRowSerializer):
    country = serializers.CharField(help_text="Destination country of the request.")


class StatsCategoryRowSerializer(StatsRowSerializer):
    category = serializers.IntegerField(allow_null=True, help_text="Category id (request's, else product's).")
    slug = serializers.CharField()
    hs_code = serializers.CharField()
    names = serializers.DictField(child=serializers.CharField())


class StatsMonthRowSerializer(StatsRowSerializer):
    month = serializers.CharField(help_text="YYYY-MM, by creation date (UTC).")


class StatsApi(APIView):
    """The staff dashboard: proposals, approvals, introductions, deals and conversion.

    Also by destination country, category and month. Dates filter each object's creation date.
    """

    permission_classes = [IsStaff]

    class QuerySerializer(serializers.Serializer[dict[str, Any]]):
        created_after = serializers.DateField(required=False, help_text="Created on this date or later.")
        created_before = serializers.DateField(required=False, help_text="Created on this date or earlier.")
        country = serializers.CharField(required=False, help_text="Destination country (ISO 3166-1 alpha-2).")
        category = serializers.IntegerField(
            required=False,
            min_value=1,
            max_value=ID_MAX,
            help_text="Category id (its subcategories count too).",
        )

        def validate_country(self, value: str) -> str:
            try:
                validate_country(value.strip().upper())
            except DjangoValidationError as error:
                raise serializers.ValidationError(error.messages, code="invalid_country") from error
            return value.strip().upper()

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            after, before = attrs.get("created_after"), attrs.get("created_before")
            if after and before and after > before:
                raise serializers.ValidationError(
                    {"created_before": ["Must not be before created_after."]}, code="invalid_range"
                )
            return attrs

    class OutputSerializer(serializers.Serializer[dict[str, Any]]):
        filters = StatsFiltersSerializer(help_text="The filters applied.")
        proposals = StatsProposalsSerializer()
        approvals = serializers.IntegerField(help_text="Approved proposals.")
        introductions = serializers.IntegerField()
        pipeline = StatsPipelineRowSerializer(many=True, help_text="Introductions per status.")
        deals = StatsDealsSerializer()
        conversion = StatsConversionSerializer()
        by_country = StatsCountryRowSerializer(many=True)
        by_category = StatsCategoryRowSerializer(many=True)
        by_month = StatsMonthRowSerializer(many=True)

    @extend_schema(
        parameters=[QuerySerializer], responses={200: OutputSerializer}, operation_id="stats_retrieve"
    )
    def get(self, request: Request) -> Response:
        query = self.QuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = dict(query.validated_data)
        stats = introduction_stats(
            created_after=params.get("created_after"),
            created_before=params.get("created_before"),
            country=params.get("country"),
            category_id=params.get("category"),
        )
        return Response(self.OutputSerializer(stats).data)
