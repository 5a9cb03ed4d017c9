"""Category inference: which taxonomy categories a buyer's free text is about.

Buyers and imported spreadsheets often give no category ("Urgent: 50 oxygen concentrators,
10 litre", "Нужны пульсоксиметры для больниц"). Every product document carries its
category's names and synonyms in six languages (``category_terms_<lang>``, each analysed in
its language: stemming, CJK bigrams, Arabic normalisation), so the engine can say which
category's terms the text matches best, in whatever language it is written. All documents of
one category carry the same terms, so the best score per category ranks the categories; the
ones close to the best (``CLOSE_TO_BEST``) are returned, best first.

The answer depends on the catalogue: a category no verified vendor lists is not inferred, which
is what matching needs (it could find no candidates there anyway).
"""

from dataclasses import dataclass

from search import engine
from search.analysis import language_query_fields
from search.indexes import PRODUCTS
from search.queries import PUBLIC_PRODUCTS, clip_query

INFER_FIELDS = language_query_fields("category_terms")
# How many product documents are looked at: enough to see every category the text touches.
INFER_HITS = 100
# Categories scoring at least this share of the best one are inferred together.
CLOSE_TO_BEST = 0.8
MAX_CATEGORIES = 3


@dataclass(frozen=True)
class CategoryGuess:
    slug: str
    score: float  # the engine's text score of the category's terms
    confidence: float  # score relative to the best guess (1.0 for the best)


def infer_categories(text: str, *, limit: int = MAX_CATEGORIES) -> list[CategoryGuess]:
    """The categories ``text`` most likely names, best first (empty when nothing matches).

    Raises SearchUnavailable if the engine is down.
    """
    text = clip_query(" ".join(text.split()))
    if not text:
        return []
    body = {
        "size": INFER_HITS,
        "query": {
            "bool": {
                "must": {
                    "multi_match": {
                        "query": text,
                        "fields": INFER_FIELDS,
                        "type": "best_fields",
                        "operator": "or",
                        "tie_breaker": 0.3,
                    }
                },
                "filter": [PUBLIC_PRODUCTS],
            }
        },
        "_source": ["category_slug"],
    }
    response = engine.search(PRODUCTS.alias(), body)
    best_by_slug: dict[str, float] = {}
    for hit in response["hits"]["hits"]:
        slug = str(hit["_source"].get("category_slug") or "")
        score = float(hit.get("_score") or 0.0)
        if slug and score > best_by_slug.get(slug, 0.0):
            best_by_slug[slug] = score
    if not best_by_slug:
        return []
    ranked = sorted(best_by_slug.items(), key=lambda item: (-item[1], item[0]))
    top = ranked[0][1]
    return [
        CategoryGuess(slug=slug, score=score, confidence=round(score / top, 3))
        for slug, score in ranked[:limit]
        if score >= top * CLOSE_TO_BEST
    ]
