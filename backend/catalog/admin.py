from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from accounts.models import User
from catalog.models import Product
from catalog.services import product_delete
from outbox.services import outbox_record


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin[Product]):
    """Staff view of the catalogue. Products are added and their status changed through the API
    (validated, audited); edits and deletes here still reach the search index through the outbox."""

    list_display = [
        "id",
        "display_name",
        "vendor",
        "category",
        "status",
        "min_order_quantity",
        "capacity_per_day",
        "price_min",
        "price_max",
        "currency",
        "created_at",
    ]
    list_filter = ["status", "currency", "origin_country", ("category", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["names", "model_number", "vendor__name", "category__slug", "category__hs_code"]
    list_select_related = ["vendor", "category"]
    autocomplete_fields = ["category"]
    filter_horizontal = ["standards"]
    readonly_fields = ["vendor", "status", "created_at", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Product, form: ModelForm[Product], change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            outbox_record(entity="product", entity_id=obj.pk)

    def delete_model(self, request: HttpRequest, obj: Product) -> None:
        product_delete(product=obj, actor=_actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Product]) -> None:
        for product in queryset:
            product_delete(product=product, actor=_actor(request))
