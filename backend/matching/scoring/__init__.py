"""Scoring of one (request, product) pair: hard rules, soft criteria and an explanation.

Pure Python over plain dataclasses, so it can be tested without a database or an
engine. ``evaluate`` answers whether the pair is eligible (no hard rule broken),
its score (0–100, the sum of ``score_parts``) and the criteria, each with a status
(met, partial, not_met) and a human explanation with the numbers.

Hard rules exclude a candidate:
- the vendor is not verified, or the product is not published;
- a market rule (for the request's or the product's category) of the destination's
  import market, or of the export market of the product's country of origin (exports
  from China to anywhere), names a regulatory approval (``Standard.kind == "approval"``) and the
  product has no certificate satisfying the rule on the day the goods are needed.
  A certificate counts when it belongs to the product's vendor, lists the
  standard, lists the market or no market at all (for an export rule, any market:
  a recognised foreign certificate is what the exporting country asks for), and is
  valid on that day.
  Technical standards in such a rule are satisfied by a valid certificate or by
  the product's own claim.

Soft criteria lower the score (weights in ``WEIGHTS``): category, text relevance,
the buyer's required standards, market rules made only of technical standards,
capacity against quantity, lead time against the date, price against the target
and the minimum order quantity. A severe miss — a required standard missing, less
than half the quantity by the date, less than half the time the lead time needs, a
price more than double the target, a minimum order more than double the quantity —
also costs ``SEVERE_PENALTY`` points in the ``penalty`` part, so that such a pair
falls below the proposal threshold unless everything else is right. The score is
always the sum of ``score_parts`` (clamped to 0–100).

The package: ``facts`` (weights and the dataclasses), ``phrases`` (the explanation's phrases, which
``matching.explanations`` rebuilds from older stored English), ``rules`` (certificates, currencies,
the hard rules), ``criteria`` and ``commercial`` (the soft criteria), ``pairs`` (``evaluate``,
``rank``, ``fingerprint``). Callers import from here.
"""

from matching.scoring.facts import (
    CRITERION_NAMES,
    MET,
    NOT_MET,
    PARTIAL,
    PHRASING,
    SEVERE_PENALTY,
    WEIGHTS,
    CertificateFacts,
    Criterion,
    Evaluation,
    ProductFacts,
    RequestFacts,
    RuleFacts,
)
from matching.scoring.pairs import evaluate, fingerprint, rank
from matching.scoring.phrases import (
    capacity_how,
    category_name,
    day_count,
    lead_phrase,
    market_name,
    rule_phrase,
    say,
    unit_phrase,
)
from matching.scoring.rules import rule_applies, to_base_currency

__all__ = [
    "CRITERION_NAMES",
    "MET",
    "NOT_MET",
    "PARTIAL",
    "PHRASING",
    "SEVERE_PENALTY",
    "WEIGHTS",
    "CertificateFacts",
    "Criterion",
    "Evaluation",
    "ProductFacts",
    "RequestFacts",
    "RuleFacts",
    "capacity_how",
    "category_name",
    "day_count",
    "evaluate",
    "fingerprint",
    "lead_phrase",
    "market_name",
    "rank",
    "rule_applies",
    "rule_phrase",
    "say",
    "to_base_currency",
    "unit_phrase",
]
