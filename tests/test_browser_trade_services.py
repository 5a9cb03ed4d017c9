"""Force-majeure certificates in Debian's Chromium against a live server and a real worker.

A verified member applies in the UI, staff approve in the UI, the worker makes and signs the
PDF, the member downloads it, and the certificate's verification URL (what its QR code
encodes) opens the public page showing "valid" and the downloaded PDF's SHA-256.
"""

import hashlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from accounts.tests.factories import StaffFactory, VendorUserFactory
from certificates.models import ApplicationStatus, Certificate, FmApplication
from organizations.tests.factories import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.celery, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / ".run" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PASSWORD = "correct horse battery staple"
TIMEOUT_MS = 20_000
# The worker may first drain what earlier tests queued.
PDF_TIMEOUT_MS = 180_000


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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not (Path(settings.FRONTEND_DIST_DIR) / "index.html").exists():
        pytest.fail("frontend/dist is missing: `make test` builds it before pytest")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _sign_in(browser: Any, base: str, email: str, next_path: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/login?lang=en&next={next_path}")
    page.wait_for_selector("[data-testid=app-ready]", timeout=TIMEOUT_MS)
    page.fill("#login-email", email)
    page.fill("#login-password", PASSWORD)
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_url(f"**{next_path}*", timeout=TIMEOUT_MS)
    return context, page, errors


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
    page.wait_for_selector("[data-testid=application-form]", timeout=TIMEOUT_MS)
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
    staff_page.screenshot(path=str(ARTIFACTS / "certificate-queue-en.png"), full_page=True)
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

    # The QR code encodes the verification URL; its path opens the public page (no session).
    verification_path = urlsplit(
        page.evaluate(
            "async (id) => (await (await fetch(`/api/v1/certificates/${id}/`)).json()).verification_url",
            certificate.pk,
        )
    ).path
    assert verification_path == f"/verify/{certificate.number}"
    anonymous = browser.new_context(viewport={"width": 1280, "height": 900})
    for lang in ("en", "zh", "ar"):
        public = anonymous.new_page()
        public_errors: list[str] = []
        public.on("pageerror", lambda exc, sink=public_errors: sink.append(str(exc)))
        public.goto(f"{live_server.url}{verification_path}?lang={lang}")
        public.wait_for_selector("[data-testid=verification]", timeout=TIMEOUT_MS)
        card = public.locator("[data-testid=verification]")
        assert card.get_attribute("data-status") == "valid"
        assert public.locator("[data-testid=pdf-sha256]").inner_text() == digest
        assert {"en": "Valid", "zh": "有效", "ar": "سارية"}[lang] in card.inner_text()
        if lang == "ar":
            assert public.evaluate("document.documentElement.dir") == "rtl"
        public.screenshot(path=str(ARTIFACTS / f"certificate-verify-{lang}.png"), full_page=True)
        assert public_errors == []
        public.close()

    assert member_errors == []
    assert staff_errors == []
    for context in (member_context, staff_context, anonymous):
        context.close()
