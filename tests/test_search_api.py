"""Search APIs against the real node: full text in six languages, facets, filters, paging, errors.

A small catalogue is created once for the module (in a transaction rolled back at the end) and
indexed through the real pipeline: products by a rebuild (``search_reindex``), suppliers through
outbox rows and ``outbox_drain``.
"""

import base64
import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from catalog.models import Product, ProductStatus
from catalog.tests.factories import ProductFactory, certificate_for
from organizations.models import Organization
from organizations.tests.factories import ContactFactory, VendorFactory
from outbox.reconciliation import search_reindex
from reference.models import Category
from reference.tests.factories import CategoryFactory
from search import engine
from search.client import _cached_client
from search.indexes import PRODUCTS
from tests.search_helpers import drain_and_refresh, touch

pytestmark = [pytest.mark.search, pytest.mark.django_db]

PRODUCTS_URL = "/api/v1/search/products/"
SUPPLIERS_URL = "/api/v1/search/suppliers/"
SUGGEST_URL = "/api/v1/search/suggest/"

CONTACT_STRINGS = {
    "email": "li.wei.sales@xinhua-contact.example",
    "phone": "+86 27 8765 4321",
    "wechat": "xinhua_wechat_liwei",
    "whatsapp": "+86 139 1234 5678",
}


@dataclass
class Catalogue:
    vendors: dict[str, Organization]
    products: dict[str, Product]

    def pid(self, key: str) -> int:
        return self.products[key].pk

    def vid(self, key: str) -> int:
        return self.vendors[key].pk


def _product(
    key: str, vendor: Organization, category: Category, *, standards: list[str], **fields: Any
) -> tuple[str, Product]:
    return key, ProductFactory(vendor=vendor, category=category, standards=standards, **fields)


def _build_catalogue() -> Catalogue:
    category = {slug: Category.objects.get(slug=slug) for slug in _REFERENCE_SLUGS}
    plain = CategoryFactory(
        slug="plain-test-goods", hs_code="9999.90", names={"en": "Plain goods", "zh": "普通货物"}
    )
    vendors = {
        "xinhua": VendorFactory(
            verified=True,
            name="武汉新华医疗器械有限公司",
            legal_names={"zh": "武汉新华医疗器械有限公司", "en": "Wuhan Xinhua Medical Devices Co., Ltd."},
            country="CN",
            city="Wuhan",
            description="Manufacturer of masks and gloves since 2003.",
        ),
        "nordmed": VendorFactory(
            verified=True,
            name="Nordmed Schutzausrüstung GmbH",
            legal_names={"en": "Nordmed Schutzausrüstung GmbH"},
            country="DE",
            city="Hamburg",
        ),
        "greatlakes": VendorFactory(
            verified=True,
            name="Great Lakes Respiratory Inc.",
            legal_names={"en": "Great Lakes Respiratory Inc."},
            country="US",
            city="Cleveland",
        ),
        "polyglot": VendorFactory(
            verified=True,
            name="Polyglot Supplies SAS",
            legal_names={"fr": "Polyglot Supplies SAS"},
            country="FR",
            city="Lyon",
        ),
        "pending": VendorFactory(pending=True, name="Hidden Pending Medical Co.", country="CN"),
    }
    ContactFactory(organization=vendors["xinhua"], name="Li Wei", **CONTACT_STRINGS)
    ContactFactory(organization=vendors["nordmed"], email="verkauf@nordmed-contact.example")
    usd: dict[str, Any] = {"currency": "USD"}
    eur: dict[str, Any] = {"currency": "EUR"}
    plain_goods: dict[str, Any] = {
        **eur,
        "min_order_quantity": 100,
        "capacity_per_day": 1000,
        "lead_time_days": 30,
        "price_min": Decimal("1.00"),
        "price_max": Decimal("2.00"),
    }
    products = dict(
        [
            _product(
                "zh_mask",
                vendors["xinhua"],
                category["surgical-masks"],
                standards=["YY 0469", "EN 14683"],
                names={"zh": "医用外科口罩"},
                descriptions={"zh": "三层无纺布，耳挂式"},
                model_number="XH-3PLY",
                min_order_quantity=10_000,
                capacity_per_day=500_000,
                lead_time_days=7,
                price_min=Decimal("0.05"),
                price_max=Decimal("0.08"),
                **usd,
            ),
            _product(
                "en_mask",
                vendors["nordmed"],
                category["surgical-masks"],
                standards=["EN 14683", "CE MDR"],
                names={"en": "surgical mask"},
                descriptions={"en": "Type IIR, bacterial filtration efficiency 98%."},
                model_number="NM-IIR",
                min_order_quantity=2_000,
                capacity_per_day=50_000,
                lead_time_days=14,
                price_min=Decimal("0.09"),
                price_max=Decimal("0.12"),
                **eur,
            ),
            _product(
                "gloves",
                vendors["xinhua"],
                category["nitrile-examination-gloves"],
                standards=["ASTM D6319", "FDA 510(k)"],
                names={"en": "Nitrile examination gloves, powder-free", "zh": "丁腈检查手套"},
                descriptions={"en": "Blue, textured fingertips."},
                model_number="XH-NG",
                min_order_quantity=100_000,
                capacity_per_day=2_000_000,
                lead_time_days=21,
                price_min=Decimal("0.03"),
                price_max=Decimal("0.05"),
                **usd,
            ),
            _product(
                "kn95",
                vendors["xinhua"],
                category["filtering-respirators"],
                standards=["GB 2626"],
                names={"en": "KN95 respirator", "zh": "KN95口罩"},
                descriptions={"en": "Five layers, ear loops."},
                model_number="XH-KN95",
                min_order_quantity=5_000,
                capacity_per_day=300_000,
                lead_time_days=10,
                price_min=Decimal("0.20"),
                price_max=Decimal("0.30"),
                **usd,
            ),
            _product(
                "vent",
                vendors["greatlakes"],
                category["icu-ventilators"],
                standards=["FDA EUA"],
                names={"en": "ICU ventilator VX-200"},
                descriptions={"en": "Invasive and non-invasive modes, 12-inch touch screen."},
                model_number="VX-200",
                min_order_quantity=1,
                capacity_per_day=20,
                lead_time_days=45,
                price_min=Decimal("15000"),
                price_max=Decimal("18000"),
                **usd,
            ),
            _product(
                "lang_en",
                vendors["polyglot"],
                plain,
                standards=[],
                names={"en": "Disposable isolation gowns"},
                descriptions={"en": "Polypropylene, elastic cuffs."},
                **plain_goods,
            ),
            _product(
                "lang_fr",
                vendors["polyglot"],
                plain,
                standards=[],
                names={"fr": "Gants d'examen en nitrile"},
                descriptions={"fr": "Non poudrés, ambidextres."},
                **plain_goods,
            ),
            _product(
                "lang_es",
                vendors["polyglot"],
                plain,
                standards=[],
                names={"es": "Mascarilla quirúrgica desechable"},
                descriptions={"es": "Tres capas con elásticos."},
                **plain_goods,
            ),
            _product(
                "lang_ru",
                vendors["polyglot"],
                plain,
                standards=[],
                names={"ru": "Перчатки нитриловые смотровые"},
                descriptions={"ru": "Трёхслойные, без пудры."},
                **plain_goods,
            ),
            _product(
                "lang_zh",
                vendors["polyglot"],
                plain,
                standards=[],
                names={"zh": "一次性使用医用口罩"},
                descriptions={"zh": "独立包装"},
                **plain_goods,
            ),
            _product(
                "lang_ar",
                vendors["polyglot"],
                plain,
                standards=[],
                names={"ar": "كمامة طبية"},
                descriptions={"ar": "ثلاث طبقات"},
                **plain_goods,
            ),
            _product(
                "draft",
                vendors["xinhua"],
                category["surgical-masks"],
                standards=[],
                names={"en": "surgical mask draft edition"},
                status=ProductStatus.DRAFT,
            ),
            _product(
                "hidden",
                vendors["pending"],
                category["surgical-masks"],
                standards=[],
                names={"en": "surgical mask hidden edition"},
            ),
        ]
    )
    today = timezone.localdate()
    certificate_for(product=products["zh_mask"], markets=("EU",), standards=("CE MDR", "EN 14683"))
    certificate_for(product=products["en_mask"], markets=("EU",), standards=("CE MDR", "EN 14683"))
    certificate_for(product=products["gloves"], markets=("US",), standards=("FDA 510(k)", "ASTM D6319"))
    certificate_for(
        product=products["vent"],
        markets=("US",),
        standards=("FDA EUA",),
        valid_from=today - datetime.timedelta(days=400),
        valid_until=today - datetime.timedelta(days=1),
    )
    return Catalogue(vendors=vendors, products=products)


_REFERENCE_SLUGS = (
    "surgical-masks",
    "nitrile-examination-gloves",
    "filtering-respirators",
    "icu-ventilators",
)
LANGUAGE_PRODUCTS = ["lang_en", "lang_fr", "lang_es", "lang_ru", "lang_zh", "lang_ar"]
VISIBLE = [
    "zh_mask",
    "en_mask",
    "gloves",
    "kn95",
    "vent",
    *LANGUAGE_PRODUCTS,
]


@pytest.fixture(scope="module")
def catalogue(
    django_db_setup: None,
    django_db_blocker: Any,
    search_prefix: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Catalogue]:
    """The catalogue, indexed once for the module inside a transaction rolled back at the end."""
    media: Path = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            engine.delete_indexes_with_prefix(search_prefix)
            built = _build_catalogue()
            search_reindex(entity="product")
            for vendor in built.vendors.values():
                touch("organization", vendor.pk)
            drain_and_refresh()
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            engine.delete_indexes_with_prefix(search_prefix)


@pytest.fixture
def client() -> Client:
    return Client()


def _get(client: Client, url: str, **params: Any) -> dict[str, Any]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def _ids(body: dict[str, Any]) -> list[int]:
    return [hit["id"] for hit in body["results"]]


def _facet(body: dict[str, Any], name: str) -> dict[str, int]:
    return {bucket["key"]: bucket["count"] for bucket in body["facets"][name]}


def _all_ids(client: Client, url: str, **params: Any) -> list[int]:
    return _ids(_get(client, url, page_size=100, **params))


# --- full text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("医用外科口罩", "zh_mask"),  # a name
        ("bacterial filtration", "en_mask"),  # a description
        ("Nitrile examination gloves", "gloves"),  # the category's name (and the product's)
        ("YY 0469", "zh_mask"),  # a standard
        ("Nordmed", "en_mask"),  # the vendor's name
        ("Wuhan Xinhua", "kn95"),  # the vendor's legal name in another language
        ("VX-200", "vent"),  # the model number
    ],
)
def test_full_text_covers_names_descriptions_categories_standards_and_vendors(
    catalogue: Catalogue, client: Client, query: str, key: str
) -> None:
    body = _get(client, PRODUCTS_URL, q=query)

    assert catalogue.pid(key) in _ids(body)


def test_only_published_products_of_verified_vendors_are_found(catalogue: Catalogue, client: Client) -> None:
    everything = _get(client, PRODUCTS_URL, page_size=100)
    masks = _get(client, PRODUCTS_URL, q="surgical mask edition")

    assert sorted(_ids(everything)) == sorted(catalogue.pid(key) for key in VISIBLE)
    assert everything["count"] == len(VISIBLE)
    assert catalogue.pid("draft") not in _ids(masks)
    assert catalogue.pid("hidden") not in _ids(masks)


@pytest.mark.parametrize(
    "query", ["mascarillas quirúrgicas", "masque chirurgical", "медицинские маски", "كمامات جراحية", "口罩"]
)
def test_any_language_finds_masks_named_in_one_language_through_the_taxonomy(
    catalogue: Catalogue, client: Client, query: str
) -> None:
    found = _ids(_get(client, PRODUCTS_URL, q=query))

    assert catalogue.pid("zh_mask") in found  # named only 医用外科口罩
    assert catalogue.pid("en_mask") in found  # named only "surgical mask"
    assert catalogue.pid("gloves") not in found


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("isolation gown", "lang_en"),  # English stemming: gowns → gown
        ("gant examen nitrile", "lang_fr"),  # French elision (d'examen) and plural
        ("mascarillas quirurgicas desechables", "lang_es"),  # Spanish plural, no accents
        ("нитриловых перчаток", "lang_ru"),  # Russian genitive plural
        ("трехслойные", "lang_ru"),  # Russian ё written as е
        ("医用口罩", "lang_zh"),  # CJK bigrams inside 一次性使用医用口罩
        ("الكمامه الطبيه", "lang_ar"),  # Arabic article, ta marbuta written as ha
    ],
)
def test_each_language_is_analysed_in_its_own_way(
    catalogue: Catalogue, client: Client, query: str, key: str
) -> None:
    assert catalogue.pid(key) in _ids(_get(client, PRODUCTS_URL, q=query))


def test_cjk_bigrams_do_not_match_a_single_shared_character(catalogue: Catalogue, client: Client) -> None:
    body = _get(client, PRODUCTS_URL, q="口红")  # lipstick: shares 口 with 口罩

    assert body["count"] == 0


@pytest.mark.parametrize(
    ("query", "key"), [("surgcal mask", "en_mask"), ("nitrle gloves", "gloves"), ("ventilatr", "vent")]
)
def test_typos_are_tolerated(catalogue: Catalogue, client: Client, query: str, key: str) -> None:
    body = _get(client, PRODUCTS_URL, q=query)

    assert catalogue.pid(key) in _ids(body)[:3]


def test_a_standard_one_digit_off_is_not_a_typo(catalogue: Catalogue, client: Client) -> None:
    exact = _get(client, PRODUCTS_URL, q="YY 0469")
    one_off = _get(client, PRODUCTS_URL, q="YY 0468")

    assert _ids(exact) == [catalogue.pid("zh_mask")]
    assert exact["relaxed"] is False
    assert one_off["relaxed"] is True  # nothing matched both words; "YY" alone did


def test_when_no_product_has_most_words_half_of_them_will_do(catalogue: Catalogue, client: Client) -> None:
    strict = _get(client, PRODUCTS_URL, q="KN95 respirator")
    relaxed = _get(client, PRODUCTS_URL, q="KN95 cartridge")

    assert strict["relaxed"] is False
    assert relaxed["relaxed"] is True
    assert _ids(relaxed)[0] == catalogue.pid("kn95")


def test_pinyin_finds_a_chinese_supplier_and_its_products(catalogue: Catalogue, client: Client) -> None:
    suppliers = _get(client, SUPPLIERS_URL, q="xinhua")
    spaced = _get(client, SUPPLIERS_URL, q="Wuhan Xin Hua")
    products = _get(client, PRODUCTS_URL, q="xinhua")

    assert _ids(suppliers) == [catalogue.vid("xinhua")]
    assert suppliers["results"][0]["name"] == "武汉新华医疗器械有限公司"
    assert _ids(spaced)[0] == catalogue.vid("xinhua")
    assert set(_ids(products)) == {catalogue.pid(key) for key in ("zh_mask", "gloves", "kn95")}


@pytest.mark.parametrize(
    ("query", "key"),
    [("新华", "xinhua"), ("Nordmed", "nordmed"), ("surgical masks", "nordmed"), ("呼吸机", "greatlakes")],
)
def test_suppliers_are_found_by_name_and_by_what_they_sell(
    catalogue: Catalogue, client: Client, query: str, key: str
) -> None:
    assert catalogue.vid(key) in _ids(_get(client, SUPPLIERS_URL, q=query))


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "(",
        "*",
        "OR",
        "AND NOT",
        "🙂",
        "口",
        "/\\",
        "a" * 200,
        " ".join(["mask"] * 40)[:200],  # more terms than the engine takes clauses: the first 16 count
        "a-" * 100,
        "口罩" * 100,
    ],
)
def test_odd_queries_are_answered_not_failed(catalogue: Catalogue, client: Client, query: str) -> None:
    for url in (PRODUCTS_URL, SUPPLIERS_URL):
        assert client.get(url, {"q": query}).status_code == 200


# --- highlighting ---------------------------------------------------------------------------------


def test_matches_are_highlighted_with_mark(catalogue: Catalogue, client: Client) -> None:
    body = _get(client, PRODUCTS_URL, q="nitrile gloves")
    hit = next(hit for hit in body["results"] if hit["id"] == catalogue.pid("gloves"))

    assert hit["highlight"]["name_en"] == [
        "<mark>Nitrile</mark> examination <mark>gloves</mark>, powder-free"
    ]


def test_highlights_escape_the_vendors_text(catalogue: Catalogue, client: Client) -> None:
    product = ProductFactory(vendor=catalogue.vendors["nordmed"], names={"en": "<b>Scrub</b> suit & cap"})
    touch("product", product.pk)
    drain_and_refresh()
    try:
        body = _get(client, PRODUCTS_URL, q="scrub suit")
    finally:
        # The database rolls back after the test; the index must forget the product too, and
        # the vendor's supplier document (which the product's change refreshed) must lose it.
        product_id = product.pk
        product.delete()
        touch("product", product_id, delete=True)
        touch("organization", catalogue.vendors["nordmed"].pk)
        drain_and_refresh()

    assert body["results"][0]["highlight"]["name_en"] == [
        "&lt;b&gt;<mark>Scrub</mark>&lt;&#x2F;b&gt; <mark>suit</mark> &amp; cap"
    ]


def test_supplier_names_are_highlighted(catalogue: Catalogue, client: Client) -> None:
    body = _get(client, SUPPLIERS_URL, q="Nordmed")

    assert body["results"][0]["highlight"]["name"] == ["<mark>Nordmed</mark> Schutzausrüstung GmbH"]


# --- facets ---------------------------------------------------------------------------------------


def test_product_facets_count_every_value(catalogue: Catalogue, client: Client) -> None:
    facets = _get(client, PRODUCTS_URL)["facets"]
    body = {"facets": facets}

    assert _facet(body, "category") == {
        "plain-test-goods": 6,
        "surgical-masks": 2,
        "nitrile-examination-gloves": 1,
        "filtering-respirators": 1,
        "icu-ventilators": 1,
    }
    assert _facet(body, "country") == {"FR": 6, "CN": 3, "DE": 1, "US": 1}
    assert _facet(body, "market") == {"EU": 2, "US": 1}  # the ventilator's certificate expired
    assert _facet(body, "standard") == {
        "EN 14683": 2,
        "YY 0469": 1,
        "CE MDR": 1,
        "ASTM D6319": 1,
        "FDA 510(k)": 1,
        "GB 2626": 1,
        "FDA EUA": 1,
    }
    assert _facet(body, "currency") == {"EUR": 7, "USD": 4}
    assert _facet(body, "hs_heading") == {"9999": 6, "6307": 3, "4015": 1, "9019": 1}
    assert facets["capacity"]["count"] == 11
    assert (facets["capacity"]["min"], facets["capacity"]["max"]) == (20, 2_000_000)
    assert facets["lead_time"]["min"] == 7
    assert facets["lead_time"]["max"] == 45
    assert facets["price"]["min"] == pytest.approx(0.03)


def test_category_facet_carries_labels_in_six_languages(catalogue: Catalogue, client: Client) -> None:
    buckets = _get(client, PRODUCTS_URL, q="mask")["facets"]["category"]
    masks = next(bucket for bucket in buckets if bucket["key"] == "surgical-masks")

    assert masks["count"] == 2
    assert masks["hs_code"] == "6307.90"
    assert masks["names"]["zh"] == "医用外科口罩"
    assert set(masks["names"]) == {"en", "zh", "fr", "es", "ru", "ar"}


def test_facets_follow_the_text_query(catalogue: Catalogue, client: Client) -> None:
    body = _get(client, PRODUCTS_URL, q="surgical mask")

    assert _facet(body, "category") == {"surgical-masks": 2}
    assert _facet(body, "country") == {"CN": 1, "DE": 1}
    assert _facet(body, "currency") == {"EUR": 1, "USD": 1}


def test_a_facet_keeps_counting_its_other_values_when_one_is_chosen(
    catalogue: Catalogue, client: Client
) -> None:
    body = _get(client, PRODUCTS_URL, country="CN")

    assert sorted(_ids(body)) == sorted(catalogue.pid(key) for key in ("zh_mask", "gloves", "kn95"))
    assert body["count"] == 3
    assert _facet(body, "country") == {"FR": 6, "CN": 3, "DE": 1, "US": 1}  # the choice does not hide DE
    assert _facet(body, "category") == {  # other facets count only the chosen country
        "surgical-masks": 1,
        "nitrile-examination-gloves": 1,
        "filtering-respirators": 1,
    }
    assert body["facets"]["capacity"]["count"] == 3


def _request_cache_hits() -> int:
    stats = _cached_client(engine.current_config()).indices.stats(
        index=PRODUCTS.alias(), metric="request_cache"
    )
    return int(stats["_all"]["total"]["request_cache"]["hit_count"])


def test_facets_of_a_repeated_search_come_from_the_node_cache_and_still_follow_a_change(
    catalogue: Catalogue, client: Client
) -> None:
    """Facet counts are a size-0 search of their own (issue 14), which the shard request cache keeps
    until the index changes: the next page or another sort of the same search is a cache hit with
    the same counts, and a product indexed after it is counted at once."""
    first = _get(client, PRODUCTS_URL, country="US")
    hits_before = _request_cache_hits()
    resorted = _get(client, PRODUCTS_URL, country="US", sort="price")

    assert _request_cache_hits() > hits_before
    assert resorted["facets"] == first["facets"]
    assert resorted["count"] == first["count"]

    product = ProductFactory(vendor=catalogue.vendors["greatlakes"], names={"en": "Isolation gown"})
    touch("product", product.pk)
    drain_and_refresh()
    try:
        after = _get(client, PRODUCTS_URL, country="US")
    finally:
        product_id = product.pk
        product.delete()
        touch("product", product_id, delete=True)
        touch("organization", catalogue.vendors["greatlakes"].pk)
        drain_and_refresh()

    assert after["count"] == first["count"] + 1
    assert _facet(after, "country")["US"] == _facet(first, "country")["US"] + 1
    assert after["facets"]["capacity"]["count"] == first["facets"]["capacity"]["count"] + 1


def test_supplier_facets(catalogue: Catalogue, client: Client) -> None:
    body = _get(client, SUPPLIERS_URL)

    assert body["count"] == 4  # the pending vendor is not public
    assert _facet(body, "country") == {"CN": 1, "DE": 1, "US": 1, "FR": 1}
    assert _facet(body, "category") == {
        "surgical-masks": 2,
        "nitrile-examination-gloves": 1,
        "filtering-respirators": 1,
        "icu-ventilators": 1,
        "plain-test-goods": 1,
    }
    assert _facet(body, "market") == {"EU": 2, "US": 1}
    assert _facet(body, "standard")["EN 14683"] == 2
    assert body["facets"]["category"][0]["names"]["en"] == "Surgical masks"


# --- filters --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "keys"),
    [
        ({"category": "surgical-masks"}, {"zh_mask", "en_mask"}),
        ({"category": "masks-respirators"}, {"zh_mask", "en_mask", "kn95"}),  # a parent: its children too
        ({"category": "surgical-masks,icu-ventilators"}, {"zh_mask", "en_mask", "vent"}),
        ({"hs_code": "6307"}, {"zh_mask", "en_mask", "kn95"}),
        ({"hs_code": "9019.20"}, {"vent"}),
        ({"country": "de"}, {"en_mask"}),
        ({"country": ["DE", "US"]}, {"en_mask", "vent"}),
        ({"market": "EU"}, {"zh_mask", "en_mask"}),
        ({"market": "US"}, {"gloves"}),  # the ventilator's US certificate has expired
        ({"standard": "EN 14683"}, {"zh_mask", "en_mask"}),
        ({"standard": "GB 2626,FDA EUA"}, {"kn95", "vent"}),
        ({"capacity_min": 300_000}, {"zh_mask", "gloves", "kn95"}),
        ({"moq_max": 2_000}, {"en_mask", "vent", *LANGUAGE_PRODUCTS}),
        ({"lead_time_max": 10}, {"zh_mask", "kn95"}),
        ({"currency": "EUR", "price_max": "0.10"}, {"en_mask"}),
        ({"currency": "USD", "price_min": "0.06", "price_max": "0.25"}, {"zh_mask", "kn95"}),  # overlaps
        ({"currency": "USD", "price_min": "1000"}, {"vent"}),
        ({"currency": "USD"}, {"zh_mask", "gloves", "kn95", "vent"}),
        ({"q": "mask", "country": "CN", "market": "EU"}, {"zh_mask"}),
    ],
)
def test_product_filters(
    catalogue: Catalogue, client: Client, params: dict[str, Any], keys: set[str]
) -> None:
    body = _get(client, PRODUCTS_URL, page_size=100, **params)

    assert set(_ids(body)) == {catalogue.pid(key) for key in keys}
    assert body["count"] == len(keys)


def test_vendor_filter(catalogue: Catalogue, client: Client) -> None:
    found = _all_ids(client, PRODUCTS_URL, vendor=catalogue.vid("xinhua"))

    assert set(found) == {catalogue.pid(key) for key in ("zh_mask", "gloves", "kn95")}


@pytest.mark.parametrize(
    ("params", "keys"),
    [
        ({"category": "surgical-masks"}, {"xinhua", "nordmed"}),
        ({"category": "masks-respirators"}, {"xinhua", "nordmed"}),
        ({"country": "US"}, {"greatlakes"}),
        ({"market": "US"}, {"xinhua"}),
        ({"standard": "FDA EUA"}, {"greatlakes"}),
        ({"capacity_min": 1_000_000}, {"xinhua"}),
        ({"q": "gloves", "country": "CN"}, {"xinhua"}),
    ],
)
def test_supplier_filters(
    catalogue: Catalogue, client: Client, params: dict[str, Any], keys: set[str]
) -> None:
    found = _all_ids(client, SUPPLIERS_URL, **params)

    assert set(found) == {catalogue.vid(key) for key in keys}


# --- sorting and paging ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "keys"),
    [
        ("price", ["gloves", "zh_mask", "kn95", "vent"]),
        ("-price", ["vent", "kn95", "zh_mask", "gloves"]),
        ("lead_time", ["zh_mask", "kn95", "gloves", "vent"]),
        ("capacity", ["gloves", "zh_mask", "kn95", "vent"]),
        ("moq", ["vent", "kn95", "zh_mask", "gloves"]),
        ("newest", ["vent", "kn95", "gloves", "zh_mask"]),
    ],
)
def test_product_sorting(catalogue: Catalogue, client: Client, sort: str, keys: list[str]) -> None:
    found = _all_ids(client, PRODUCTS_URL, currency="USD", sort=sort)

    assert found == [catalogue.pid(key) for key in keys]


def test_relevance_ranks_the_best_match_first(catalogue: Catalogue, client: Client) -> None:
    body = _get(client, PRODUCTS_URL, q="nitrile examination gloves")
    scores = [hit["score"] for hit in body["results"]]

    assert body["results"][0]["id"] == catalogue.pid("gloves")
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("sort", "keys"),
    [
        ("name", ["greatlakes", "nordmed", "polyglot", "xinhua"]),
        ("products", ["polyglot", "xinhua", "nordmed", "greatlakes"]),
        ("capacity", ["xinhua", "nordmed", "polyglot", "greatlakes"]),
    ],
)
def test_supplier_sorting(catalogue: Catalogue, client: Client, sort: str, keys: list[str]) -> None:
    found = _all_ids(client, SUPPLIERS_URL, sort=sort)

    assert found[: len(keys)] == [catalogue.vid(key) for key in keys]


def test_pages_split_the_results(catalogue: Catalogue, client: Client) -> None:
    everything = _all_ids(client, PRODUCTS_URL, sort="price")
    pages = [_get(client, PRODUCTS_URL, sort="price", page=page, page_size=4) for page in (1, 2, 3, 4)]

    assert [len(page["results"]) for page in pages] == [4, 4, 3, 0]
    assert [hit for page in pages for hit in _ids(page)] == everything
    assert all(page["count"] == 11 for page in pages)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (PRODUCTS_URL, {"sort": "price"}),
        (PRODUCTS_URL, {"q": "mask", "sort": "relevance"}),
        (PRODUCTS_URL, {"sort": "newest", "country": "CN,FR"}),
        (SUPPLIERS_URL, {"sort": "name"}),
        (SUPPLIERS_URL, {"sort": "relevance"}),
    ],
)
def test_the_cursor_walks_every_result_once(
    catalogue: Catalogue, client: Client, url: str, params: dict[str, Any]
) -> None:
    expected = _all_ids(client, url, **params)
    seen: list[int] = []
    cursor = ""
    for _ in range(20):
        body = _get(client, url, page_size=2, cursor=cursor, **params)
        seen.extend(_ids(body))
        cursor = body["next_cursor"]
        if not cursor:
            break

    assert seen == expected
    assert len(seen) == len(set(seen)) > 2


# --- errors ---------------------------------------------------------------------------------------


def _cursor(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


def _raw_cursor(text: str) -> str:
    """A tampered cursor: JSON text as an attacker writes it (Infinity, NaN, huge numbers)."""
    return base64.urlsafe_b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    ("url", "params", "field", "code"),
    [
        (PRODUCTS_URL, {"page_size": 0}, "page_size", "min_value"),
        (PRODUCTS_URL, {"page_size": 101}, "page_size", "max_value"),
        (PRODUCTS_URL, {"page": 0}, "page", "min_value"),
        (PRODUCTS_URL, {"page": "two"}, "page", "invalid"),
        (PRODUCTS_URL, {"page": 501, "page_size": 20}, "page", "page_too_deep"),
        (PRODUCTS_URL, {"cursor": "not-a-cursor"}, "cursor", "invalid_cursor"),
        (PRODUCTS_URL, {"cursor": _cursor([1, 2])}, "cursor", "invalid_cursor"),
        (PRODUCTS_URL, {"cursor": _cursor({"sort": "price", "after": [1.5, 3]})}, "cursor", "invalid_cursor"),
        (
            PRODUCTS_URL,
            {"sort": "price", "cursor": _cursor({"sort": "price", "after": ["cheap", 3]})},
            "cursor",
            "invalid_cursor",
        ),
        *(
            (
                PRODUCTS_URL,
                {"sort": "price", "cursor": _raw_cursor('{"sort": "price", "after": [' + value + ", 3]}")},
                "cursor",
                "invalid_cursor",
            )
            for value in (
                "Infinity",
                "-Infinity",
                "NaN",
                "1e400",
                "99999999999999999999999",
                '"%s"' % ("x" * 1100),
            )
        ),
        (PRODUCTS_URL, {"sort": "cheapest"}, "sort", "invalid_choice"),
        (PRODUCTS_URL, {"q": "x" * 201}, "q", "max_length"),
        (PRODUCTS_URL, {"currency": "usd"}, "currency", "invalid_currency"),
        (PRODUCTS_URL, {"currency": "ABC"}, "currency", "invalid_currency"),
        (PRODUCTS_URL, {"price_min": "1"}, "currency", "required_with_price"),
        (PRODUCTS_URL, {"price_min": "-1", "currency": "USD"}, "price_min", "min_value"),
        (PRODUCTS_URL, {"price_min": "5", "price_max": "1", "currency": "USD"}, "price_max", "invalid_range"),
        (PRODUCTS_URL, {"capacity_min": -1}, "capacity_min", "min_value"),
        (PRODUCTS_URL, {"capacity_min": 2**31}, "capacity_min", "max_value"),
        (PRODUCTS_URL, {"category": "masks\x00"}, "category", "null_characters_not_allowed"),
        (PRODUCTS_URL, {"standard": "x" * 65}, "standard", "max_length"),
        (PRODUCTS_URL, {"moq_max": 0}, "moq_max", "min_value"),
        (PRODUCTS_URL, {"lead_time_max": "soon"}, "lead_time_max", "invalid"),
        (PRODUCTS_URL, {"hs_code": "masks"}, "hs_code", "invalid"),
        (PRODUCTS_URL, {"vendor": 0}, "vendor", "min_value"),
        (PRODUCTS_URL, {"country": "XX"}, "country", "invalid_country"),
        (PRODUCTS_URL, {"country": "china"}, "country", "invalid_country"),
        (PRODUCTS_URL, {"market": "MARS"}, "market", "unknown_market"),
        (PRODUCTS_URL, {"standard": "EN 99999"}, "standard", "unknown_standard"),
        (PRODUCTS_URL, {"category": "no-such-category"}, "category", "unknown_category"),
        (PRODUCTS_URL, {"category": ",".join(f"c{n}" for n in range(51))}, "category", "too_many_values"),
        (SUPPLIERS_URL, {"page_size": 0}, "page_size", "min_value"),
        (SUPPLIERS_URL, {"sort": "price"}, "sort", "invalid_choice"),
        (SUPPLIERS_URL, {"cursor": "%%%"}, "cursor", "invalid_cursor"),
        (
            SUPPLIERS_URL,
            {"sort": "name", "cursor": _cursor({"sort": "name", "after": [3, 1]})},
            "cursor",
            "invalid_cursor",
        ),
        (SUPPLIERS_URL, {"country": "XX"}, "country", "invalid_country"),
        (SUPPLIERS_URL, {"market": "MARS"}, "market", "unknown_market"),
        (SUGGEST_URL, {}, "q", "required"),
        (SUGGEST_URL, {"q": ""}, "q", "blank"),
        (SUGGEST_URL, {"q": "mask", "size": 21}, "size", "max_value"),
    ],
)
def test_bad_parameters_are_400_with_the_field_and_a_code(
    catalogue: Catalogue, client: Client, url: str, params: dict[str, Any], field: str, code: str
) -> None:
    response = client.get(url, params)

    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid"
    assert [error["code"] for error in body["fields"][field]] == [code]
    assert body["fields"][field][0]["message"]


def test_a_cursor_from_another_sort_order_is_refused(catalogue: Catalogue, client: Client) -> None:
    by_price = _get(client, PRODUCTS_URL, sort="price", page_size=2)

    response = client.get(PRODUCTS_URL, {"sort": "capacity", "cursor": by_price["next_cursor"]})

    assert response.status_code == 400
    assert response.json()["fields"]["cursor"][0]["code"] == "invalid_cursor"


@pytest.mark.parametrize(
    ("url", "params"),
    [(PRODUCTS_URL, {"q": "mask"}), (SUPPLIERS_URL, {"q": "xinhua"}), (SUGGEST_URL, {"q": "ma"})],
)
def test_search_answers_503_when_the_engine_is_down(
    catalogue: Catalogue, client: Client, settings: Any, url: str, params: dict[str, str]
) -> None:
    settings.OPENSEARCH = {**settings.OPENSEARCH, "url": "http://127.0.0.1:9", "timeout": 2}
    _cached_client.cache_clear()
    try:
        response = client.get(url, params)
    finally:
        _cached_client.cache_clear()

    assert response.status_code == 503
    assert response.json()["code"] == "search_unavailable"
    assert response.json()["message"]


# --- suggestions ----------------------------------------------------------------------------------


def test_suggest_offers_categories_products_and_suppliers(catalogue: Catalogue, client: Client) -> None:
    body = _get(client, SUGGEST_URL, q="surg")

    assert "surgical-masks" in [category["slug"] for category in body["categories"]]
    assert {"id": catalogue.pid("en_mask"), "label": "surgical mask"} in body["products"]
    assert body["categories"][0]["names"]["en"].lower().startswith("surg")


def test_suggest_finds_a_chinese_supplier_by_a_pinyin_prefix(catalogue: Catalogue, client: Client) -> None:
    body = _get(client, SUGGEST_URL, q="xinh")

    assert body["suppliers"] == [{"id": catalogue.vid("xinhua"), "label": "武汉新华医疗器械有限公司"}]


@pytest.mark.parametrize(
    ("prefix", "slug", "product"),
    [
        ("口罩", "surgical-masks", "zh_mask"),
        ("мас", "surgical-masks", "en_mask"),
        ("nitr", "nitrile-examination-gloves", "gloves"),
    ],
)
def test_suggest_works_in_any_script(
    catalogue: Catalogue, client: Client, prefix: str, slug: str, product: str
) -> None:
    body = _get(client, SUGGEST_URL, q=prefix, size=10)

    assert slug in [category["slug"] for category in body["categories"]]
    assert catalogue.pid(product) in [item["id"] for item in body["products"]]


def test_suggest_by_supplier_name(catalogue: Catalogue, client: Client) -> None:
    body = _get(client, SUGGEST_URL, q="nordm")

    assert body["suppliers"] == [{"id": catalogue.vid("nordmed"), "label": "Nordmed Schutzausrüstung GmbH"}]


# --- contacts -------------------------------------------------------------------------------------


def test_search_responses_never_contain_contact_details(catalogue: Catalogue, client: Client) -> None:
    responses = [
        client.get(PRODUCTS_URL, {"q": "xinhua", "page_size": 100}),
        client.get(PRODUCTS_URL, {"page_size": 100}),
        client.get(SUPPLIERS_URL, {"q": "xinhua"}),
        client.get(SUPPLIERS_URL, {"page_size": 100}),
        client.get(SUPPLIERS_URL, {"q": "li wei"}),
        client.get(SUGGEST_URL, {"q": "xinh"}),
        client.get(SUGGEST_URL, {"q": "li"}),
    ]
    text = "".join(response.content.decode() for response in responses)

    assert all(response.status_code == 200 for response in responses)
    assert "武汉新华医疗器械有限公司" in text  # the supplier is there, its contacts are not
    for value in [*CONTACT_STRINGS.values(), "Li Wei", "verkauf@nordmed-contact.example"]:
        assert value not in text
        assert json.dumps(value)[1:-1] not in text  # nor in escaped form
