"""Read shapes of the force-majeure figures, shared with the trade-services dashboard."""

from typing import Any

from rest_framework import serializers


class TradeDurationSerializer(serializers.Serializer[dict[str, Any]]):
    count = serializers.IntegerField()
    median_hours = serializers.FloatField(allow_null=True)
    p90_hours = serializers.FloatField(allow_null=True)
    within_target_share = serializers.FloatField(allow_null=True, required=False)


class TradeGroupRowSerializer(serializers.Serializer[dict[str, Any]]):
    applications = serializers.IntegerField()
    issued = serializers.IntegerField()
    median_hours = serializers.FloatField(allow_null=True)
    p90_hours = serializers.FloatField(allow_null=True)
    within_target_share = serializers.FloatField(allow_null=True)


class TradeMonthRowSerializer(TradeGroupRowSerializer):
    month = serializers.CharField(help_text="YYYY-MM of submission (UTC).")


class TradeCountryRowSerializer(TradeGroupRowSerializer):
    country = serializers.CharField(help_text="Counterparty country.")


class TradeCertificatesSerializer(serializers.Serializer[dict[str, Any]]):
    target_hours = serializers.FloatField()
    applications = serializers.IntegerField(help_text="Submitted at least once.")
    by_status = serializers.DictField(child=serializers.IntegerField())
    issued = serializers.IntegerField()
    revoked = serializers.IntegerField()
    submission_to_issue = TradeDurationSerializer(help_text="First submission → issue (approval).")
    by_month = TradeMonthRowSerializer(many=True)
    by_counterparty_country = TradeCountryRowSerializer(many=True)
