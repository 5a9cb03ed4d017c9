"""Writes for introductions: creation on approval, outcomes, reminders and expiry, e-mail, notifications.

E-mails follow the outbox pattern: the change writes EmailDelivery rows in its own
transaction and enqueues the sending task after commit; the task sends each pending
row once (``sent_at``); beat re-enqueues rows a lost task left pending.
"""

import datetime
import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record, state_transition
from core.exceptions import Conflict
from core.queues import task_enqueue
from core.validators import validate_currency
from introductions.emails import country_name, email_message
from introductions.messages import language_for, notification_wording, status_label
from introductions.models import (
    FINAL_STATUSES,
    INTRODUCTION_TRANSITIONS,
    EmailDelivery,
    EmailKind,
    Introduction,
    IntroductionStatus,
    Notification,
    introduction_reply_window,
)
from matching.models import Proposal, ProposalStatus
from organizations.models import Contact, Organization

logger = logging.getLogger("introductions")

# The task (introductions.tasks) that sends an introduction's pending e-mails, by its name.
INTRODUCTION_EMAIL_TASK = "notifications.send_introduction_email"

# A pending e-mail untouched this long was lost with its task (broker down, worker killed);
# the default of MEDMATCH_EMAIL_REQUEUE_AFTER_SECONDS.
EMAIL_REQUEUE_AFTER = datetime.timedelta(minutes=10)
# An e-mail still failing for transient reasons this long after it was written is given up
# (failed_at); until then the task's retries and beat's requeue keep trying.
EMAIL_GIVE_UP_AFTER = datetime.timedelta(days=2)
DEAL_VALUE_MAX = Decimal("99999999999999.99")  # max_digits=16, decimal_places=2
DEAL_QUANTITY_MAX = 2_147_483_647  # PositiveIntegerField on PostgreSQL


def _remind_after() -> datetime.timedelta:
    return introduction_reply_window()


def _max_reminders() -> int:
    return int(getattr(settings, "MEDMATCH_INTRO_MAX_REMINDERS", 2))


def _expire_days() -> int:
    return int(getattr(settings, "MEDMATCH_INTRO_EXPIRE_DAYS", 14))


# --- recipients and notifications ---


def _members(organization_ids: Iterable[int]) -> QuerySet[User]:
    return User.objects.filter(organization_id__in=list(organization_ids), is_active=True).order_by("id")


def _other(introduction: Introduction, organization_id: int | None) -> Organization:
    return introduction.buyer if organization_id == introduction.vendor_id else introduction.vendor


def _notify(
    *,
    introduction: Introduction,
    organization_ids: Iterable[int],
    kind: str,
    values: dict[str, object] | None = None,
    data: dict[str, object] | None = None,
) -> list[Notification]:
    """One notification per active member of each organisation, worded in the member's language."""
    rows = []
    for user in _members(organization_ids):
        language = language_for(user.language)
        other = _other(introduction, user.organization_id)
        wording = notification_wording(
            kind=kind,
            language=language,
            other=other.name,
            country=country_name(other.country, language),
            request=introduction.request.title,
            **{
                key: status_label(status=str(value), language=language) if key == "status" else value
                for key, value in (values or {}).items()
            },
        )
        rows.append(
            Notification(
                user=user,
                kind=kind,
                introduction=introduction,
                title=wording.title,
                body=wording.body,
                details={"introduction": introduction.pk, "other_party": other.name, **(data or {})},
            )
        )
    return Notification.objects.bulk_create(rows)


def _queue_emails(*, introduction: Introduction, kind: str, sequence: int) -> int:
    """Write a pending e-mail for every member and contact address of both parties; send after commit.

    Each address is told about the other party. A contact address that is also a member's
    gets one e-mail, in the member's language; other contact addresses get the language
    of their organisation's first member (English if it has none).
    """
    rows: dict[str, EmailDelivery] = {}
    for organization, party in ((introduction.vendor, "vendor"), (introduction.buyer, "buyer")):
        members = list(_members([organization.pk]))
        for user in members:
            address = user.email.strip().lower()
            if address and address not in rows:
                rows[address] = EmailDelivery(
                    introduction=introduction,
                    kind=kind,
                    sequence=sequence,
                    party=party,
                    user=user,
                    to_email=address,
                    language=language_for(user.language),
                )
        fallback_language = language_for(members[0].language) if members else "en"
        for contact in Contact.objects.filter(organization=organization).order_by("id"):
            address = contact.email.strip().lower()
            if address and address not in rows:
                rows[address] = EmailDelivery(
                    introduction=introduction,
                    kind=kind,
                    sequence=sequence,
                    party=party,
                    to_email=address,
                    language=fallback_language,
                )
    EmailDelivery.objects.bulk_create(rows.values(), ignore_conflicts=True)
    transaction.on_commit(partial(introduction_emails_enqueue, introduction_id=introduction.pk))
    return len(rows)


def introduction_emails_enqueue(*, introduction_id: int, recipient: int | str = "both") -> None:
    """Hand the introduction's pending e-mails to a worker; if the broker is down, beat catches up."""
    # If the broker is down, introduction_emails_requeue catches up.
    task_enqueue(
        INTRODUCTION_EMAIL_TASK, introduction_id, recipient, failure_event="introductions.enqueue_failed"
    )


# --- creation on approval ---


@transaction.atomic
def introduction_approved(proposal: Proposal, actor: User) -> None:
    """What matching's approval sets off here (registered in IntroductionsConfig.ready)."""
    introduction_create(proposal=proposal, actor=actor)


def introduction_create(*, proposal: Proposal, actor: User) -> Introduction:
    """Turn an approved proposal into an introduction; called inside the approval's transaction.

    Records ``introduction.created``, notifies every member of both organisations in the app
    and queues the e-mails (sent after commit). Idempotent: a second call for the same
    proposal returns the existing introduction and does nothing else.
    """
    if proposal.status != ProposalStatus.APPROVED:
        raise Conflict("Only an approved proposal becomes an introduction.", code="proposal_not_approved")
    request = proposal.request
    introduction, created = Introduction.objects.get_or_create(
        proposal=proposal,
        defaults={
            "request": request,
            "product": proposal.product,
            "vendor": proposal.vendor,
            "buyer_id": request.buyer_id,
            "approved_by": actor if actor.is_authenticated else None,
            "status": IntroductionStatus.AWAITING_REPLY,
        },
    )
    if not created:
        return introduction
    audit_record(
        actor=actor,
        action="introduction.created",
        target=introduction,
        to_state=IntroductionStatus.AWAITING_REPLY,
        data={"proposal": proposal.pk, "request": request.pk, "product": proposal.product_id},
    )
    _notify(
        introduction=introduction,
        organization_ids=[introduction.vendor_id, introduction.buyer_id],
        kind="introduction.created",
        data={"status": introduction.status},
    )
    _queue_emails(introduction=introduction, kind=EmailKind.INTRODUCTION, sequence=0)
    logger.info(
        "introduction.created introduction=%s proposal=%s vendor=%s buyer=%s",
        introduction.pk,
        proposal.pk,
        introduction.vendor_id,
        introduction.buyer_id,
    )
    return introduction


# --- outcome ---


def _deal_errors(
    *, deal_quantity: int | None, deal_value: Decimal | None, deal_currency: str
) -> dict[str, list[ValidationError]]:
    errors: dict[str, list[ValidationError]] = {}
    if deal_quantity is None:
        errors["deal_quantity"] = [ValidationError("Give the quantity agreed.", code="required")]
    elif not 0 < deal_quantity <= DEAL_QUANTITY_MAX:
        errors["deal_quantity"] = [
            ValidationError(f"The quantity must be between 1 and {DEAL_QUANTITY_MAX}.", code="min_value")
        ]
    if deal_value is None:
        errors["deal_value"] = [ValidationError("Give the total value of the deal.", code="required")]
    elif not deal_value.is_finite() or deal_value <= 0:
        errors["deal_value"] = [ValidationError("The value must be greater than 0.", code="min_value")]
    elif deal_value > DEAL_VALUE_MAX or deal_value != deal_value.quantize(Decimal("0.01")):
        errors["deal_value"] = [
            ValidationError("The value has at most 14 digits and 2 decimals.", code="invalid")
        ]
    if not deal_currency:
        errors["deal_currency"] = [
            ValidationError("Give the ISO 4217 currency of the value, e.g. USD.", code="required")
        ]
    else:
        try:
            validate_currency(deal_currency)
        except ValidationError as error:
            errors["deal_currency"] = error.error_list
    return errors


def _outcome_errors(
    *,
    status: str,
    deal_quantity: int | None,
    deal_value: Decimal | None,
    deal_currency: str,
    reason: str,
) -> dict[str, list[ValidationError]]:
    if status == IntroductionStatus.DEAL:
        return _deal_errors(deal_quantity=deal_quantity, deal_value=deal_value, deal_currency=deal_currency)
    errors: dict[str, list[ValidationError]] = {}
    for name, value in (
        ("deal_quantity", deal_quantity),
        ("deal_value", deal_value),
        ("deal_currency", deal_currency),
    ):
        if value not in (None, ""):
            errors[name] = [
                ValidationError("Only a deal has a quantity, value and currency.", code="not_allowed")
            ]
    if status == IntroductionStatus.NO_DEAL and not reason.strip():
        errors["reason"] = [ValidationError("Say why there was no deal.", code="required")]
    return errors


@transaction.atomic
def introduction_record_outcome(
    *,
    introduction: Introduction,
    actor: User,
    status: str,
    deal_quantity: int | None = None,
    deal_value: Decimal | None = None,
    deal_currency: str = "",
    reason: str = "",
) -> Introduction:
    """Move the introduction along INTRODUCTION_TRANSITIONS and tell the other party.

    awaiting_reply → negotiating (sets replied_at) → deal (quantity, value, ISO 4217
    currency) or no_deal (reason); awaiting_reply → no_deal too. A final introduction
    (deal, no_deal, expired) answers 409; any other wrong move or value a 400 per field.
    The purchase request is left as it is: it may need more suppliers.
    """
    locked = (
        Introduction.objects.select_for_update(of=("self",))
        .select_related("request", "vendor", "buyer")
        .get(pk=introduction.pk)
    )
    if locked.status in FINAL_STATUSES:
        raise Conflict(
            f"The introduction is {locked.status}: its outcome is final.", code="introduction_final"
        )
    allowed = sorted(INTRODUCTION_TRANSITIONS[locked.status])
    if status not in allowed:
        raise ValidationError(
            {
                "status": ValidationError(
                    "An introduction that is %(from)s cannot become %(to)s; allowed: %(allowed)s.",
                    code="invalid_transition",
                    params={"from": locked.status, "to": status, "allowed": ", ".join(allowed)},
                )
            }
        )
    deal_currency = deal_currency.strip().upper()
    errors = _outcome_errors(
        status=status,
        deal_quantity=deal_quantity,
        deal_value=deal_value,
        deal_currency=deal_currency,
        reason=reason,
    )
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    from_state = locked.status
    locked.status = status
    if locked.replied_at is None:
        locked.replied_at = now  # the first answer of either party, whatever it is
    if status == IntroductionStatus.DEAL:
        locked.deal_quantity = deal_quantity
        locked.deal_value = deal_value
        locked.deal_currency = deal_currency
    if status == IntroductionStatus.NO_DEAL:
        locked.no_deal_reason = reason.strip()
    if status in FINAL_STATUSES:
        locked.closed_at = now
    locked.save()
    data: dict[str, object] = {"status": status}
    if status == IntroductionStatus.DEAL:
        data.update(deal_quantity=deal_quantity, deal_value=str(deal_value), deal_currency=deal_currency)
    audit_record(
        actor=actor,
        action="introduction.outcome_recorded",
        target=locked,
        from_state=from_state,
        to_state=status,
        reason=reason.strip(),
        data=data,
    )
    if actor.is_staff or actor.organization_id not in (locked.vendor_id, locked.buyer_id):
        told = [locked.vendor_id, locked.buyer_id]
        actor_name = "MedMatch"
    else:
        told = [locked.buyer_id if actor.organization_id == locked.vendor_id else locked.vendor_id]
        actor_name = _other(locked, told[0]).name
    _notify(
        introduction=locked,
        organization_ids=told,
        kind="introduction.outcome",
        values={"actor": actor_name, "status": status},
        data=data,
    )
    return locked


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
        _notify(
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
        _notify(
            introduction=introduction,
            organization_ids=[introduction.vendor_id, introduction.buyer_id],
            kind="introduction.reminder",
            data={"status": introduction.status, "reminder": introduction.reminders_sent},
        )
        _queue_emails(
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


# --- e-mail sending ---


class EmailTransientError(Exception):
    """Some e-mails could not be sent for a reason that may pass (connection, 4xx); retry later."""


@dataclass
class EmailSendReport:
    sent: int = 0
    failed: int = 0
    deferred: int = 0


def _smtp_code(exc: BaseException) -> int | None:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return max(codes) if codes else None
    if isinstance(exc, smtplib.SMTPResponseException):
        return int(exc.smtp_code)
    return None


def _is_transient(exc: BaseException) -> bool:
    """4xx replies, dropped or refused connections and time-outs pass; 5xx replies do not."""
    code = _smtp_code(exc)
    if code is not None:
        return 400 <= code < 500
    return isinstance(exc, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError) or not isinstance(
        exc, smtplib.SMTPException
    )


def _send_one(*, delivery_id: int, introduction: Introduction) -> str:
    """Send one pending row under its row lock: 'sent', 'failed', 'deferred' or 'skipped'."""
    with transaction.atomic():
        delivery = EmailDelivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.sent_at is not None or delivery.failed_at is not None:
            return "skipped"  # another worker sent it, or it was given up
        delivery.attempts += 1
        try:
            email_message(delivery=delivery, introduction=introduction).send()
        except OSError as exc:  # smtplib.SMTPException is an OSError, so are socket errors
            delivery.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
            transient = _is_transient(exc)
            now = timezone.now()
            if not transient or now - delivery.created_at >= EMAIL_GIVE_UP_AFTER:
                delivery.failed_at = now
            delivery.save(update_fields=["attempts", "last_error", "failed_at", "updated_at"])
            logger.warning(
                "introductions.email_failed delivery=%s introduction=%s transient=%s error=%s",
                delivery.pk,
                introduction.pk,
                transient,
                exc.__class__.__name__,
            )
            return "failed" if delivery.failed_at else "deferred"
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        delivery.save(update_fields=["attempts", "sent_at", "last_error", "updated_at"])
        return "sent"


def introduction_emails_send(*, introduction_id: int, user_id: int | None = None) -> EmailSendReport:
    """Send the introduction's pending e-mails (only ``user_id``'s, if given).

    Idempotent: rows already sent are skipped, and each row is sent under its lock, so
    two workers never send one twice. Raises EmailTransientError after trying every row
    if some failed for a reason that may pass; those rows stay pending for the retry.
    """
    report = EmailSendReport()
    pending = EmailDelivery.objects.filter(
        introduction_id=introduction_id, sent_at__isnull=True, failed_at__isnull=True
    )
    if user_id is not None:
        pending = pending.filter(user_id=user_id)
    delivery_ids = list(pending.order_by("id").values_list("id", flat=True))
    if not delivery_ids:
        return report
    introduction = (
        Introduction.objects.select_related("vendor", "buyer", "request__category", "product__category")
        .prefetch_related("vendor__contacts", "buyer__contacts", "request__required_standards")
        .get(pk=introduction_id)
    )
    for delivery_id in delivery_ids:
        outcome = _send_one(delivery_id=delivery_id, introduction=introduction)
        if outcome == "sent":
            report.sent += 1
        elif outcome == "failed":
            report.failed += 1
        elif outcome == "deferred":
            report.deferred += 1
    if report.deferred:
        raise EmailTransientError(
            f"{report.deferred} e-mail(s) of introduction {introduction_id} could not be sent yet"
        )
    return report


def _requeue_after() -> datetime.timedelta:
    seconds = getattr(settings, "MEDMATCH_EMAIL_REQUEUE_AFTER_SECONDS", None)
    return datetime.timedelta(seconds=seconds) if seconds is not None else EMAIL_REQUEUE_AFTER


def introduction_emails_requeue(*, now: datetime.datetime) -> list[int]:
    """Enqueue sending again for introductions with e-mails left pending (a task was lost)."""
    introduction_ids = sorted(
        set(
            EmailDelivery.objects.filter(
                sent_at__isnull=True,
                failed_at__isnull=True,
                updated_at__lte=now - _requeue_after(),
            ).values_list("introduction_id", flat=True)
        )
    )
    for introduction_id in introduction_ids:
        introduction_emails_enqueue(introduction_id=introduction_id)
    return introduction_ids


# --- in-app notifications ---


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (keeps the first read time)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of ``user`` read; returns how many changed."""
    now = timezone.now()
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=now, updated_at=now)
