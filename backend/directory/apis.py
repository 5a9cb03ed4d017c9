from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.validators import ID_MAX, INTEGER_MAX, validate_country, validate_currency
from directory.selectors import (
    MAX_WINDOW,
    SearchPage,
    decode_cursor,
    product_search,
    suggestions,
    supplier_search,
    unknown_reference_codes,
)
from search import queries
from search.analysis import LANGUAGES

MAX_LIST_VALUES = 50


def _by_language(source: dict[str, Any], prefix: str) -> dict[str, str]:
    texts = {lang: source[f"{prefix}_{lang}"] for lang in LANGUAGES if source.get(f"{prefix}_{lang}")}
    if source.get(f"{prefix}_other"):
        texts["other"] = source[f"{prefix}_other"]
    return texts


class LanguageTextsField(serializers.DictField):
    """A hit's ``<prefix>_<lang>`` fields as ``{lang: text}`` (``other`` for untagged text)."""

    child = serializers.CharField()

    def __init__(self, *, prefix: str, **kwargs: Any) -> None:
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)
        self.prefix = prefix

    def to_representation(self, value: Any) -> dict[str, str]:
        return _by_language(value, self.prefix)


class FirstLabelField(serializers.CharField):
    """The first of the ``" | "``-joined names the index keeps for matching (the display name)."""

    def to_representation(self, value: Any) -> str:
        return str(value).split(" | ")[0]


class ValuesField(serializers.ListField):
    """Repeated (``?market=EU&market=US``) or comma-separated (``?market=EU,US``) values.

    Errors come back as one flat list for the parameter, naming the values at fault.
    """

    def __init__(
        self,
        *,
        normalize: Callable[[str], str] = str.strip,
        validate_value: Callable[[str], None] | None = None,
        reference: str = "",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("child", serializers.CharField(max_length=64))
        kwargs.setdefault("required", False)
        kwargs.setdefault("default", list)
        super().__init__(**kwargs)
        self.normalize = normalize
        self.validate_value = validate_value
        self.reference = reference

    def to_internal_value(self, data: Any) -> list[str]:
        raw = [data] if isinstance(data, str) else list(data)
        values = list(
            dict.fromkeys(
                self.normalize(item) for value in raw for item in str(value).split(",") if item.strip()
            )
        )
        if len(values) > MAX_LIST_VALUES:
            raise serializers.ValidationError(
                f"Give at most {MAX_LIST_VALUES} values.", code="too_many_values"
            )
        for value in values:
            self.child.run_validation(value)  # length, no NUL characters
        if self.validate_value is not None:
            for value in values:
                try:
                    self.validate_value(value)
                except DjangoValidationError as exc:
                    raise serializers.ValidationError(exc.messages, code=exc.code or "invalid") from exc
        if self.reference:
            unknown = unknown_reference_codes(kind=self.reference, values=values)
            if unknown:
                raise serializers.ValidationError(
                    f"Unknown {self.reference}: {', '.join(unknown)}.", code=f"unknown_{self.reference}"
                )
        return values


class SearchParamsSerializer(serializers.Serializer[dict[str, Any]]):
    """Parameters shared by product and supplier search. Subclasses set ``SORTS``."""

    SORTS: dict[str, list[Any]] = {}

    q = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    category = ValuesField(reference="category", help_text="category slugs; a parent includes its children")
    country = ValuesField(
        normalize=lambda value: value.strip().upper(),
        validate_value=validate_country,
        help_text="ISO 3166 alpha-2 codes of the vendor's country, e.g. CN",
    )
    market = ValuesField(reference="market", help_text="markets with a certificate valid today, e.g. EU")
    standard = ValuesField(reference="standard", help_text="standard codes, e.g. EN 14683")
    capacity_min = serializers.IntegerField(required=False, min_value=0, max_value=INTEGER_MAX, default=None)
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)
    cursor = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="next_cursor of the previous page, for pages beyond the first 10,000 results",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["cursor"]:
            try:
                attrs["cursor"] = decode_cursor(attrs["cursor"], sort=attrs["sort"], sorts=self.SORTS)
            except ValueError as exc:
                raise serializers.ValidationError(
                    {"cursor": ["This cursor is not valid for this search; start again from page 1."]},
                    code="invalid_cursor",
                ) from exc
        else:
            attrs["cursor"] = None
            if attrs["page"] * attrs["page_size"] > MAX_WINDOW:
                raise serializers.ValidationError(
                    {"page": [f"Pages beyond {MAX_WINDOW} results need the cursor from the previous page."]},
                    code="page_too_deep",
                )
        return attrs


class FacetBucketSerializer(serializers.Serializer[dict[str, Any]]):
    key = serializers.CharField()
    count = serializers.IntegerField()


class CategoryBucketSerializer(FacetBucketSerializer):
    names = serializers.DictField(child=serializers.CharField(), help_text="the category's name per language")
    hs_code = serializers.CharField()


class RangeStatsSerializer(serializers.Serializer[dict[str, Any]]):
    min = serializers.FloatField(allow_null=True)
    max = serializers.FloatField(allow_null=True)
    avg = serializers.FloatField(allow_null=True)
    count = serializers.IntegerField()


# Pages read with a cursor carry no aggregations: every facet then renders empty, so the
# answer keeps one shape (and the schema can say every key is there).
NO_STATS = {"min": None, "max": None, "avg": None, "count": 0}


class SupplierFacetsSerializer(serializers.Serializer[dict[str, Any]]):
    category = CategoryBucketSerializer(many=True, read_only=True, default=list)
    country = FacetBucketSerializer(many=True, read_only=True, default=list)
    market = FacetBucketSerializer(many=True, read_only=True, default=list)
    standard = FacetBucketSerializer(many=True, read_only=True, default=list)


class ProductFacetsSerializer(SupplierFacetsSerializer):
    hs_heading = FacetBucketSerializer(many=True, read_only=True, default=list)
    currency = FacetBucketSerializer(many=True, read_only=True, default=list)
    capacity = RangeStatsSerializer(help_text="capacity per day", read_only=True, default=NO_STATS)
    lead_time = RangeStatsSerializer(help_text="lead time in days", read_only=True, default=NO_STATS)
    price = RangeStatsSerializer(
        help_text="lowest unit price (mixed currencies unless filtered)", read_only=True, default=NO_STATS
    )


class HighlightField(serializers.DictField):
    """Matched fragments per field, with ``<mark>`` around the matched terms and the rest HTML-escaped."""

    child = serializers.ListField(child=serializers.CharField())


# Output fields marked read_only with a default: keys an older index document may lack render
# with the default, and the schema still lists them as always present.


class ProductResultSerializer(serializers.Serializer[dict[str, Any]]):
    """A product hit, read straight from the index document."""

    class VendorSerializer(serializers.Serializer[dict[str, Any]]):
        id = serializers.IntegerField(source="vendor_id")
        name = FirstLabelField(source="vendor_name")
        country = serializers.CharField(source="vendor_country")
        city = serializers.CharField(source="vendor_city", default="", read_only=True)

    class CategorySerializer(serializers.Serializer[dict[str, Any]]):
        id = serializers.IntegerField(source="category_id")
        slug = serializers.CharField(source="category_slug")
        hs_code = serializers.CharField()

    id = serializers.IntegerField()
    names = LanguageTextsField(prefix="name")
    descriptions = LanguageTextsField(prefix="description")
    model_number = serializers.CharField(default="", read_only=True)
    vendor = VendorSerializer(source="*")
    category = CategorySerializer(source="*")
    standards = serializers.ListField(child=serializers.CharField(), default=list, read_only=True)
    certificate_markets = serializers.ListField(
        child=serializers.CharField(),
        default=list,
        help_text="markets with a certificate valid today",
        read_only=True,
    )
    min_order_quantity = serializers.IntegerField()
    capacity_per_day = serializers.IntegerField()
    stock = serializers.IntegerField(default=0, read_only=True)
    lead_time_days = serializers.IntegerField()
    price_min = serializers.FloatField()
    price_max = serializers.FloatField()
    currency = serializers.CharField()
    incoterms = serializers.ListField(child=serializers.CharField(), default=list, read_only=True)
    origin_country = serializers.CharField(default="", read_only=True)
    highlight = HighlightField(source="_highlight", default=dict, read_only=True)
    score = serializers.FloatField(source="_score", allow_null=True, default=None, read_only=True)


class ProductSearchApi(APIView):
    """Full-text product search in any of six languages, with facets, filters and highlighting.

    Public: only published products of verified vendors are indexed. Prices filter by
    overlap with the product's price band and need ``currency``.
    """

    permission_classes = [AllowAny]

    class InputSerializer(SearchParamsSerializer):
        SORTS = queries.PRODUCT_SORTS

        sort = serializers.ChoiceField(choices=list(queries.PRODUCT_SORTS), default="relevance")
        hs_code = serializers.RegexField(r"^[0-9.]{2,12}$", required=False, default="")
        vendor = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAX, default=None)
        moq_max = serializers.IntegerField(required=False, min_value=1, max_value=INTEGER_MAX, default=None)
        lead_time_max = serializers.IntegerField(
            required=False, min_value=0, max_value=INTEGER_MAX, default=None
        )
        price_min = serializers.DecimalField(
            max_digits=14, decimal_places=4, required=False, min_value=0, default=None
        )
        price_max = serializers.DecimalField(
            max_digits=14, decimal_places=4, required=False, min_value=0, default=None
        )
        currency = serializers.CharField(
            required=False, default="", validators=[validate_currency], help_text="ISO 4217, e.g. USD"
        )

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            attrs = super().validate(attrs)
            priced = attrs["price_min"] is not None or attrs["price_max"] is not None
            if priced and not attrs["currency"]:
                raise serializers.ValidationError(
                    {"currency": ["A price filter needs the currency of its prices."]},
                    code="required_with_price",
                )
            low, high = attrs["price_min"], attrs["price_max"]
            if low is not None and high is not None and low > high:
                raise serializers.ValidationError(
                    {"price_max": ["The highest price is below the lowest."]}, code="invalid_range"
                )
            return attrs

    class OutputSerializer(serializers.Serializer[SearchPage]):
        count = serializers.IntegerField()
        relaxed = serializers.BooleanField(
            help_text="nothing matched the words as written; these results allow typos or miss some words"
        )
        next_cursor = serializers.CharField(allow_null=True)
        facets = ProductFacetsSerializer()
        results = ProductResultSerializer(many=True)

    @extend_schema(
        parameters=[InputSerializer],
        responses={200: OutputSerializer},
        operation_id="search_products",
    )
    def get(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        query = queries.ProductQuery(
            text=data["q"],
            categories=data["category"],
            hs_code=data["hs_code"],
            countries=data["country"],
            markets=data["market"],
            standards=data["standard"],
            vendor_id=data["vendor"],
            capacity_min=data["capacity_min"],
            moq_max=data["moq_max"],
            lead_time_max=data["lead_time_max"],
            price_min=float(data["price_min"]) if data["price_min"] is not None else None,
            price_max=float(data["price_max"]) if data["price_max"] is not None else None,
            currency=data["currency"],
            sort=data["sort"],
            size=data["page_size"],
            offset=(data["page"] - 1) * data["page_size"],
            search_after=data["cursor"],
        )
        page = product_search(query=query)
        return Response(self.OutputSerializer(page).data)


class SupplierResultSerializer(serializers.Serializer[dict[str, Any]]):
    """A supplier hit, read straight from the index document."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    legal_names = LanguageTextsField(prefix="legal_name")
    country = serializers.CharField()
    city = serializers.CharField(default="", read_only=True)
    description = serializers.CharField(default="", read_only=True)
    category_slugs = serializers.ListField(child=serializers.CharField(), default=list, read_only=True)
    standards = serializers.ListField(child=serializers.CharField(), default=list, read_only=True)
    certificate_markets = serializers.ListField(child=serializers.CharField(), default=list, read_only=True)
    product_count = serializers.IntegerField(default=0, read_only=True)
    capacity_per_day_max = serializers.IntegerField(default=0, read_only=True)
    highlight = HighlightField(source="_highlight", default=dict, read_only=True)
    score = serializers.FloatField(source="_score", allow_null=True, default=None, read_only=True)


class SupplierSearchApi(APIView):
    """Search verified suppliers by name (any script, pinyin for Chinese names), category and certificates."""

    permission_classes = [AllowAny]

    class InputSerializer(SearchParamsSerializer):
        SORTS = queries.SUPPLIER_SORTS

        sort = serializers.ChoiceField(choices=list(queries.SUPPLIER_SORTS), default="relevance")

    class OutputSerializer(serializers.Serializer[SearchPage]):
        count = serializers.IntegerField()
        relaxed = serializers.BooleanField(
            help_text="nothing matched the words as written; these results allow typos or miss some words"
        )
        next_cursor = serializers.CharField(allow_null=True)
        facets = SupplierFacetsSerializer()
        results = SupplierResultSerializer(many=True)

    @extend_schema(
        parameters=[InputSerializer], responses={200: OutputSerializer}, operation_id="search_suppliers"
    )
    def get(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        query = queries.SupplierQuery(
            text=data["q"],
            categories=data["category"],
            countries=data["country"],
            markets=data["market"],
            standards=data["standard"],
            capacity_min=data["capacity_min"],
            sort=data["sort"],
            size=data["page_size"],
            offset=(data["page"] - 1) * data["page_size"],
            search_after=data["cursor"],
        )
        page = supplier_search(query=query)
        return Response(self.OutputSerializer(page).data)


class SuggestApi(APIView):
    """Suggestions as you type: categories, products and suppliers (pinyin prefixes find Chinese names)."""

    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        q = serializers.CharField(min_length=1, max_length=100)
        size = serializers.IntegerField(required=False, min_value=1, max_value=20, default=5)

    class OutputSerializer(serializers.Serializer[dict[str, Any]]):
        class CategorySerializer(serializers.Serializer[dict[str, Any]]):
            id = serializers.IntegerField()
            slug = serializers.CharField()
            hs_code = serializers.CharField()
            names = serializers.DictField(child=serializers.CharField())

        class LabelSerializer(serializers.Serializer[dict[str, Any]]):
            id = serializers.IntegerField()
            # The metaclass moves declared fields off the class; mypy sees Field.label.
            label = serializers.CharField()  # type: ignore[assignment]

        categories = CategorySerializer(many=True)
        products = LabelSerializer(many=True)
        suppliers = LabelSerializer(many=True)

    @extend_schema(
        parameters=[InputSerializer], responses={200: OutputSerializer}, operation_id="search_suggest"
    )
    def get(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        found = suggestions(prefix=params.validated_data["q"], size=params.validated_data["size"])
        return Response(self.OutputSerializer(found).data)
