import django_filters

from core.filters import BooleanFilter, IdFilter, OrderingFilter
from purchasing.models import DuplicateFlag, DuplicateStatus, PurchaseRequest, RequestStatus


class PurchaseRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices)
    category = IdFilter(field_name="category_id", help_text="Category id.")
    destination_country = django_filters.CharFilter(
        lookup_expr="iexact", help_text="ISO 3166-1 alpha-2 code, e.g. FR."
    )
    buyer = IdFilter(field_name="buyer_id", help_text="Buyer organisation id.")
    needed_by_before = django_filters.DateFilter(
        field_name="needed_by", lookup_expr="lte", help_text="Needed by this date or earlier."
    )
    needed_by_after = django_filters.DateFilter(
        field_name="needed_by", lookup_expr="gte", help_text="Needed by this date or later."
    )
    has_duplicates = BooleanFilter(
        field_name="has_duplicates", help_text="Has (or has not) an open duplicate flag."
    )
    ordering = OrderingFilter(fields=("created_at", "needed_by", "quantity"))

    class Meta:
        model = PurchaseRequest
        fields: list[str] = []


class DuplicateFlagFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=DuplicateStatus.choices, help_text="Defaults to open flags only."
    )
    ordering = OrderingFilter(fields=("created_at",))

    class Meta:
        model = DuplicateFlag
        fields: list[str] = []
