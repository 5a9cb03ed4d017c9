from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from reference.models import Category, ExchangeRate, Market, MarketRequirement, Standard


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    list_display = ["slug", "hs_code", "hs2022_code", "hs_version", "name_en", "name_zh", "parent"]
    list_filter = ["hs_version", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["slug", "hs_code", "hs2022_code", "names", "synonyms"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    ordering = ["hs_code", "slug"]

    @admin.display(description="English name")
    def name_en(self, obj: Category) -> str:
        return str(obj.names.get("en", ""))

    @admin.display(description="Chinese name")
    def name_zh(self, obj: Category) -> str:
        return str(obj.names.get("zh", ""))


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin[Standard]):
    list_display = ["code", "title", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["code", "title"]


class MarketRequirementInline(admin.TabularInline[MarketRequirement, Market]):
    model = MarketRequirement
    extra = 0
    autocomplete_fields = ["category"]
    filter_horizontal = ["standards"]


@admin.register(Market)
class MarketAdmin(admin.ModelAdmin[Market]):
    list_display = ["code", "name", "kind", "country_count", "requirement_count"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    inlines = [MarketRequirementInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Market]:
        return super().get_queryset(request).annotate(requirement_total=Count("requirements"))

    @admin.display(description="countries")
    def country_count(self, obj: Market) -> int:
        return len(obj.countries or [])

    @admin.display(description="requirements", ordering="requirement_total")
    def requirement_count(self, obj: Market) -> int:
        total: int = getattr(obj, "requirement_total", 0)
        return total


@admin.register(MarketRequirement)
class MarketRequirementAdmin(admin.ModelAdmin[MarketRequirement]):
    list_display = ["market", "category", "mode", "standard_codes", "note"]
    list_filter = ["market", "mode", "standards__kind"]
    search_fields = ["category__slug", "category__hs_code", "standards__code", "note"]
    autocomplete_fields = ["category"]
    filter_horizontal = ["standards"]
    list_select_related = ["market", "category"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[MarketRequirement]:
        return super().get_queryset(request).prefetch_related("standards")

    @admin.display(description="standards")
    def standard_codes(self, obj: MarketRequirement) -> str:
        return ", ".join(standard.code for standard in obj.standards.all())


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin[ExchangeRate]):
    list_display = ["currency", "usd_per_unit", "as_of", "source"]
    search_fields = ["currency"]
    ordering = ["currency"]
