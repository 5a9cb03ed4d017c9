"""Header mapping in six languages, country names, and the name/phone/domain keys of resolution."""

import pytest

from supplierlists.cleaning import row_clean
from supplierlists.columns import country_code, mapping_propose
from supplierlists.resolution import name_key, phone_key, profile_build, profiles_compare


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            ["Company name", "Country", "City", "E-mail", "Tel", "Website"],
            ["name", "country", "city", "email", "phone", "website"],
        ),
        (
            ["企业名称", "国家", "城市", "邮箱", "联系电话", "统一社会信用代码"],
            ["name", "country", "city", "email", "phone", "registration_id"],
        ),
        (
            ["Raison sociale", "Pays", "Ville", "Courriel", "Téléphone", "Site web"],
            ["name", "country", "city", "email", "phone", "website"],
        ),
        (
            ["Empresa", "País", "Ciudad", "Correo electrónico", "Teléfono", "Dirección"],
            ["name", "country", "city", "email", "phone", "address"],
        ),
        (
            ["Наименование", "Страна", "Город", "Электронная почта", "Телефон", "ИНН"],
            ["name", "country", "city", "email", "phone", "registration_id"],
        ),
        (
            ["اسم الشركة", "الدولة", "المدينة", "البريد الإلكتروني", "الهاتف", "العنوان"],
            ["name", "country", "city", "email", "phone", "address"],
        ),
        (
            ["COMPANY NAME ", "Ｃｏｕｎｔｒｙ", "e-mail:", "Phone number", "WeChat ID?", "notes"],
            ["name", "country", "email", "phone", "wechat", None],
        ),
    ],
)
def test_the_mapping_is_proposed_from_headers_in_six_languages(
    header: list[str], expected: list[str | None]
) -> None:
    proposed = mapping_propose(header=header)

    assert [proposed.get(str(position)) for position in range(len(header))] == expected


def test_a_field_is_proposed_for_one_column_only() -> None:
    assert mapping_propose(header=["Company", "Supplier name", "Country"]) == {"0": "name", "2": "country"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("CN", "CN"),
        ("chn", "CN"),
        ("China", "CN"),
        ("中国", "CN"),
        ("Chine", "CN"),
        ("Китай", "CN"),
        ("الصين", "CN"),
        ("Russia", "RU"),
        ("Россия", "RU"),
        ("السعودية", "SA"),
        ("España", "ES"),
        ("Perú", "PE"),
        ("Germany", "DE"),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_countries_are_read_in_any_of_the_languages(text: str, code: str | None) -> None:
    assert country_code(text) == code


def test_legal_suffixes_and_scripts_do_not_keep_the_same_company_apart() -> None:
    assert (
        name_key("Zhejiang Meilun Gloves Co., Ltd.").compact
        == name_key("ZHEJIANG MEILUN GLOVES CO LTD").compact
    )
    assert name_key("MedProtect GmbH").compact == name_key("Medprotect G.m.b.H.").compact == "medprotect"
    assert name_key("Andes Salud S.A.S.").compact == name_key("Andes Salud SAS").compact
    assert name_key("ООО «Медтехника Плюс»").compact == name_key("Медтехника Плюс").compact
    hanzi, pinyin = (
        name_key("深圳市新达医疗器械有限公司"),
        name_key("Shenzhen Xinda Yiliao Qixie Youxian Gongsi"),
    )
    assert hanzi.compact == pinyin.compact == "shenzhenxindayiliaoqixie"
    assert hanzi.suffix_removed
    assert hanzi.transliterated
    assert (
        name_key("Shenzhen Xinda Medical Equipment", "shenzhen").core
        == name_key("深圳市新达医疗器械有限公司", "shenzhen").core
    )


def test_phones_in_national_and_international_form_agree() -> None:
    assert phone_key("0755-26601001", "CN") == phone_key("+86 755 2660 1001", "CN") != ""
    assert phone_key("8 (495) 123-45-67", "RU") == phone_key("+7 495 123 45 67", "RU")
    assert phone_key("040 5550101", "DE") == phone_key("+49 40 555 0101", "DE")
    assert phone_key("12", "CN") == ""


def test_free_mail_domains_are_no_evidence_but_company_domains_are() -> None:
    gmail_a = profile_build(names=["Alpha Masks"], country="CN", emails=["alpha@gmail.com"])
    gmail_b = profile_build(names=["Beta Gowns"], country="CN", emails=["beta@gmail.com"])
    own_a = profile_build(names=["Alpha Masks"], country="CN", websites=["https://www.alpha-masks.cn"])
    own_b = profile_build(names=["Alpha Face Masks Factory"], country="CN", emails=["sales@alpha-masks.cn"])

    assert gmail_a.domains == frozenset()
    assert "same_domain" not in {reason.code for reason in profiles_compare(gmail_a, gmail_b).reasons}
    comparison = profiles_compare(own_b, own_a)
    assert {"code": "same_domain", "params": {"domain": "alpha-masks.cn"}} in [
        r.as_dict() for r in comparison.reasons
    ]
    assert comparison.score >= 0.92


def test_each_score_comes_with_reasons_as_codes_with_parameters() -> None:
    first = profile_build(
        names=["Wuhan Huaxin Protective Products Co., Ltd."],
        country="CN",
        city="Wuhan",
        registration_id="91562166M93J4CYQFQ",
        phones=["027-87654321"],
    )
    same_code = profile_build(
        names=["武汉华鑫防护用品有限公司"], country="CN", registration_id="91562166M93J4CYQFQ"
    )
    other_code = profile_build(
        names=["Wuhan Huaxin Protective Products Co., Ltd."],
        country="CN",
        registration_id="91396211LLCF2JX4M8",
    )
    abroad = profile_build(names=["Wuhan Huaxin Protective Products Co., Ltd."], country="FR", city="Paris")

    assert profiles_compare(same_code, first).score == 1.0
    assert profiles_compare(same_code, first).reasons[0].as_dict() == {
        "code": "same_registration_id",
        "params": {"scheme": "uscc"},
    }
    assert profiles_compare(other_code, first).score < 0.75
    assert "different_registration_id" in {r.code for r in profiles_compare(other_code, first).reasons}
    assert profiles_compare(abroad, first).score < 0.75
    assert "different_country" in {r.code for r in profiles_compare(abroad, first).reasons}


def test_a_row_is_cleaned_with_bounded_cells_and_errors_by_field() -> None:
    mapping = {"0": "name", "1": "country", "2": "email", "3": "phone", "4": "address", "5": "language"}
    data, errors = row_clean(
        cells={
            "0": "上海瑞康口罩有限公司",
            "1": "中国",
            "2": "a@ruikang.cn; b@ruikang.cn",
            "3": 2155667788.0,
            "4": "x" * 600,
            "5": "zh",
        },
        mapping=mapping,
    )

    assert data["legal_names"] == {"zh": "上海瑞康口罩有限公司"}
    assert data["country"] == "CN"
    assert data["emails"] == ["a@ruikang.cn", "b@ruikang.cn"]
    assert data["phones"] == ["2155667788"]  # a number cell, not "2155667788.0"
    assert data["language"] == "zh"
    assert [error.code for error in errors["address"]] == ["too_long"]
    _data, bad = row_clean(cells={"1": "CN", "5": "klingon"}, mapping=mapping)
    assert {field: [e.code for e in items] for field, items in bad.items()} == {
        "name": ["required"],
        "language": ["invalid_language"],
    }
