"""with_hash: strings cut to the bound, and a hash that depends on the content alone."""

import hashlib
import json
from typing import Any

from search.hashing import MAX_INDEXED_CHARS, content_hash, with_hash


def _hash_as_before(document: dict[str, Any]) -> str:
    """The encoding every index built so far was hashed with (it must not change: a changed hash
    marks every indexed document as drifted)."""
    body = {key: value for key, value in document.items() if key != "content_hash"}
    encoded = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]


def test_a_short_document_keeps_its_values_and_is_hashed_as_before() -> None:
    document = {"name_zh": "口罩", "standards": ["EN 14683"], "certificates": [{"markets": ["EU"]}], "id": 7}
    hashed = with_hash(dict(document))
    assert {key: value for key, value in hashed.items() if key != "content_hash"} == document
    assert hashed["content_hash"] == _hash_as_before(document) == content_hash(hashed)


def test_a_string_over_the_bound_is_cut_wherever_it_sits_and_the_hash_is_of_what_is_indexed() -> None:
    long = "x" * (MAX_INDEXED_CHARS + 500)
    hashed = with_hash({"description_en": long, "certificates": [{"standards": [long]}], "id": 1})
    assert hashed["description_en"] == "x" * MAX_INDEXED_CHARS
    assert hashed["certificates"][0]["standards"][0] == "x" * MAX_INDEXED_CHARS
    assert hashed["content_hash"] == _hash_as_before(hashed)


def test_many_short_strings_over_the_bound_together_are_not_cut() -> None:
    values = ["y" * 100] * (MAX_INDEXED_CHARS // 50)  # encoding far over the bound, no string over it
    hashed = with_hash({"ports": values})
    assert hashed["ports"] == values
    assert hashed["content_hash"] == _hash_as_before({"ports": values})


def test_an_old_hash_is_replaced_not_hashed() -> None:
    hashed = with_hash({"id": 3, "content_hash": "stale"})
    assert hashed["content_hash"] == _hash_as_before({"id": 3}) != "stale"
