from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.models import TimeStampedModel
from core.validators import (
    INTEGER_MAX,
    validate_country,
    validate_currency,
    validate_language_map_required,
)

# The largest unit price a numeric(14, 4) column holds (the index's scaled_float holds more).
PRICE_MAX = Decimal("9999999999.9999")


class ProductStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class ProductQuerySet(models.QuerySet["Product"]):
    def public(self) -> "ProductQuerySet":
        """Published products of verified vendors: the public directory."""
        return self.filter(status=ProductStatus.PUBLISHED, vendor__verification_status="verified")

    def matchable(self) -> "ProductQuerySet":
        """Published products of vendors matching may propose (``Organization.objects.matchable``):
        what the product index holds. A superset of ``public()``, which alone is ever shown."""
        from organizations.models import Organization

        return self.filter(
            status=ProductStatus.PUBLISHED, vendor__in=Organization.objects.matchable().values("pk")
        )

    def with_vendor_matchable(self) -> "ProductQuerySet":
        """Annotate ``vendor_matchable``: whether matching may propose the product's vendor."""
        from organizations.models import Organization

        return self.annotate(
            vendor_matchable=models.Exists(
                Organization.objects.matchable().filter(pk=models.OuterRef("vendor_id"))
            )
        )


class Product(TimeStampedModel):
    vendor = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="products"
    )
    category = models.ForeignKey("reference.Category", on_delete=models.PROTECT, related_name="products")
    names = models.JSONField(validators=[validate_language_map_required], help_text='{"en": "…", "zh": "…"}')
    descriptions = models.JSONField(default=dict, blank=True)
    model_number = models.CharField(max_length=128, blank=True)
    standards = models.ManyToManyField("reference.Standard", blank=True, related_name="products")
    # Bounded explicitly: SQLite would store any 64-bit number, which the index's integer
    # fields then refuse on every drain.
    min_order_quantity = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(INTEGER_MAX)]
    )
    capacity_per_day = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(INTEGER_MAX)]
    )
    stock = models.PositiveIntegerField(default=0, validators=[MaxValueValidator(INTEGER_MAX)])
    unit = models.CharField(max_length=32, default="piece")
    lead_time_days = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(INTEGER_MAX)]
    )
    price_min = models.DecimalField(max_digits=14, decimal_places=4, validators=[MinValueValidator(0.0001)])
    price_max = models.DecimalField(max_digits=14, decimal_places=4, validators=[MinValueValidator(0.0001)])
    currency = models.CharField(max_length=3, validators=[validate_currency])
    incoterms = models.JSONField(default=list, blank=True, help_text='["FOB", "CIF"]')
    origin_country = models.CharField(max_length=2, validators=[validate_country])
    ports = models.JSONField(default=list, blank=True, help_text='["Shanghai", "Ningbo"]')
    status = models.CharField(
        max_length=12, choices=ProductStatus.choices, default=ProductStatus.DRAFT, db_index=True
    )

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def vendor_is_matchable(self) -> bool:
        """May matching propose this product's vendor? The ``with_vendor_matchable`` annotation
        when the product was loaded with it, else one query."""
        annotated = getattr(self, "vendor_matchable", None)
        if annotated is not None:
            return bool(annotated)
        from organizations.models import Organization

        return Organization.objects.matchable().filter(pk=self.vendor_id).exists()

    @property
    def display_name(self) -> str:
        names: dict[str, str] = self.names or {}
        return names.get("en") or next(iter(names.values()), f"product {self.pk}")
