"""Durable matching intents, recorded by the outbox drain once the changes are in the index,
and the enqueueing of the matching tasks."""

import datetime
import logging
from collections.abc import Mapping

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from catalog.models import Product
from core.queues import task_enqueue
from matching.models import MatchIntent, MatchTarget, Proposal
from matching.services.evaluation import _setting
from matching.services.proposals import matching_run_for_request
from matching.services.reverse import matching_run_for_product

logger = logging.getLogger("matching")

# --- durable intents and enqueueing (recorded by the outbox drain once the changes are in the index) ---

REDRIVE_BATCH = 500
MAX_ATTEMPTS = 5
# The matching tasks' names (``matching.tasks`` registers them under these): the services enqueue
# by name, so they never import the tasks that call them.
MATCH_REQUEST_TASK = "matching.match_request"
MATCH_PRODUCT_TASK = "matching.match_product"


def _redrive_after() -> datetime.timedelta:
    """A pending intent enqueued longer ago than this is enqueued again (its task was lost)."""
    return datetime.timedelta(seconds=int(_setting("MEDMATCH_MATCH_REDRIVE_AFTER_SECONDS", 120)))


def _targets_for_changes(changed: Mapping[str, set[int]]) -> dict[MatchTarget, set[int]]:
    """Requests to match forward and products to match in reverse for a set of indexed changes,
    including every product of a changed organisation (e.g. a vendor just verified)."""
    product_ids = set(changed.get("product", set()))
    organization_ids = changed.get("organization", set())
    if organization_ids:
        product_ids.update(
            Product.objects.filter(vendor_id__in=list(organization_ids)).values_list("pk", flat=True)
        )
    return {MatchTarget.REQUEST: set(changed.get("request", set())), MatchTarget.PRODUCT: product_ids}


def matching_intents_record(*, changed: Mapping[str, set[int]], version: int) -> None:
    """Record, in the caller's transaction, that matching is owed for ``changed`` as of ``version``.

    A new change also un-parks an intent: the data that failed may have been fixed.
    """
    now = timezone.now()
    for target, object_ids in _targets_for_changes(changed).items():
        if not object_ids:
            continue
        ids = sorted(object_ids)
        MatchIntent.objects.bulk_create(
            [MatchIntent(target=target, object_id=object_id) for object_id in ids], ignore_conflicts=True
        )
        MatchIntent.objects.filter(target=target, object_id__in=ids, wanted_version__lt=version).update(
            wanted_version=version, enqueued_at=now, parked_at=None, attempts=0, updated_at=now
        )


def matching_run_intent(*, target: MatchTarget, object_id: int) -> list[Proposal]:
    """Run the matching owed to one request or product and record it as done.

    Transient errors (engine or database outage) propagate without counting an attempt; the
    task retries them. Any other error counts an attempt, parks the intent after
    MAX_ATTEMPTS and propagates.
    """
    started_from = (
        MatchIntent.objects.filter(target=target, object_id=object_id)
        .values_list("wanted_version", flat=True)
        .first()
    ) or 0
    try:
        if target == MatchTarget.REQUEST:
            proposals = matching_run_for_request(request_id=object_id)
        else:
            proposals = matching_run_for_product(product_id=object_id)
    except Exception as exc:
        from core.retries import is_transient

        if not is_transient(exc):
            _intent_failed(target=target, object_id=object_id, error=f"{exc.__class__.__name__}: {exc}")
        raise
    now = timezone.now()
    updated = MatchIntent.objects.filter(
        target=target, object_id=object_id, done_version__lt=started_from
    ).update(done_version=started_from, completed_at=now, attempts=0, last_error="", updated_at=now)
    if not updated:
        MatchIntent.objects.filter(target=target, object_id=object_id).update(
            completed_at=now, updated_at=now
        )
    return proposals


def _intent_failed(*, target: MatchTarget, object_id: int, error: str) -> None:
    with transaction.atomic():
        intent = MatchIntent.objects.select_for_update().filter(target=target, object_id=object_id).first()
        if intent is None:
            return
        intent.attempts += 1
        intent.last_error = error[:2000]
        if intent.attempts >= MAX_ATTEMPTS:
            intent.parked_at = timezone.now()
            logger.error("matching.intent_parked target=%s id=%s error=%s", target, object_id, error[:300])
        intent.save(update_fields=["attempts", "last_error", "parked_at", "updated_at"])


def _enqueue(target: str, object_id: int) -> bool:
    """Enqueue the matching of one request or product; False when the broker is down (the intent
    stays pending and beat re-drives it)."""
    name = MATCH_REQUEST_TASK if target == MatchTarget.REQUEST else MATCH_PRODUCT_TASK
    return task_enqueue(name, object_id, failure_event="matching.enqueue_failed", log_id=object_id)


def matching_enqueue_for_changes(*, changed: Mapping[str, set[int]]) -> None:
    """Enqueue forward matching for changed requests and reverse matching for changed products
    (the fast path; the intents recorded by the drain are the durable one)."""
    for target, object_ids in _targets_for_changes(changed).items():
        for object_id in sorted(object_ids):
            _enqueue(target, object_id)


def matching_redrive(*, now: datetime.datetime | None = None) -> int:
    """Enqueue again the pending intents whose task was enqueued long ago (lost, or never sent
    because the broker was down). Returns how many were enqueued."""
    now = now or timezone.now()
    pending = list(
        MatchIntent.objects.filter(done_version__lt=F("wanted_version"), parked_at__isnull=True)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lte=now - _redrive_after()))
        .order_by("id")
        .values_list("pk", "target", "object_id")[:REDRIVE_BATCH]
    )
    sent = [pk for pk, target, object_id in pending if _enqueue(target, object_id)]
    if sent:
        MatchIntent.objects.filter(pk__in=sent).update(enqueued_at=now)
        logger.info("matching.redriven count=%s", len(sent))
    return len(sent)
