"""A request's single values coerced from what arrives: JSON types from the API, cells from
spreadsheets. Each raises a ValidationError with the code the API and the import report.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.validators import DecimalValidator, MaxLengthValidator, ProhibitNullCharactersValidator

from core.validators import (
    MAX_TEXT_LENGTH,
    coded_error,
    normalize_code,
    normalize_language_tag,
)

TEXT_LIMITS = {"title": 255, "description": MAX_TEXT_LENGTH, "language": 8, "end_user": 255, "unit": 32}


MAX_QUANTITY = 2_147_483_647  # PositiveIntegerField on PostgreSQL
PRICE_DIGITS = DecimalValidator(max_digits=14, decimal_places=4)
INTEGER_TEXT = re.compile(r"^[+-]?\d+$")
DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def to_text(value: object, *, max_length: int | None, multiline: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a text column of a workbook
    text = " ".join(str(value).split()) if max_length and not multiline else str(value).strip()
    ProhibitNullCharactersValidator()(text)
    if max_length is not None:
        MaxLengthValidator(max_length)(text)
    return text


def to_quantity(value: object) -> int:
    invalid = coded_error(
        "Give the quantity as a whole number, e.g. 5000; “%(value)s” is not.", "invalid", value=value
    )
    if isinstance(value, bool):
        raise invalid
    if isinstance(value, int):
        number = value
    elif isinstance(value, float | Decimal):
        try:
            number = int(value)
        except (ValueError, OverflowError, InvalidOperation) as exc:
            raise invalid from exc
        if number != value:
            raise invalid
    elif isinstance(value, str) and INTEGER_TEXT.match(value.strip()):
        number = int(value.strip())
    else:
        raise invalid
    if number < 1:
        raise coded_error("The quantity must be at least 1.", "min_value", limit_value=1)
    if number > MAX_QUANTITY:
        raise coded_error(
            "The quantity must be at most %(limit_value)s.", "max_value", limit_value=MAX_QUANTITY
        )
    return number


def to_price(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise coded_error("Give the price as a number, e.g. 0.12.", "invalid")
    try:
        price = Decimal(str(value).strip()) if isinstance(value, str | int | float | Decimal) else None
    except InvalidOperation:
        price = None
    if price is None or not price.is_finite():
        raise coded_error(
            "Give the price as a number, e.g. 0.12; “%(value)s” is not.", "invalid", value=value
        )
    if price <= 0:
        raise coded_error("The target unit price must be greater than 0.", "min_value", limit_value=0)
    # 0.12000 is 0.12: trailing zeros do not count against the four decimal places.
    price = price.normalize()
    PRICE_DIGITS(price)
    return price


def to_date(value: object) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and DATE_TEXT.match(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise coded_error(
        "Give the date as YYYY-MM-DD, e.g. 2020-04-30; “%(value)s” is not.", "invalid", value=value
    )


def to_code(value: object) -> str:
    return str(normalize_code(to_text(value, max_length=None)))


def to_language(value: object) -> str:
    return str(normalize_language_tag(to_text(value, max_length=TEXT_LIMITS["language"])))


def hs_key(code: str) -> str:
    """'6307.90', '6307.9' and '630790' are one HS code; a workbook may store it as a number."""
    return re.sub(r"\D", "", code).rstrip("0")
