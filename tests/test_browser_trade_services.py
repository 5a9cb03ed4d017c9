"""The trade services in Debian's Chromium against a live server and a real worker.

Certificates: a verified member applies in the UI, staff approve in the UI, the worker makes and
signs the PDF, the member downloads it, its QR code is rendered and scanned, and the address it
holds opens the public page showing "valid" and the downloaded PDF's SHA-256.
Consultations: a member asks with an attachment, staff assign an adviser, adviser and member
exchange messages, the adviser closes it with an outcome; another organisation cannot open it.
Each page is walked in English, Chinese and Arabic (right to left) at desktop and phone width:
no sideways scrolling, no serious or critical axe-core finding, a screenshot of each.
"""

import hashlib
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from accounts.tests.factories import StaffFactory, VendorUserFactory
from certificates.models import ApplicationStatus, Certificate, FmApplication
from consultations.models import Consultation, ConsultationStatus
from consultations.tests.factories import AdviserFactory
from organizations.tests.factories import PDF_BYTES
from tests.browser_helpers import ARTIFACTS, DESKTOP, PHONE, TIMEOUT_MS, axe_serious, sign_in
from tests.pdf_helpers import pdf_qr_codes

pytestmark = [pytest.mark.browser, pytest.mark.celery, pytest.mark.django_db(transaction=True)]

# The worker may first drain what earlier tests queued.
PDF_TIMEOUT_MS = 180_000
# Walked in this order so that a page ends in English at desktop width, as it started.
WALK_LANGUAGES = ("zh", "ar", "en")


@pytest.fixture(autouse=True)
def _worker_storage(settings: Any) -> None:
    """Serve files from where the worker writes them (the configured media root)."""
    from config.env import env_str

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": env_str("MEDIA_ROOT", str(settings.RUN_DIR / "media"))},
        },
    }


def _sign_in(
    browser: Any, base: str, email: str, next_path: str, *, viewport: dict[str, int] = DESKTOP
) -> tuple[Any, Any, list[str]]:
    page = sign_in(browser, base, email, next_path=next_path, viewport=viewport, accept_downloads=True)
    return page.context, page, page.errors


def _walk(page: Any, url: str, ready: str, name: str) -> None:
    """``url`` in Chinese, Arabic and English at phone and desktop width: the page is laid out in
    the language's direction without sideways scrolling, axe-core finds nothing serious (Arabic on
    the phone, English on the desktop), and each view is kept as a screenshot."""
    for lang in WALK_LANGUAGES:
        for size, viewport in (("390", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(viewport)
            page.goto(f"{url}{'&' if '?' in url else '?'}lang={lang}")
            page.wait_for_selector(ready, timeout=TIMEOUT_MS)
            page.wait_for_selector("[data-testid=loading]", state="detached", timeout=TIMEOUT_MS)
            where = f"{name} {lang} {size}"
            assert page.evaluate("document.documentElement.lang") == lang, where
            assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr"), where
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1, where
            page.screenshot(path=str(ARTIFACTS / f"{name}-{lang}-{size}.png"), full_page=True)
            if (lang, size) in (("ar", "390"), ("en", "desktop")):
                assert axe_serious(page) == [], where


def test_member_applies_staff_approve_pdf_downloads_and_verifies(
    browser: Any,
    live_server: Any,
    celery_worker_process: subprocess.Popen[bytes],
    tmp_path: Path,
) -> None:
    member = VendorUserFactory(organization__verification_status="verified")
    staff = StaffFactory(first_name="Sam Reviewer")
    evidence = tmp_path / "contract.pdf"
    evidence.write_bytes(PDF_BYTES)

    # The member drafts the application, attaches the contract and submits it.
    member_context, page, member_errors = _sign_in(
        browser, live_server.url, member.email, "/certificates/new"
    )
    _walk(page, f"{live_server.url}/certificates/new", "[data-testid=application-form]", "certificate-apply")
    for field, value in {
        "counterparty_name": "Hospital Central de Lima",
        "contract_number": "HCL-2020-007",
        "contract_date": "2020-01-10",
        "contract_value": "375000.00",
        "obligation_due_date": "2020-02-20",
        "goods": "医用防护服 GB 19082, 50,000 pcs",
        "obligation": "Shipment CIF Callao",
        "event_description": "The Wuhan lockdown order of 23 January 2020 closed our factory and the port.",
        "event_location": "Wuhan, Hubei, China",
        "event_start": "2020-01-23",
        "event_end": "2020-04-08",
    }.items():
        page.fill(f"#fm-{field}", value)
    page.select_option("#fm-counterparty_country", "PE")
    page.select_option("#fm-counterparty_language", "es")
    page.select_option("#fm-currency", "USD")
    page.click("[data-testid=application-save]")
    page.wait_for_selector("[data-testid=application][data-status=draft]", timeout=TIMEOUT_MS)
    application = FmApplication.objects.get(organization=member.organization)
    assert application.status == ApplicationStatus.DRAFT
    assert application.counterparty_country == "PE"
    assert application.goods.startswith("医用防护服")

    page.set_input_files("[data-testid=evidence-file]", str(evidence))
    page.click("[data-testid=evidence-submit]")
    page.wait_for_selector("[data-testid=evidence-item]", timeout=TIMEOUT_MS)
    page.click("[data-testid=application-submit]")
    page.wait_for_selector("[data-testid=application][data-status=submitted]", timeout=TIMEOUT_MS)
    assert page.locator("[data-testid=time-left]").inner_text().endswith("left")
    page.screenshot(path=str(ARTIFACTS / "certificate-submitted-en.png"), full_page=True)

    # Staff find it in the queue, see the evidence inline and approve.
    staff_context, staff_page, staff_errors = _sign_in(
        browser, live_server.url, staff.email, "/certificates/queue"
    )
    staff_page.wait_for_selector("[data-testid=queue-row]", timeout=TIMEOUT_MS)
    assert staff_page.locator("[data-testid=queue-row]").count() == 1
    _walk(staff_page, f"{live_server.url}/certificates/queue", "[data-testid=queue-row]", "certificate-queue")
    staff_page.locator("[data-testid=queue-row] a").click()
    staff_page.wait_for_selector("iframe.evidence-frame", timeout=TIMEOUT_MS)
    staff_page.click("[data-testid=review-approve]")
    staff_page.wait_for_selector("[data-testid=application][data-status=approved]", timeout=TIMEOUT_MS)
    staff_page.wait_for_selector("[data-testid=certificate]", timeout=TIMEOUT_MS)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED

    # The worker signs the PDF; the member's page offers it once it is there.
    page.reload()
    page.wait_for_selector("[data-testid=certificate-pdf]", timeout=PDF_TIMEOUT_MS)
    with page.expect_download(timeout=TIMEOUT_MS) as download_info:
        page.click("[data-testid=certificate-pdf]")
    download = download_info.value
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    digest = hashlib.sha256(pdf).hexdigest()
    certificate = Certificate.objects.get(application=application)
    assert download.suggested_filename == f"{certificate.number}.pdf"
    page.screenshot(path=str(ARTIFACTS / "certificate-issued-en.png"), full_page=True)

    # The QR code, rendered from the downloaded PDF and scanned, holds the verification address.
    scanned = pdf_qr_codes(pdf)
    assert scanned == [
        page.evaluate(
            "async (id) => (await (await fetch(`/api/v1/certificates/${id}/`)).json()).verification_url",
            certificate.pk,
        )
    ]
    qr_url = urlsplit(scanned[0])
    assert qr_url.path == f"/verify/{certificate.number}"
    # That address, opened as scanned, without a session. Its host is the configured public
    # address (MEDMATCH_PUBLIC_URL, as the worker saw it), served here by the live server.
    anonymous = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    public_origin = f"{qr_url.scheme}://{qr_url.netloc}"
    if public_origin != live_server.url:
        anonymous.route(
            f"{public_origin}/**",
            lambda route: route.continue_(url=live_server.url + route.request.url[len(public_origin) :]),
        )
    for lang in ("en", "zh", "ar"):
        public = anonymous.new_page()
        public_errors: list[str] = []
        public.on("pageerror", lambda exc, sink=public_errors: sink.append(str(exc)))
        public.goto(f"{scanned[0]}?lang={lang}")
        public.wait_for_selector("[data-testid=verification]", timeout=TIMEOUT_MS)
        assert public.url.startswith(scanned[0])
        card = public.locator("[data-testid=verification]")
        assert card.get_attribute("data-status") == "valid"
        assert public.locator("[data-testid=pdf-sha256]").inner_text() == digest
        assert {"en": "Valid", "zh": "有效", "ar": "سارية"}[lang] in card.inner_text()
        assert public_errors == []
        public.close()
    public = anonymous.new_page()
    _walk(public, scanned[0], "[data-testid=verification]", "certificate-verify")
    _walk(page, page.url.split("?")[0], "[data-testid=certificate-pdf]", "certificate-issued")

    assert member_errors == []
    assert staff_errors == []
    for context in (member_context, staff_context, anonymous):
        context.close()


def test_member_asks_adviser_answers_and_closes_and_no_other_organisation_can_read_it(
    browser: Any,
    live_server: Any,
    celery_worker_process: subprocess.Popen[bytes],
    tmp_path: Path,
) -> None:
    member = VendorUserFactory(organization__verification_status="verified", first_name="Li Wei")
    outsider = VendorUserFactory(organization__verification_status="verified")
    staff = StaffFactory(first_name="Sam Dispatcher")
    adviser = AdviserFactory(first_name="Ada Counsel")
    attachment = tmp_path / "clause-14.pdf"
    attachment.write_bytes(PDF_BYTES)

    # The member asks, with the contract attached.
    member_context, page, member_errors = _sign_in(browser, live_server.url, member.email, "/consultations")
    page.wait_for_selector("[data-testid=ask-form]", timeout=TIMEOUT_MS)
    assert axe_serious(page) == []
    page.select_option("#c-topic", "contracts_arbitration")
    page.fill("#c-subject", "Can the buyer claim the late-delivery penalty?")
    page.fill("#c-description", "Clause 14 names epidemics; the lockdown stopped our plant for 10 weeks.")
    page.set_input_files("[data-testid=ask-form] input[type=file]", str(attachment))
    page.click("[data-testid=ask-submit]")
    page.wait_for_selector("[data-testid=consultation][data-status=open]", timeout=TIMEOUT_MS)
    consultation = Consultation.objects.get(organization=member.organization)
    assert consultation.topic == "contracts_arbitration"
    assert page.url.endswith(f"/consultations/{consultation.pk}")
    page.wait_for_selector("text=clause-14.pdf", timeout=TIMEOUT_MS)
    assert list(consultation.attachments.values_list("original_name", flat=True)) == ["clause-14.pdf"]
    thread_url = f"{live_server.url}/consultations/{consultation.pk}"

    # Staff give it to the adviser.
    staff_context, staff_page, staff_errors = _sign_in(
        browser, live_server.url, staff.email, f"/consultations/{consultation.pk}"
    )
    staff_page.wait_for_selector("[data-testid=assign-form]", timeout=TIMEOUT_MS)
    staff_page.select_option("#c-adviser", str(adviser.pk))
    staff_page.click("[data-testid=assign-submit]")
    staff_page.wait_for_selector("[data-testid=consultation][data-status=assigned]", timeout=TIMEOUT_MS)
    assert staff_page.locator("[data-testid=adviser]").inner_text() == adviser.get_full_name()
    assert axe_serious(staff_page) == []

    # The adviser answers; the member replies; the adviser closes it with an outcome.
    adviser_context, adviser_page, adviser_errors = _sign_in(
        browser, live_server.url, adviser.email, f"/consultations/{consultation.pk}"
    )
    adviser_page.wait_for_selector("[data-testid=reply-form]", timeout=TIMEOUT_MS)
    adviser_page.fill("[data-testid=reply-body]", "Send me the buyer's notice of delay.")
    adviser_page.click("[data-testid=reply-submit]")
    adviser_page.wait_for_selector("[data-testid=message]", timeout=TIMEOUT_MS)

    page.reload()
    page.wait_for_selector("text=Send me the buyer's notice of delay.", timeout=TIMEOUT_MS)
    assert page.locator("[data-testid=close-form]").count() == 0  # only the adviser closes
    page.fill("[data-testid=reply-body]", "Attached; it arrived on 3 March.")
    page.click("[data-testid=reply-submit]")
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=message]').length === 2", timeout=TIMEOUT_MS
    )

    _walk(adviser_page, thread_url, "text=Attached; it arrived on 3 March.", "consultation-thread-adviser")
    adviser_page.fill(
        "[data-testid=close-outcome]", "Clause 14 covers the lockdown: notify the buyer in writing."
    )
    adviser_page.click("[data-testid=close-submit]")
    adviser_page.wait_for_selector("[data-testid=consultation][data-status=closed]", timeout=TIMEOUT_MS)
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CLOSED
    assert consultation.adviser_id == adviser.pk
    assert list(consultation.messages.order_by("id").values_list("from_adviser", flat=True)) == [True, False]

    page.reload()
    page.wait_for_selector("[data-testid=outcome]", timeout=TIMEOUT_MS)
    assert "notify the buyer in writing" in page.locator("[data-testid=outcome]").inner_text()
    assert page.locator("[data-testid=reply-form]").count() == 0
    _walk(page, thread_url, "[data-testid=thread]", "consultation-thread")
    _walk(page, f"{live_server.url}/consultations", "[data-testid=consultations]", "consultation-list")

    # Another organisation's member gets "not found", and sees no row of it in the list.
    outsider_context, outsider_page, outsider_errors = _sign_in(
        browser, live_server.url, outsider.email, f"/consultations/{consultation.pk}"
    )
    outsider_page.wait_for_selector("[data-testid=error-notice]", timeout=TIMEOUT_MS)
    assert outsider_page.locator("[data-testid=consultation]").count() == 0
    assert "Can the buyer claim" not in outsider_page.content()
    outsider_page.goto(f"{live_server.url}/consultations")
    outsider_page.wait_for_selector("[data-testid=ask-form]", timeout=TIMEOUT_MS)
    outsider_page.wait_for_selector("[data-testid=loading]", state="detached", timeout=TIMEOUT_MS)
    assert outsider_page.locator("[data-testid=consultation-row]").count() == 0

    assert member_errors == staff_errors == adviser_errors == outsider_errors == []
    for context in (member_context, staff_context, adviser_context, outsider_context):
        context.close()
