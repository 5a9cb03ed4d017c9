"""Supplier lists in Chromium against a live server, a real worker and the real search node.

Staff upload a partner's list, confirm the proposed column mapping, watch the worker resolve
the rows, read the figures and the per-row errors, merge a pair from the review queue and
invite a listed vendor; the worker e-mails the link (file backend); the vendor opens it, sets a
password, adds the USCC the list lacked, uploads its licence and asks for verification. English,
Chinese and Arabic (right to left), desktop and a 390×844 phone; axe-core finds no serious or
critical violation on these pages.
"""

import re
from pathlib import Path
from typing import Any

import pytest

from accounts.tests.factories import StaffFactory
from conftest import wait_for, worker_mail_dir, worker_mail_to
from organizations.models import Organization, VerificationStatus
from organizations.tests.factories import PDF_BYTES
from supplierlists.models import CandidateStatus, MatchCandidate, SupplierListImport
from supplierlists.tests.factories import FIXTURES
from supplierlists.tests.fixtures.make_supplier_list import USCC_E1
from tests.browser_helpers import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    axe_serious,
    new_page,
    no_horizontal_scroll,
    sign_in,
)

pytestmark = [
    pytest.mark.usefixtures("celery_worker_idle_at_the_end"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

VENDOR_PASSWORD = "gloves from zhejiang since 1998"
TIMEOUT_MS = 30_000
PROGRESS_SEEN: list[str] = []  # the progress bar's labels the imports showed (the worker may be quicker)


def _import_the_fixture_list(page: Any, base: str, tag: str, lang: str) -> SupplierListImport:
    """Upload the hand-made 60-row list, confirm the proposed mapping, wait for the figures."""
    page.goto(f"{base}/staff/supplier-lists?lang={lang}")  # ?lang: the reader's choice is not stored
    page.wait_for_selector("[data-testid=upload-form]", timeout=TIMEOUT_MS)
    assert axe_serious(page) == []
    page.set_input_files("#sl-file", str(FIXTURES / "supplier_list.csv"))
    page.fill("#sl-sender", "Chamber of Commerce, Hamburg")
    page.click("[data-testid=upload-submit]")
    page.wait_for_selector("[data-testid=mapping-form]", timeout=TIMEOUT_MS)
    supplier_list = SupplierListImport.objects.latest("id")
    assert page.url.endswith(f"/staff/supplier-lists/{supplier_list.pk}")
    assert page.evaluate("document.documentElement.lang") == lang
    # The mapping proposed from the header: e-mail found, the answer-key column ignored.
    header = supplier_list.header
    assert page.locator(f"[data-column='{header.index('E-mail')}'] select").input_value() == "email"
    assert page.locator(f"[data-column='{header.index('truth')}'] select").input_value() == ""
    assert axe_serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"supplier-list-mapping-{tag}.png"), full_page=True)
    with page.expect_response(lambda r: r.url.endswith("/mapping/")) as confirmed:
        page.click("[data-testid=mapping-confirm]")
    assert confirmed.value.json()["status"] == "resolving"
    # The worker resolves 60 rows: the progress bar shows while it does, then the figures.
    page.wait_for_selector("[data-testid=import-progress], [data-testid=import-figures]", timeout=TIMEOUT_MS)
    if page.locator("[data-testid=import-progress]").count():
        PROGRESS_SEEN.append(page.locator("[data-testid=import-progress] label").inner_text())
        page.screenshot(path=str(ARTIFACTS / f"supplier-list-progress-{tag}.png"), full_page=True)
    page.wait_for_selector("[data-testid=import-figures]", timeout=90_000)
    return supplier_list


@pytest.mark.parametrize("lang", ["en"])
def test_staff_import_review_and_invite_then_the_vendor_claims_its_profile(
    browser: Any,
    live_server: Any,
    celery_worker_process: Any,
    search_prefix: str,
    settings: Any,
    tmp_path: Path,
    lang: str,
) -> None:
    settings.MEDMATCH_PUBLIC_URL = live_server.url
    base = live_server.url
    staff = StaffFactory(first_name="Sam Lists")
    page = sign_in(browser, base, staff.email, viewport=DESKTOP, lang=lang, timeout_ms=TIMEOUT_MS)

    supplier_list = _import_the_fixture_list(page, base, lang, lang)
    figures = {
        item.get_attribute("data-figure"): item.locator("dd").inner_text()
        for item in page.locator("[data-testid=import-figures] .figures__item").all()
    }
    assert figures["rows"] == "60"
    assert figures["rejected"] == "4"
    assert page.locator("[data-testid=row-errors] tbody tr").count() >= 4
    assert axe_serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"supplier-list-figures-{lang}.png"), full_page=True)

    # Review: the pairs side by side with score and reasons; merge the best one.
    open_before = MatchCandidate.objects.filter(
        row__supplier_list=supplier_list, status=CandidateStatus.OPEN
    ).count()
    assert open_before >= 1
    page.click("[data-testid=to-review]")
    page.wait_for_selector("[data-testid=review-pair]", timeout=TIMEOUT_MS)
    assert page.locator("[data-testid=review-pair]").count() == open_before
    first = page.locator("[data-testid=review-pair]").first
    assert re.search(r"\d+%", first.locator("[data-testid=review-score]").inner_text())
    assert first.locator("[data-testid=reasons] li").count() >= 1
    assert first.locator("[data-testid=candidate-comparison] tbody tr").count() == 8
    assert axe_serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"supplier-list-review-{lang}.png"), full_page=True)
    candidate_id = int(first.get_attribute("data-candidate") or 0)
    first.locator("[data-testid=review-merge]").click()
    page.wait_for_selector("[data-testid=review-done]", timeout=TIMEOUT_MS)
    assert MatchCandidate.objects.get(pk=candidate_id).status == CandidateStatus.MERGED

    # Invite one listed vendor; the worker sends the e-mail.
    meilun = Organization.objects.get(name="Zhejiang Meilun Gloves Co., Ltd.")
    page.goto(f"{base}/staff/supplier-lists/invitations?list={supplier_list.pk}&lang={lang}")
    row = page.locator(f"[data-testid=invitation-row][data-organization='{meilun.pk}']")
    row.wait_for(timeout=TIMEOUT_MS)
    assert row.locator("[data-testid=invite-email]").input_value() == "export@meilun-gloves.com"
    assert axe_serious(page) == []
    row.locator("[data-testid=invite-one]").click()
    page.wait_for_selector("[data-testid=invite-done]", timeout=TIMEOUT_MS)
    mail_dir = worker_mail_dir(search_prefix)
    body = wait_for(
        lambda: worker_mail_to(mail_dir, "export@meilun-gloves.com"), what="the invitation e-mail"
    )
    link = re.search(r"http\S+/claim\?token=([\w-]+)", body)
    assert link, body
    token = link.group(1)  # the worker's link names its own MEDMATCH_PUBLIC_URL, not the live server's
    page.reload()
    row.wait_for(timeout=TIMEOUT_MS)
    assert row.locator("[data-status=sent]").count() == 1
    page.screenshot(path=str(ARTIFACTS / f"supplier-list-invitations-{lang}.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]
    page.context.close()

    # The vendor follows the link: password, data check, licence, verification.
    vendor = new_page(browser)
    vendor.goto(f"{base}/claim?token={token}")
    vendor.wait_for_selector("[data-testid=claim-form]", timeout=TIMEOUT_MS)
    assert "Zhejiang Meilun Gloves" in vendor.locator("[data-testid=claim-form]").inner_text()
    assert axe_serious(vendor) == []
    vendor.fill("#claim-name", "Chen Jie")
    vendor.fill("#claim-password", VENDOR_PASSWORD)
    vendor.click("[data-testid=claim-submit]")
    vendor.wait_for_selector("[data-testid=claim-check]", timeout=TIMEOUT_MS)
    vendor.wait_for_selector("[data-testid=user-menu]", timeout=TIMEOUT_MS)
    assert vendor.locator("#claim-city").input_value() == "Hangzhou"
    vendor.fill("#claim-registration_id", USCC_E1)
    vendor.click("[data-testid=claim-save]")
    vendor.wait_for_selector("[data-testid=claim-saved]", timeout=TIMEOUT_MS)
    licence = tmp_path / "licence.pdf"
    licence.write_bytes(PDF_BYTES)
    vendor.set_input_files("[data-testid=claim-licence]", str(licence))
    assert axe_serious(vendor) == []
    vendor.click("[data-testid=claim-request-verification]")
    vendor.wait_for_selector("[data-testid=claim-pending]", timeout=TIMEOUT_MS)
    vendor.screenshot(path=str(ARTIFACTS / f"supplier-list-claimed-{lang}.png"), full_page=True)
    meilun.refresh_from_db()
    assert meilun.verification_status == VerificationStatus.PENDING
    assert not meilun.listed
    assert meilun.registration_id == USCC_E1
    vendor.context.close()


@pytest.mark.parametrize("lang", ["zh", "ar"])
def test_supplier_list_pages_on_a_phone(
    browser: Any, live_server: Any, celery_worker_process: Any, lang: str
) -> None:
    staff = StaffFactory()
    base = live_server.url
    page = sign_in(browser, base, staff.email, viewport=PHONE, lang=lang, timeout_ms=TIMEOUT_MS)
    supplier_list = _import_the_fixture_list(page, base, f"{lang}-phone", lang)
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert no_horizontal_scroll(page)
    assert axe_serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"supplier-list-figures-{lang}-phone.png"), full_page=True)
    page.goto(f"{base}/staff/supplier-lists/review?list={supplier_list.pk}&lang={lang}")
    page.wait_for_selector("[data-testid=review-pair]", timeout=TIMEOUT_MS)
    assert no_horizontal_scroll(page)
    assert axe_serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"supplier-list-review-{lang}-phone.png"), full_page=True)
    page.click("[data-testid=review-select-all]")
    page.click("[data-testid=review-bulk-keep]")
    page.wait_for_selector("[data-testid=review-done]", timeout=TIMEOUT_MS)
    assert not MatchCandidate.objects.filter(
        row__supplier_list=supplier_list, status=CandidateStatus.OPEN
    ).exists()
    page.goto(f"{base}/staff/supplier-lists/invitations?list={supplier_list.pk}&lang={lang}")
    page.wait_for_selector("[data-testid=invitation-row]", timeout=TIMEOUT_MS)
    assert no_horizontal_scroll(page)
    assert axe_serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"supplier-list-invitations-{lang}-phone.png"), full_page=True)
    page.goto(f"{base}/claim?token=not-a-real-token&lang={lang}")
    page.wait_for_selector(".notice--error, [role=alert]", timeout=TIMEOUT_MS)
    assert axe_serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"supplier-list-claim-invalid-{lang}-phone.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]
