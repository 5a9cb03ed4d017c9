"""In-app notifications and e-mails for the trade services (certificates and consultations).

In the app: introductions.Notification rows (one list of notifications per user). By e-mail:
ServiceEmail rows written in the same transaction as the change, each rendered in its
recipient's language, sent after commit by a task on the notifications queue, once each
(``sent_at`` under a row lock); beat re-enqueues rows that a lost task left pending.
"""

import datetime
import logging
from collections.abc import Iterable
from functools import partial

from django.core.mail import EmailMessage
from django.db import transaction

from accounts.models import User
from certificates.messages import trade_wording
from certificates.models import ServiceEmail
from core.queues import task_enqueue
from introductions.messages import language_for
from introductions.models import Notification

# Sending a pending e-mail row, and the transient/permanent split of SMTP errors, are
# introductions' rule; one rule, one place.
from introductions.services.email_delivery import (
    EMAIL_REQUEUE_AFTER,
    EmailSendReport,
    EmailTransientError,
    pending_email_send,
)

logger = logging.getLogger("certificates")

# The task (certificates.tasks) that sends an event's pending e-mails, by its name.
SERVICE_EMAILS_TASK = "certificates.send_service_emails"


def organization_members(*, organization_id: int) -> list[User]:
    """The active members of an organisation: who is told about its applications and consultations."""
    return list(User.objects.filter(organization_id=organization_id, is_active=True).order_by("id"))


def trade_notify(
    *,
    users: Iterable[User],
    kind: str,
    key: str,
    values: dict[str, object],
    details: dict[str, object],
    link: str = "",
) -> int:
    """Notify each user in the app and by e-mail, worded in the user's language.

    ``key`` names the event (e.g. ``fm.approved:12``); a second call with the same key
    writes no second e-mail to anyone. Call inside the change's transaction; the e-mails
    go after commit. Returns how many users were told.
    """
    notifications = []
    emails = []
    recipients = list(users)
    for user in recipients:
        language = language_for(user.language)
        wording = trade_wording(kind=kind, language=language, **values)
        notifications.append(
            Notification(user=user, kind=kind, title=wording.title, body=wording.body, details=details)
        )
        address = user.email.strip().lower()
        if address:
            body = f"{wording.body}\n\n{link}\n" if link else f"{wording.body}\n"
            emails.append(
                ServiceEmail(
                    key=f"{key}:{user.pk}"[:96],
                    kind=kind,
                    user=user,
                    to_email=address,
                    language=language,
                    subject=" ".join(wording.title.split()),
                    body=body,
                )
            )
    Notification.objects.bulk_create(notifications)
    ServiceEmail.objects.bulk_create(emails, ignore_conflicts=True)
    if emails:
        transaction.on_commit(partial(service_emails_enqueue, key=key))
    return len(recipients)


def service_emails_enqueue(*, key: str) -> None:
    """Hand the event's pending e-mails to a worker; if the broker is down, beat catches up."""
    # A failure is logged; service_emails_requeue finds the pending rows and enqueues them again.
    task_enqueue(SERVICE_EMAILS_TASK, key, failure_event="certificates.email_enqueue_failed")


def _send_one(*, email_id: int) -> str:
    with transaction.atomic():
        email = ServiceEmail.objects.select_for_update().get(pk=email_id)
        if email.sent_at is not None or email.failed_at is not None:
            return "skipped"
        message = EmailMessage(
            subject=email.subject,
            body=email.body,
            to=[email.to_email],
            headers={"Auto-Submitted": "auto-generated", "Content-Language": email.language},
        )
        attempt = pending_email_send(row=email, message=message)
        if attempt.error is not None:
            logger.warning(
                "certificates.email_failed email=%s transient=%s error=%s",
                email.pk,
                attempt.transient,
                attempt.error.__class__.__name__,
            )
        return attempt.outcome


def service_emails_send(*, key: str) -> EmailSendReport:
    """Send the pending e-mails of the event ``key`` (every row whose key starts ``key:``).

    Idempotent. Raises EmailTransientError after trying every row if some may pass later.
    """
    report = EmailSendReport()
    ids = ServiceEmail.objects.filter(
        key__startswith=f"{key}:", sent_at__isnull=True, failed_at__isnull=True
    ).values_list("id", flat=True)
    for email_id in list(ids.order_by("id")):
        outcome = _send_one(email_id=email_id)
        if outcome in ("sent", "failed", "deferred"):
            setattr(report, outcome, getattr(report, outcome) + 1)
    if report.deferred:
        raise EmailTransientError(f"{report.deferred} e-mail(s) of {key} could not be sent yet")
    return report


def service_emails_requeue(*, now: datetime.datetime) -> list[str]:
    """Enqueue sending again for events whose e-mails a lost task left pending."""
    keys = sorted(
        {
            key.rsplit(":", 1)[0]
            for key in ServiceEmail.objects.filter(
                sent_at__isnull=True, failed_at__isnull=True, updated_at__lte=now - EMAIL_REQUEUE_AFTER
            ).values_list("key", flat=True)
        }
    )
    for key in keys:
        service_emails_enqueue(key=key)
    return keys
