"""An issued certificate's PDF, made by a worker: rendered, signed and stored once (safe to
run twice), and beat's catch-up for the PDFs and e-mails a lost task left behind.
"""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from audit.services import audit_record
from certificates.models import (
    Certificate,
    CertificateStatus,
)
from certificates.notifications import organization_members, service_emails_requeue, trade_notify
from certificates.services.applications import (
    application_reference,
)
from core.queues import task_enqueue

logger = logging.getLogger("certificates")


# The task (certificates.tasks) that makes a certificate's PDF, by its name.
CERTIFICATE_PDF_TASK = "certificates.generate_pdf"

# A certificate whose PDF is still missing this long after its last attempt lost its task.
PDF_REQUEUE_AFTER = datetime.timedelta(minutes=2)


def verification_url(number: str) -> str:
    """The public page that a certificate's QR code opens."""
    return f"{settings.MEDMATCH_PUBLIC_URL.rstrip('/')}/verify/{number}"


def certificate_pdf_enqueue(*, certificate_id: int) -> None:
    """Hand PDF generation to a worker; if the broker is down, beat's catch-up enqueues it later."""
    # A failure is logged; certificates_catch_up finds the certificate without a PDF and retries.
    task_enqueue(CERTIFICATE_PDF_TASK, certificate_id, failure_event="certificates.enqueue_failed")


def certificate_generate_pdf(*, certificate_id: int) -> bool:
    """Render, sign and store the certificate's PDF, then tell the member; False if already done.

    Idempotent: runs under the certificate's row lock and does nothing once a PDF is stored.
    """
    try:
        return _generate_pdf_locked(certificate_id=certificate_id)
    except Exception as exc:
        # Recorded outside the failed transaction, so that staff can see why it is pending.
        Certificate.objects.filter(pk=certificate_id).update(
            pdf_attempts=F("pdf_attempts") + 1,
            pdf_last_error=f"{exc.__class__.__name__}: {exc}"[:2000],
            updated_at=timezone.now(),
        )
        logger.exception("certificates.pdf_failed certificate=%s", certificate_id)
        raise


def _generate_pdf_locked(*, certificate_id: int) -> bool:
    from certificates.pdf import certificate_pdf_render
    from certificates.signing import pdf_sign

    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("application")
            .get(pk=certificate_id)
        )
        if certificate.pdf:
            return False
        certificate.pdf_attempts += 1
        signed = pdf_sign(
            certificate_pdf_render(certificate=certificate, url=verification_url(certificate.number))
        )
        certificate.pdf.save(f"{certificate.number}.pdf", ContentFile(signed), save=False)
        certificate.pdf_sha256 = hashlib.sha256(signed).hexdigest()
        certificate.pdf_generated_at = timezone.now()
        certificate.pdf_last_error = ""
        if certificate.status == CertificateStatus.PENDING:
            certificate.status = CertificateStatus.ISSUED
        certificate.save()
        audit_record(
            actor=None,
            action="certificate.pdf_generated",
            target=certificate,
            from_state=CertificateStatus.PENDING,
            to_state=certificate.status,
            data={"sha256": certificate.pdf_sha256, "bytes": len(signed)},
        )
        trade_notify(
            users=organization_members(organization_id=certificate.application.organization_id),
            kind="certificate.approved",
            key=f"fm.approved:{certificate.pk}",
            values={
                "ref": application_reference(certificate.application),
                "number": certificate.number,
                "url": verification_url(certificate.number),
            },
            details={
                "certificate": certificate.pk,
                "application": certificate.application_id,
                "number": certificate.number,
            },
            link=verification_url(certificate.number),
        )
    logger.info("certificates.pdf_generated certificate=%s bytes=%s", certificate_id, len(signed))
    return True


def certificates_catch_up(*, now: datetime.datetime) -> dict[str, int]:
    """Beat: enqueue PDFs a lost task never made, and e-mails left pending."""
    pending = list(
        Certificate.objects.filter(pdf="", updated_at__lte=now - PDF_REQUEUE_AFTER)
        .order_by("id")
        .values_list("id", flat=True)[:500]
    )
    for certificate_id in pending:
        certificate_pdf_enqueue(certificate_id=certificate_id)
    return {"pdfs": len(pending), "emails": len(service_emails_requeue(now=now))}
