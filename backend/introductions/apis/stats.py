"""The staff dashboard's figures: proposals, pipeline, deals, conversion by country, category, month."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.permissions import IsStaff
from core.validators import ID_MAX, validate_country
from introductions.models import IntroductionStatus
from introductions.selectors import introduction_stats


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
