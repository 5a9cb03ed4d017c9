"""Read-only reference data, open to everyone: taxonomy, markets with their rules, standards."""

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import ListApi
from reference.filters import CategoryFilter, MarketFilter, StandardFilter
from reference.models import Category, ExchangeRate, Market, MarketRequirement, Standard, StandardKind
from reference.selectors import (
    category_detail_list,
    category_guesses,
    category_list,
    exchange_rate_list,
    market_list,
    standard_list,
)


class StandardCodesField(serializers.ListField):
    """The codes of a requirement's standards, from the prefetched relation."""

    child = serializers.CharField()

    def to_representation(self, data: Any) -> list[str]:
        return [standard.code for standard in data.all()]


class CategoryOutputSerializer(serializers.ModelSerializer[Category]):
    names = serializers.DictField(child=serializers.CharField())
    synonyms = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))

    class Meta:
        model = Category
        fields = [
            "id",
            "slug",
            "hs_code",
            "hs_version",
            "hs2022_code",
            "hs_note",
            "parent",
            "names",
            "synonyms",
        ]


class CategoryRequirementSerializer(serializers.ModelSerializer[MarketRequirement]):
    market = serializers.CharField(source="market.code")
    standards = StandardCodesField()

    class Meta:
        model = MarketRequirement
        fields = ["market", "mode", "standards", "note"]


class CategoryDetailOutputSerializer(CategoryOutputSerializer):
    market_requirements = CategoryRequirementSerializer(many=True)

    class Meta(CategoryOutputSerializer.Meta):
        fields = [*CategoryOutputSerializer.Meta.fields, "market_requirements"]


class MarketRequirementSerializer(serializers.ModelSerializer[MarketRequirement]):
    category = serializers.CharField(source="category.slug", help_text="Category slug.")
    category_id = serializers.IntegerField()
    standards = StandardCodesField()

    class Meta:
        model = MarketRequirement
        fields = ["category", "category_id", "mode", "standards", "note"]


class MarketOutputSerializer(serializers.ModelSerializer[Market]):
    countries = serializers.ListField(child=serializers.CharField())
    requirements = MarketRequirementSerializer(many=True)

    class Meta:
        model = Market
        fields = ["id", "code", "name", "kind", "countries", "requirements"]


class ExchangeRateOutputSerializer(serializers.ModelSerializer[ExchangeRate]):
    usd_per_unit = serializers.DecimalField(max_digits=20, decimal_places=10)

    class Meta:
        model = ExchangeRate
        fields = ["currency", "usd_per_unit", "as_of", "source"]


class StandardOutputSerializer(serializers.ModelSerializer[Standard]):
    kind = serializers.ChoiceField(choices=StandardKind.choices)

    class Meta:
        model = Standard
        fields = ["id", "code", "title", "kind", "region"]
        extra_kwargs = {
            "title": {"help_text": "In the language of the request's Accept-Language where translated."}
        }

    def to_representation(self, instance: Standard) -> dict[str, Any]:
        data = dict(super().to_representation(instance))
        # The titles of the reference data are msgids of backend/locale; a title staff typed in
        # the admin has no translation and stays as typed.
        data["title"] = gettext(instance.title) if instance.title else instance.title
        return data


class CategoryListApi(ListApi):
    """The medical-supplies taxonomy, keyed by HS code, with names and synonyms in six languages."""

    permission_classes = [AllowAny]
    filterset_class = CategoryFilter

    @extend_schema(
        responses={200: CategoryOutputSerializer(many=True)}, operation_id="taxonomy_categories_list"
    )
    def get(self, request: Request) -> Response:
        return self.paginated_response(request, category_list(), CategoryOutputSerializer)


class CategoryGuessSerializer(serializers.Serializer[dict[str, Any]]):
    category = CategoryOutputSerializer()
    confidence = serializers.FloatField(help_text="Relative to the best guess (1.0).")


class CategoryInferApi(APIView):
    """The categories a free text is most likely about, in any of the six languages, best first:
    what the request form suggests when the buyer gives no category (and what matching uses)."""

    permission_classes = [AllowAny]

    class QuerySerializer(serializers.Serializer[dict[str, str]]):
        # Bounded before trimming (DRF checks max_length on the trimmed text, so a short word with
        # thousands of newlines after it passed a bound the schema states for the whole value).
        q = serializers.CharField(
            max_length=1000, trim_whitespace=False, help_text="A request title or description, any language."
        )

    class OutputSerializer(serializers.Serializer[dict[str, Any]]):
        query = serializers.CharField()
        categories = CategoryGuessSerializer(many=True, help_text="Best first.")

    @extend_schema(
        parameters=[QuerySerializer],
        responses={200: OutputSerializer},
        operation_id="taxonomy_categories_infer",
    )
    def get(self, request: Request) -> Response:
        serializer = self.QuerySerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        text = serializer.validated_data["q"].strip()
        categories = [
            CategoryGuessSerializer({"category": guess.category, "confidence": guess.confidence}).data
            for guess in category_guesses(text=text)
        ]
        return Response({"query": text, "categories": categories})


class CategoryDetailApi(generics.RetrieveAPIView[Category]):
    """One category with the market rules that apply to it."""

    permission_classes = [AllowAny]
    serializer_class = CategoryDetailOutputSerializer

    def get_queryset(self) -> Any:
        return category_detail_list()

    @extend_schema(operation_id="taxonomy_categories_retrieve")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class MarketListApi(ListApi):
    """Markets and what a product needs to be sold there, per category."""

    permission_classes = [AllowAny]
    filterset_class = MarketFilter

    @extend_schema(responses={200: MarketOutputSerializer(many=True)}, operation_id="reference_markets_list")
    def get(self, request: Request) -> Response:
        return self.paginated_response(request, market_list(), MarketOutputSerializer)


class StandardListApi(ListApi):
    """Standards, regulatory approvals and quality systems that products and certificates refer to."""

    permission_classes = [AllowAny]
    filterset_class = StandardFilter

    @extend_schema(
        responses={200: StandardOutputSerializer(many=True)}, operation_id="reference_standards_list"
    )
    def get(self, request: Request) -> Response:
        return self.paginated_response(request, standard_list(), StandardOutputSerializer)


class ExchangeRateListApi(APIView):
    """The default exchange rates matching compares prices with (US dollars per unit, with the day
    each is from); MEDMATCH_FX_RATES overrides single rates on a deployment."""

    permission_classes = [AllowAny]

    @extend_schema(
        responses={200: ExchangeRateOutputSerializer(many=True)}, operation_id="reference_exchange_rates_list"
    )
    def get(self, request: Request) -> Response:
        return Response(ExchangeRateOutputSerializer(exchange_rate_list(), many=True).data)
