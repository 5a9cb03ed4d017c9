"""What every search document has: bounded strings and a content hash.

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
    body = {key: value for key, value in document.items() if key != "content_hash"}
    encoded = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]


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
    document = _bounded(document)
    document["content_hash"] = content_hash(document)
    return document
