"""The buyer's side in Chromium against a live server, the real OpenSearch node and a real worker.

Through the UI only (approval by staff goes through the API in this part): a buyer posts a request
(the form suggests the category its text points to), opens its detail page, edits it, and once a
worker has matched it and staff approved the proposal, sees it matched and the introduction it led
to, with the status history. In English at 1280 px, and in Chinese and Arabic (right to left) at
390×844, where the requests list is a column of cards whose actions stay on screen. axe-core finds
no serious or critical violation on any page.
"""

import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import BuyerUserFactory, StaffFactory
from catalog.tests.factories import ProductFactory
from matching.models import Proposal
from organizations.tests.factories import VendorFactory
from purchasing.models import PurchaseRequest
from reference.tests.factories import CategoryFactory
from tests.browser_helpers import ARTIFACTS, DESKTOP, PHONE, TIMEOUT_MS, axe_serious, go, sign_in
from tests.matching_eval import world
from tests.search_helpers import drain_and_refresh, touch

pytestmark = [
    pytest.mark.browser,
    pytest.mark.celery,
    pytest.mark.search,
    pytest.mark.django_db(transaction=True),
]

# What a buyer types in each language; the category's names are in the same languages.
TITLES = {
    "en": "Urgent: fingertip pulse oximeters for our clinics",
    "zh": "急需指夹式脉搏血氧仪，供诊所使用",
    "ar": "نحتاج مقاييس التأكسج النبضي للعيادات",
}
MATCH_SECONDS = 90


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    world.use_temporary_media(settings, tmp_path)


def _wait_for_proposal(request_id: int) -> Proposal:
    deadline = time.monotonic() + MATCH_SECONDS
    while time.monotonic() < deadline:
        proposal = Proposal.objects.filter(request_id=request_id).order_by("-score").first()
        if proposal is not None:
            return proposal
        time.sleep(0.3)
    raise AssertionError(f"no proposal for request {request_id} within {MATCH_SECONDS} s (worker log)")


def _fits_the_screen(page: Any) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the screen"


def _buyer_flow(
    chromium: Any,
    base: str,
    *,
    email: str,
    lang: str,
    viewport: dict[str, int],
    category_id: int,
    vendor: str,
) -> None:
    page = sign_in(chromium, base, email, viewport=viewport, lang=lang)
    # The language the visitor chose stays for the next pages (?lang= only sets it for one).
    page.evaluate("(lang) => window.localStorage.setItem('medmatch.lang', lang)", lang)
    tag = f"{lang}-{viewport['width']}"
    assert page.evaluate("() => document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")

    go(page, f"{base}/requests", "[data-testid=new-request]")
    assert page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]") == [
        lang,
        "rtl" if lang == "ar" else "ltr",
    ]
    if lang != "en":
        assert page.inner_text("[data-testid=new-request]") != "New request"
    page.click("[data-testid=new-request]")
    page.wait_for_selector("[data-testid=request-form]", timeout=TIMEOUT_MS)
    page.fill("#request-title", TITLES[lang])
    page.select_option("#request-destination_country", "KE")
    page.fill("#request-quantity", "500")
    # The category is inferred from the text while typing; one click takes it.
    suggestion = page.wait_for_selector("[data-testid=category-suggestion]", timeout=TIMEOUT_MS)
    suggestion.query_selector("button").click()  # type: ignore[union-attr]
    assert page.input_value("#request-category") == str(category_id)
    assert axe_serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"buyer-form-{tag}.png"), full_page=True)
    page.click("[data-testid=request-form] button[value=open]")

    page.wait_for_selector("[data-testid=request-notice]", timeout=TIMEOUT_MS)
    page.wait_for_selector("[data-testid=request-row]", timeout=TIMEOUT_MS)
    request = PurchaseRequest.objects.filter(buyer__members__email=email).latest("pk")
    assert (request.title, request.category_id, request.status) == (TITLES[lang], category_id, "open")
    if viewport is PHONE:
        _fits_the_screen(page)
        row = page.locator("[data-testid=request-row]").first
        for cell in row.locator("td[data-label]").all():
            box = cell.bounding_box()
            assert box is not None
            assert box["x"] >= 0, box
            assert box["x"] + box["width"] <= viewport["width"], box
        close = row.locator(".actions button").first
        box = close.bounding_box()
        assert box is not None
        assert box["x"] >= 0, box
        assert box["x"] + box["width"] <= viewport["width"], box
    assert axe_serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"buyer-requests-{tag}.png"), full_page=True)

    page.click("[data-testid=request-notice-link]")
    page.wait_for_selector("[data-testid=request-facts]", timeout=TIMEOUT_MS)
    assert page.url.endswith(f"/requests/{request.pk}")
    page.click("[data-testid=edit-request]")
    page.wait_for_selector("[data-testid=request-form]", timeout=TIMEOUT_MS)
    page.fill("#request-quantity", "800")
    page.fill("#request-end_user", "Clinique du Lac")
    page.click("[data-testid=request-form] button[value=save]")
    page.wait_for_selector("[data-testid=request-saved]", timeout=TIMEOUT_MS)
    facts = page.inner_text("[data-testid=request-facts]")
    assert "800" in facts
    assert "Clinique du Lac" in facts
    request.refresh_from_db()
    assert (request.quantity, request.end_user) == (800, "Clinique du Lac")

    # A worker matches the request; staff approve the best proposal through the API.
    proposal = _wait_for_proposal(request.pk)
    staff = APIClient()
    staff.force_authenticate(StaffFactory())
    approved = staff.post(f"/api/v1/proposals/{proposal.pk}/approve/", {"verify_buyer": True}, format="json")
    assert approved.status_code == 200, approved.json()

    page.reload()
    intro = page.wait_for_selector("[data-testid=request-introduction]", timeout=TIMEOUT_MS)
    # (Read once the app has rendered: index.html says en until the app sets the chosen language.)
    assert page.evaluate("() => document.documentElement.lang") == lang
    assert vendor in intro.inner_text()  # type: ignore[union-attr]
    assert page.get_attribute(".detail-toolbar .pill", "data-status") == "matched"
    actions = page.locator("[data-testid=history-event]").evaluate_all(
        "(items) => items.map((item) => item.dataset.action)"
    )
    assert actions[0] == "requests.transitioned"
    assert actions[-1] == "requests.created"
    assert "requests.updated" in actions
    # Matched is history: no more editing.
    assert page.query_selector("[data-testid=edit-request]") is None
    if viewport is PHONE:
        _fits_the_screen(page)
    assert axe_serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"buyer-detail-{tag}.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]
    page.context.close()


def test_a_buyer_posts_edits_and_sees_the_match_and_its_introduction(
    browser: Any,
    live_server: Any,
    celery_worker_process: subprocess.Popen[bytes],
    clean_indexes: str,
) -> None:
    """One test on purpose (see tests/test_matching_worker.py): a session-long worker cannot see
    the content types a second transactional test recreates."""
    category = CategoryFactory(
        slug="buyer-test-oximeters",
        hs_code="9998.18",
        names={"en": "Pulse oximeters", "zh": "脉搏血氧仪", "ar": "مقاييس التأكسج النبضي"},
    )
    vendor = VendorFactory(verified=True, name="Shenzhen Pulse Medical Co., Ltd.", country="CN")
    product = ProductFactory(
        vendor=vendor,
        category=category,
        names={
            "en": "Fingertip pulse oximeter",
            "zh": "指夹式脉搏血氧仪",
            "ar": "مقياس التأكسج النبضي للإصبع",
        },
        capacity_per_day=5_000,
        stock=20_000,
        min_order_quantity=100,
        standards=[],
    )
    touch("product", product.pk)
    touch("organization", vendor.pk)
    drain_and_refresh()

    for lang, viewport in (("en", DESKTOP), ("zh", PHONE), ("ar", PHONE)):
        buyer = BuyerUserFactory(organization__name=f"Hôpital {lang}", organization__verified=True)
        _buyer_flow(
            browser,
            live_server.url,
            email=buyer.email,
            lang=lang,
            viewport=viewport,
            category_id=category.pk,
            vendor=vendor.name,
        )
