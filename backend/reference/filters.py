import django_filters
from django.db.models import Q, QuerySet

from core.filters import BooleanFilter, IdFilter, OrderingFilter
from core.validators import normalize_code
from reference.models import Category, Market, MarketKind, Standard, StandardKind
from reference.selectors import category_ids_matching, hs_code_prefix_q, market_ids_covering


class CategoryFilter(django_filters.FilterSet):
    hs_code = django_filters.CharFilter(
        method="filter_hs_code",
        label="HS code prefix (4015, 4015.19 or 401519); also matches the HS 2022 code.",
    )
    parent = IdFilter(field_name="parent_id", label="Parent category id.")
    is_root = BooleanFilter(field_name="parent", lookup_expr="isnull", label="Only top-level categories.")
    q = django_filters.CharFilter(
        method="filter_text",
        label="Text contained in any name or synonym, in any language, case-insensitive.",
    )
    ordering = OrderingFilter(fields=("hs_code", "slug", "id"))

    class Meta:
        model = Category
        fields = ["hs_code", "hs_version", "parent", "is_root", "q"]

    def filter_hs_code(self, queryset: QuerySet[Category], name: str, value: str) -> QuerySet[Category]:
        return queryset.filter(hs_code_prefix_q(prefix=value))

    def filter_text(self, queryset: QuerySet[Category], name: str, value: str) -> QuerySet[Category]:
        return queryset.filter(pk__in=category_ids_matching(text=value))


class MarketFilter(django_filters.FilterSet):
    code = django_filters.CharFilter(field_name="code", lookup_expr="iexact")
    country = django_filters.CharFilter(
        method="filter_country",
        label="Markets listing this ISO 3166-1 alpha-2 country (as destination or as origin).",
    )
    kind = django_filters.ChoiceFilter(choices=MarketKind.choices)
    ordering = OrderingFilter(fields=("code", "name"))

    class Meta:
        model = Market
        fields = ["code", "country", "kind"]

    def filter_country(self, queryset: QuerySet[Market], name: str, value: str) -> QuerySet[Market]:
        return queryset.filter(pk__in=market_ids_covering(country=str(normalize_code(value))))


class StandardFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=StandardKind.choices)
    region = django_filters.CharFilter(field_name="region", lookup_expr="iexact")
    q = django_filters.CharFilter(method="filter_text", label="Text in the code or title.")
    ordering = OrderingFilter(fields=("code", "kind", "region"))

    class Meta:
        model = Standard
        fields = ["kind", "region", "q"]

    def filter_text(self, queryset: QuerySet[Standard], name: str, value: str) -> QuerySet[Standard]:
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value))
