"""Reference data editable by admins: the taxonomy, standards and market rules."""

from django.db import models

from core.validators import validate_language_map


class HSVersion(models.TextChoices):
    HS2017 = "HS2017", "HS 2017"
    HS2022 = "HS2022", "HS 2022"


class Category(models.Model):
    """A medical-supplies category keyed by HS code, with names and synonyms in six languages."""

    slug = models.SlugField(max_length=64, unique=True)
    hs_code = models.CharField(max_length=12, db_index=True, help_text="e.g. 6307.90")
    hs_version = models.CharField(max_length=8, choices=HSVersion.choices, default=HSVersion.HS2017)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    names = models.JSONField(
        default=dict, validators=[validate_language_map], help_text='{"en": "…", "zh": "…"}'
    )
    synonyms = models.JSONField(default=dict, blank=True, help_text='{"en": ["…"], "fr": ["…"]}')

    class Meta:
        ordering = ["hs_code", "slug"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return f"{self.hs_code} {self.names.get('en', self.slug)}"

    def all_terms(self) -> list[str]:
        """Every name and synonym in every language (for search and matching)."""
        terms = [str(name) for name in self.names.values()]
        for values in self.synonyms.values():
            terms.extend(str(value) for value in values)
        return terms


class StandardKind(models.TextChoices):
    STANDARD = "standard", "Technical standard"
    APPROVAL = "approval", "Regulatory approval or certificate"
    QUALITY = "quality", "Quality management system"


class Standard(models.Model):
    """A standard (EN 14683) or a regulatory approval (CE under the MDR, NIOSH)."""

    code = models.CharField(max_length=64, unique=True)
    title = models.CharField(max_length=255)
    kind = models.CharField(max_length=16, choices=StandardKind.choices, default=StandardKind.STANDARD)
    region = models.CharField(max_length=32, blank=True, help_text="EU, US, CN, international …")

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Market(models.Model):
    """A regulatory market: the EU/EEA, the United States, export from China …"""

    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=128)
    countries = models.JSONField(default=list, blank=True, help_text="ISO 3166 alpha-2 codes it covers")

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class RequirementMode(models.TextChoices):
    ALL = "all", "All of"
    ANY = "any", "Any one of"


class MarketRequirement(models.Model):
    """To sell ``category`` into ``market`` a product needs all/any of ``standards``."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="requirements")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="market_requirements")
    mode = models.CharField(max_length=4, choices=RequirementMode.choices, default=RequirementMode.ANY)
    standards = models.ManyToManyField(Standard, related_name="market_requirements")
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["market__code", "category__hs_code"]

    def __str__(self) -> str:
        return f"{self.market.code}: {self.category.slug} ({self.mode})"
