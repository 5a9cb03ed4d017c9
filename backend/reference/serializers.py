"""Read shapes of reference data that other apps embed (a category in a request or a proposal)."""

from typing import Any

from rest_framework import serializers


class CategorySummarySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    hs_code = serializers.CharField()
    hs_version = serializers.CharField()
    names = serializers.DictField(child=serializers.CharField())
