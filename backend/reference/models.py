"""Reference data editable by admins: the taxonomy, standards and market rules."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from core.validators import LANGUAGE_TAG, validate_currency, validate_language_map


def validate_synonym_map(value: object) -> None:
    """A JSON object mapping language tags to lists of non-empty terms."""
    if not isinstance(value, dict):
        raise ValidationError(
            "Expected an object of language tag to a list of terms.", code="invalid_synonym_map"
        )
    for tag, terms in value.items():
        if not isinstance(tag, str) or not LANGUAGE_TAG.match(tag):
            raise ValidationError(
                "%(tag)s is not a language tag (e.g. en, zh, fr, es, ru, ar).",
                code="invalid_language",
                params={"tag": tag},
            )
        if not isinstance(terms, list) or not all(isinstance(term, str) and term.strip() for term in terms):
            raise ValidationError(
                "The synonyms for %(tag)s must be a list of non-empty terms.",
                code="invalid_synonym_map",
                params={"tag": tag},
            )


class HSVersion(models.TextChoices):
    HS2017 = "HS2017", "HS 2017"
    HS2022 = "HS2022", "HS 2022"


class Category(models.Model):
    """A medical-supplies category keyed by HS code, with names and synonyms in six languages."""

    slug = models.SlugField(max_length=64, unique=True)
    hs_code = models.CharField(max_length=12, db_index=True, help_text="e.g. 6307.90")
    hs_version = models.CharField(max_length=8, choices=HSVersion.choices, default=HSVersion.HS2017)
    hs2022_code = models.CharField(
        max_length=12,
        blank=True,
        help_text="The code under HS 2022 where it differs from hs_code (e.g. 4015.19 became 4015.12).",
    )
    hs_note = models.CharField(
        max_length=255, blank=True, help_text="Classification remarks, e.g. other codes by material."
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    names = models.JSONField(
        default=dict, validators=[validate_language_map], help_text='{"en": "…", "zh": "…"}'
    )
    synonyms = models.JSONField(
        default=dict,
        blank=True,
        validators=[validate_synonym_map],
        help_text='{"en": ["…"], "fr": ["…"]}',
    )

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


class MarketKind(models.TextChoices):
    IMPORT = "import", "Import (applies by the destination country)"
    EXPORT = "export", "Export (applies by the product's country of origin)"


class Market(models.Model):
    """A regulatory market: the EU/EEA, the United States, export from China …

    An import market's rules apply to goods going *to* one of its countries; an export market's
    rules apply to goods coming *from* one of its countries, whatever their destination.
    """

    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=128)
    kind = models.CharField(
        max_length=8,
        choices=MarketKind.choices,
        default=MarketKind.IMPORT,
        help_text="import: rules for goods sent to the countries; export: for goods made in them.",
    )
    countries = models.JSONField(
        default=list,
        blank=True,
        help_text="ISO 3166 alpha-2 codes: destinations (import) or countries of origin (export)",
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class RequirementMode(models.TextChoices):
    ALL = "all", "All of"
    ANY = "any", "Any one of"


class MarketRequirement(models.Model):
    """To sell ``category`` into ``market`` a product needs all/any of ``standards``.

    A market may have several rows for one category: a product complies when it
    satisfies every row (e.g. "FDA 510(k) or FDA EUA" and "ASTM F2100").
    """

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="requirements")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="market_requirements")
    mode = models.CharField(max_length=4, choices=RequirementMode.choices, default=RequirementMode.ANY)
    standards = models.ManyToManyField(Standard, related_name="market_requirements")
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["market__code", "category__hs_code"]

    def __str__(self) -> str:
        return f"{self.market.code}: {self.category.slug} ({self.mode})"


class ExchangeRate(models.Model):
    """How many US dollars one unit of ``currency`` is worth, as of ``as_of``: the default table
    for comparing prices in different currencies (``MEDMATCH_FX_RATES`` overrides single rates)."""

    currency = models.CharField(max_length=3, unique=True, validators=[validate_currency])
    usd_per_unit = models.DecimalField(
        max_digits=20,
        decimal_places=10,
        validators=[MinValueValidator(Decimal("0.0000000001"))],
        help_text="US dollars per unit of the currency, e.g. 1.08 for EUR.",
    )
    as_of = models.DateField(help_text="The day the rate was taken; shown with every price comparison.")
    source = models.CharField(max_length=255, blank=True, help_text="Where the rate comes from.")

    class Meta:
        ordering = ["currency"]

    def __str__(self) -> str:
        return f"{self.currency} = {self.usd_per_unit} USD ({self.as_of.isoformat()})"
