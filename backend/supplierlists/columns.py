"""The fields a supplier list can hold, and the header words that name them in six languages.

Staff confirm or change the proposed mapping; a column mapped to nothing is ignored.
"""

import gettext
import unicodedata
from functools import lru_cache

import pycountry
from rapidfuzz import fuzz, process

# field → header words (compared after ``header_key``), in en, zh, fr, es, ru, ar.
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "company",
        "company name",
        "supplier",
        "supplier name",
        "vendor",
        "manufacturer",
        "legal name",
        "organisation",
        "organization",
        "enterprise",
        "firm",
        "名称",
        "公司",
        "公司名称",
        "企业名称",
        "企业",
        "单位名称",
        "厂家",
        "供应商",
        "生产企业",
        "nom",
        "société",
        "entreprise",
        "raison sociale",
        "fournisseur",
        "fabricant",
        "nombre",
        "empresa",
        "razón social",
        "proveedor",
        "fabricante",
        "compañía",
        "название",
        "компания",
        "организация",
        "наименование",
        "поставщик",
        "производитель",
        "اسم الشركة",
        "الشركة",
        "الاسم",
        "المورد",
        "الشركة المصنعة",
        "اسم المورد",
    ),
    "name_en": (
        "english name",
        "name en",
        "name english",
        "英文名称",
        "英文名",
        "nom anglais",
        "nombre en inglés",
    ),
    "name_zh": (
        "chinese name",
        "name zh",
        "中文名称",
        "中文名",
        "nom chinois",
        "nombre en chino",
        "китайское название",
    ),
    "country": (
        "country",
        "nation",
        "国家",
        "国别",
        "国家地区",
        "pays",
        "país",
        "страна",
        "الدولة",
        "البلد",
    ),
    "city": ("city", "town", "城市", "所在城市", "市", "ville", "ciudad", "город", "المدينة"),
    "address": (
        "address",
        "street",
        "地址",
        "公司地址",
        "adresse",
        "dirección",
        "direccion",
        "адрес",
        "العنوان",
    ),
    "registration_id": (
        "registration id",
        "registration number",
        "registration no",
        "uscc",
        "unified social credit code",
        "business licence number",
        "license number",
        "tax id",
        "vat",
        "vat number",
        "统一社会信用代码",
        "信用代码",
        "注册号",
        "营业执照号",
        "营业执照编号",
        "numéro d'enregistrement",
        "siret",
        "siren",
        "numéro de tva",
        "número de registro",
        "nif",
        "cif",
        "registro",
        "инн",
        "огрн",
        "регистрационный номер",
        "رقم السجل التجاري",
        "السجل التجاري",
        "رقم التسجيل",
    ),
    "website": (
        "website",
        "web",
        "url",
        "site",
        "homepage",
        "网站",
        "网址",
        "官网",
        "site web",
        "sitio web",
        "página web",
        "сайт",
        "веб-сайт",
        "الموقع",
        "الموقع الإلكتروني",
    ),
    "contact_name": (
        "contact",
        "contact name",
        "contact person",
        "person",
        "联系人",
        "联系人姓名",
        "姓名",
        "nom du contact",
        "interlocuteur",
        "personne de contact",
        "contacto",
        "persona de contacto",
        "контактное лицо",
        "контакт",
        "имя",
        "جهة الاتصال",
        "اسم جهة الاتصال",
        "الشخص المسؤول",
    ),
    "email": (
        "email",
        "e-mail",
        "mail",
        "email address",
        "邮箱",
        "电子邮箱",
        "电子邮件",
        "邮件",
        "courriel",
        "adresse e-mail",
        "correo",
        "correo electrónico",
        "электронная почта",
        "почта",
        "البريد الإلكتروني",
        "البريد",
    ),
    "phone": (
        "phone",
        "telephone",
        "tel",
        "mobile",
        "phone number",
        "电话",
        "联系电话",
        "手机",
        "电话号码",
        "téléphone",
        "tél",
        "portable",
        "teléfono",
        "telefono",
        "móvil",
        "телефон",
        "тел",
        "الهاتف",
        "رقم الهاتف",
        "الجوال",
    ),
    "wechat": ("wechat", "weixin", "微信", "微信号"),
    "whatsapp": ("whatsapp", "whats app", "瓦次普"),
    "categories": (
        "categories",
        "category",
        "products",
        "product",
        "main products",
        "产品",
        "主要产品",
        "产品类别",
        "经营范围",
        "produits",
        "catégorie",
        "productos",
        "categoría",
        "продукция",
        "товары",
        "категория",
        "المنتجات",
        "الفئة",
    ),
    "language": ("language", "语言", "langue", "idioma", "язык", "اللغة"),
}
FIELDS: tuple[str, ...] = tuple(FIELD_SYNONYMS)
REQUIRED_FIELDS = ("name", "country")
# A header this close to a synonym (rapidfuzz WRatio, 0–100) is proposed for its field.
FUZZY_HEADER_CUTOFF = 88


def header_key(value: str) -> str:
    """'  E-Mail: ' → 'e-mail'; NFKC folds full-width forms (ＥＭＡＩＬ) too."""
    text = unicodedata.normalize("NFKC", value).casefold()
    text = "".join(char if char.isalnum() or char in "-' " else " " for char in text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _synonym_index() -> dict[str, str]:
    return {header_key(word): name for name, words in FIELD_SYNONYMS.items() for word in words}


def mapping_propose(*, header: list[str]) -> dict[str, str]:
    """Column index (as text) → field, for the header cells that name a known field.

    Exact synonyms win; then the closest synonym above ``FUZZY_HEADER_CUTOFF``. A field is
    proposed for one column only (the first).
    """
    index = _synonym_index()
    keys = list(index)
    proposed: dict[str, str] = {}
    taken: set[str] = set()
    for position, cell in enumerate(header):
        key = header_key(cell)
        if not key:
            continue
        field = index.get(key)
        if field is None and len(key) > 2:
            best = process.extractOne(key, keys, scorer=fuzz.WRatio, score_cutoff=FUZZY_HEADER_CUTOFF)
            field = index[best[0]] if best else None
        if field is not None and field not in taken:
            proposed[str(position)] = field
            taken.add(field)
    return proposed


# Languages whose country names staff may type, with pycountry's gettext locale for each.
COUNTRY_NAME_LOCALES = {"en": None, "zh": "zh_CN", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar"}
# Short names people write that pycountry's official or common names do not cover.
COUNTRY_ALIASES = {
    "uk": "GB",
    "england": "GB",
    "great britain": "GB",
    "usa": "US",
    "america": "US",
    "prc": "CN",
    "中國": "CN",
    "中国大陆": "CN",
    "russia": "RU",
    "россия": "RU",
    "рф": "RU",
    "russie": "RU",
    "rusia": "RU",
    "السعودية": "SA",
    "saudi": "SA",
    "ksa": "SA",
    "الإمارات": "AE",
    "uae": "AE",
    "emirates": "AE",
    "turkey": "TR",
    "türkiye": "TR",
    "turquie": "TR",
    "turquía": "TR",
    "vietnam": "VN",
    "south korea": "KR",
    "korea": "KR",
    "韩国": "KR",
    "iran": "IR",
    "syria": "SY",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "czech republic": "CZ",
    "czechia": "CZ",
    "taiwan": "TW",
    "台湾": "TW",
    "hong kong": "HK",
    "香港": "HK",
    "macau": "MO",
    "澳门": "MO",
    "俄罗斯": "RU",
    "美国": "US",
    "英国": "GB",
    "法国": "FR",
    "德国": "DE",
    "西班牙": "ES",
    "意大利": "IT",
    "日本": "JP",
    "印度": "IN",
    "沙特": "SA",
    "沙特阿拉伯": "SA",
    "阿联酋": "AE",
    "越南": "VN",
    "马来西亚": "MY",
    "土耳其": "TR",
    "巴基斯坦": "PK",
    "埃及": "EG",
    "墨西哥": "MX",
    "秘鲁": "PE",
    "哥伦比亚": "CO",
    "巴西": "BR",
    "الصين": "CN",
    "روسيا": "RU",
    "فرنسا": "FR",
    "أمريكا": "US",
    "الولايات المتحدة": "US",
}


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for locale in COUNTRY_NAME_LOCALES.values():
        translation = (
            gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)
            if locale
            else gettext.NullTranslations()
        )
        for country in pycountry.countries:
            names = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
            for name in names:
                if name:
                    index.setdefault(header_key(translation.gettext(name)), country.alpha_2)
    for country in pycountry.countries:
        index.setdefault(country.alpha_2.casefold(), country.alpha_2)
        index.setdefault(country.alpha_3.casefold(), country.alpha_2)
    index.update({header_key(alias): code for alias, code in COUNTRY_ALIASES.items()})
    return index


def country_code(value: str) -> str | None:
    """'CN', 'CHN', 'China', '中国', 'Chine', 'Китай', 'الصين' → 'CN'; None when unknown."""
    return _country_index().get(header_key(value))
