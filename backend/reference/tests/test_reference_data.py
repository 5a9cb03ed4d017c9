import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from reference.models import Category, ExchangeRate, Market, MarketRequirement, Standard, validate_synonym_map
from reference.reference_data import SUPERSEDED_RATE_SOURCE, reference_data_load, reference_data_read

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "zh", "fr", "es", "ru", "ar")


def requirement_sets(market: str, slug: str) -> list[tuple[str, set[str]]]:
    rows = MarketRequirement.objects.filter(market__code=market, category__slug=slug).prefetch_related(
        "standards"
    )
    return sorted(
        ((row.mode, {standard.code for standard in row.standards.all()}) for row in rows),
        key=lambda item: (item[0], sorted(item[1])),
    )


def test_the_migration_loaded_at_least_30_categories_named_in_six_languages() -> None:
    slugs = [item["slug"] for item in reference_data_read()["categories"]]
    categories = Category.objects.filter(slug__in=slugs)

    assert categories.count() == len(slugs) >= 30
    for category in categories:
        assert set(LANGUAGES) <= set(category.names), category.slug
        assert all(category.names[language].strip() for language in LANGUAGES), category.slug
        assert set(LANGUAGES) <= set(category.synonyms), category.slug
        assert category.hs_version == "HS2017"
        category.full_clean()


def test_taxonomy_follows_the_wco_reference_codes() -> None:
    codes = dict(Category.objects.values_list("slug", "hs_code"))

    assert codes["surgical-masks"] == "6307.90"
    assert codes["filtering-respirators"] == "6307.90"
    assert codes["reusable-respirators"] == "9020.00"
    assert codes["protective-goggles"] == "9004.90"
    assert codes["face-shields"] == "3926.90"
    assert codes["surgical-gloves"] == "4015.11"
    assert codes["nitrile-examination-gloves"] == "4015.19"
    assert codes["coated-knitted-gloves"] == "6116.10"
    assert codes["medical-protective-coveralls"] == "6210.10"
    assert codes["infrared-thermometers"] == "9025.19"
    assert codes["clinical-thermometers"] == "9025.11"
    assert codes["icu-ventilators"] == "9019.20"
    assert codes["oxygen-concentrators"] == "9019.20"
    assert codes["pulse-oximeters"] == "9018.19"
    assert codes["syringes"] == "9018.31"
    assert codes["hypodermic-needles"] == "9018.32"
    assert codes["hand-sanitiser"] == "3808.94"
    assert codes["hospital-beds"] == "9402.90"
    assert codes["pcr-test-kits"] == "3822.00"
    assert codes["antigen-rapid-tests"] == "3002.15"


def test_codes_changed_in_hs_2022_are_noted() -> None:
    hs2022 = dict(Category.objects.exclude(hs2022_code="").values_list("slug", "hs2022_code"))

    assert hs2022["nitrile-examination-gloves"] == "4015.12"
    assert hs2022["latex-examination-gloves"] == "4015.12"
    assert hs2022["pcr-test-kits"] == "3822.19"
    assert "surgical-gloves" not in hs2022


def test_chinese_synonyms_let_buyers_find_masks() -> None:
    masks = Category.objects.get(slug="surgical-masks")

    assert masks.names["zh"] == "医用外科口罩"
    assert {"口罩", "医用外科口罩", "医用口罩"} <= set(masks.synonyms["zh"])
    assert {"face mask", "surgical mask", "medical mask"} <= set(masks.synonyms["en"])
    assert "كمامة طبية" in masks.synonyms["ar"]
    assert masks.parent is not None
    assert masks.parent.slug == "masks-respirators"


def test_standards_and_markets_are_loaded() -> None:
    codes = set(Standard.objects.values_list("code", flat=True))
    markets = {market.code: market for market in Market.objects.all()}

    assert {
        "EN 14683",
        "EN 149",
        "EN 455",
        "EN 14126",
        "EN 13795",
        "ASTM F2100",
        "ASTM D6319",
        "ASTM D3578",
        "AAMI PB70",
        "NIOSH N95",
        "GB 2626",
        "GB 19083",
        "GB 19082",
        "YY 0469",
        "YY/T 0969",
        "ISO 13485",
        "CE MDR",
        "CE PPE",
        "CE IVD",
        "FDA 510(k)",
        "FDA EUA",
        "NMPA",
        "UKCA",
        "TGA ARTG",
        "ANVISA",
        "HC MDL",
    } <= codes
    assert Standard.objects.get(code="ISO 13485").kind == "quality"
    assert Standard.objects.get(code="CE MDR").kind == "approval"
    assert Standard.objects.get(code="EN 14683").kind == "standard"
    assert {"EU", "US", "CN-EXPORT", "GB", "CA", "AU", "BR", "IN", "SA"} <= set(markets)
    assert len(markets["EU"].countries) == 30
    assert {"FR", "DE", "NO", "IS", "LI"} <= set(markets["EU"].countries)
    assert "GB" not in markets["EU"].countries
    assert markets["CN-EXPORT"].countries == ["CN"]


def test_eu_rules() -> None:
    assert requirement_sets("EU", "surgical-masks") == [("all", {"CE MDR", "EN 14683"})]
    assert requirement_sets("EU", "filtering-respirators") == [("all", {"CE PPE", "EN 149"})]
    assert requirement_sets("EU", "nitrile-examination-gloves") == [("all", {"CE MDR", "EN 455"})]
    assert requirement_sets("EU", "medical-protective-coveralls") == [("all", {"CE PPE", "EN 14126"})]
    assert requirement_sets("EU", "surgical-gowns") == [("all", {"CE MDR", "EN 13795"})]
    assert requirement_sets("EU", "pcr-test-kits") == [("all", {"CE IVD"})]
    assert requirement_sets("EU", "antigen-rapid-tests") == [("all", {"CE IVD"})]


def test_us_rules() -> None:
    assert requirement_sets("US", "surgical-masks") == [
        ("all", {"ASTM F2100"}),
        ("any", {"FDA 510(k)", "FDA EUA"}),
    ]
    assert requirement_sets("US", "filtering-respirators") == [("all", {"NIOSH N95"})]
    assert requirement_sets("US", "nitrile-examination-gloves") == [("all", {"FDA 510(k)", "ASTM D6319"})]
    assert requirement_sets("US", "latex-examination-gloves") == [("all", {"FDA 510(k)", "ASTM D3578"})]
    assert requirement_sets("US", "isolation-gowns") == [("all", {"AAMI PB70"})]
    assert requirement_sets("US", "pcr-test-kits") == [("any", {"FDA EUA", "FDA 510(k)"})]
    assert requirement_sets("US", "icu-ventilators") == [("any", {"FDA EUA", "FDA 510(k)"})]


def test_export_from_china_rules() -> None:
    for slug in (
        "pcr-test-kits",
        "surgical-masks",
        "medical-protective-coveralls",
        "icu-ventilators",
        "infrared-thermometers",
    ):
        [(mode, standards)] = requirement_sets("CN-EXPORT", slug)
        assert mode == "any", slug
        assert "NMPA" in standards, slug
        assert standards & {"CE MDR", "CE PPE", "CE IVD", "FDA 510(k)", "FDA EUA"}, slug
    note = (
        MarketRequirement.objects.filter(market__code="CN-EXPORT", category__slug="surgical-masks").get().note
    )
    assert "whitelist" in note


def test_loading_again_changes_nothing() -> None:
    before = (
        Category.objects.count(),
        Standard.objects.count(),
        Market.objects.count(),
        MarketRequirement.objects.count(),
    )

    report = reference_data_load(apps=apps)

    after = (
        Category.objects.count(),
        Standard.objects.count(),
        Market.objects.count(),
        MarketRequirement.objects.count(),
    )
    assert after == before
    assert report["requirements_created"] == 0
    assert report["categories"] == len(reference_data_read()["categories"])


def test_loading_restores_edited_rows_by_key() -> None:
    masks = Category.objects.get(slug="surgical-masks")
    masks.names = {"en": "Masks (edited)"}
    masks.parent = None
    masks.save()
    Standard.objects.filter(code="EN 14683").update(title="edited")

    reference_data_load(apps=apps)

    masks.refresh_from_db()
    assert masks.names["zh"] == "医用外科口罩"
    assert masks.parent is not None
    assert Standard.objects.get(code="EN 14683").title.startswith("Medical face masks")


def test_the_published_rate_table_replaces_the_old_approximations_but_not_an_admins_edit() -> None:
    # A database migrated before the published table holds the approximations "about 1 April 2020".
    ExchangeRate.objects.filter(currency="CNY").update(
        usd_per_unit=Decimal("0.141"), as_of=datetime.date(2020, 4, 1), source=SUPERSEDED_RATE_SOURCE
    )
    ExchangeRate.objects.filter(currency="GBP").update(
        usd_per_unit=Decimal("1.30"), as_of=datetime.date(2026, 1, 2), source="our bank, January 2026"
    )
    ExchangeRate.objects.filter(currency="JPY").delete()

    report = reference_data_load(apps=apps)

    assert report["exchange_rates"] == 2
    cny = ExchangeRate.objects.get(currency="CNY")
    assert cny.as_of == datetime.date(2019, 10, 1)
    assert cny.usd_per_unit == (Decimal("1.0898") / Decimal("7.7903")).quantize(Decimal("1e-10"))
    jpy = ExchangeRate.objects.get(currency="JPY")
    assert jpy.usd_per_unit == (Decimal("1.0898") / 118).quantize(Decimal("1e-10"))
    gbp = ExchangeRate.objects.get(currency="GBP")
    assert (gbp.usd_per_unit, gbp.source) == (Decimal("1.30"), "our bank, January 2026")
    assert not ExchangeRate.objects.filter(source=SUPERSEDED_RATE_SOURCE).exists()


def test_loading_new_data_adds_rows() -> None:
    data = {
        "standards": [{"code": "SFDA TEST", "title": "A test approval", "kind": "approval", "region": "SA"}],
        "markets": [{"code": "XT", "name": "Test market", "countries": ["AE"]}],
        "categories": [],
        "requirements": [
            {
                "market": "XT",
                "category": "surgical-masks",
                "mode": "all",
                "standards": ["SFDA TEST", "EN 14683"],
            }
        ],
    }

    first = reference_data_load(apps=apps, data=data)
    second = reference_data_load(apps=apps, data=data)

    assert first["requirements_created"] == 1
    assert second["requirements_created"] == 0
    assert requirement_sets("XT", "surgical-masks") == [("all", {"SFDA TEST", "EN 14683"})]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (["mask"], "invalid_synonym_map"),
        ({"english": ["mask"]}, "invalid_language"),
        ({"en": "mask"}, "invalid_synonym_map"),
        ({"en": ["mask", " "]}, "invalid_synonym_map"),
    ],
)
def test_synonym_maps_are_validated(value: object, code: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        validate_synonym_map(value)

    assert excinfo.value.code == code


def test_a_valid_synonym_map_passes() -> None:
    assert validate_synonym_map({"en": ["mask"], "zh-Hant": ["口罩"], "ar": []}) is None
