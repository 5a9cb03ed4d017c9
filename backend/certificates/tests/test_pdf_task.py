import hashlib
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.tests.factories import StaffFactory, VendorUserFactory
from certificates.models import Certificate
from certificates.services.decisions import application_approve
from certificates.services.pdf_generation import certificate_generate_pdf
from certificates.tests.factories import EvidenceFactory, FmApplicationFactory
from introductions.models import Notification

pytestmark = pytest.mark.django_db


def _approved() -> Certificate:
    member = VendorUserFactory(organization__verification_status="verified", language="es")
    application = FmApplicationFactory(organization=member.organization, status="submitted")
    EvidenceFactory(application=application)
    return application_approve(application=application, actor=StaffFactory())


def test_a_missing_key_leaves_the_certificate_pending_with_the_reason(settings: Any) -> None:
    settings.MEDMATCH_SIGNING_ALLOW_TEST_KEY = False
    certificate = _approved()

    with pytest.raises(ImproperlyConfigured):
        certificate_generate_pdf(certificate_id=certificate.pk)

    certificate.refresh_from_db()
    assert certificate.status == "pending"
    assert not certificate.pdf
    assert certificate.pdf_attempts == 1
    assert "MEDMATCH_SIGNING_KEY" in certificate.pdf_last_error
    assert not Notification.objects.filter(kind="certificate.approved").exists()

    settings.MEDMATCH_SIGNING_ALLOW_TEST_KEY = True
    assert certificate_generate_pdf(certificate_id=certificate.pk) is True
    assert certificate_generate_pdf(certificate_id=certificate.pk) is False

    certificate.refresh_from_db()
    assert certificate.status == "issued"
    assert certificate.pdf_last_error == ""
    assert certificate.pdf_sha256 == hashlib.sha256(certificate.pdf.read()).hexdigest()
    notice = Notification.objects.get(kind="certificate.approved")
    assert notice.title == f"Certificado {certificate.number} emitido"
