"""What every search document carries: strings bounded to what the engine takes, and a content hash.

The builders (database rows -> documents) live beside their apps, one module per indexed entity
(``catalog.search_documents``, ``purchasing.search_documents``, ``matching.search_documents``).
Each ``*_documents`` function takes ids and returns ``{id: document}`` for the rows that belong
in the index; an id missing from the result means "delete".
"""

import hashlib
import json
from typing import Any


def content_hash(document: dict[str, Any]) -> str:
    """A stable hash of everything in the document but the hash itself."""
    return hashlib.sha256(_encode(_without_hash(document)).encode()).hexdigest()[:32]


def _without_hash(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "content_hash"}


def _encode(body: dict[str, Any]) -> str:
    return json.dumps(body, sort_keys=True, ensure_ascii=False, default=str)


# Every string a document carries is cut to this length. The API bounds what it accepts
# (core.validators), but a text that got in another way (admin, a script, an older row)
# must not make the engine refuse a document, or a highlight of it fail every search that
# finds it. 8,000 characters of 4-byte UTF-8 stay under a keyword term's 32,766 bytes.
MAX_INDEXED_CHARS = 8000


def _bounded(value: Any) -> Any:
    if isinstance(value, str):
        return value[:MAX_INDEXED_CHARS]
    if isinstance(value, list):
        return [_bounded(item) for item in value]
    if isinstance(value, dict):
        return {key: _bounded(item) for key, item in value.items()}
    return value


def with_hash(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with its strings bounded and its ``content_hash`` set (in place when nothing
    needed cutting, which is nearly always: the check costs one encoding, which the hash needs anyway)."""
    body = document if "content_hash" not in document else _without_hash(document)
    encoded = _encode(body)
    # Escapes only lengthen a string's encoding, so an encoding this short holds no string
    # longer than the bound: the walk over every value (once a third of the build) is skipped.
    if len(encoded) > MAX_INDEXED_CHARS:
        document = _bounded(body)
        encoded = _encode(document)
    elif body is not document:
        document = body
    document["content_hash"] = hashlib.sha256(encoded.encode()).hexdigest()[:32]
    return document
