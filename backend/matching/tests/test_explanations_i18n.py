"""Proposal explanations in the reader's language (issue 9): the worker stores each criterion's
English ``detail`` with its msgid and parameters; the API renders it for the request's
Accept-Language, with the numbers and dates as the English text shows them."""

import datetime
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from matching.explanations import phrase_from_english
from matching.models import Proposal
from matching.scoring import evaluate
from matching.tests.conftest import World
from matching.tests.test_scoring import (
    EU_MASKS,
    TODAY,
    US_MASKS_APPROVAL,
    US_MASKS_ASTM,
    ce_certificate,
    judge,
    make_product,
    make_request,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-CN", "fr-FR,fr;q=0.9", "es", "ru", "ar"]
SCORING = Path(settings.LOCALE_PATHS[0]).parent / "matching" / "scoring"  # the package's modules
# English words of the explanations that must not survive in another language (codes such as
# "surgical-masks" or "MEDMATCH_FX_RATES" do).
ENGLISH_WORDS = re.compile(
    r"\b(certificate|category|quantity|lead time|price|target|missing|meets|vendor|days?|"
    r"supply|capacity|minimum|order|rates|piece|asks|not|and|or|by|within)\b"
)


def _scenarios() -> list[dict[str, Any]]:
    """Criteria of evaluations that between them use every phrasing of ``matching.scoring``."""
    later = TODAY + datetime.timedelta(days=30)
    evaluations = [
        # verified vendor, every soft criterion met, an approval rule met
        judge(),
        # not verified, not published; an expired approval certificate; no category; no date
        judge(
            make_request(category_id=None, category_slug="", category_ids=frozenset(), needed_by=None),
            make_product(
                vendor_verified=False,
                published=False,
                certificates=(ce_certificate(valid_until=TODAY - datetime.timedelta(days=1)),),
            ),
            relevance=0.0,
        ),
        # listed (unverified but matchable) vendor; a certificate not valid yet; other category, same
        # heading; standards partly met; short capacity and lead time; price above target, converted
        judge(
            make_request(
                required_standards=("EN 14683", "ISO 13485"),
                target_unit_price=Decimal("0.01"),
                currency="EUR",
                quantity=1_000_000,
                needed_by=TODAY + datetime.timedelta(days=1),
                category_ids=frozenset({99}),
            ),
            make_product(
                vendor_verified=False,
                vendor_matchable=True,
                min_order_quantity=3_000_000,
                certificates=(ce_certificate(valid_from=later + datetime.timedelta(days=1)),),
            ),
            rates={"EUR": 1.1},
            relevance=0.4,
        ),
        # other category and heading; all standards missing; no certificate at all for a US "any" rule
        # and a technical US rule unmet; price not comparable; no target-free band
        judge(
            make_request(
                markets=frozenset({"US"}),
                destination_country="US",
                required_standards=("ISO 13485",),
                target_unit_price=Decimal("1"),
                currency="CHF",
                category_ids=frozenset({99}),
                hs_heading="9999",
            ),
            make_product(certificates=(), hs_heading="4015", category_id=55, category_slug="gloves"),
            rules=(US_MASKS_APPROVAL, US_MASKS_ASTM),
        ),
        # within target and MOQ, met standards, no rules for the country, price in the same currency
        judge(
            make_request(
                markets=frozenset(),
                destination_country="BR",
                required_standards=("EN 14683",),
                target_unit_price=Decimal("0.10"),
                unit="box",
            ),
            rules=(),
        ),
        # a converted price within target, with the setting's rates, then with the table's date
        judge(make_request(target_unit_price=Decimal("1"), currency="EUR"), rates={"EUR": 1.1}),
        evaluate(
            make_request(target_unit_price=Decimal("1"), currency="EUR"),
            make_product(),
            rules=(EU_MASKS,),
            text_relevance=1.0,
            today=TODAY,
            fx_rates={"EUR": 1.1},
            fx_dates={"EUR": TODAY},
        ),
    ]
    return [item for evaluation in evaluations for item in evaluation.criteria_dicts()]


def _templates(stored: Mapping[str, Any]) -> Iterator[str]:
    """Every msgid in a stored phrase, nested ones included (lists' separators too)."""
    yield stored["template"]
    for value in stored["params"].values():
        if isinstance(value, Mapping) and "template" in value:
            yield from _templates(value)
        elif isinstance(value, Mapping) and "items" in value:
            if value["separator"].strip():
                yield value["separator"]
            for item in value["items"]:
                if isinstance(item, Mapping) and "template" in item:
                    yield from _templates(item)


def _literal(text: str) -> str:
    return "".join(re.findall(r'"([^"]*)"', text))


def _msgids() -> set[str]:
    literals = re.findall(r'gettext_noop\(\s*((?:"[^"]*"\s*)+)\)', _scoring_source())
    return {_literal(literal) for literal in literals} | {singular for singular, _plural in _plurals()}


def _plurals() -> set[tuple[str, str]]:
    """The counted msgids (``plural_noop(singular, plural)``) of the scoring package."""
    pairs = re.findall(r'plural_noop\(\s*((?:"[^"]*"\s*)+),\s*((?:"[^"]*"\s*)+)\)', _scoring_source())
    return {(_literal(singular), _literal(plural)) for singular, plural in pairs}


def _scoring_source() -> str:
    return "".join(module.read_text() for module in sorted(SCORING.glob("*.py")))


def _numbers(text: str) -> list[str]:
    return sorted(re.findall(r"\d[\d,.\-]*\d|\d", text))


def test_the_scenarios_use_every_phrasing_of_the_explanations() -> None:
    used = {template for item in _scenarios() for template in _templates(item)}

    assert _msgids() - used == set()


def test_every_phrasing_of_the_explanations_has_a_catalogue_entry() -> None:
    catalogues = sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po"))
    assert len(catalogues) == 5
    for path in catalogues:
        text = path.read_text()
        singular = _msgids() - {one for one, _other in _plurals()}
        missing = [msgid for msgid in singular if f'msgid "{msgid}"\nmsgstr ' not in text]
        missing += [
            one
            for one, other in _plurals()
            if f'msgid "{one}"\nmsgid_plural "{other}"\nmsgstr[0] ' not in text
        ]
        assert missing == [], path


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_criterion_is_explained_in_the_readers_language_with_the_same_numbers(
    world: World, language: str
) -> None:
    criteria = _scenarios()
    Proposal.objects.filter(pk=world.proposal.pk).update(criteria=criteria)

    response = world.client("staff").get(
        f"/api/v1/proposals/{world.proposal.pk}/", HTTP_ACCEPT_LANGUAGE=language
    )

    assert response.status_code == 200
    shown = response.json()["criteria"]
    assert len(shown) == len(criteria)
    for stored, item in zip(criteria, shown, strict=True):
        assert item["criterion"] == stored["criterion"]
        assert "template" not in item
        if language == "en":
            # The English text as stored, with categories and markets by their names.
            expected = stored["detail"].replace("surgical-masks", "Surgical masks")
            expected = re.sub(r"\bEU\b", "European Union and EEA", expected)
            assert item["detail"] == re.sub(r"\bUS\b", "United States", expected)
            continue
        assert item["detail"] != stored["detail"], (language, stored["detail"])
        assert _numbers(item["detail"]) == _numbers(stored["detail"]), (language, item["detail"])
        assert not ENGLISH_WORDS.search(item["detail"]), (language, item["detail"])


# One explanation of each common kind, word for word, per language.
CAPACITY = {
    "en": "can supply 250,000 pieces by 2026-03-31 (10,000/day × 25 days after a 5-day lead time "
    "+ 0 in stock) for 100,000 wanted",
    "zh-CN": "2026-03-31 前可供应 250,000 件（10,000/天 × 交货期 5 天后的 25 天 + 库存 0），需求为 100,000",
    "fr-FR,fr;q=0.9": "peut fournir 250,000 pièces d’ici le 2026-03-31 (10,000/jour × 25 jours après "
    "un délai de 5 jours + 0 en stock) pour une demande de 100,000",
    "es": "puede suministrar 250,000 piezas para el 2026-03-31 (10,000/día × 25 días tras un plazo "
    "de entrega de 5 días + 0 en existencias) para una demanda de 100,000",
    "ru": "может поставить 250,000 шт. к 2026-03-31 (10,000/день × 25 дней после срока поставки 5 дней "
    "+ 0 на складе) при потребности 100,000",
    "ar": "يمكنه توريد 250,000 قطعة بحلول 2026-03-31 (10,000/يوم × 25 يومًا بعد مهلة توريد 5 أيام "
    "+ 0 في المخزون) والمطلوب 100,000",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_capacity_explanation_reads_naturally_in_each_language(world: World, language: str) -> None:
    [capacity] = [item for item in judge().criteria_dicts() if item["criterion"] == "capacity"]
    Proposal.objects.filter(pk=world.proposal.pk).update(criteria=[capacity])

    body = world.client("staff").get("/api/v1/proposals/", HTTP_ACCEPT_LANGUAGE=language).json()

    assert body["results"][0]["criteria"][0]["detail"] == CAPACITY[language]


def test_a_criterion_stored_before_phrases_keeps_its_english(world: World) -> None:
    """The factory's criterion has no template (as rows written before this change)."""
    body = world.client("staff").get("/api/v1/proposals/", HTTP_ACCEPT_LANGUAGE="fr").json()

    assert body["results"][0]["criteria"][0]["detail"] == "capacity ok"


def _detail(world: World, criteria: list[dict[str, Any]], language: str) -> list[str]:
    Proposal.objects.filter(pk=world.proposal.pk).update(criteria=criteria)
    response = world.client("staff").get(
        f"/api/v1/proposals/{world.proposal.pk}/", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    return [item["detail"] for item in response.json()["criteria"]]


def _lead_time(lead: int, days: int) -> dict[str, Any]:
    evaluation = judge(
        make_request(needed_by=TODAY + datetime.timedelta(days=days)), make_product(lead_time_days=lead)
    )
    [item] = [item for item in evaluation.criteria_dicts() if item["criterion"] == "lead_time"]
    return item


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "délai de 1 jour, besoin dans 1 jour"),
        ("ru", "срок поставки 21 день, нужно через 22 дня"),
        ("ar", "مهلة التوريد 5 أيام، والمطلوب خلال 11 يومًا"),
        ("en", "lead time 1 day, needed in 1"),
    ],
)
def test_days_take_the_plural_form_of_the_readers_language(
    world: World, language: str, expected: str
) -> None:
    lead, days = {"fr": (1, 1), "ru": (21, 22), "ar": (5, 11), "en": (1, 1)}[language]

    assert _detail(world, [_lead_time(lead, days)], language) == [expected]


def test_french_counts_pieces_and_days_and_puts_a_space_before_the_colon(world: World) -> None:
    rejected = judge(
        make_request(),
        make_product(certificates=(ce_certificate(valid_until=TODAY - datetime.timedelta(days=1)),)),
    )
    [rule] = [item for item in rejected.criteria_dicts() if item["criterion"] == "market_approval"]
    one = judge(
        make_request(quantity=1, needed_by=None), make_product(lead_time_days=1, stock=1, capacity_per_day=0)
    )
    [capacity] = [item for item in one.criteria_dicts() if item["criterion"] == "capacity"]

    [rule_text, capacity_text] = _detail(world, [rule, capacity], "fr")

    assert " : " in rule_text
    assert ": " not in rule_text.replace(" : ", "")
    assert rule_text.startswith("Union européenne et EEE exige CE MDR et EN 14683 (Masques chirurgicaux) : ")
    assert capacity_text.startswith("peut fournir 1 pièce sous 30 jours (0/jour × 29 jours ")
    assert "sous 30 jours" in capacity_text
    assert "délai de 1 jour " in capacity_text


def test_categories_and_markets_are_named_in_the_readers_language(world: World) -> None:
    evaluation = judge()
    items = [
        item
        for item in evaluation.criteria_dicts()
        if item["criterion"] in {"category", "market", "market_approval"}
    ]

    chinese = " | ".join(_detail(world, items, "zh-CN"))
    arabic = " | ".join(_detail(world, items, "ar"))

    assert "医用外科口罩" in chinese
    assert "欧盟及欧洲经济区" in chinese
    assert "surgical-masks" not in chinese
    assert not re.search(r"\bEU\b", chinese)
    assert "كمامات جراحية" in arabic
    assert "الاتحاد الأوروبي" in arabic


def _stored_the_old_way(item: Mapping[str, Any]) -> dict[str, Any]:
    """A criterion as proposals scored before explanations were phrases kept it: English only."""
    return {key: item[key] for key in ("criterion", "status", "detail", "expected", "actual")}


def test_every_english_explanation_parses_back_into_the_phrase_scoring_stores() -> None:
    for item in _scenarios():
        phrase = phrase_from_english(item["detail"], criterion=item["criterion"])

        assert phrase is not None, item["detail"]
        assert phrase.stored() == {key: item[key] for key in phrase.stored()}, item["detail"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_proposal_stored_before_phrases_reads_in_the_readers_language(world: World, language: str) -> None:
    criteria = _scenarios()
    fresh = _detail(world, criteria, language)

    old = _detail(world, [_stored_the_old_way(item) for item in criteria], language)

    assert old == fresh
    if language != "en":
        assert not any(ENGLISH_WORDS.search(text) for text in old), old


def test_a_criterion_stored_in_the_first_phrasing_is_rederived(world: World) -> None:
    """Phrases stored before days were counted ("within %(days)s days", "1 jours" in French)."""
    [capacity] = [
        item
        for item in judge(make_request(needed_by=None)).criteria_dicts()
        if item["criterion"] == "capacity"
    ]
    first = {
        **_stored_the_old_way(capacity),
        "template": "can supply %(available)s %(unit)s %(by)s (%(how)s) for %(quantity)s wanted",
        "params": {"by": {"template": "within %(days)s days", "params": {"days": "30"}}},
    }

    assert _detail(world, [first], "fr") == _detail(world, [capacity], "fr")
