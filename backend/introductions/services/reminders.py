"""Reminders and expiry of introductions nobody answered (beat runs them)."""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from audit.services import audit_record, state_transition
from introductions.models import (
    EmailKind,
    Introduction,
    IntroductionStatus,
    introduction_reply_window,
)
from introductions.services.email_delivery import introduction_emails_queue
from introductions.services.notifications import introduction_notify

logger = logging.getLogger("introductions")


def _remind_after() -> datetime.timedelta:
    return introduction_reply_window()


def _max_reminders() -> int:
    return int(getattr(settings, "MEDMATCH_INTRO_MAX_REMINDERS", 2))


def _expire_days() -> int:
    return int(getattr(settings, "MEDMATCH_INTRO_EXPIRE_DAYS", 14))


# --- reminders and expiry ---


@dataclass
class ReminderReport:
    reminded: list[int] = field(default_factory=list)
    expired: list[int] = field(default_factory=list)


def _awaiting() -> QuerySet[Introduction]:
    return Introduction.objects.filter(status=IntroductionStatus.AWAITING_REPLY)


def _due_for_expiry(now: datetime.datetime) -> QuerySet[Introduction]:
    return _awaiting().filter(created_at__lte=now - datetime.timedelta(days=_expire_days()))


def _due_for_reminder(now: datetime.datetime) -> QuerySet[Introduction]:
    cutoff = now - _remind_after()
    return (
        _awaiting()
        .filter(
            reminders_sent__lt=_max_reminders(),
            created_at__gt=now - datetime.timedelta(days=_expire_days()),
        )
        .filter(Q(last_reminded_at__isnull=True, created_at__lte=cutoff) | Q(last_reminded_at__lte=cutoff))
    )


def _expire_one(*, introduction_id: int, now: datetime.datetime) -> bool:
    with transaction.atomic():
        introduction = (
            _due_for_expiry(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("request", "vendor", "buyer")
            .filter(pk=introduction_id)
            .first()
        )
        if introduction is None:
            return False
        days = _expire_days()
        state_transition(
            target=introduction,
            to_state=IntroductionStatus.EXPIRED,
            changes={"closed_at": now},
            actor=None,
            action="introduction.expired",
            reason=f"No reply recorded within {days} days.",
        )
        introduction_notify(
            introduction=introduction,
            organization_ids=[introduction.vendor_id, introduction.buyer_id],
            kind="introduction.expired",
            values={"days": days},
            data={"status": IntroductionStatus.EXPIRED},
        )
        return True


def _remind_one(*, introduction_id: int, now: datetime.datetime) -> bool:
    with transaction.atomic():
        introduction = (
            _due_for_reminder(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("request", "vendor", "buyer")
            .filter(pk=introduction_id)
            .first()
        )
        if introduction is None:
            return False
        introduction.reminders_sent += 1
        introduction.last_reminded_at = now
        introduction.save(update_fields=["reminders_sent", "last_reminded_at", "updated_at"])
        audit_record(
            actor=None,
            action="introduction.reminded",
            target=introduction,
            from_state=introduction.status,
            to_state=introduction.status,
            data={"reminder": introduction.reminders_sent},
        )
        introduction_notify(
            introduction=introduction,
            organization_ids=[introduction.vendor_id, introduction.buyer_id],
            kind="introduction.reminder",
            data={"status": introduction.status, "reminder": introduction.reminders_sent},
        )
        introduction_emails_queue(
            introduction=introduction, kind=EmailKind.REMINDER, sequence=introduction.reminders_sent
        )
        return True


def introductions_send_reminders(*, now: datetime.datetime) -> ReminderReport:
    """Expire, then remind, the introductions still awaiting a reply at ``now``.

    Expired: awaiting_reply and created MEDMATCH_INTRO_EXPIRE_DAYS (14) or more days ago.
    Reminded (e-mail + in-app to both parties): awaiting_reply, fewer than
    MEDMATCH_INTRO_MAX_REMINDERS (2) reminders so far, and MEDMATCH_INTRO_REMIND_DAYS (3)
    days since creation or since the last reminder. Running twice at the same ``now``
    changes nothing the second time. Each introduction is its own transaction.
    """
    report = ReminderReport()
    for introduction_id in list(_due_for_expiry(now).order_by("id").values_list("id", flat=True)):
        if _expire_one(introduction_id=introduction_id, now=now):
            report.expired.append(introduction_id)
    for introduction_id in list(_due_for_reminder(now).order_by("id").values_list("id", flat=True)):
        if _remind_one(introduction_id=introduction_id, now=now):
            report.reminded.append(introduction_id)
    if report.expired or report.reminded:
        logger.info(
            "introductions.reminders reminded=%s expired=%s", len(report.reminded), len(report.expired)
        )
    return report
