from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from discovery.selectors import (
    MAX_WINDOW,
    SearchPage,
    decode_cursor,
    product_search,
    suggestions,
    supplier_search,
)
from search import queries
from search.analysis import LANGUAGES


def _split(values: list[str]) -> list[str]:
    """``?market=EU,US&market=GB`` → ``["EU", "US", "GB"]``."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _by_language(source: dict[str, Any], prefix: str) -> dict[str, str]:
    texts = {lang: source[f"{prefix}_{lang}"] for lang in LANGUAGES if source.get(f"{prefix}_{lang}")}
    if source.get(f"{prefix}_other"):
        texts["other"] = source[f"{prefix}_other"]
    return texts


class SearchParamsSerializer(serializers.Serializer[dict[str, Any]]):
    q = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)
    cursor = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_cursor(self, value: str) -> list[Any] | None:
        if not value:
            return None
        try:
            return decode_cursor(value)
        except ValueError as exc:
            raise serializers.ValidationError(
                "This cursor is not valid; start again from page 1.", code="invalid_cursor"
            ) from exc

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["cursor"] is None and attrs["page"] * attrs["page_size"] > MAX_WINDOW:
            raise serializers.ValidationError(
                {"page": [f"Pages beyond {MAX_WINDOW} results need the cursor from the previous page."]},
                code="page_too_deep",
            )
        return attrs


class FacetedResultSerializer(serializers.Serializer[SearchPage]):
    count = serializers.IntegerField()
    next_cursor = serializers.CharField(allow_null=True)
    facets = serializers.DictField()


def _list_params(request: Request, *names: str) -> dict[str, list[str]]:
    return {name: _split(request.query_params.getlist(name)) for name in names}


class ProductSearchApi(APIView):
    """Full-text product search in any of six languages, with facets, filters and highlighting."""

    permission_classes = [AllowAny]

    class InputSerializer(SearchParamsSerializer):
        sort = serializers.ChoiceField(choices=list(queries.PRODUCT_SORTS), default="relevance")
        hs_code = serializers.RegexField(r"^[0-9.]{2,12}$", required=False, default="")
        vendor = serializers.IntegerField(required=False, min_value=1, default=None)
        capacity_min = serializers.IntegerField(required=False, min_value=0, default=None)
        moq_max = serializers.IntegerField(required=False, min_value=1, default=None)
        lead_time_max = serializers.IntegerField(required=False, min_value=1, default=None)
        price_min = serializers.FloatField(required=False, min_value=0, default=None)
        price_max = serializers.FloatField(required=False, min_value=0, default=None)
        currency = serializers.RegexField(r"^[A-Z]{3}$", required=False, default="")

    class OutputSerializer(FacetedResultSerializer):
        results = serializers.ListField(child=serializers.DictField())

    @extend_schema(
        parameters=[
            InputSerializer,
            *[
                OpenApiParameter(name, str, many=True, description=f"{name} (repeat or comma-separate)")
                for name in ("category", "country", "market", "standard")
            ],
        ],
        responses={200: OutputSerializer},
        operation_id="search_products",
    )
    def get(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        lists = _list_params(request, "category", "country", "market", "standard")
        query = queries.ProductQuery(
            text=data["q"],
            categories=lists["category"],
            hs_code=data["hs_code"],
            countries=[country.upper() for country in lists["country"]],
            markets=lists["market"],
            standards=lists["standard"],
            vendor_id=data["vendor"],
            capacity_min=data["capacity_min"],
            moq_max=data["moq_max"],
            lead_time_max=data["lead_time_max"],
            price_min=data["price_min"],
            price_max=data["price_max"],
            currency=data["currency"],
            sort=data["sort"],
            size=data["page_size"],
            offset=(data["page"] - 1) * data["page_size"],
            search_after=data["cursor"],
        )
        page = product_search(query=query)
        return Response(
            {
                "count": page.count,
                "next_cursor": page.next_cursor,
                "facets": page.facets,
                "results": [_product_result(hit) for hit in page.results],
            }
        )


def _product_result(hit: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": hit["id"],
        "names": _by_language(hit, "name"),
        "descriptions": _by_language(hit, "description"),
        "model_number": hit.get("model_number", ""),
        "vendor": {
            "id": hit["vendor_id"],
            "name": hit["vendor_name"].split(" | ")[0],
            "country": hit["vendor_country"],
            "city": hit.get("vendor_city", ""),
        },
        "category": {"id": hit["category_id"], "slug": hit["category_slug"], "hs_code": hit["hs_code"]},
        "standards": hit.get("standards", []),
        "certificate_markets": hit.get("certificate_markets", []),
        "min_order_quantity": hit["min_order_quantity"],
        "capacity_per_day": hit["capacity_per_day"],
        "stock": hit.get("stock", 0),
        "lead_time_days": hit["lead_time_days"],
        "price_min": hit["price_min"],
        "price_max": hit["price_max"],
        "currency": hit["currency"],
        "incoterms": hit.get("incoterms", []),
        "origin_country": hit.get("origin_country", ""),
        "highlight": hit.get("_highlight", {}),
        "score": hit.get("_score"),
    }


class SupplierSearchApi(APIView):
    """Search verified suppliers by name (any script, pinyin for Chinese names), category and certificates."""

    permission_classes = [AllowAny]

    class InputSerializer(SearchParamsSerializer):
        sort = serializers.ChoiceField(choices=list(queries.SUPPLIER_SORTS), default="relevance")
        capacity_min = serializers.IntegerField(required=False, min_value=0, default=None)

    class OutputSerializer(FacetedResultSerializer):
        results = serializers.ListField(child=serializers.DictField())

    @extend_schema(
        parameters=[
            InputSerializer,
            *[
                OpenApiParameter(name, str, many=True, description=f"{name} (repeat or comma-separate)")
                for name in ("category", "country", "market", "standard")
            ],
        ],
        responses={200: OutputSerializer},
        operation_id="search_suppliers",
    )
    def get(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        lists = _list_params(request, "category", "country", "market", "standard")
        query = queries.SupplierQuery(
            text=data["q"],
            categories=lists["category"],
            countries=[country.upper() for country in lists["country"]],
            markets=lists["market"],
            standards=lists["standard"],
            capacity_min=data["capacity_min"],
            sort=data["sort"],
            size=data["page_size"],
            offset=(data["page"] - 1) * data["page_size"],
            search_after=data["cursor"],
        )
        page = supplier_search(query=query)
        results = [
            {
                "id": hit["id"],
                "name": hit["name"],
                "legal_names": _by_language(hit, "legal_name"),
                "country": hit["country"],
                "city": hit.get("city", ""),
                "description": hit.get("description", ""),
                "category_slugs": hit.get("category_slugs", []),
                "standards": hit.get("standards", []),
                "certificate_markets": hit.get("certificate_markets", []),
                "product_count": hit.get("product_count", 0),
                "capacity_per_day_max": hit.get("capacity_per_day_max", 0),
                "highlight": hit.get("_highlight", {}),
                "score": hit.get("_score"),
            }
            for hit in page.results
        ]
        return Response(
            {"count": page.count, "next_cursor": page.next_cursor, "facets": page.facets, "results": results}
        )


class SuggestApi(APIView):
    """Suggestions as you type: categories, products and suppliers."""

    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        q = serializers.CharField(min_length=1, max_length=100)
        size = serializers.IntegerField(required=False, min_value=1, max_value=20, default=5)

    class OutputSerializer(serializers.Serializer[dict[str, Any]]):
        categories = serializers.ListField(child=serializers.DictField())
        products = serializers.ListField(child=serializers.DictField())
        suppliers = serializers.ListField(child=serializers.DictField())

    @extend_schema(
        parameters=[InputSerializer], responses={200: OutputSerializer}, operation_id="search_suggest"
    )
    def get(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        return Response(suggestions(prefix=params.validated_data["q"], size=params.validated_data["size"]))
