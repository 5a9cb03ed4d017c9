"""Read shapes of purchase requests and their duplicate flags."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from audit.models import AuditEvent
from organizations.serializers import BuyerSummarySerializer
from purchasing.models import DuplicateFlag, DuplicateStatus, PurchaseRequest, RequestStatus
from purchasing.selectors import purchase_request_actor_role
from reference.serializers import CategorySummarySerializer


class PurchaseRequestOutputSerializer(serializers.Serializer[PurchaseRequest]):
    id = serializers.IntegerField()
    buyer = BuyerSummarySerializer()
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
    status = serializers.ChoiceField(choices=RequestStatus.choices)
    import_batch = serializers.IntegerField(source="import_batch_id", allow_null=True)
    has_duplicates = serializers.BooleanField(help_text="An open duplicate flag involves this request.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_required_standards(self, purchase_request: PurchaseRequest) -> list[str]:
        return [standard.code for standard in purchase_request.required_standards.all()]


class RequestDuplicateSerializer(serializers.Serializer[Any]):
    """A duplicate flag as seen from one request, with why it was raised (in the reader's language)."""

    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=DuplicateStatus.choices)
    kind = serializers.CharField(help_text="same_buyer or same_end_user: what the two requests share.")
    reason = serializers.CharField(help_text="The explanation, in the language of Accept-Language.")
    end_user = serializers.CharField(help_text="The shared end user (same_end_user); empty otherwise.")
    newer = serializers.BooleanField(help_text="True when this request is the newer one (merging closes it).")
    other_request = serializers.IntegerField(
        allow_null=True, help_text="The other request's id; null when it belongs to another organisation."
    )
    other_title = serializers.CharField(
        help_text="Empty when the other request belongs to another organisation."
    )
    other_status = serializers.ChoiceField(choices=RequestStatus.choices)


class PurchaseRequestDetailOutputSerializer(PurchaseRequestOutputSerializer):
    suggested_category = CategorySummarySerializer(
        allow_null=True,
        help_text="Without a category: the one inferred from the title and description (what matching "
        "uses), to suggest to the buyer; null when a category is given or nothing matches.",
    )
    duplicates = RequestDuplicateSerializer(
        many=True, help_text="Every duplicate flag involving this request."
    )


class RequestAuditEventSerializer(serializers.Serializer[AuditEvent]):
    """One event of a request: who acted by role (staff, buyer, system), never by name."""

    id = serializers.IntegerField()
    actor_role = serializers.SerializerMethodField(help_text="staff, buyer or system.")
    action = serializers.CharField(help_text="requests.created, requests.updated, requests.transitioned …")
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    reason = serializers.CharField()
    details = serializers.DictField(source="data", help_text="e.g. the fields an edit changed.")
    created_at = serializers.DateTimeField()

    def get_actor_role(self, event: AuditEvent) -> str:
        return purchase_request_actor_role(event=event, purchase_request=self.context["purchase_request"])


class RequestSummarySerializer(serializers.Serializer[PurchaseRequest]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    buyer = BuyerSummarySerializer()
    category = CategorySummarySerializer(allow_null=True)
    end_user = serializers.CharField()
    quantity = serializers.IntegerField()
    unit = serializers.CharField()
    destination_country = serializers.CharField()
    needed_by = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=RequestStatus.choices)
    created_at = serializers.DateTimeField()


class DuplicateFlagOutputSerializer(serializers.Serializer[DuplicateFlag]):
    id = serializers.IntegerField()
    reason = serializers.CharField()
    status = serializers.ChoiceField(choices=DuplicateStatus.choices)
    request = RequestSummarySerializer(help_text="The newer request; merging closes it.")
    duplicate_of = RequestSummarySerializer(help_text="The older request it is merged into.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
