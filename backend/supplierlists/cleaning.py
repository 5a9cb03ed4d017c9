"""Turning a mapped row of a supplier list into clean values, with errors by field.

Errors are Django ValidationErrors with a code and parameters, like the request import's.
"""

import re
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from core.validators import UI_LANGUAGES, coded_error, validate_uscc
from supplierlists.columns import FIELDS, country_code

# No cell of a supplier list needs more than this; longer ones are refused with the row.
MAX_CELL_CHARS = 1000
FIELD_MAX_CHARS = {
    "name": 255,
    "name_en": 255,
    "name_zh": 255,
    "city": 128,
    "address": 512,
    "registration_id": 64,
    "website": 200,
    "contact_name": 255,
    "wechat": 64,
    "whatsapp": 32,
}
PHONE_MAX_CHARS = 32
PHONE_MIN_DIGITS = 6
MAX_CATEGORIES = 20
CATEGORY_MAX_CHARS = 100
MULTI_SEPARATORS = re.compile(r"[;,，；、/|\n]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
ARABIC = re.compile(r"[\u0600-\u06ff]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# The language to write to an organisation in, when the list does not say.
COUNTRY_LANGUAGES = {
    **dict.fromkeys(("CN", "TW", "HK", "MO", "SG"), "zh"),
    **dict.fromkeys(("FR", "BE", "LU", "MC", "SN", "CI", "CM", "MA", "TN", "DZ", "ML", "NE", "BF"), "fr"),
    **dict.fromkeys(("ES", "MX", "AR", "CO", "PE", "CL", "VE", "EC", "BO", "UY", "PY", "CU", "GT"), "es"),
    **dict.fromkeys(("RU", "BY", "KZ", "KG", "TJ", "UZ"), "ru"),
    **dict.fromkeys(
        ("SA", "AE", "EG", "IQ", "JO", "KW", "QA", "BH", "OM", "LB", "SY", "YE", "LY", "SD"), "ar"
    ),
}


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number or an id typed into a number cell
    text = unicodedata.normalize("NFC", str(value)).strip()
    return "".join(char for char in text if char.isprintable() or char == "\n")


def script_language(text: str) -> str | None:
    if HAN.search(text):
        return "zh"
    if CYRILLIC.search(text):
        return "ru"
    if ARABIC.search(text):
        return "ar"
    return None


Errors = dict[str, list[ValidationError]]


def _add(errors: Errors, field: str, error: ValidationError) -> None:
    errors.setdefault(field, []).append(error)


def _raw_values(cells: dict[str, Any], mapping: dict[str, str], errors: Errors) -> dict[str, str]:
    raw: dict[str, str] = {}
    for column, field in mapping.items():
        if field not in FIELDS or column not in cells:
            continue
        text = _text(cells[column])
        limit = FIELD_MAX_CHARS.get(field, MAX_CELL_CHARS)
        if len(text) > limit:
            message = "At most %(max)s characters; this has %(length)s."
            _add(errors, field, coded_error(message, "too_long", max=limit, length=len(text)))
        elif text:
            raw[field] = text
    return raw


def _language(raw: dict[str, str], errors: Errors) -> str:
    language = raw.get("language", "").casefold()[:8]
    if language and language not in UI_LANGUAGES:
        message = "%(value)s is not one of %(languages)s."
        _add(
            errors,
            "language",
            coded_error(message, "invalid_language", value=language, languages=", ".join(UI_LANGUAGES)),
        )
        return ""
    return language


def _names(raw: dict[str, str], language: str, errors: Errors) -> dict[str, str]:
    names: dict[str, str] = {}
    if raw.get("name_zh"):
        names["zh"] = raw["name_zh"]
    if raw.get("name_en"):
        names["en"] = raw["name_en"]
    if raw.get("name"):
        tag = script_language(raw["name"]) or (language if language in ("fr", "es") else "en")
        names.setdefault(tag, raw["name"])
    if not names and "name" not in errors:
        _add(errors, "name", coded_error("Give the company's name.", "required"))
    return names


def _country(raw: dict[str, str], errors: Errors) -> str:
    if not raw.get("country"):
        if "country" not in errors:
            _add(errors, "country", coded_error("Give the country.", "required"))
        return ""
    country = country_code(raw["country"]) or ""
    if not country:
        message = "“%(value)s” is not a country we know; use a name or an ISO code (CN, FR)."
        _add(errors, "country", coded_error(message, "invalid_country", value=raw["country"]))
    return country


def _registration_id(raw: dict[str, str], country: str, errors: Errors) -> str:
    registration_id = re.sub(r"\s+", "", raw.get("registration_id", "")).upper()
    if registration_id and country == "CN":
        try:
            validate_uscc(registration_id)
        except ValidationError as exc:
            errors.setdefault("registration_id", []).extend(exc.error_list)
    return registration_id


def _website(raw: dict[str, str], errors: Errors) -> str:
    website = raw.get("website", "")
    if not website:
        return ""
    if "//" not in website:
        website = f"http://{website}"
    try:
        URLValidator()(website)
    except ValidationError:
        _add(
            errors,
            "website",
            coded_error("“%(value)s” is not a web address.", "invalid_url", value=raw["website"]),
        )
        return ""
    return website


def _emails(raw: dict[str, str], errors: Errors) -> list[str]:
    emails: list[str] = []
    for part in MULTI_SEPARATORS.split(raw.get("email", "")):
        email = part.strip().casefold()
        if not email:
            continue
        try:
            EmailValidator()(email)
        except ValidationError:
            message = "“%(value)s” is not an e-mail address."
            _add(errors, "email", coded_error(message, "invalid_email", value=part.strip()))
            continue
        emails.append(email)
    return emails


def _phones(raw: dict[str, str], errors: Errors) -> list[str]:
    phones: list[str] = []
    for part in MULTI_SEPARATORS.split(raw.get("phone", "")):
        phone = part.strip()
        if not phone:
            continue
        if len(phone) > PHONE_MAX_CHARS or len(re.findall(r"\d", phone)) < PHONE_MIN_DIGITS:
            _add(
                errors,
                "phone",
                coded_error("“%(value)s” is not a phone number.", "invalid_phone", value=phone[:40]),
            )
            continue
        phones.append(phone)
    return phones


def _categories(raw: dict[str, str], errors: Errors) -> list[str]:
    categories = [part.strip() for part in MULTI_SEPARATORS.split(raw.get("categories", "")) if part.strip()]
    if len(categories) > MAX_CATEGORIES or any(len(item) > CATEGORY_MAX_CHARS for item in categories):
        message = "At most %(max)s categories of %(chars)s characters each."
        _add(
            errors,
            "categories",
            coded_error(message, "too_many", max=MAX_CATEGORIES, chars=CATEGORY_MAX_CHARS),
        )
        return []
    return categories


def row_clean(*, cells: dict[str, Any], mapping: dict[str, str]) -> tuple[dict[str, Any], Errors]:
    """The row's values by field and its errors by field (empty when the row is good)."""
    errors: Errors = {}
    raw = _raw_values(cells, mapping, errors)
    language = _language(raw, errors)
    names = _names(raw, language, errors)
    country = _country(raw, errors)
    detected = next((tag for name in names.values() if (tag := script_language(name))), None)
    data = {
        "name": names.get("en") or next(iter(names.values()), ""),
        "legal_names": names,
        "aliases": list(dict.fromkeys(raw[key] for key in ("name", "name_en", "name_zh") if raw.get(key))),
        "country": country,
        "city": raw.get("city", ""),
        "address": raw.get("address", ""),
        "registration_id": _registration_id(raw, country, errors),
        "website": _website(raw, errors),
        "contact_name": raw.get("contact_name", ""),
        "emails": _emails(raw, errors),
        "phones": _phones(raw, errors),
        "wechat": raw.get("wechat", ""),
        "whatsapp": raw.get("whatsapp", ""),
        "categories": _categories(raw, errors),
        "language": language or detected or COUNTRY_LANGUAGES.get(country, "en"),
    }
    return data, errors
