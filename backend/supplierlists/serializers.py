"""Read shapes of supplier lists, their rows, review candidates and invitations."""

from typing import Any

from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from organizations.models import Organization
from supplierlists.models import (
    CandidateStatus,
    InvitationStatus,
    MatchCandidate,
    RowStatus,
    SupplierListImport,
    SupplierListRow,
)
from supplierlists.selectors import supplier_list_figures

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


class RowOutputSerializer(serializers.Serializer[SupplierListRow]):
    number = serializers.IntegerField(help_text="The row in the sheet; the header is row 1.")
    status = serializers.ChoiceField(choices=RowStatus.choices)
    values = serializers.DictField(source="data", help_text="The mapped and cleaned values.")
    field_errors = serializers.DictField(source="errors", help_text="Errors by field: [{code, message}].")
    organization = serializers.IntegerField(source="organization_id", allow_null=True)
    score = serializers.FloatField(allow_null=True)
    reasons = ReasonSerializer


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
