"""Validators for identifiers and codes shared by several apps.

Each raises django.core.exceptions.ValidationError with a code, which the API
returns per field.
"""

import random
import re
import unicodedata

import pycountry
from django.core.exceptions import ValidationError

from search.analysis import LANGUAGES

# GB 32100-2015: the Unified Social Credit Code alphabet leaves out I, O, Z, S and V.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_PATTERN = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")

# The languages the platform is written in; content may be tagged with others.
# Text bounds, one place for the models, the serializers and the parsers (core.parsers).
MAX_NAME_LENGTH = 255
MAX_NOTE_LENGTH = 2000
MAX_TEXT_LENGTH = 5000
# No string in a request body may be longer, whatever its field (a catch-all above the field limits).
MAX_BODY_STRING_LENGTH = 20_000
MAX_LANGUAGES = 20
# Codes (country, currency, incoterm, standard) are checked by their validators; this only
# bounds the text, loosely, so a wrong code gets the validator's message.
CODE_MAX_LENGTH = 64

# The six languages of the platform, defined once where the engine defines an analyzer for each.
UI_LANGUAGES = LANGUAGES
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

# What a PostgreSQL integer column (PositiveIntegerField) and the index's "integer" fields hold,
# and what a BigAutoField primary key (and a "long" field) holds.
INTEGER_MAX = 2_147_483_647
ID_MAX = 2**63 - 1

INCOTERMS_2020 = ("EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF")


def coded_error(message: str, code: str, **params: object) -> ValidationError:
    """A ValidationError with its machine-readable code and the params its message names, as
    the services and parsers raise them per field."""
    return ValidationError(message, code=code, params=params or None)


def uscc_check_character(first17: str) -> str:
    """The 18th character of a Unified Social Credit Code for its first 17."""
    total = sum(
        USCC_ALPHABET.index(char) * weight for char, weight in zip(first17, USCC_WEIGHTS, strict=True)
    )
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_example(seed: int) -> str:
    """A syntactically valid Unified Social Credit Code for demo and test data (deterministic per seed)."""
    rng = random.Random(seed)  # noqa: S311  not security relevant
    body = "91" + f"{rng.randint(110000, 659999)}" + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    return body + uscc_check_character(body)


def validate_uscc(value: str) -> None:
    code = value.strip().upper()
    if len(code) != 18:
        raise ValidationError(
            "A Unified Social Credit Code has 18 characters; this one has %(length)s.",
            code="uscc_length",
            params={"length": len(code)},
        )
    if not USCC_PATTERN.match(code):
        raise ValidationError(
            "A Unified Social Credit Code uses digits and the letters A–Y without I, O, S, V and Z.",
            code="uscc_characters",
        )
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            "The check character of this Unified Social Credit Code is wrong (GB 32100): "
            "expected %(expected)s, got %(got)s.",
            code="uscc_checksum",
            params={"expected": expected, "got": code[17]},
        )


def normalize_code(value: object) -> object:
    """Country, currency and Incoterm codes as stored: trimmed and upper-case ("eur " → "EUR").

    Every write path (API bodies, spreadsheet cells) passes codes through this one function, so
    that "fr"/"eur" are accepted the same way everywhere; values that are not text are left for
    the validators to refuse.
    """
    return value.strip().upper() if isinstance(value, str) else value


def normalize_language_tag(value: object) -> object:
    """A language tag as stored: trimmed, primary subtag lower-case, "_" read as "-" ("FR" → "fr",
    "zh_Hant" → "zh-Hant"). Used wherever a language tag is written."""
    if not isinstance(value, str):
        return value
    primary, _sep, rest = value.strip().replace("_", "-").partition("-")
    return f"{primary.lower()}-{rest}" if rest else primary.lower()


def normalize_language_map(value: object) -> object:
    """A language map with its tags normalised (see normalize_language_tag); other values as given."""
    if not isinstance(value, dict):
        return value
    return {normalize_language_tag(tag): text for tag, text in value.items()}


def validate_country(value: str) -> None:
    if not value or pycountry.countries.get(alpha_2=value.upper()) is None or value != value.upper():
        raise ValidationError(
            "%(value)s is not an ISO 3166-1 alpha-2 country code (e.g. CN, FR, US).",
            code="invalid_country",
            params={"value": value},
        )


def validate_currency(value: str) -> None:
    if not value or pycountry.currencies.get(alpha_3=value.upper()) is None or value != value.upper():
        raise ValidationError(
            "%(value)s is not an ISO 4217 currency code (e.g. USD, EUR, CNY).",
            code="invalid_currency",
            params={"value": value},
        )


def validate_incoterm(value: str) -> None:
    if value not in INCOTERMS_2020:
        raise ValidationError(
            "%(value)s is not an Incoterms 2020 rule (%(rules)s).",
            code="invalid_incoterm",
            params={"value": value, "rules": ", ".join(INCOTERMS_2020)},
        )


def validate_language_map(value: object) -> None:
    """A JSON object mapping language tags (en, zh, fr, zh-Hant …) to non-empty text."""
    if not isinstance(value, dict):
        raise ValidationError("Expected an object of language tag to text.", code="invalid_language_map")
    if len(value) > MAX_LANGUAGES:
        raise ValidationError(
            "Give the text in at most %(max)s languages.",
            code="too_many_languages",
            params={"max": MAX_LANGUAGES},
        )
    for tag, text in value.items():
        if not isinstance(tag, str) or not LANGUAGE_TAG.match(tag):
            raise ValidationError(
                "%(tag)s is not a language tag (e.g. en, zh, fr, es, ru, ar).",
                code="invalid_language",
                params={"tag": tag},
            )
        if not isinstance(text, str) or not text.strip():
            raise ValidationError(
                "The text for %(tag)s is empty.", code="empty_translation", params={"tag": tag}
            )
        if len(text) > MAX_TEXT_LENGTH:
            raise ValidationError(
                "The text for %(tag)s has more than %(max)s characters.",
                code="max_length",
                params={"tag": tag, "max": MAX_TEXT_LENGTH},
            )


def validate_language_map_required(value: object) -> None:
    """A map of names: at least one, each at most MAX_NAME_LENGTH characters."""
    validate_language_map(value)
    if not value:
        raise ValidationError("Give the text in at least one language.", code="required")
    assert isinstance(value, dict)
    for tag, text in value.items():
        if len(text) > MAX_NAME_LENGTH:
            raise ValidationError(
                "The name for %(tag)s has more than %(max)s characters.",
                code="max_length",
                params={"tag": tag, "max": MAX_NAME_LENGTH},
            )


# Characters that make one name look like another or reorder what is shown: controls (Cc),
# format characters (Cf: bidi overrides and isolates, zero-width space/joiners, BOM), and
# unassigned, private-use and surrogate code points.
_SPOOFING_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs"})


def identity_text(value: str) -> str:
    """The NFKC form of a name (person, organisation, contact), whitespace collapsed.

    Raises ValidationError (code ``invalid_characters``) for control, bidi-override,
    zero-width and other invisible characters, which can spoof a supplier's name.
    """
    normalized = " ".join(unicodedata.normalize("NFKC", value).split())
    bad = sorted(
        {f"U+{ord(char):04X}" for char in normalized if unicodedata.category(char) in _SPOOFING_CATEGORIES}
    )
    if bad:
        raise ValidationError(
            "Names may not contain control, direction-override or invisible characters (%(chars)s).",
            code="invalid_characters",
            params={"chars": ", ".join(bad[:5])},
        )
    return normalized


def validate_identity_text(value: str) -> None:
    """Model validator: no control, direction-override or invisible characters (see identity_text)."""
    identity_text(value)
