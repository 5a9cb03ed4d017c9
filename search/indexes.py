"""Index definitions: versioned physical names behind a stable alias.

The application reads and writes only through ``alias``; a rebuild creates
``physical_name(version+1)`` and swaps the alias atomically.
"""

from dataclasses import dataclass, field
from typing import Any

from search.analysis import ANALYSIS, language_fields
from search.config import SearchConfig, current_config


@dataclass(frozen=True)
class IndexDefinition:
    name: str
    version: int
    mappings: dict[str, Any]
    analysis: dict[str, Any] = field(default_factory=dict)

    def alias(self, config: SearchConfig | None = None) -> str:
        config = config or current_config()
        return f"{config.index_prefix}{self.name}"

    def physical_name(self, version: int | None = None, config: SearchConfig | None = None) -> str:
        return f"{self.alias(config)}-v{version if version is not None else self.version}"

    def body(self, config: SearchConfig | None = None) -> dict[str, Any]:
        config = config or current_config()
        index_settings: dict[str, Any] = {
            "number_of_shards": config.number_of_shards,
            "number_of_replicas": config.number_of_replicas,
        }
        if self.analysis:
            index_settings["analysis"] = self.analysis
        return {"settings": {"index": index_settings}, "mappings": self.mappings}


_KEYWORD = {"type": "keyword"}
_INTEGER = {"type": "integer"}
_PRICE = {"type": "scaled_float", "scaling_factor": 10000}
_HASH = {"type": "keyword", "index": False, "doc_values": False}
# Indexing cost (node CPU per product document, measured on prebuilt documents, see
# benchmarks/bench_indexing.py): a search-as-you-type field was about two thirds of it (its
# shingles and the edge n-grams of its 3-word shingles) while it sat in every product document,
# ``all_text`` a good part of the rest. Neither is ever searched by position (suggestions are
# ``bool_prefix``, ``all_text`` serves the word-by-word typo clause), so both keep term
# frequencies (scores unchanged) but no positions, which Lucene no longer has to write.
_SUGGEST = {
    "type": "search_as_you_type",
    "analyzer": "text_any",
    "max_shingle_size": 3,
    "index_options": "freqs",
}
_ALL_TEXT = {"type": "text", "analyzer": "text_any", "index_options": "freqs"}
# Kept in the source only (a label to show), never analysed.
_STORED_TEXT = {"type": "keyword", "index": False, "doc_values": False}

PRODUCTS = IndexDefinition(
    name="products",
    version=3,
    analysis=ANALYSIS,
    mappings={
        "dynamic": "strict",
        "properties": {
            "id": {"type": "long"},
            "all_text": _ALL_TEXT,
            **language_fields("name"),
            **language_fields("description"),
            **language_fields("category_terms"),
            "model_number": {"type": "keyword", "normalizer": "lowercase", "copy_to": "all_text"},
            "vendor_id": {"type": "long"},
            "vendor_name": {"type": "text", "analyzer": "text_any", "fields": {"raw": _KEYWORD}},
            "vendor_pinyin": {"type": "text", "analyzer": "pinyin"},
            "vendor_country": _KEYWORD,
            "vendor_city": _KEYWORD,
            "vendor_verified": {"type": "boolean"},
            "vendor_matchable": {"type": "boolean"},
            "category_id": {"type": "long"},
            "category_slug": _KEYWORD,
            "hs_code": _KEYWORD,
            "hs_heading": _KEYWORD,
            "standards": {"type": "keyword", "copy_to": "all_text"},
            "certificate_markets": _KEYWORD,
            "certificates": {
                "type": "nested",
                "properties": {
                    "markets": _KEYWORD,
                    "standards": _KEYWORD,
                    "valid_from": {"type": "date"},
                    "valid_until": {"type": "date"},
                },
            },
            "min_order_quantity": _INTEGER,
            "capacity_per_day": _INTEGER,
            "stock": _INTEGER,
            "lead_time_days": _INTEGER,
            "price_min": _PRICE,
            "price_max": _PRICE,
            "currency": _KEYWORD,
            "incoterms": _KEYWORD,
            "origin_country": _KEYWORD,
            "ports": _KEYWORD,
            "status": _KEYWORD,
            "created_at": {"type": "date"},
            "updated_at": {"type": "date"},
            # The product's suggestion texts (its names first, then its category's), and their
            # keys in PRODUCT_SUGGESTIONS: the texts are analysed once there, not in every product.
            "suggest": _STORED_TEXT,
            "suggest_keys": {"type": "keyword", "doc_values": False},
            "content_hash": _HASH,
        },
    },
)

# Product suggestions: one document per distinct text (a product name, a category name), under
# ``search.suggestions.suggestion_key(text)``. A rebuild of PRODUCTS builds it too; product writes
# add the texts they bring. A text no product carries any more finds no product (the second step
# of a suggestion looks products up by key), and is gone after the next rebuild.
PRODUCT_SUGGESTIONS = IndexDefinition(
    name="suggestions",
    version=1,
    analysis=ANALYSIS,
    mappings={"dynamic": "strict", "properties": {"text": _SUGGEST}},
)

SUPPLIERS = IndexDefinition(
    name="suppliers",
    version=2,
    analysis=ANALYSIS,
    mappings={
        "dynamic": "strict",
        "properties": {
            "id": {"type": "long"},
            "all_text": _ALL_TEXT,
            "name": {
                "type": "text",
                "analyzer": "text_any",
                "copy_to": "all_text",
                "fields": {"raw": _KEYWORD},
            },
            **language_fields("legal_name"),
            **language_fields("category_terms"),
            "pinyin": {"type": "text", "analyzer": "pinyin"},
            "description": {"type": "text", "analyzer": "text_any", "copy_to": "all_text"},
            "country": _KEYWORD,
            "city": _KEYWORD,
            "category_slugs": _KEYWORD,
            "hs_headings": _KEYWORD,
            "standards": _KEYWORD,
            "certificate_markets": _KEYWORD,
            "product_count": _INTEGER,
            "capacity_per_day_max": _INTEGER,
            "verified_at": {"type": "date"},
            "suggest": _SUGGEST,
            "content_hash": _HASH,
        },
    },
)

REQUESTS = IndexDefinition(
    name="requests",
    version=1,
    analysis=ANALYSIS,
    mappings={
        "dynamic": "strict",
        "properties": {
            "id": {"type": "long"},
            "all_text": _ALL_TEXT,
            **language_fields("title"),
            **language_fields("description"),
            "buyer_id": {"type": "long"},
            "buyer_country": _KEYWORD,
            "status": _KEYWORD,
            "category_id": {"type": "long"},
            "category_slug": _KEYWORD,
            "hs_code": _KEYWORD,
            "destination_country": _KEYWORD,
            "quantity": {"type": "long"},
            "needed_by": {"type": "date"},
            "required_standards": _KEYWORD,
            "target_unit_price": _PRICE,
            "currency": _KEYWORD,
            "created_at": {"type": "date"},
            "content_hash": _HASH,
        },
    },
)

ALL_INDEXES = (PRODUCTS, SUPPLIERS, REQUESTS)

# Reverse matching: each open request stored as a percolator query over product
# documents. The mapping carries the product fields the stored queries refer to.
REQUEST_QUERIES = IndexDefinition(
    name="request-queries",
    version=1,
    analysis=ANALYSIS,
    mappings={
        "dynamic": "strict",
        "properties": {
            **PRODUCTS.mappings["properties"],
            "query": {"type": "percolator"},
            "request_id": {"type": "long"},
        },
    },
)
