"""The staff back office and the pages every signed-in user has, in Chromium against a live server.

Through the UI only: staff verify one vendor and reject another (who then sees the reason),
merge a duplicate pair, read the dashboard; the parties of an introduction see their unread
notifications and clear them; a user changes the password and resets a forgotten one through
the link the real worker e-mailed. Arabic is right-to-left; a 390×844 phone does the staff
flows; axe-core finds no serious or critical violation on these pages.
"""

import re
import time
from typing import Any

import pytest

from accounts.tests.factories import BuyerUserFactory, StaffFactory, VendorUserFactory
from catalog.tests.factories import ProductFactory
from conftest import worker_mail_dir
from introductions.tests.factories import ProposalFactory, introduction_for
from organizations.models import Organization, VerificationStatus
from organizations.tests.conftest import PNG_BYTES
from organizations.tests.factories import DocumentFactory
from purchasing.models import DuplicateStatus
from purchasing.tests.factories import DuplicateFlagFactory, PurchaseRequestFactory
from tests.browser_helpers import ARTIFACTS, DESKTOP, PASSWORD, PHONE, TIMEOUT_MS, axe_serious, go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_verify_one_vendor_and_reject_another(browser: Any, live_server: Any) -> None:
    staff = StaffFactory(first_name="Sam Reviewer")
    keep = VendorUserFactory(
        organization__name="Wuhan Keep Medical", organization__verification_status="pending"
    )
    drop = VendorUserFactory(
        organization__name="Shenzhen Drop Gloves", organization__verification_status="pending"
    )
    DocumentFactory(organization=keep.organization)
    DocumentFactory(
        organization=keep.organization,
        document_type="certificate",
        file__data=PNG_BYTES,
        file__filename="ce.png",
        original_name="ce.png",
        content_type="image/png",
        size=len(PNG_BYTES),
    )
    base = live_server.url
    page = sign_in(browser, base, staff.email)
    file_answers: list[tuple[str, int]] = []
    page.on(
        "response",
        lambda response: file_answers.append((response.headers.get("content-type", ""), response.status))
        if "/file/" in response.url
        else None,
    )

    go(page, f"{base}/staff/verification", "[data-testid=verification-item]")
    names = page.locator("[data-testid=verification-item] h2").all_inner_texts()
    assert names == ["Wuhan Keep Medical", "Shenzhen Drop Gloves"]  # oldest first
    assert axe_serious(page) == []
    page.get_by_role("link", name="Wuhan Keep Medical", exact=True).click()
    page.wait_for_selector("[data-testid=document-pdf]", timeout=TIMEOUT_MS)
    page.wait_for_selector("[data-testid=document-image]", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=document-image]')?.naturalWidth > 0",
        timeout=TIMEOUT_MS,
    )
    # The frame's PDF may arrive after the image has drawn: wait for both answers, then check them.
    for _ in range(TIMEOUT_MS // 100):
        if ("application/pdf", 200) in file_answers and ("image/png", 200) in file_answers:
            break
        page.wait_for_timeout(100)
    assert ("application/pdf", 200) in file_answers
    assert ("image/png", 200) in file_answers
    assert axe_serious(page) == []
    page.screenshot(path=str(ARTIFACTS / "staff-verification.png"), full_page=True)
    page.click("[data-testid=verify-organization]")
    page.wait_for_selector("[data-testid=decision-done]", timeout=TIMEOUT_MS)
    page.wait_for_selector("[data-testid=audit-trail] >> text=organization.verified", timeout=TIMEOUT_MS)

    page.get_by_role("link", name="Back to the queue").click()
    page.get_by_role("link", name="Shenzhen Drop Gloves", exact=True).click()
    page.wait_for_selector("[data-testid=reject-reason]", timeout=TIMEOUT_MS)
    page.fill("[data-testid=reject-reason]", "The business licence has expired")
    page.click("[data-testid=reject-organization]")
    page.wait_for_selector("[data-testid=decision-done]", timeout=TIMEOUT_MS)

    assert (
        Organization.objects.get(pk=keep.organization_id).verification_status == VerificationStatus.VERIFIED
    )
    rejected = Organization.objects.get(pk=drop.organization_id)
    assert rejected.verification_status == VerificationStatus.REJECTED
    assert page.errors == []  # type: ignore[attr-defined]
    page.context.close()

    vendor = sign_in(browser, base, drop.email)
    vendor.click("[data-testid=user-menu]")
    assert vendor.get_by_test_id("rejection-reason").inner_text() == "The business licence has expired"
    vendor.context.close()


def test_notifications_dashboard_and_duplicates(browser: Any, live_server: Any) -> None:
    staff = StaffFactory()
    buyer = BuyerUserFactory()
    product = ProductFactory()
    wanted = PurchaseRequestFactory(buyer=buyer.organization, category=product.category)
    proposal = ProposalFactory(request=wanted, vendor=product.vendor, product=product)
    introduction = introduction_for(proposal=proposal, actor=staff)
    older = PurchaseRequestFactory(buyer=introduction.buyer, title="Masks for Lyon (embassy)")
    newer = PurchaseRequestFactory(
        buyer=introduction.buyer, category=older.category, title="Masks for Lyon (chamber)"
    )
    flag = DuplicateFlagFactory(request=newer, duplicate_of=older)
    base = live_server.url

    party = sign_in(browser, base, buyer.email)
    party.wait_for_selector("[data-testid=unread-count]", timeout=TIMEOUT_MS)
    assert int(party.get_by_test_id("unread-count").inner_text()) >= 1
    party.click("[data-testid=notification-bell]")
    party.wait_for_selector("[data-testid=notification]", timeout=TIMEOUT_MS)
    assert axe_serious(party) == []
    party.click("[data-testid=mark-all-read]")
    party.wait_for_selector("[data-testid=unread-count]", state="detached", timeout=TIMEOUT_MS)
    party.context.close()

    page = sign_in(browser, base, staff.email)
    go(page, f"{base}/staff/dashboard", "[data-testid=stat-introductions]")
    page.wait_for_selector("[data-testid=chart-month] .recharts-responsive-container", timeout=TIMEOUT_MS)
    assert page.get_by_test_id("stat-introductions").inner_text().startswith("1")
    assert axe_serious(page) == []
    page.screenshot(path=str(ARTIFACTS / "staff-dashboard.png"), full_page=True)

    go(page, f"{base}/staff/duplicates", "[data-testid=duplicate-pair]")
    assert axe_serious(page) == []
    page.click("[data-testid=duplicate-merge]")
    page.wait_for_selector("[data-testid=duplicate-done]", timeout=TIMEOUT_MS)
    flag.refresh_from_db()
    assert flag.status == DuplicateStatus.MERGED
    page.context.close()


@pytest.mark.parametrize("lang", ["en", "zh", "ar"])
def test_staff_pages_on_a_phone(browser: Any, live_server: Any, lang: str) -> None:
    staff = StaffFactory()
    pending = VendorUserFactory(
        organization__name="Phone Pending Co", organization__verification_status="pending"
    )
    DocumentFactory(organization=pending.organization)
    base = live_server.url
    for viewport, suffix in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page = sign_in(browser, base, staff.email, viewport=viewport, lang=lang)
        assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
        go(page, f"{base}/staff/verification", "[data-testid=verification-item]")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1
        page.screenshot(path=str(ARTIFACTS / f"staff-queue-{lang}-{suffix}.png"), full_page=True)
        page.locator("[data-testid=verification-item] a.button").first.click()
        page.wait_for_selector("[data-testid=verify-organization]", timeout=TIMEOUT_MS)
        assert axe_serious(page) == []
        page.screenshot(path=str(ARTIFACTS / f"staff-org-{lang}-{suffix}.png"), full_page=True)
        go(page, f"{base}/staff/dashboard", "[data-testid=stat-introductions]")
        page.screenshot(path=str(ARTIFACTS / f"staff-dashboard-{lang}-{suffix}.png"), full_page=True)
        page.context.close()
    page = sign_in(browser, base, staff.email, viewport=PHONE, lang=lang)
    go(page, f"{base}/staff/organizations/{pending.organization_id}", "[data-testid=verify-organization]")
    page.click("[data-testid=verify-organization]")
    page.wait_for_selector("[data-testid=decision-done]", timeout=TIMEOUT_MS)
    assert (
        Organization.objects.get(pk=pending.organization_id).verification_status
        == VerificationStatus.VERIFIED
    )
    page.context.close()


def test_change_password_and_reset_a_forgotten_one(
    browser: Any, live_server: Any, celery_worker_process: Any, search_prefix: str, settings: Any
) -> None:
    settings.MEDMATCH_PUBLIC_URL = live_server.url
    user = BuyerUserFactory()
    base = live_server.url
    page = sign_in(browser, base, user.email)
    go(page, f"{base}/account", "[data-testid=change-password-form]")
    assert axe_serious(page) == []
    page.fill("[data-testid=old-password]", PASSWORD)
    page.fill("[data-testid=new-password]", "violet tractor ninety lanterns")
    page.click("[data-testid=change-password-form] button[type=submit]")
    page.wait_for_selector("[data-testid=password-changed]", timeout=TIMEOUT_MS)
    user.refresh_from_db()
    assert user.check_password("violet tractor ninety lanterns")
    page.context.close()

    mail_dir = worker_mail_dir(search_prefix)
    before = set(mail_dir.glob("*.log")) if mail_dir.exists() else set()
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)  # axe-core is injected
    page = context.new_page()
    go(page, f"{base}/login?lang=en", "[data-testid=login-form]")
    page.click("[data-testid=forgot-password-link]")
    page.fill("[data-testid=forgot-email]", user.email)
    page.click("[data-testid=forgot-password-form] button[type=submit]")
    page.wait_for_selector("[data-testid=reset-sent]", timeout=TIMEOUT_MS)

    link = None
    deadline = time.monotonic() + 60
    while link is None and time.monotonic() < deadline:
        for path in (set(mail_dir.glob("*.log")) - before) if mail_dir.exists() else set():
            match = re.search(r"(http\S+/reset-password\?uid=\S+)", path.read_text(errors="replace"))
            if match and user.email in path.read_text(errors="replace"):
                link = match.group(1)
        time.sleep(0.3)
    assert link, "the worker sent no reset e-mail"
    go(page, link, "[data-testid=reset-password-form]")
    page.fill("[data-testid=reset-new-password]", "amber kettle seventy harbours")
    page.click("[data-testid=reset-password-form] button[type=submit]")
    page.wait_for_selector("[data-testid=reset-done]", timeout=TIMEOUT_MS)
    user.refresh_from_db()
    assert user.check_password("amber kettle seventy harbours")
    context.close()
