"""Matching: candidates from the search engine, judged by ``matching.scoring``, kept as proposals;
and the staff decisions on them.

Forward matching (``matching_run_for_request``) searches the products for one request.
Reverse matching (``matching_run_for_product``) percolates a product against the open
requests and re-runs the matching of each request it may serve, so a pair gets the same
score and the same place in its request's ranking whichever side changed.

Proposals are upserted, one row per (request, vendor, product):
- a new pair in the top N is created as *proposed*;
- a proposed pair is updated in place (score, parts, criteria, fingerprint, computed_at);
- a rejected pair stays rejected unless its fingerprint (the material data of request
  and product) changed, then it goes back to *proposed*;
- an expired pair that qualifies again goes back to *proposed* (same row);
- an approved pair is never touched;
- a proposed pair that no longer qualifies (or fell out of the top N) is *expired*,
  not deleted, so the row, its audit trail and its id survive and come back if it
  qualifies again.
Proposals of a request that is no longer open or matched expire. Running any of this
twice yields the same proposals with the same ids.

The package: ``evaluation`` (settings, one request judged), ``proposals`` (upserts, forward
matching, expiry), ``reverse`` (a changed product against the open requests), ``intents`` (durable
intents and enqueueing), ``decisions`` (staff approve and reject). Callers import from here.
"""

from matching.services.decisions import (
    BulkItem,
    ProposalBulkFailed,
    proposal_approval_hook_register,
    proposal_approve,
    proposal_reject,
    proposals_bulk_decide,
)
from matching.services.evaluation import (
    DEFAULT_CANDIDATES,
    DEFAULT_MIN_SCORE,
    DEFAULT_REVERSE_MAX_REQUESTS,
    DEFAULT_TOP_N,
    FORWARD,
    MATCHABLE_STATUSES,
    REVERSE,
    RequestRun,
    matching_evaluate_pair,
    matching_evaluate_request,
)
from matching.services.intents import (
    MATCH_PRODUCT_TASK,
    MATCH_REQUEST_TASK,
    MAX_ATTEMPTS,
    REDRIVE_BATCH,
    matching_enqueue_for_changes,
    matching_intents_record,
    matching_redrive,
    matching_run_intent,
)
from matching.services.proposals import (
    matching_run_for_request,
    proposals_expire_for_request,
    proposals_expire_stale,
)
from matching.services.reverse import matching_run_for_product

__all__ = [
    "DEFAULT_CANDIDATES",
    "DEFAULT_MIN_SCORE",
    "DEFAULT_REVERSE_MAX_REQUESTS",
    "DEFAULT_TOP_N",
    "FORWARD",
    "MATCHABLE_STATUSES",
    "MATCH_PRODUCT_TASK",
    "MATCH_REQUEST_TASK",
    "MAX_ATTEMPTS",
    "REDRIVE_BATCH",
    "REVERSE",
    "BulkItem",
    "ProposalBulkFailed",
    "RequestRun",
    "matching_enqueue_for_changes",
    "matching_evaluate_pair",
    "matching_evaluate_request",
    "matching_intents_record",
    "matching_redrive",
    "matching_run_for_product",
    "matching_run_for_request",
    "matching_run_intent",
    "proposal_approval_hook_register",
    "proposal_approve",
    "proposal_reject",
    "proposals_bulk_decide",
    "proposals_expire_for_request",
    "proposals_expire_stale",
]
