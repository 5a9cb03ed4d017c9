"""Analyzers for the six platform languages, shared by every index.

Language fields are named ``<field>_<lang>``; text in any other language (or
with no tag) goes to ``<field>_other``, analysed by ``text_any``.
"""

from typing import Any

LANGUAGES = ("en", "zh", "fr", "es", "ru", "ar")

# Stop words are dropped at index and query time alike, so "gants d'examen en nitrile",
# "guantes de nitrilo" and "антисептик для рук" need only their content words to match
# (the query asks for most of the words, see search.queries). "ё" is folded to "е" as
# Russian writers mostly omit its dots.
ANALYSIS: dict[str, Any] = {
    "char_filter": {"russian_yo": {"type": "mapping", "mappings": ["ё => е", "Ё => Е"]}},
    "filter": {
        "english_stop": {"type": "stop", "stopwords": "_english_"},
        "french_stop": {"type": "stop", "stopwords": "_french_"},
        "spanish_stop": {"type": "stop", "stopwords": "_spanish_"},
        "russian_stop": {"type": "stop", "stopwords": "_russian_"},
        "arabic_stop": {"type": "stop", "stopwords": "_arabic_"},
        "english_possessive": {"type": "stemmer", "language": "possessive_english"},
        "english_stemmer": {"type": "stemmer", "language": "english"},
        "french_elision": {
            "type": "elision",
            "articles_case": True,
            "articles": ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
        },
        "french_stemmer": {"type": "stemmer", "language": "light_french"},
        "spanish_stemmer": {"type": "stemmer", "language": "light_spanish"},
        "russian_stemmer": {"type": "stemmer", "language": "russian"},
        "arabic_stemmer": {"type": "stemmer", "language": "arabic"},
    },
    "analyzer": {
        "text_en": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["english_possessive", "lowercase", "english_stop", "asciifolding", "english_stemmer"],
        },
        "text_fr": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["french_elision", "lowercase", "french_stop", "asciifolding", "french_stemmer"],
        },
        "text_es": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "spanish_stop", "asciifolding", "spanish_stemmer"],
        },
        "text_ru": {
            "type": "custom",
            "char_filter": ["russian_yo"],
            "tokenizer": "standard",
            "filter": ["lowercase", "russian_stop", "russian_stemmer"],
        },
        "text_ar": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "decimal_digit", "arabic_stop", "arabic_normalization", "arabic_stemmer"],
        },
        # CJK text: the standard tokenizer splits ideographs; cjk_bigram pairs them.
        "text_zh": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["cjk_width", "lowercase", "cjk_bigram"],
        },
        "text_any": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["cjk_width", "lowercase", "asciifolding", "cjk_bigram"],
        },
        "pinyin": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
    },
    "normalizer": {"lowercase": {"type": "custom", "filter": ["lowercase", "asciifolding"]}},
}


def language_fields(prefix: str) -> dict[str, Any]:
    """Mappings for ``<prefix>_<lang>`` and ``<prefix>_other``, each copied into ``all_text``."""
    fields: dict[str, Any] = {
        f"{prefix}_{lang}": {"type": "text", "analyzer": f"text_{lang}", "copy_to": "all_text"}
        for lang in LANGUAGES
    }
    fields[f"{prefix}_other"] = {"type": "text", "analyzer": "text_any", "copy_to": "all_text"}
    return fields


def language_key(tag: str) -> str:
    """Map a language tag (``zh-Hant``, ``en-GB``, ``pt``) to a field suffix."""
    base = tag.split("-")[0].lower()
    return base if base in LANGUAGES else "other"


def split_by_language(texts: dict[str, str], prefix: str) -> dict[str, str]:
    """``{"zh": "口罩", "pt": "máscara"}`` → ``{"name_zh": "口罩", "name_other": "máscara"}``."""
    fields: dict[str, list[str]] = {}
    for tag, text in texts.items():
        if text:
            fields.setdefault(f"{prefix}_{language_key(tag)}", []).append(str(text))
    return {key: "\n".join(values) for key, values in fields.items()}


def language_query_fields(prefix: str, boost: float = 1.0) -> list[str]:
    suffix = f"^{boost:g}" if boost != 1.0 else ""
    return [f"{prefix}_{lang}{suffix}" for lang in (*LANGUAGES, "other")]
