"""Introductions: list, read (the other party's contacts), audit trail, and the outcome staff record."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.permissions import request_user
from core.pagination import ListApi
from core.permissions import IsMember, is_staff
from introductions.filters import IntroductionFilter
from introductions.models import Introduction
from introductions.selectors import (
    introduction_audit_trail,
    introduction_contacts_shown,
    introduction_get,
    introduction_list,
)
from introductions.serializers import (
    IntroductionAuditEventSerializer,
    IntroductionOutputSerializer,
    IntroductionStaffAuditEventSerializer,
)
from introductions.services import introduction_record_outcome
from organizations.filters import AuditEventFilter


def _contacts_context(user: User, introductions: list[Introduction]) -> dict[str, Any]:
    """Whose contacts each introduction shows to ``user`` (the output serializer's context)."""
    shown = {
        introduction.pk: introduction_contacts_shown(user=user, introduction=introduction)
        for introduction in introductions
    }
    return {"contacts_shown": shown}


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
