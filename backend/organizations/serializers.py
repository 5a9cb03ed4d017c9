"""Read shapes of organisations that other apps render too (an introduction's contacts, a request's buyer)."""

from typing import Any

from rest_framework import serializers

from core.fields import OptionalEmailOutputField
from organizations.models import Contact


class ContactOutputSerializer(serializers.Serializer[Contact]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()
    email = OptionalEmailOutputField()
    phone = serializers.CharField()
    wechat = serializers.CharField()
    whatsapp = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class BuyerSummarySerializer(serializers.Serializer[Any]):
    """Who is buying; never their contacts."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    country = serializers.CharField()
    buyer_type = serializers.CharField()
