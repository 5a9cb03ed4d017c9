"""E-mail to both parties of an introduction.

E-mails follow the outbox pattern: the change writes EmailDelivery rows in its own
transaction and enqueues the sending task after commit; the task sends each pending
row once (``sent_at``); beat re-enqueues rows a lost task left pending. The split of SMTP
errors into transient and permanent ones is the rule the trade-service e-mails use too.
"""

import datetime
import logging
import smtplib
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from core.queues import task_enqueue
from core.retries import TRANSIENT_ERRORS
from introductions.emails import email_message
from introductions.messages import language_for
from introductions.models import (
    EmailDelivery,
    Introduction,
)
from introductions.services.notifications import active_members
from organizations.models import Contact

logger = logging.getLogger("introductions")

# The task (introductions.tasks) that sends an introduction's pending e-mails, by its name.
INTRODUCTION_EMAIL_TASK = "introductions.send_introduction_email"

# A pending e-mail untouched this long was lost with its task (broker down, worker killed);
# the default of MEDMATCH_EMAIL_REQUEUE_AFTER_SECONDS.
EMAIL_REQUEUE_AFTER = datetime.timedelta(minutes=10)
# An e-mail still failing for transient reasons this long after it was written is given up
# (failed_at); until then the task's retries and beat's requeue keep trying.
EMAIL_GIVE_UP_AFTER = datetime.timedelta(days=2)


def introduction_emails_queue(*, introduction: Introduction, kind: str, sequence: int) -> int:
    """Write a pending e-mail for every member and contact address of both parties; send after commit.

    Each address is told about the other party. A contact address that is also a member's
    gets one e-mail, in the member's language; other contact addresses get the language
    of their organisation's first member (English if it has none).
    """
    rows: dict[str, EmailDelivery] = {}
    for organization, party in ((introduction.vendor, "vendor"), (introduction.buyer, "buyer")):
        members = list(active_members([organization.pk]))
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


# --- e-mail sending ---


class EmailTransientError(Exception):
    """Some e-mails could not be sent for a reason that may pass (connection, 4xx); retry later."""


# Keyword arguments for the @shared_task of a task that sends a batch of pending e-mail rows (an
# introduction's, a trade-service event's): a batch with deferred rows or an outage retries, slowly
# (an SMTP relay that refuses now rarely accepts a second later); the rows' give-up time bounds it.
RETRY_EMAIL_BATCH: dict[str, Any] = {
    "autoretry_for": (EmailTransientError, *TRANSIENT_ERRORS),
    "retry_backoff": 30,
    "retry_backoff_max": 1800,
    "retry_jitter": True,
    "max_retries": 6,
}


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


class PendingEmail(Protocol):
    """A row of one e-mail to send once (an introduction's EmailDelivery, a trade service's ServiceEmail)."""

    attempts: int
    last_error: str
    sent_at: datetime.datetime | None
    failed_at: datetime.datetime | None
    created_at: datetime.datetime

    def save(self, *args: Any, **kwargs: Any) -> None: ...


@dataclass(frozen=True)
class EmailAttempt:
    outcome: str  # "sent", "failed" (given up) or "deferred" (to be retried)
    error: OSError | None = None
    transient: bool = False


def pending_email_send(*, row: PendingEmail, message: EmailMessage) -> EmailAttempt:
    """Send a pending row's message and record the attempt on the row; call under its row lock.

    A transient failure leaves the row pending (deferred) until EMAIL_GIVE_UP_AFTER from its
    writing; a permanent one, or a transient one after that, gives it up (``failed_at``).
    """
    row.attempts += 1
    try:
        message.send()
    except OSError as exc:  # smtplib.SMTPException is an OSError, so are socket errors
        row.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
        transient = _is_transient(exc)
        now = timezone.now()
        if not transient or now - row.created_at >= EMAIL_GIVE_UP_AFTER:
            row.failed_at = now
        row.save(update_fields=["attempts", "last_error", "failed_at", "updated_at"])
        return EmailAttempt(outcome="failed" if row.failed_at else "deferred", error=exc, transient=transient)
    row.sent_at = timezone.now()
    row.last_error = ""
    row.save(update_fields=["attempts", "sent_at", "last_error", "updated_at"])
    return EmailAttempt(outcome="sent")


def _send_one(*, delivery_id: int, introduction: Introduction) -> str:
    """Send one pending row under its row lock: 'sent', 'failed', 'deferred' or 'skipped'."""
    with transaction.atomic():
        delivery = EmailDelivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.sent_at is not None or delivery.failed_at is not None:
            return "skipped"  # another worker sent it, or it was given up
        attempt = pending_email_send(
            row=delivery, message=email_message(delivery=delivery, introduction=introduction)
        )
        if attempt.error is not None:
            logger.warning(
                "introductions.email_failed delivery=%s introduction=%s transient=%s error=%s",
                delivery.pk,
                introduction.pk,
                attempt.transient,
                attempt.error.__class__.__name__,
            )
        return attempt.outcome


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
