from celery import shared_task
from django.utils import timezone

from certificates.notifications import SERVICE_EMAILS_TASK, service_emails_send
from certificates.services.pdf_generation import (
    CERTIFICATE_PDF_TASK,
    certificate_generate_pdf,
    certificates_catch_up,
)
from core.queues import TaskQueue, task_former_name
from core.retries import RETRY_TRANSIENT
from introductions.services.email_delivery import RETRY_EMAIL_BATCH


@shared_task(name=CERTIFICATE_PDF_TASK, queue=TaskQueue.CERTIFICATES, **RETRY_TRANSIENT)
def generate_certificate_pdf(certificate_id: int) -> bool:
    """Render, sign and store one certificate's PDF; a second run does nothing."""
    return certificate_generate_pdf(certificate_id=certificate_id)


@shared_task(name=SERVICE_EMAILS_TASK, queue=TaskQueue.NOTIFICATIONS, **RETRY_EMAIL_BATCH)
def send_service_emails(key: str) -> dict[str, int]:
    """Send the pending trade-service e-mails of one event; idempotent per address."""
    report = service_emails_send(key=key)
    return {"sent": report.sent, "failed": report.failed}


@shared_task(name="certificates.catch_up", queue=TaskQueue.CERTIFICATES, **RETRY_TRANSIENT)
def catch_up() -> dict[str, int]:
    """Beat: PDFs and e-mails that a lost task (broker or worker down) left undone."""
    return certificates_catch_up(now=timezone.now())


# The name the e-mail task had until it was named after its module.
task_former_name(send_service_emails, "notifications.send_service_emails")
