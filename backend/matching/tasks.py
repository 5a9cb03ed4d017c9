"""Matching tasks: thin wrappers that take ids and call the services. Safe to run twice."""

from celery import shared_task

from core.queues import TaskQueue
from core.retries import RETRY_TRANSIENT
from matching.models import MatchTarget
from matching.services import (
    MATCH_PRODUCT_TASK,
    MATCH_REQUEST_TASK,
    matching_redrive,
    matching_run_intent,
    proposals_expire_stale,
)


@shared_task(name=MATCH_REQUEST_TASK, queue=TaskQueue.MATCHING, **RETRY_TRANSIENT)
def match_request(request_id: int) -> dict[str, int]:
    """Forward matching of one request (or expiry of its proposals once it is closed)."""
    proposals = matching_run_intent(target=MatchTarget.REQUEST, object_id=request_id)
    return {"request": request_id, "proposals": len(proposals)}


@shared_task(name=MATCH_PRODUCT_TASK, queue=TaskQueue.MATCHING, **RETRY_TRANSIENT)
def match_product(product_id: int) -> dict[str, int]:
    """Reverse matching of one new or changed product against the open requests."""
    proposals = matching_run_intent(target=MatchTarget.PRODUCT, object_id=product_id)
    return {"product": product_id, "proposals": len(proposals)}


@shared_task(name="matching.expire_stale", queue=TaskQueue.MATCHING, **RETRY_TRANSIENT)
def expire_stale() -> dict[str, int]:
    """Periodic safety net: expire waiting proposals of closed requests and hidden products."""
    return {"expired": proposals_expire_stale()}


@shared_task(name="matching.redrive_pending", queue=TaskQueue.MATCHING, **RETRY_TRANSIENT)
def redrive_pending() -> dict[str, int]:
    """Beat: enqueue again the matching recorded as owed whose task was lost or never sent."""
    return {"enqueued": matching_redrive()}
