"""The scoring of one pair, without database or engine: hard rules, soft criteria, explanations."""

import dataclasses
import datetime
from decimal import Decimal
from typing import Any

import pytest

from matching.scoring import (
    MET,
    NOT_MET,
    PARTIAL,
    SEVERE_PENALTY,
    WEIGHTS,
    CertificateFacts,
    Criterion,
    Evaluation,
    ProductFacts,
    RequestFacts,
    RuleFacts,
    evaluate,
    fingerprint,
    rank,
    to_base_currency,
)

TODAY = datetime.date(2026, 3, 1)
VENDOR = 7
MASKS = 10
SINGLE_USE = 11
GLOVES = 20
APPROVALS = frozenset({"CE MDR", "CE PPE", "FDA 510(k)", "FDA EUA", "NIOSH N95"})

EU_MASKS = RuleFacts(
    market="EU",
    category="surgical-masks",
    mode="all",
    standards=("CE MDR", "EN 14683"),
    approvals=frozenset({"CE MDR"}),
)
US_MASKS_APPROVAL = RuleFacts(
    market="US",
    category="surgical-masks",
    mode="any",
    standards=("FDA 510(k)", "FDA EUA"),
    approvals=frozenset({"FDA 510(k)", "FDA EUA"}),
)
US_MASKS_ASTM = RuleFacts(
    market="US", category="surgical-masks", mode="all", standards=("ASTM F2100",), approvals=frozenset()
)


def make_request(**changes: Any) -> RequestFacts:
    values: dict[str, Any] = {
        "id": 1,
        "category_id": MASKS,
        "category_slug": "surgical-masks",
        "category_ids": frozenset({MASKS}),
        "hs_heading": "6307",
        "quantity": 100_000,
        "unit": "piece",
        "needed_by": TODAY + datetime.timedelta(days=30),
        "destination_country": "FR",
        "markets": frozenset({"EU"}),
        "required_standards": (),
        "approval_codes": APPROVALS,
        "target_unit_price": None,
        "currency": "USD",
    }
    values.update(changes)
    return RequestFacts(**values)


def ce_certificate(**changes: Any) -> CertificateFacts:
    values: dict[str, Any] = {
        "owner_id": VENDOR,
        "standards": frozenset({"CE MDR", "EN 14683"}),
        "markets": frozenset({"EU"}),
        "valid_from": TODAY - datetime.timedelta(days=100),
        "valid_until": TODAY + datetime.timedelta(days=365),
        "number": "CE-1",
    }
    values.update(changes)
    return CertificateFacts(**values)


def make_product(**changes: Any) -> ProductFacts:
    values: dict[str, Any] = {
        "id": 100,
        "vendor_id": VENDOR,
        "vendor_verified": True,
        "published": True,
        "category_id": MASKS,
        "category_slug": "surgical-masks",
        "hs_heading": "6307",
        "capacity_per_day": 10_000,
        "stock": 0,
        "lead_time_days": 5,
        "min_order_quantity": 10_000,
        "price_min": Decimal("0.05"),
        "price_max": Decimal("0.08"),
        "currency": "USD",
        "standards": frozenset({"EN 14683"}),
        "certificates": (ce_certificate(),),
    }
    values.update(changes)
    return ProductFacts(**values)


def judge(
    request: RequestFacts | None = None,
    product: ProductFacts | None = None,
    *,
    rules: tuple[RuleFacts, ...] = (EU_MASKS,),
    relevance: float = 1.0,
    rates: dict[str, float] | None = None,
) -> Evaluation:
    return evaluate(
        request or make_request(),
        product or make_product(),
        rules=rules,
        text_relevance=relevance,
        today=TODAY,
        fx_rates=rates,
    )


def criterion(evaluation: Evaluation, name: str) -> Criterion:
    found = [item for item in [*evaluation.exclusions, *evaluation.criteria] if item.criterion == name]
    assert found, f"no {name} criterion in {evaluation.criteria}"
    return found[0]


# --- the whole evaluation ---


def test_a_perfect_pair_scores_100_and_the_parts_add_up() -> None:
    evaluation = judge()

    assert evaluation.eligible
    assert evaluation.score == 100.0
    assert evaluation.score_parts == {**WEIGHTS, "penalty": 0.0}
    assert sum(evaluation.score_parts.values()) == evaluation.score
    assert all(item.status == MET for item in evaluation.criteria)
    assert criterion(evaluation, "market_approval").detail.startswith("EU asks for CE MDR and EN 14683")


def test_weights_add_up_to_100() -> None:
    assert sum(WEIGHTS.values()) == 100.0


def test_criteria_dicts_are_json_ready_and_list_exclusions_first() -> None:
    evaluation = judge(product=make_product(vendor_verified=False))

    dicts = evaluation.criteria_dicts()

    assert dicts[0] == {
        "criterion": "vendor_verified",
        "status": NOT_MET,
        "detail": "vendor not verified",
        "template": "vendor not verified",
        "params": {},
        "phrasing": 2,
        "expected": True,
        "actual": False,
    }
    assert {item["criterion"] for item in dicts} >= {"category", "capacity", "price", "moq"}


# --- hard rules ---


def test_unverified_vendor_is_excluded() -> None:
    evaluation = judge(product=make_product(vendor_verified=False))

    assert not evaluation.eligible
    assert criterion(evaluation, "vendor_verified").status == NOT_MET


def test_unpublished_product_is_excluded() -> None:
    evaluation = judge(product=make_product(published=False))

    assert not evaluation.eligible
    assert [item.criterion for item in evaluation.exclusions] == ["product_published"]


def test_missing_approval_certificate_excludes() -> None:
    evaluation = judge(product=make_product(certificates=()))

    assert not evaluation.eligible
    exclusion = criterion(evaluation, "market_approval")
    assert exclusion.status == NOT_MET
    assert "no CE MDR certificate valid for EU on" in exclusion.detail
    assert exclusion.expected == ["CE MDR", "EN 14683"]


def test_expired_certificate_does_not_count_and_says_when_it_expired() -> None:
    expired = ce_certificate(valid_until=TODAY - datetime.timedelta(days=3))

    evaluation = judge(product=make_product(certificates=(expired,)))

    assert not evaluation.eligible
    assert f"CE MDR certificate expired {(TODAY - datetime.timedelta(days=3)).isoformat()}" in (
        criterion(evaluation, "market_approval").detail
    )


def test_certificate_expiring_before_the_needed_by_date_does_not_count() -> None:
    request = make_request(needed_by=TODAY + datetime.timedelta(days=60))
    short = ce_certificate(valid_until=TODAY + datetime.timedelta(days=30))

    assert not judge(request, make_product(certificates=(short,))).eligible
    assert judge(
        make_request(needed_by=TODAY + datetime.timedelta(days=20)), make_product(certificates=(short,))
    ).eligible


def test_without_a_date_the_certificate_must_be_valid_today() -> None:
    request = make_request(needed_by=None)

    assert judge(request, make_product(certificates=(ce_certificate(valid_until=TODAY),))).eligible
    yesterday = TODAY - datetime.timedelta(days=1)
    assert not judge(request, make_product(certificates=(ce_certificate(valid_until=yesterday),))).eligible


def test_a_needed_by_date_in_the_past_checks_validity_today() -> None:
    request = make_request(needed_by=TODAY - datetime.timedelta(days=10))
    lapsed = ce_certificate(valid_until=TODAY - datetime.timedelta(days=5))

    assert not judge(request, make_product(certificates=(lapsed,))).eligible


def test_certificate_not_yet_valid_on_the_day_does_not_count() -> None:
    later = ce_certificate(valid_from=TODAY + datetime.timedelta(days=90))

    evaluation = judge(product=make_product(certificates=(later,)))

    assert not evaluation.eligible
    assert "certificate valid only from" in criterion(evaluation, "market_approval").detail


def test_certificate_without_dates_is_valid() -> None:
    open_ended = ce_certificate(valid_from=None, valid_until=None)

    assert judge(product=make_product(certificates=(open_ended,))).eligible


def test_certificate_for_the_wrong_market_does_not_count() -> None:
    us_only = ce_certificate(markets=frozenset({"US"}))

    evaluation = judge(product=make_product(certificates=(us_only,)))

    assert not evaluation.eligible
    assert "no CE MDR certificate valid for EU" in criterion(evaluation, "market_approval").detail


def test_certificate_naming_no_market_counts_everywhere() -> None:
    anywhere = ce_certificate(markets=frozenset())

    assert judge(product=make_product(certificates=(anywhere,))).eligible


def test_certificate_of_another_organisation_does_not_count() -> None:
    borrowed = ce_certificate(owner_id=VENDOR + 1)

    assert not judge(product=make_product(certificates=(borrowed,))).eligible


def test_technical_standard_in_an_approval_rule_is_met_by_the_products_claim() -> None:
    ce_only = ce_certificate(standards=frozenset({"CE MDR"}))

    claimed = judge(product=make_product(certificates=(ce_only,), standards=frozenset({"EN 14683"})))
    unclaimed = judge(product=make_product(certificates=(ce_only,), standards=frozenset()))

    assert claimed.eligible
    assert not unclaimed.eligible
    assert "EN 14683 not claimed or certified" in criterion(unclaimed, "market_approval").detail


def test_an_approval_is_never_met_by_a_claim_alone() -> None:
    product = make_product(certificates=(), standards=frozenset({"CE MDR", "EN 14683"}))

    assert not judge(product=product).eligible


def test_any_rule_is_met_by_one_of_its_approvals() -> None:
    request = make_request(destination_country="US", markets=frozenset({"US"}))
    eua = ce_certificate(standards=frozenset({"FDA EUA"}), markets=frozenset({"US"}))

    with_eua = judge(request, make_product(certificates=(eua,)), rules=(US_MASKS_APPROVAL,))
    without = judge(request, make_product(certificates=()), rules=(US_MASKS_APPROVAL,))

    assert with_eua.eligible
    assert not without.eligible
    assert "FDA 510(k) or FDA EUA" in criterion(without, "market_approval").detail


def test_rules_of_other_markets_and_other_categories_are_ignored() -> None:
    request = make_request(destination_country="PE", markets=frozenset())
    gloves_rule = dataclasses.replace(EU_MASKS, category="nitrile-examination-gloves")

    assert judge(request, make_product(certificates=()), rules=(EU_MASKS,)).eligible
    assert judge(make_request(), make_product(certificates=()), rules=(gloves_rule,)).eligible


def test_rules_of_the_products_own_category_apply_too() -> None:
    request = make_request(category_id=None, category_slug="", category_ids=frozenset(), hs_heading="")
    single_use_rule = dataclasses.replace(EU_MASKS, category="medical-masks-single-use")
    product = make_product(category_id=SINGLE_USE, category_slug="medical-masks-single-use", certificates=())

    assert not judge(request, product, rules=(single_use_rule,)).eligible


# --- soft criteria ---


def test_technical_only_market_rule_lowers_the_score_instead_of_excluding() -> None:
    request = make_request(destination_country="US", markets=frozenset({"US"}))
    eua = ce_certificate(standards=frozenset({"FDA EUA"}), markets=frozenset({"US"}))
    product = make_product(certificates=(eua,), standards=frozenset())

    evaluation = judge(request, product, rules=(US_MASKS_APPROVAL, US_MASKS_ASTM))

    assert evaluation.eligible
    assert evaluation.score_parts["market"] == 0.0
    assert criterion(evaluation, "market").status == NOT_MET
    assert "ASTM F2100 not claimed or certified" in criterion(evaluation, "market").detail


def test_category_exact_same_heading_and_text_only() -> None:
    exact = judge()
    heading = judge(
        product=make_product(category_id=SINGLE_USE, category_slug="medical-masks-single-use"),
        rules=(),
    )
    other = judge(
        product=make_product(
            category_id=GLOVES, category_slug="nitrile-examination-gloves", hs_heading="4015"
        ),
        rules=(),
    )

    assert exact.score_parts["category"] == WEIGHTS["category"]
    assert heading.score_parts["category"] == WEIGHTS["category"] / 2
    assert criterion(heading, "category").status == PARTIAL
    assert "same HS heading 6307" in criterion(heading, "category").detail
    assert other.score_parts["category"] == 0.0
    assert criterion(other, "category").status == NOT_MET
    assert "text match only" in criterion(other, "category").detail


def test_sub_category_counts_as_the_same_category() -> None:
    request = make_request(
        category_id=1, category_slug="masks-respirators", category_ids=frozenset({1, MASKS})
    )

    assert judge(request, rules=()).score_parts["category"] == WEIGHTS["category"]


def test_request_without_category_gets_half_the_category_points() -> None:
    request = make_request(category_id=None, category_slug="", category_ids=frozenset(), hs_heading="")

    evaluation = judge(request, rules=())

    assert evaluation.score_parts["category"] == WEIGHTS["category"] / 2
    assert "names no category" in criterion(evaluation, "category").detail


@pytest.mark.parametrize(
    ("relevance", "points", "status"), [(1.0, 10.0, MET), (0.3, 3.0, PARTIAL), (0.0, 0.0, NOT_MET)]
)
def test_text_relevance_is_scaled(relevance: float, points: float, status: str) -> None:
    evaluation = judge(relevance=relevance)

    assert evaluation.score_parts["text"] == points
    assert criterion(evaluation, "text").status == status


def test_required_standards_met_by_certificate_or_claim() -> None:
    request = make_request(required_standards=("CE MDR", "EN 14683"))

    assert judge(request).score_parts["standards"] == WEIGHTS["standards"]
    assert criterion(judge(request), "standards").detail == "meets CE MDR, EN 14683"


def test_missing_required_standard_is_a_heavy_penalty() -> None:
    request = make_request(required_standards=("EN 14683", "YY 0469"))

    evaluation = judge(request)

    assert evaluation.eligible
    assert evaluation.score_parts["standards"] == WEIGHTS["standards"] / 2
    standards = criterion(evaluation, "standards")
    assert standards.status == PARTIAL
    assert standards.detail == "missing YY 0469 (required by the buyer); meets EN 14683"
    assert standards.expected == ["EN 14683", "YY 0469"]
    assert standards.actual == ["EN 14683"]
    none_met = judge(make_request(required_standards=("YY 0469",)))
    assert none_met.score_parts["standards"] == 0.0
    assert criterion(none_met, "standards").status == NOT_MET


def test_required_approval_needs_a_valid_certificate_not_a_claim() -> None:
    request = make_request(required_standards=("FDA 510(k)",), destination_country="PE", markets=frozenset())
    claimed = make_product(standards=frozenset({"FDA 510(k)"}), certificates=())

    assert judge(request, claimed, rules=()).score_parts["standards"] == 0.0


def test_capacity_covers_the_quantity() -> None:
    evaluation = judge()

    capacity = criterion(evaluation, "capacity")
    assert capacity.status == MET
    # 10,000/day × (30 days − 5 days lead time) = 250,000 for 100,000 wanted
    assert capacity.actual == 250_000
    assert "10,000/day × 25 days after a 5-day lead time + 0 in stock" in capacity.detail


def test_short_capacity_is_explained_in_percent() -> None:
    product = make_product(capacity_per_day=1_000, stock=15_000)

    evaluation = judge(product=product)

    capacity = criterion(evaluation, "capacity")
    # 1,000 × 25 + 15,000 = 40,000 of 100,000
    assert capacity.status == NOT_MET
    assert capacity.detail.startswith("capacity 40% of quantity: 40,000 of 100,000 pieces")
    assert evaluation.score_parts["capacity"] == pytest.approx(WEIGHTS["capacity"] * 0.4)


def test_capacity_between_half_and_all_is_partial() -> None:
    evaluation = judge(product=make_product(capacity_per_day=3_000))  # 75,000 of 100,000

    assert criterion(evaluation, "capacity").status == PARTIAL


def test_capacity_without_a_date_uses_the_default_horizon() -> None:
    evaluation = judge(make_request(needed_by=None), make_product(capacity_per_day=4_000))

    # 4,000 × (30 − 5) = 100,000
    assert criterion(evaluation, "capacity").status == MET
    assert "within 30 days" in criterion(evaluation, "capacity").detail


def test_lead_time_longer_than_the_time_left() -> None:
    request = make_request(needed_by=TODAY + datetime.timedelta(days=14))
    product = make_product(lead_time_days=21, stock=200_000)

    evaluation = judge(request, product)

    lead = criterion(evaluation, "lead_time")
    assert lead.status == PARTIAL
    assert lead.detail == "lead time 21 days, needed in 14"
    assert evaluation.score_parts["lead_time"] == pytest.approx(WEIGHTS["lead_time"] * 14 / 21, abs=0.01)
    assert criterion(judge(request, make_product(lead_time_days=45)), "lead_time").status == NOT_MET


def test_price_within_target() -> None:
    evaluation = judge(make_request(target_unit_price=Decimal("0.06")))

    assert criterion(evaluation, "price").status == MET
    assert evaluation.score_parts["price"] == WEIGHTS["price"]


def test_price_above_target_in_percent() -> None:
    evaluation = judge(
        make_request(target_unit_price=Decimal("0.10")), make_product(price_min=Decimal("0.12"))
    )

    price = criterion(evaluation, "price")
    assert price.status == PARTIAL
    assert price.detail.startswith("price 20% above target")
    assert evaluation.score_parts["price"] == pytest.approx(WEIGHTS["price"] * (1 - 0.2 / 1.0))
    assert evaluation.score_parts["penalty"] == 0.0


def test_price_far_above_target_earns_nothing() -> None:
    evaluation = judge(
        make_request(target_unit_price=Decimal("0.05")), make_product(price_min=Decimal("0.50"))
    )

    assert criterion(evaluation, "price").status == NOT_MET
    assert "900% above target" in criterion(evaluation, "price").detail
    assert evaluation.score_parts["price"] == 0.0


def test_price_converted_with_configured_rates() -> None:
    request = make_request(target_unit_price=Decimal("0.10"), currency="EUR")
    product = make_product(price_min=Decimal("0.84"), price_max=Decimal("1.00"), currency="CNY")
    rates = {"EUR": 1.0, "CNY": 0.15}

    price = criterion(judge(request, product, rates=rates), "price")

    # 0.84 CNY = 0.126 USD against 0.10 EUR = 0.10 USD
    assert price.detail.startswith("price 26% above target")
    assert "≈ 0.126 vs 0.1 USD" in price.detail


def test_a_price_that_cannot_be_compared_is_penalised_not_ignored() -> None:
    """Without a rate the price earns nothing, so it ranks below a price known to be within target."""
    request = make_request(target_unit_price=Decimal("0.10"), currency="EUR")
    unknown = make_product(currency="CNY")
    known = make_product(currency="EUR", price_min=Decimal("0.09"), price_max=Decimal("0.10"))

    evaluation = judge(request, unknown, rates={"EUR": 1.08})

    price = criterion(evaluation, "price")
    assert price.status == PARTIAL
    assert price.detail == "price not comparable (CNY vs EUR): no exchange rate for CNY; no price points"
    assert evaluation.score_parts["price"] == 0.0
    assert judge(request, known, rates={"EUR": 1.08}).score > evaluation.score


def test_usd_needs_no_rate() -> None:
    assert to_base_currency(Decimal("2"), "USD", {}) == Decimal("2")
    assert to_base_currency(Decimal("2"), "EUR", {"EUR": 1.5}) == Decimal("3.0")
    assert to_base_currency(Decimal("2"), "EUR", {}) is None


def test_minimum_order_above_quantity() -> None:
    close = judge(make_request(quantity=6_000))
    far = judge(make_request(quantity=2_000))

    assert criterion(close, "moq").status == PARTIAL
    assert criterion(close, "moq").detail == "minimum order 10,000 above quantity 6,000"
    assert close.score_parts["moq"] == 0.0
    assert criterion(far, "moq").status == NOT_MET
    assert far.score_parts["penalty"] == -SEVERE_PENALTY


# --- severe misses ---


@pytest.mark.parametrize(
    ("request_changes", "product_changes", "severe"),
    [
        ({"target_unit_price": Decimal("0.02")}, {}, ["price"]),
        ({}, {"capacity_per_day": 100}, ["capacity"]),
        (
            {"needed_by": TODAY + datetime.timedelta(days=10)},
            {"lead_time_days": 25, "stock": 10**6},
            ["lead_time"],
        ),
        ({"quantity": 1_000}, {}, ["moq"]),
        ({"required_standards": ("YY 0469",)}, {}, ["standards"]),
        ({"required_standards": ("YY 0469", "EN 14683")}, {}, ["standards"]),
        ({"target_unit_price": Decimal("0.02")}, {"capacity_per_day": 100}, ["capacity", "price"]),
    ],
)
def test_each_severe_miss_costs_a_penalty(
    request_changes: dict[str, Any], product_changes: dict[str, Any], severe: list[str]
) -> None:
    evaluation = judge(make_request(**request_changes), make_product(**product_changes))

    penalty = criterion(evaluation, "penalty")
    assert evaluation.eligible
    assert evaluation.score_parts["penalty"] == -SEVERE_PENALTY * len(severe)
    assert penalty.status == NOT_MET
    assert sorted(penalty.actual) == sorted(severe)
    assert penalty.detail.startswith("severe misses: ")
    assert evaluation.score == pytest.approx(max(0.0, sum(evaluation.score_parts.values())), abs=0.01)
    assert evaluation.score < 80


def test_milder_misses_cost_no_penalty() -> None:
    evaluation = judge(
        make_request(target_unit_price=Decimal("0.04"), needed_by=TODAY + datetime.timedelta(days=8)),
        make_product(capacity_per_day=100, stock=70_000, lead_time_days=12),
    )

    assert [criterion(evaluation, name).status for name in ("price", "capacity", "lead_time")] == [
        PARTIAL,
        PARTIAL,
        PARTIAL,
    ]
    assert evaluation.score_parts["penalty"] == 0.0
    assert criterion(evaluation, "penalty").status == MET


def test_score_never_goes_below_zero() -> None:
    evaluation = judge(
        make_request(target_unit_price=Decimal("0.001"), quantity=1_000, required_standards=("YY 0469",)),
        make_product(capacity_per_day=1, lead_time_days=90, category_id=GLOVES, hs_heading="4015"),
        rules=(),
        relevance=0.0,
    )

    assert evaluation.score == 0.0
    assert sum(evaluation.score_parts.values()) < 0


# --- ranking and fingerprints ---


def test_rank_keeps_eligible_pairs_above_the_floor_best_first() -> None:
    good = judge()
    weaker = judge(relevance=0.2)
    excluded = judge(product=make_product(vendor_verified=False))
    poor = judge(
        make_request(quantity=10_000_000, target_unit_price=Decimal("0.01")), rules=(), relevance=0.0
    )

    ranked = rank([(3, weaker), (1, good), (2, excluded), (4, poor), (5, good)], top_n=2, min_score=70)

    assert poor.score < 70
    assert ranked == [1, 5]
    assert rank([(3, weaker), (1, good)], top_n=10, min_score=0) == [1, 3]


def test_fingerprint_is_stable_and_changes_with_material_data() -> None:
    request, product = make_request(), make_product()
    base = fingerprint(request, product)

    assert fingerprint(make_request(), make_product()) == base
    assert fingerprint(request, dataclasses.replace(product, id=999)) == base  # not material
    assert fingerprint(make_request(quantity=1), product) != base
    assert fingerprint(make_request(target_unit_price=Decimal("0.1")), product) != base
    assert fingerprint(request, make_product(stock=1)) != base
    assert fingerprint(request, make_product(price_max=Decimal("0.09"))) != base
    renewed = ce_certificate(valid_until=TODAY + datetime.timedelta(days=700))
    assert fingerprint(request, make_product(certificates=(renewed,))) != base
    # 0.10 and 0.1 are one price
    assert fingerprint(make_request(target_unit_price=Decimal("0.10")), product) == fingerprint(
        make_request(target_unit_price=Decimal("0.1")), product
    )


# --- export rules apply by the product's origin, import rules by the destination ---

CN_EXPORT_MASKS = RuleFacts(
    market="CN-EXPORT",
    category="surgical-masks",
    mode="any",
    standards=("CE MDR", "FDA 510(k)", "NMPA"),
    approvals=frozenset({"CE MDR", "FDA 510(k)", "NMPA"}),
    kind="export",
)


def test_uncertified_chinese_mask_to_kenya_is_excluded_by_the_export_rule() -> None:
    """Kenya has no import rules recorded; the Chinese export rule still applies to a Chinese mask."""
    to_kenya = make_request(destination_country="KE", markets=frozenset())
    chinese = make_product(origin_country="CN", export_markets=frozenset({"CN-EXPORT"}), certificates=())

    evaluation = judge(to_kenya, chinese, rules=(CN_EXPORT_MASKS,))

    assert not evaluation.eligible
    assert [item.criterion for item in evaluation.exclusions] == ["market_approval"]
    assert "CN-EXPORT" in evaluation.exclusions[0].detail


def test_a_foreign_certificate_for_another_market_satisfies_the_export_rule() -> None:
    """China accepted a recognised CE certificate, whatever market the certificate names."""
    to_kenya = make_request(destination_country="KE", markets=frozenset())
    chinese = make_product(
        origin_country="CN", export_markets=frozenset({"CN-EXPORT"}), certificates=(ce_certificate(),)
    )

    evaluation = judge(to_kenya, chinese, rules=(CN_EXPORT_MASKS,))

    assert evaluation.eligible
    assert any(
        item.criterion == "market_approval" and "CN-EXPORT" in item.detail for item in evaluation.criteria
    )


def test_a_request_into_china_is_not_told_it_needs_chinese_export_approval() -> None:
    into_china = make_request(destination_country="CN", markets=frozenset())
    german = make_product(origin_country="DE", export_markets=frozenset())

    evaluation = judge(into_china, german, rules=(CN_EXPORT_MASKS,))

    assert evaluation.eligible
    assert not any("CN-EXPORT" in item.detail for item in [*evaluation.criteria, *evaluation.exclusions])


def test_a_chinese_product_sold_inside_china_is_not_an_export() -> None:
    into_china = make_request(
        destination_country="CN", markets=frozenset(), destination_export_markets=frozenset({"CN-EXPORT"})
    )
    chinese = make_product(origin_country="CN", export_markets=frozenset({"CN-EXPORT"}), certificates=())

    assert judge(into_china, chinese, rules=(CN_EXPORT_MASKS,)).eligible
