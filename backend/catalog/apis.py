"""The product catalogue: anyone may read (what they may see), vendors manage their own products."""

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import request_user
from catalog.filters import ProductFilter
from catalog.models import Product, ProductStatus
from catalog.selectors import (
    certificate_is_valid,
    product_certificates,
    product_get,
    product_get_for_change,
    product_list,
    product_vendor_for_create,
    today,
)
from catalog.services import product_create, product_delete, product_update
from core.pagination import ListApi
from core.permissions import ReadOnlyOrVendor
from core.validators import CODE_MAX_LENGTH, ID_MAX, INTEGER_MAX, MAX_NAME_LENGTH, MAX_TEXT_LENGTH
from organizations.models import Document, Organization, VerificationStatus
from reference.models import Category


class ProductVendorSerializer(serializers.ModelSerializer[Organization]):
    """What anyone may know about a vendor: never its contacts."""

    verification_status = serializers.ChoiceField(choices=VerificationStatus.choices)

    class Meta:
        model = Organization
        fields = ["id", "name", "country", "verification_status"]


class ProductCategorySerializer(serializers.ModelSerializer[Category]):
    names = serializers.DictField(child=serializers.CharField())

    class Meta:
        model = Category
        fields = ["id", "slug", "hs_code", "names"]


class ProductCertificateSerializer(serializers.ModelSerializer[Document]):
    """A certificate's facts; the file itself is not exposed here."""

    markets = serializers.SerializerMethodField()
    standards = serializers.SerializerMethodField()
    is_valid_today = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "number",
            "issuer",
            "review_status",
            "valid_from",
            "valid_until",
            "markets",
            "standards",
            "is_valid_today",
        ]

    def get_markets(self, document: Document) -> list[str]:
        return [market.code for market in document.markets.all()]

    def get_standards(self, document: Document) -> list[str]:
        return [standard.code for standard in document.standards.all()]

    def get_is_valid_today(self, document: Document) -> bool:
        return certificate_is_valid(document=document, day=self.context.get("today") or today())


class ProductOutputSerializer(serializers.ModelSerializer[Product]):
    vendor = ProductVendorSerializer()
    category = ProductCategorySerializer()
    names = serializers.DictField(child=serializers.CharField())
    descriptions = serializers.DictField(child=serializers.CharField())
    standards = serializers.SerializerMethodField()
    price_min = serializers.DecimalField(max_digits=14, decimal_places=4)
    price_max = serializers.DecimalField(max_digits=14, decimal_places=4)
    incoterms = serializers.ListField(child=serializers.CharField())
    ports = serializers.ListField(child=serializers.CharField())
    status = serializers.ChoiceField(choices=ProductStatus.choices)
    certificates = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = [
            "id",
            "vendor",
            "category",
            "names",
            "descriptions",
            "model_number",
            "standards",
            "min_order_quantity",
            "capacity_per_day",
            "stock",
            "unit",
            "lead_time_days",
            "price_min",
            "price_max",
            "currency",
            "incoterms",
            "origin_country",
            "ports",
            "status",
            "certificates",
            "created_at",
            "updated_at",
        ]

    def get_standards(self, product: Product) -> list[str]:
        return [standard.code for standard in product.standards.all()]

    @extend_schema_field(ProductCertificateSerializer(many=True))
    def get_certificates(self, product: Product) -> Any:
        return ProductCertificateSerializer(
            product_certificates(product=product), many=True, context=self.context
        ).data


class ProductInputSerializer(serializers.Serializer[dict[str, Any]]):
    """Fields of a product; the service checks values (ranges, codes, price range)."""

    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    names = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=MAX_NAME_LENGTH),
        help_text='Language tag to text: {"en": "…", "zh": "…"}',
    )
    descriptions = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=MAX_TEXT_LENGTH),
        required=False,
        default=dict,
    )
    model_number = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")
    standards = serializers.ListField(
        child=serializers.CharField(),
        max_length=100,
        required=False,
        default=list,
        help_text="Standard codes, e.g. EN 14683.",
    )
    # Ranges are checked by the service against the model (1 … INTEGER_MAX, what the column and the
    # index hold), together with every other field, so one answer names every wrong field.
    min_order_quantity = serializers.IntegerField(help_text=f"1 … {INTEGER_MAX}.")
    capacity_per_day = serializers.IntegerField(help_text=f"1 … {INTEGER_MAX}.")
    stock = serializers.IntegerField(required=False, default=0, help_text=f"0 … {INTEGER_MAX}.")
    unit = serializers.CharField(max_length=32, required=False, default="piece")
    lead_time_days = serializers.IntegerField(help_text=f"1 … {INTEGER_MAX}.")
    price_min = serializers.DecimalField(max_digits=14, decimal_places=4)
    price_max = serializers.DecimalField(max_digits=14, decimal_places=4)
    currency = serializers.CharField(max_length=CODE_MAX_LENGTH, help_text="ISO 4217, e.g. USD.")
    incoterms = serializers.ListField(
        child=serializers.CharField(),
        max_length=11,
        required=False,
        default=list,
        help_text="Incoterms 2020, e.g. FOB.",
    )
    origin_country = serializers.CharField(
        max_length=CODE_MAX_LENGTH, help_text="ISO 3166-1 alpha-2, e.g. CN."
    )
    ports = serializers.ListField(child=serializers.CharField(), max_length=50, required=False, default=list)
    status = serializers.ChoiceField(
        choices=ProductStatus.choices, required=False, default=ProductStatus.DRAFT
    )


class ProductCreateInputSerializer(ProductInputSerializer):
    certificates = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX),
        required=False,
        default=list,
        max_length=100,
        help_text="Ids of the vendor's certificate documents that cover this product.",
    )
    vendor = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=ID_MAX,
        help_text="Staff only: the vendor organisation the product is for.",
    )


def _output(request: Request, product: Product) -> dict[str, Any]:
    fresh = product_get(user=request.user, product_id=product.pk)
    data: dict[str, Any] = ProductOutputSerializer(fresh, context={"request": request}).data
    return data


class ProductListCreateApi(ListApi):
    """Products: list what you may see (filter, sort, page); vendors add their own."""

    permission_classes = [ReadOnlyOrVendor]
    filterset_class = ProductFilter
    input_serializer_class = ProductCreateInputSerializer

    @extend_schema(responses={200: ProductOutputSerializer(many=True)}, operation_id="products_list")
    def get(self, request: Request) -> Response:
        return self.paginated_response(
            request,
            product_list(user=request.user),
            ProductOutputSerializer,
            context={"request": request, "today": today()},
        )

    @extend_schema(
        request=ProductCreateInputSerializer,
        responses={201: ProductOutputSerializer},
        operation_id="products_create",
    )
    def post(self, request: Request) -> Response:
        serializer = ProductCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        vendor = product_vendor_for_create(user=request.user, vendor_id=data.pop("vendor", None))
        product = product_create(actor=request_user(request), vendor=vendor, **data)
        return Response(_output(request, product), status=status.HTTP_201_CREATED)


class ProductDetailApi(APIView):
    """One product: 404 if you may not see it, 403 if you may see but not change it."""

    permission_classes = [ReadOnlyOrVendor]

    @extend_schema(responses={200: ProductOutputSerializer}, operation_id="products_retrieve")
    def get(self, request: Request, product_id: int) -> Response:
        product = product_get(user=request.user, product_id=product_id)
        return Response(ProductOutputSerializer(product, context={"request": request}).data)

    def _update(self, request: Request, product_id: int, *, partial: bool) -> Response:
        product = product_get_for_change(user=request.user, product_id=product_id)
        serializer = ProductInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        product = product_update(
            product=product,
            actor=request_user(request),
            data=serializer.validated_data,
        )
        return Response(_output(request, product))

    @extend_schema(
        request=ProductInputSerializer,
        responses={200: ProductOutputSerializer},
        operation_id="products_update",
    )
    def put(self, request: Request, product_id: int) -> Response:
        return self._update(request, product_id, partial=False)

    @extend_schema(
        request=ProductInputSerializer,
        responses={200: ProductOutputSerializer},
        operation_id="products_partial_update",
    )
    def patch(self, request: Request, product_id: int) -> Response:
        return self._update(request, product_id, partial=True)

    @extend_schema(responses={204: None}, operation_id="products_destroy")
    def delete(self, request: Request, product_id: int) -> Response:
        product = product_get_for_change(user=request.user, product_id=product_id)
        product_delete(product=product, actor=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
