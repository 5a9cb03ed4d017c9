from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet

from catalog.models import PRICE_MAX, Product, ProductStatus
from catalog.selectors import certificate_valid_on_q, today
from core.filters import DecimalFilter, IdFilter, IntegerFilter, OrderingFilter
from organizations.models import Document, DocumentType
from reference.models import Category
from reference.selectors import category_descendant_ids, hs_code_prefix_q


class ProductFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("price_max") is not None and not cleaned.get("currency"):
            self.add_error(
                "price_max",
                ValidationError(
                    "Give the currency the price is in (currency=USD).", code="currency_required"
                ),
            )
        return cleaned


class ProductFilter(django_filters.FilterSet):
    category = IdFilter(method="filter_category", label="Category id; includes its sub-categories.")
    category_slug = django_filters.CharFilter(
        method="filter_category_slug", label="Category slug; includes its sub-categories."
    )
    hs_code = django_filters.CharFilter(
        method="filter_hs_code", label="HS code prefix of the category (HS 2017 or HS 2022)."
    )
    country = django_filters.CharFilter(
        field_name="vendor__country", lookup_expr="iexact", label="Vendor's country (ISO 3166-1 alpha-2)."
    )
    origin_country = django_filters.CharFilter(field_name="origin_country", lookup_expr="iexact")
    standard = django_filters.CharFilter(method="filter_standard", label="Standard code the product meets.")
    certificate_market = django_filters.CharFilter(
        method="filter_certificate_market",
        label="Market code (EU, US, CN-EXPORT …) for which the product has a certificate valid today.",
    )
    capacity_min = IntegerFilter(field_name="capacity_per_day", lookup_expr="gte")
    moq_max = IntegerFilter(field_name="min_order_quantity", lookup_expr="lte")
    lead_time_max = IntegerFilter(field_name="lead_time_days", lookup_expr="lte")
    price_max = DecimalFilter(
        field_name="price_min",
        lookup_expr="lte",
        max_value=PRICE_MAX,
        label="Lowest unit price at most this; needs currency.",
    )
    currency = django_filters.CharFilter(field_name="currency", lookup_expr="iexact")
    status = django_filters.ChoiceFilter(choices=ProductStatus.choices)
    vendor = IdFilter(field_name="vendor_id", label="Vendor organisation id.")
    ordering = OrderingFilter(
        fields=("created_at", "price_min", "lead_time_days", "capacity_per_day", "min_order_quantity"),
        label="created_at, price_min, lead_time_days, capacity_per_day or min_order_quantity; "
        "- for descending.",
    )

    class Meta:
        model = Product
        form = ProductFilterForm
        fields = [
            "category",
            "category_slug",
            "hs_code",
            "country",
            "origin_country",
            "standard",
            "certificate_market",
            "capacity_min",
            "moq_max",
            "lead_time_max",
            "price_max",
            "currency",
            "status",
            "vendor",
        ]

    def filter_category(self, queryset: QuerySet[Product], name: str, value: int) -> QuerySet[Product]:
        return queryset.filter(category_id__in=category_descendant_ids(category_ids=[value]))

    def filter_category_slug(self, queryset: QuerySet[Product], name: str, value: str) -> QuerySet[Product]:
        ids = list(Category.objects.filter(slug=value).values_list("pk", flat=True))
        return queryset.filter(category_id__in=category_descendant_ids(category_ids=ids))

    def filter_hs_code(self, queryset: QuerySet[Product], name: str, value: str) -> QuerySet[Product]:
        return queryset.filter(
            hs_code_prefix_q(prefix=value, field="category__hs_code", hs2022_field="category__hs2022_code")
        )

    def filter_standard(self, queryset: QuerySet[Product], name: str, value: str) -> QuerySet[Product]:
        meets = Product.standards.through.objects.filter(product_id=OuterRef("pk"), standard__code=value)
        return queryset.filter(Exists(meets))

    def filter_certificate_market(
        self, queryset: QuerySet[Product], name: str, value: str
    ) -> QuerySet[Product]:
        certificates = Document.objects.filter(
            certificate_valid_on_q(day=today()),
            products=OuterRef("pk"),
            organization_id=OuterRef("vendor_id"),
            document_type=DocumentType.CERTIFICATE,
            markets__code__iexact=value,
        )
        return queryset.filter(Exists(certificates))
