"""Matching tasks: thin wrappers that take ids and call the services. Safe to run twice."""

from celery import shared_task

from core.queues import TaskQueue
from matching.services import matching_run_for_product, matching_run_for_request, proposals_expire_stale
from search.errors import SearchUnavailable


@shared_task(
    name="matching.match_request",
    queue=TaskQueue.MATCHING,
    autoretry_for=(SearchUnavailable,),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=8,
)
def match_request(request_id: int) -> dict[str, int]:
    """Forward matching of one request (or expiry of its proposals once it is closed)."""
    proposals = matching_run_for_request(request_id=request_id)
    return {"request": request_id, "proposals": len(proposals)}


@shared_task(
    name="matching.match_product",
    queue=TaskQueue.MATCHING,
    autoretry_for=(SearchUnavailable,),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=8,
)
def match_product(product_id: int) -> dict[str, int]:
    """Reverse matching of one new or changed product against the open requests."""
    proposals = matching_run_for_product(product_id=product_id)
    return {"product": product_id, "proposals": len(proposals)}


@shared_task(name="matching.expire_stale", queue=TaskQueue.MATCHING)
def expire_stale() -> dict[str, int]:
    """Periodic safety net: expire waiting proposals of closed requests and hidden products."""
    return {"expired": proposals_expire_stale()}
