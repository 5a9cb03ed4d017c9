"""Duplicate requests: flagging the pairs that look like one need, and merging or
dismissing a flag.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from audit.services import state_transition
from core.exceptions import Conflict
from purchasing.models import (
    DuplicateFlag,
    DuplicateStatus,
    PurchaseRequest,
    RequestStatus,
)
from purchasing.services.transitions import purchase_request_transition

logger = logging.getLogger("purchasing")


INACTIVE_STATUSES = (RequestStatus.CLOSED, RequestStatus.EXPIRED)


# One new request is flagged against at most this many others (the most recent);
# beyond that a human cannot act on the flags anyway.
MAX_FLAGS_PER_REQUEST = 20


def _window(purchase_request: PurchaseRequest) -> tuple[datetime.date, datetime.date | None]:
    return timezone.localdate(purchase_request.created_at), purchase_request.needed_by


def _windows_overlap(first: PurchaseRequest, second: PurchaseRequest) -> bool:
    first_start, first_end = _window(first)
    second_start, second_end = _window(second)
    return (first_end is None or second_start <= first_end) and (
        second_end is None or first_start <= second_end
    )


def _duplicate_reason(subject: PurchaseRequest, other: PurchaseRequest) -> str | None:
    if subject.category_id is None or subject.category_id != other.category_id:
        return None
    if not _windows_overlap(subject, other):
        return None
    if subject.buyer_id == other.buyer_id:
        return "Same buyer, same category, overlapping dates."
    if subject.end_user_key and subject.end_user_key == other.end_user_key:
        return f"Same end user ({subject.end_user}), same category, overlapping dates."[:255]
    return None


def duplicate_flags_detect(*, purchase_requests: Sequence[PurchaseRequest]) -> list[DuplicateFlag]:
    """Flag each request against other active requests that look like the same need.

    Same buyer or same end user (ignoring case and whitespace), same category and
    overlapping windows (created date to needed-by date, open-ended without one).
    The newer request of a pair is ``request``, the older ``duplicate_of``; a pair
    is flagged once, whichever way round. Returns the flags created.
    """
    subjects = [
        purchase_request
        for purchase_request in purchase_requests
        if purchase_request.category_id is not None and purchase_request.status not in INACTIVE_STATUSES
    ]
    if not subjects:
        return []
    keys = {subject.end_user_key for subject in subjects if subject.end_user_key}
    candidates = list(
        PurchaseRequest.objects.filter(category_id__in={subject.category_id for subject in subjects})
        .exclude(status__in=INACTIVE_STATUSES)
        .filter(Q(buyer_id__in={subject.buyer_id for subject in subjects}) | Q(end_user_key__in=keys))
        .only(
            "id", "buyer_id", "category_id", "end_user", "end_user_key", "needed_by", "created_at", "status"
        )
        .order_by("-id")
    )
    subject_ids = {subject.pk for subject in subjects}
    existing = {
        frozenset(pair)
        for pair in DuplicateFlag.objects.filter(
            Q(request_id__in=subject_ids) | Q(duplicate_of_id__in=subject_ids)
        ).values_list("request_id", "duplicate_of_id")
    }
    by_category: dict[int, list[PurchaseRequest]] = defaultdict(list)
    for candidate in candidates:
        assert candidate.category_id is not None
        by_category[candidate.category_id].append(candidate)

    new_flags: list[DuplicateFlag] = []
    for subject in subjects:
        assert subject.category_id is not None
        found = 0
        for candidate in by_category[subject.category_id]:
            if found >= MAX_FLAGS_PER_REQUEST:
                break
            pair = frozenset((subject.pk, candidate.pk))
            if candidate.pk == subject.pk or pair in existing:
                continue
            reason = _duplicate_reason(subject, candidate)
            if reason is None:
                continue
            existing.add(pair)
            found += 1
            newer, older = sorted((subject.pk, candidate.pk), reverse=True)
            new_flags.append(DuplicateFlag(request_id=newer, duplicate_of_id=older, reason=reason))
    if not new_flags:
        return []
    # ignore_conflicts: a concurrent writer may have flagged the same pair a moment ago.
    DuplicateFlag.objects.bulk_create(new_flags, ignore_conflicts=True)
    pairs = {(flag.request_id, flag.duplicate_of_id) for flag in new_flags}
    flags = [
        flag
        for flag in DuplicateFlag.objects.filter(
            request_id__in={newer for newer, _older in pairs},
            duplicate_of_id__in={older for _newer, older in pairs},
        ).order_by("id")
        if (flag.request_id, flag.duplicate_of_id) in pairs
    ]
    logger.info("purchasing.duplicates_flagged count=%s", len(flags))
    return flags


def _ensure_flag_open(*, flag: DuplicateFlag) -> DuplicateFlag:
    locked = (
        DuplicateFlag.objects.select_for_update().select_related("request", "duplicate_of").get(pk=flag.pk)
    )
    if locked.status != DuplicateStatus.OPEN:
        raise Conflict(f"This duplicate flag is already {locked.get_status_display().lower()}.")
    return locked


@transaction.atomic
def duplicate_merge(*, flag: DuplicateFlag, actor: User | None) -> DuplicateFlag:
    """Close ``flag.request`` as merged into ``flag.duplicate_of`` (nothing is summed)."""
    locked = _ensure_flag_open(flag=flag)
    for side in (locked.request, locked.duplicate_of):
        if side.status in INACTIVE_STATUSES:
            raise Conflict(f"Request #{side.pk} is already {side.status}; dismiss the flag instead.")
    reason = f"merged into #{locked.duplicate_of_id}"
    purchase_request_transition(
        purchase_request=locked.request, actor=actor, status=RequestStatus.CLOSED, reason=reason
    )
    state_transition(
        target=locked,
        to_state=DuplicateStatus.MERGED,
        actor=actor,
        action="requests.duplicate_merged",
        reason=reason,
        data={"request": locked.request_id, "duplicate_of": locked.duplicate_of_id},
    )
    return locked


@transaction.atomic
def duplicate_dismiss(*, flag: DuplicateFlag, actor: User | None, reason: str = "") -> DuplicateFlag:
    """Record that the two requests are different needs."""
    locked = _ensure_flag_open(flag=flag)
    state_transition(
        target=locked,
        to_state=DuplicateStatus.DISMISSED,
        actor=actor,
        action="requests.duplicate_dismissed",
        reason=reason,
        data={"request": locked.request_id, "duplicate_of": locked.duplicate_of_id},
    )
    return locked
