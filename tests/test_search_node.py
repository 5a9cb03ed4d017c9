"""The local OpenSearch node: analysis-common analyzers and the percolator, for real."""

import pytest

from search import engine
from search.indexes import IndexDefinition

pytestmark = pytest.mark.search

PROBE_INDEX = IndexDefinition(
    name="node-probe",
    version=1,
    analysis={
        "analyzer": {
            "cjk": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["cjk_width", "lowercase", "cjk_bigram"],
            },
            "english_stemmed": {"type": "english"},
        }
    },
    mappings={
        "properties": {
            "name_zh": {"type": "text", "analyzer": "cjk"},
            "name_en": {"type": "text", "analyzer": "english_stemmed"},
            "query": {"type": "percolator"},
        }
    },
)


def test_node_answers_with_the_pinned_version(search_prefix: str) -> None:
    health = engine.health()

    assert health["status"] in {"green", "yellow"}
    assert health["number_of_nodes"] == 1


def test_cjk_bigram_and_english_stemming_and_percolator(search_prefix: str) -> None:
    alias = engine.ensure_index(PROBE_INDEX)
    engine.index_document(alias, "p1", {"name_zh": "医用外科口罩", "name_en": "Surgical masks"})
    engine.index_document(alias, "p2", {"name_zh": "一次性医用手套", "name_en": "Disposable gloves"})
    engine.index_document(alias, "q-masks", {"query": {"match": {"name_en": "mask"}}})
    engine.index_document(alias, "q-gloves", {"query": {"match": {"name_zh": "手套"}}})
    engine.refresh(alias)

    by_bigram = engine.search(alias, {"query": {"match_phrase": {"name_zh": "外科口罩"}}})
    by_stem = engine.search(alias, {"query": {"match": {"name_en": "mask"}}})
    percolated = engine.percolate(alias, "query", {"name_zh": "丁腈手套", "name_en": "nitrile gloves"})

    assert [hit["_id"] for hit in by_bigram["hits"]["hits"]] == ["p1"]
    assert [hit["_id"] for hit in by_stem["hits"]["hits"]] == ["p1"]
    assert [hit["_id"] for hit in percolated["hits"]["hits"]] == ["q-gloves"]


def test_alias_swap_moves_reads_to_the_new_version(search_prefix: str) -> None:
    alias = engine.ensure_index(PROBE_INDEX)
    engine.index_document(alias, "old", {"name_en": "old generation"}, refresh_now=True)
    new_index = engine.create_index(PROBE_INDEX, version=2)
    engine.index_document(new_index, "new", {"name_en": "new generation"}, refresh_now=True)

    left = engine.swap_alias(PROBE_INDEX, new_index)
    hits = engine.search(alias, {"query": {"match_all": {}}})["hits"]["hits"]

    assert left == [PROBE_INDEX.physical_name(1)]
    assert [hit["_id"] for hit in hits] == ["new"]


def test_ensure_index_accepts_an_index_its_retried_create_already_made(
    search_prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With several hosts the client retries a create that timed out on another node; the first
    # attempt had made the index, so the retry meets "already exists". Seen from ensure_index:
    # `exists` said no, then `create` is refused by the real node because the index is there.
    definition = IndexDefinition(
        name="node-probe-retried", version=1, mappings=PROBE_INDEX.mappings, analysis=PROBE_INDEX.analysis
    )
    made = engine.create_index(definition)
    client = engine.get_client()
    monkeypatch.setattr(client.indices, "exists", lambda **_kwargs: False)

    alias = engine.ensure_index(definition)

    assert engine.alias_targets(alias) == [made]
