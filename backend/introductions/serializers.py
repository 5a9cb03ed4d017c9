"""Read shapes of introductions (their parties, request and product) and of their audit trail."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from audit.models import AuditEvent
from core.fields import OptionalEmailOutputField
from introductions.models import Introduction, IntroductionStatus
from introductions.selectors import introduction_actor_role
from organizations.models import Organization, OrganizationKind
from organizations.serializers import ContactOutputSerializer
from purchasing.models import RequestStatus
from reference.serializers import CategorySummarySerializer


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
