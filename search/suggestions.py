"""Suggestion texts kept apart from the documents that carry them.

A product document lists its suggestion texts (``suggest``: its names, then its category's names)
and their keys (``suggest_keys``); each distinct text is one document of PRODUCT_SUGGESTIONS under
its key. Thousands of products share a category's names, and many share a name: the engine
analyses each text once instead of once per product. A suggestion is then two small searches:
the texts that start like the prefix, then the products that carry the best of them.
"""

import functools
import hashlib
from collections.abc import Iterable
from typing import Any

from search.hashing import MAX_INDEXED_CHARS


# Most of a product's texts are its category's names, which every product of the category repeats.
@functools.lru_cache(maxsize=65536)
def suggestion_key(text: str) -> str:
    """The id of ``text``'s suggestion document (and the term products carry for it)."""
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def suggestion_fields(texts: Iterable[str]) -> dict[str, Any]:
    """The ``suggest`` and ``suggest_keys`` fields of a document with these suggestion texts
    (deduplicated, in order; cut as every indexed string is, so the key is the stored text's)."""
    distinct = list(dict.fromkeys(text[:MAX_INDEXED_CHARS] for text in texts if text))
    return {"suggest": distinct, "suggest_keys": [suggestion_key(text) for text in distinct]}


def suggestion_documents(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The suggestion documents of ``document``'s texts, by key."""
    texts: list[str] = document.get("suggest") or []
    keys: list[str] = document.get("suggest_keys") or []
    return {key: {"text": text} for key, text in zip(keys, texts, strict=True)}
