from celery import shared_task
from django.utils import timezone

from core.queues import TaskQueue, task_former_name
from core.retries import RETRY_TRANSIENT
from introductions.services.email_delivery import (
    INTRODUCTION_EMAIL_TASK,
    RETRY_EMAIL_BATCH,
    introduction_emails_requeue,
    introduction_emails_send,
)
from introductions.services.reminders import introductions_send_reminders


@shared_task(name=INTRODUCTION_EMAIL_TASK, queue=TaskQueue.NOTIFICATIONS, **RETRY_EMAIL_BATCH)
def send_introduction_email(introduction_id: int, recipient: int | str = "both") -> dict[str, int]:
    """Send the introduction's pending e-mails: to everyone ("both") or to one user id.

    Idempotent: what was sent is recorded per address. Only transient SMTP errors retry.
    """
    user_id = None if recipient == "both" else int(recipient)
    report = introduction_emails_send(introduction_id=introduction_id, user_id=user_id)
    return {"sent": report.sent, "failed": report.failed}


@shared_task(name="introductions.remind_and_expire", queue=TaskQueue.NOTIFICATIONS, **RETRY_TRANSIENT)
def remind_and_expire() -> dict[str, int]:
    """Beat: remind and expire unanswered introductions; re-enqueue e-mails a lost task left pending."""
    now = timezone.now()
    report = introductions_send_reminders(now=now)
    requeued = introduction_emails_requeue(now=now)
    return {"reminded": len(report.reminded), "expired": len(report.expired), "requeued": len(requeued)}


# The name the e-mail task had until it was named after its module.
task_former_name(send_introduction_email, "notifications.send_introduction_email")
