"""What scoring reads and answers: the weights and tolerances, the facts of a request, a product,
a certificate and a market rule, and the criteria and evaluation of a pair."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_noop

from core.i18n import Phrase

MET = "met"
PARTIAL = "partial"
NOT_MET = "not_met"

WEIGHTS: dict[str, float] = {
    "category": 25.0,
    "text": 10.0,
    "standards": 20.0,
    "market": 5.0,
    "capacity": 15.0,
    "lead_time": 10.0,
    "price": 10.0,
    "moq": 5.0,
}
# Without a needed-by date, capacity is judged over this many days.
DEFAULT_HORIZON_DAYS = 30
# A price this far above the target (as a fraction) earns no price points; beyond it is severe.
PRICE_TOLERANCE = 1.0
# Capacity (or time for the lead time) below this share of what is needed is a severe miss.
PARTIAL_SHARE = 0.5
# A minimum order above this multiple of the quantity is a severe miss.
MOQ_TOLERANCE = 2.0
# Points taken off for each severe miss (see the module docstring).
SEVERE_PENALTY = 20.0
SEVERE_CRITERIA = ("standards", "capacity", "lead_time", "price", "moq")
# How the severe misses name a criterion to a reader (the English text shows the code itself).
CRITERION_NAMES = {
    "standards": gettext_noop("standards"),
    "capacity": gettext_noop("capacity"),
    "lead_time": gettext_noop("lead_time"),
    "price": gettext_noop("price"),
    "moq": gettext_noop("moq"),
}
# The phrasing of the stored explanations: 2 counts days and pieces (plural forms) and names
# categories and markets; criteria stored otherwise are re-derived from their English text.
PHRASING = 2
BASE_CURRENCY = "USD"
IMPORT = "import"
EXPORT = "export"


@dataclass(frozen=True)
class CertificateFacts:
    owner_id: int  # the organisation the certificate document belongs to
    standards: frozenset[str]
    markets: frozenset[str]
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    number: str = ""

    def valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def covers_market(self, markets: frozenset[str]) -> bool:
        """A certificate naming no market is accepted everywhere; otherwise one must match."""
        return not self.markets or not markets or bool(self.markets & markets)


@dataclass(frozen=True)
class RuleFacts:
    """A market rule: to sell ``category`` into ``market`` a product needs all/any of ``standards``."""

    market: str
    category: str
    mode: str  # "all" or "any"
    standards: tuple[str, ...]
    approvals: frozenset[str]  # the standards in the rule that are regulatory approvals
    kind: str = IMPORT  # import: applies by destination; export: by the product's origin

    @property
    def names_approval(self) -> bool:
        return bool(self.approvals)

    @property
    def certificate_markets(self) -> frozenset[str]:
        """The markets a certificate must cover to count for this rule (none: any market will do)."""
        return frozenset() if self.kind == EXPORT else frozenset({self.market})


@dataclass(frozen=True)
class RequestFacts:
    id: int
    category_id: int | None
    category_slug: str
    category_ids: frozenset[int]  # the category and its sub-categories
    hs_heading: str
    quantity: int
    unit: str
    needed_by: datetime.date | None
    destination_country: str
    markets: frozenset[str]  # market codes covering the destination country
    required_standards: tuple[str, ...]
    approval_codes: frozenset[str]  # which standard codes (anywhere) are regulatory approvals
    target_unit_price: Decimal | None
    currency: str
    # Export markets covering the destination: goods that stay inside one are not exported.
    destination_export_markets: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ProductFacts:
    id: int
    vendor_id: int
    vendor_verified: bool
    published: bool
    category_id: int
    category_slug: str
    hs_heading: str
    capacity_per_day: int
    stock: int
    lead_time_days: int
    min_order_quantity: int
    price_min: Decimal
    price_max: Decimal
    currency: str
    standards: frozenset[str]
    certificates: tuple[CertificateFacts, ...] = ()
    origin_country: str = ""
    export_markets: frozenset[str] = frozenset()  # export markets covering the country of origin
    # Verified, or listed from a source staff allow for matching (None: the same as vendor_verified).
    vendor_matchable: bool | None = None

    @property
    def vendor_candidate(self) -> bool:
        """May matching propose this vendor at all (``Organization.objects.matchable``)?"""
        return self.vendor_verified if self.vendor_matchable is None else self.vendor_matchable


@dataclass(frozen=True)
class Criterion:
    criterion: str
    status: str
    phrase: Phrase
    expected: Any = None
    actual: Any = None

    @property
    def detail(self) -> str:
        """The explanation in English (as stored; the API renders the phrase in the reader's language)."""
        return self.phrase.english

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the English ``detail`` for old readers, and the phrase's ``template`` and
        ``params`` for ``stored_phrase_text``."""
        return {
            "criterion": self.criterion,
            "status": self.status,
            "detail": self.detail,
            **self.phrase.stored(),
            # Which phrasing the template follows (see ``matching.explanations``).
            "phrasing": PHRASING,
            "expected": self.expected,
            "actual": self.actual,
        }


@dataclass
class Evaluation:
    eligible: bool
    score: float
    score_parts: dict[str, float]
    criteria: list[Criterion]
    exclusions: list[Criterion] = field(default_factory=list)

    def criteria_dicts(self) -> list[dict[str, Any]]:
        return [criterion.as_dict() for criterion in [*self.exclusions, *self.criteria]]
