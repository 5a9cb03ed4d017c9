"""Force-majeure certificates and consultations end to end, through the API, with a real
Celery worker on Redis making and signing the PDF and sending the e-mails."""

import hashlib
import subprocess
import sys
import time
from collections.abc import Callable
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import StaffFactory, VendorUserFactory
from certificates.models import Certificate, ServiceEmail
from certificates.services.pdf_generation import certificates_catch_up
from certificates.signing import signing_certificate
from certificates.tasks import generate_certificate_pdf
from conftest import wait_for_task_done
from consultations.tests.factories import AdviserFactory
from introductions.models import Notification
from organizations.tests.factories import PDF_BYTES
from tests.pdf_helpers import pdf_qr_codes

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _worker_storage(settings: Any) -> None:
    """Read files where the worker writes them (the configured media root), whatever earlier tests set."""
    from config.env import env_str

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": env_str("MEDIA_ROOT", str(settings.RUN_DIR / "media"))},
        },
    }


APPLICATIONS = "/api/v1/certificates/applications/"
CONTRACT = {
    "counterparty_name": "Hospital Central de Lima",
    "counterparty_country": "PE",
    "counterparty_language": "es",
    "contract_number": "HCL-2020-007",
    "contract_date": "2020-01-10",
    "goods": "医用防护服 GB 19082, 50,000 pcs",
    "contract_value": "375000.00",
    "currency": "USD",
    "obligation": "Shipment CIF Callao",
    "obligation_due_date": "2020-02-20",
    "event_description": "The Wuhan lockdown order of 23 January 2020 closed our factory and the port.",
    "event_location": "Wuhan, Hubei, China",
    "event_start": "2020-01-23",
}


def _client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _wait_for(condition: Callable[[], Any], timeout: float = 180) -> Any:
    # Generous: the session's one worker may first drain what earlier tests queued.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("the worker did not finish in time")


def _validate(pdf: bytes) -> Any:
    signature = PdfFileReader(BytesIO(pdf)).embedded_signatures[0]
    return validate_pdf_signature(signature, ValidationContext(trust_roots=[signing_certificate()]))


def _approved_certificate(
    member: User, staff: User, before_approval: Callable[[], object] = lambda: None
) -> tuple[int, float]:
    """Apply, get asked for more, resubmit, get approved; returns the application id and
    the monotonic time of the first submission."""
    client = _client(member)
    created = client.post(APPLICATIONS, CONTRACT, format="json")
    assert created.status_code == 201, created.content
    application_id = created.json()["id"]
    upload = client.post(
        f"{APPLICATIONS}{application_id}/evidence/",
        {"file": SimpleUploadedFile("contract.pdf", PDF_BYTES), "kind": "contract"},
    )
    assert upload.status_code == 201, upload.content
    assert client.post(f"{APPLICATIONS}{application_id}/submit/", {}, format="json").status_code == 200
    submitted = time.monotonic()

    asked = _client(staff).post(
        f"{APPLICATIONS}{application_id}/request-info/",
        {"message": "Attach the government notice."},
        format="json",
    )
    assert asked.json()["status"] == "info_requested"
    upload = client.post(
        f"{APPLICATIONS}{application_id}/evidence/",
        {"file": SimpleUploadedFile("notice.pdf", PDF_BYTES), "kind": "government_notice"},
    )
    assert upload.status_code == 201
    resubmitted = client.post(f"{APPLICATIONS}{application_id}/submit/", {"note": "Attached."}, format="json")
    assert resubmitted.json()["status"] == "resubmitted"
    before_approval()
    approved = _client(staff).post(f"{APPLICATIONS}{application_id}/approve/")
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "approved"
    return application_id, submitted


def test_the_whole_certificate_flow_with_a_signed_pdf(
    celery_worker_process: subprocess.Popen[bytes], capsys: pytest.CaptureFixture[str], search_prefix: str
) -> None:
    member = VendorUserFactory(organization__verification_status="verified", language="zh-hans")
    staff = StaffFactory()
    application_id, submitted = _approved_certificate(member, staff)
    approved = time.monotonic()
    certificate_id = Certificate.objects.get(application_id=application_id).pk

    detail = _wait_for(
        lambda: (body := _client(member).get(f"/api/v1/certificates/{certificate_id}/").json())["pdf_url"]
        and body
    )
    signed_at = time.monotonic()
    with capsys.disabled():
        sys.stdout.write(
            f"\n[certificates] submission → signed PDF {signed_at - submitted:.2f} s "
            f"(approval → signed PDF {signed_at - approved:.2f} s)\n"
        )
    assert detail["status"] == "issued"
    assert detail["languages"] == ["zh", "en", "es"]
    download = _client(member).get(detail["pdf_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    pdf = b"".join(download.streaming_content)

    # The signature is intact, covers the whole file and chains to the configured key.
    status = _validate(pdf)
    assert status.bottom_line
    assert status.intact
    assert status.coverage.name == "ENTIRE_FILE"
    info = PdfFileReader(BytesIO(pdf)).trailer["/Info"]
    assert str(info["/Subject"]) == detail["number"]

    # The facts are text in embedded fonts (readable without Chinese fonts installed), and the
    # QR code, rendered and scanned, is the verification address.
    text = "".join(pdf_page.extract_text() for pdf_page in PdfReader(BytesIO(pdf)).pages)
    for fact in ("不可抗力事实性证明", "医用防护服 GB 19082", "Hospital Central de Lima", "Certificado"):
        assert fact in text
    assert pdf_qr_codes(pdf) == [detail["verification_url"]]
    assert detail["verification_url"].endswith(f"/verify/{detail['number']}")

    # Its hash is what the public page shows.
    verified = _client(None).get(f"/api/v1/certificates/verify/{detail['number']}/")
    assert verified.status_code == 200
    page = verified.json()
    assert page["pdf_sha256"] == hashlib.sha256(pdf).hexdigest()
    assert page["status"] == "valid"
    assert page["counterparty_country"] == "PE"
    assert page["holder"] == member.organization.name
    assert "contract_number" not in page
    assert "goods" not in page

    # One altered byte inside the signed range and the signature no longer holds.
    position = pdf.index(b"MedMatch")
    tampered = pdf[:position] + b"X" + pdf[position + 1 :]
    broken = _validate(tampered)
    assert not broken.intact
    assert not broken.bottom_line

    # A second run of the task does nothing (the PDF, and so its hash, stay as issued).
    # (No result backend: the worker's log line carries the task's answer.)
    rerun = generate_certificate_pdf.delay(certificate_id)
    assert wait_for_task_done(search_prefix, rerun.id, timeout=180).rstrip().endswith(": False")
    assert Certificate.objects.get(pk=certificate_id).pdf_sha256 == page["pdf_sha256"]

    # Every step told the member, in Chinese, in the app and by e-mail (sent by the worker).
    kinds = set(Notification.objects.filter(user=member).values_list("kind", flat=True))
    assert kinds == {"certificate.submitted", "certificate.info_requested", "certificate.approved"}
    emails = ServiceEmail.objects.filter(user=member)
    _wait_for(lambda: emails.count() == 4 and not emails.filter(sent_at__isnull=True).exists())
    approved_email = emails.get(kind="certificate.approved")
    assert approved_email.language == "zh"
    assert f"/verify/{detail['number']}" in approved_email.body
    assert "证明" in approved_email.subject

    # Revocation shows on the public page.
    revoked = _client(staff).post(
        f"/api/v1/certificates/{certificate_id}/revoke/",
        {"reason": "Issued on a forged notice."},
        format="json",
    )
    assert revoked.status_code == 200
    page = _client(None).get(f"/api/v1/certificates/verify/{detail['number']}/").json()
    assert page["status"] == "revoked"
    assert page["revocation_reason"] == "Issued on a forged notice."
    assert page["revoked_at"] is not None
    assert Notification.objects.filter(user=member, kind="certificate.revoked").exists()


def test_an_approval_while_the_broker_is_down_gets_its_pdf_later(
    celery_worker_process: subprocess.Popen[bytes], request: pytest.FixtureRequest
) -> None:
    member = VendorUserFactory(organization__verification_status="verified")
    staff = StaffFactory()
    from config.celery import app
    from conftest import _reset_broker_pools

    working = (app.conf.broker_url, app.conf.broker_write_url)
    application_id, _submitted = _approved_certificate(
        member, staff, before_approval=lambda: request.getfixturevalue("broker_down")
    )
    certificate = Certificate.objects.get(application_id=application_id)
    assert certificate.status == "pending"
    # The broker comes back (the fixture's own teardown runs only after the test).
    app.conf.broker_url, app.conf.broker_write_url = working
    _reset_broker_pools()
    time.sleep(1)
    assert not Certificate.objects.get(pk=certificate.pk).pdf

    report = certificates_catch_up(now=timezone.now() + timezone.timedelta(minutes=5))

    assert report["pdfs"] == 1
    _wait_for(lambda: Certificate.objects.get(pk=certificate.pk).pdf_sha256)
    assert Certificate.objects.get(pk=certificate.pk).status == "issued"


def test_the_consultation_flow_and_its_emails(celery_worker_process: subprocess.Popen[bytes]) -> None:
    member = VendorUserFactory(language="fr")
    adviser = AdviserFactory(first_name="Li Ming", last_name="")
    staff = StaffFactory()
    outsider = VendorUserFactory()
    client = _client(member)

    asked = client.post(
        "/api/v1/consultations/",
        {
            "topic": "trade_remedies",
            "subject": "Anti-dumping duty on gloves",
            "description": "What can we do?",
        },
        format="json",
    )
    assert asked.status_code == 201, asked.content
    consultation_id = asked.json()["id"]
    attached = client.post(
        f"/api/v1/consultations/{consultation_id}/attachments/",
        {"file": SimpleUploadedFile("notice.pdf", PDF_BYTES)},
    )
    assert attached.status_code == 201
    assigned = _client(staff).post(
        f"/api/v1/consultations/{consultation_id}/assign/", {"adviser": adviser.pk}, format="json"
    )
    assert assigned.json()["status"] == "assigned"
    answer = _client(adviser).post(
        f"/api/v1/consultations/{consultation_id}/messages/",
        {"body": "You can take part in the investigation as a respondent."},
        format="json",
    )
    assert answer.status_code == 201
    assert answer.json()["from_adviser"] is True
    reply = client.post(
        f"/api/v1/consultations/{consultation_id}/messages/", {"body": "Thank you."}, format="json"
    )
    assert reply.json()["from_adviser"] is False
    closed = _client(adviser).post(
        f"/api/v1/consultations/{consultation_id}/close/", {"outcome": "Advised to respond."}, format="json"
    )
    assert closed.json()["status"] == "closed"
    assert closed.json()["first_response_at"] is not None

    thread = client.get(f"/api/v1/consultations/{consultation_id}/messages/").json()["results"]
    assert [message["body"] for message in thread] == [
        "You can take part in the investigation as a respondent.",
        "Thank you.",
    ]
    for path in ("", "messages/", f"attachments/{attached.json()['id']}/file/"):
        assert _client(outsider).get(f"/api/v1/consultations/{consultation_id}/{path}").status_code == 404
    # The member was told in French at each step; the adviser of the member's reply.
    emails = ServiceEmail.objects.filter(user=member)
    _wait_for(lambda: emails.count() == 3 and not emails.filter(sent_at__isnull=True).exists())
    assert set(emails.values_list("language", flat=True)) == {"fr"}
    assert emails.get(kind="consultation.closed").subject.startswith("Consultation close")
    assert ServiceEmail.objects.filter(user=adviser, kind="consultation.assigned_to_you").count() == 1
    assert ServiceEmail.objects.filter(user=adviser, kind="consultation.message").count() == 1
