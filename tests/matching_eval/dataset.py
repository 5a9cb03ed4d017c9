"""Builds the labelled evaluation set (cases.json) in the database and measures matching on it."""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from catalog.models import Product
from matching.models import Proposal
from organizations.models import Organization
from purchasing.models import PurchaseRequest
from tests.matching_eval import world

CASES_PATH = Path(__file__).with_name("cases.json")
TOP_K = 5


def load_cases(path: Path = CASES_PATH) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@dataclass
class LabelledRequest:
    key: str
    request: PurchaseRequest
    relevant: set[int]
    hard_traps: dict[int, str]
    soft_traps: dict[int, str]


@dataclass
class EvalSet:
    products: dict[str, Product]
    requests: list[LabelledRequest]
    fx_rates: dict[str, float]


def _days(value: int | None) -> datetime.date | None:
    return None if value is None else world.days(value)


def _certificates(specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "markets": spec.get("markets", []),
            "standards": spec.get("standards", []),
            "valid_from": world.days(spec.get("valid_from", -300)),
            # null: no expiry date (e.g. a 510(k) clearance).
            "valid_until": _days(spec["valid_until"]) if "valid_until" in spec else world.days(365),
        }
        for spec in specs
    ]


def build_eval_set(cases: dict[str, Any] | None = None) -> EvalSet:
    """Create the vendors, products (with certificates) and requests of ``cases`` (default: cases.json)."""
    cases = cases or load_cases()
    vendors: dict[str, Organization] = {
        key: world.vendor(spec["name"], verified=spec.get("verified", True), country=spec["country"])
        for key, spec in cases["vendors"].items()
    }
    products: dict[str, Product] = {}
    for key, spec in cases["products"].items():
        products[key] = world.product(
            owner=vendors[spec["vendor"]],
            slug=spec["category"],
            names=spec["names"],
            descriptions=spec.get("descriptions", {}),
            standards=spec.get("standards", []),
            certificates=_certificates(spec.get("certificates", [])),
            capacity_per_day=spec["capacity_per_day"],
            stock=spec["stock"],
            lead_time_days=spec["lead_time_days"],
            min_order_quantity=spec["min_order_quantity"],
            price_min=Decimal(spec["price_min"]),
            price_max=Decimal(spec["price_max"]),
            currency=spec["currency"],
            # Made where the vendor is (export rules apply by the product's origin).
            origin_country=vendors[spec["vendor"]].country,
        )
    labelled = []
    for spec in cases["requests"]:
        request = world.purchase_request(
            slug=spec["category"],
            title=spec["title"],
            description=spec.get("description", ""),
            language=spec["language"],
            destination_country=spec["destination"],
            quantity=spec["quantity"],
            needed_by=world.days(spec["needed_in_days"]),
            target_unit_price=Decimal(spec["target_unit_price"]) if spec.get("target_unit_price") else None,
            currency=spec.get("currency", ""),
            required=spec.get("required_standards", []),
        )
        labelled.append(
            LabelledRequest(
                key=spec["key"],
                request=request,
                relevant={products[key].pk for key in spec["relevant"]},
                hard_traps={products[key].pk: why for key, why in spec["hard_traps"].items()},
                soft_traps={products[key].pk: why for key, why in spec["soft_traps"].items()},
            )
        )
    return EvalSet(products=products, requests=labelled, fx_rates=dict(cases.get("fx_rates", {})))


@dataclass
class RequestResult:
    key: str
    ranked: list[int]  # product ids, best first
    top: list[int]
    relevant_in_top: int
    relevant_proposed: int
    relevant_total: int
    violations: list[str]
    soft_traps_in_top: list[str]

    @property
    def precision(self) -> float:
        """Share of the first ``TOP_K`` proposals that are relevant (the proposals made, at most 5)."""
        return self.relevant_in_top / len(self.top) if self.top else 0.0

    @property
    def recall(self) -> float:
        """Share of the relevant products that were proposed at all (top N)."""
        return self.relevant_proposed / self.relevant_total if self.relevant_total else 1.0


@dataclass
class Report:
    results: list[RequestResult] = field(default_factory=list)

    @property
    def precision_at_5(self) -> float:
        return sum(result.precision for result in self.results) / len(self.results)

    @property
    def recall(self) -> float:
        return sum(result.recall for result in self.results) / len(self.results)

    @property
    def proposals(self) -> int:
        return sum(len(result.ranked) for result in self.results)

    @property
    def violations(self) -> int:
        return sum(len(result.violations) for result in self.results)

    @property
    def violation_rate(self) -> float:
        return self.violations / self.proposals if self.proposals else 0.0

    def lines(self) -> list[str]:
        rows = [
            f"{result.key:28} P@5={result.precision:.2f} recall={result.recall:.2f} "
            f"proposed={len(result.ranked):2d} "
            f"violations={len(result.violations)} soft-traps-in-top5={result.soft_traps_in_top}"
            for result in self.results
        ]
        rows.append(
            f"precision@5={self.precision_at_5:.3f} recall={self.recall:.3f} "
            f"hard-rule violations={self.violations}/{self.proposals} "
            f"(rate {self.violation_rate:.3f}) over {len(self.results)} requests"
        )
        return rows


def measure(labelled: LabelledRequest, proposals: list[Proposal]) -> RequestResult:
    ranked = [proposal.product_id for proposal in proposals]
    top = ranked[:TOP_K]
    return RequestResult(
        key=labelled.key,
        ranked=ranked,
        top=top,
        relevant_in_top=sum(1 for product_id in top if product_id in labelled.relevant),
        relevant_proposed=sum(1 for product_id in ranked if product_id in labelled.relevant),
        relevant_total=len(labelled.relevant),
        violations=[labelled.hard_traps[pid] for pid in ranked if pid in labelled.hard_traps],
        soft_traps_in_top=[labelled.soft_traps[pid] for pid in top if pid in labelled.soft_traps],
    )
