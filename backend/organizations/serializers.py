"""Read shapes of organisations: their profiles and documents, and what other apps render too (an
introduction's contacts, a request's buyer)."""

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from core.fields import OptionalEmailOutputField
from organizations.models import Contact, Document, Organization, OrganizationKind, VerificationStatus


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
