"""From a proposal to an introduction in Chromium, against the live server, the real node and a real worker.

Through the UI only: staff read a proposal's explanation in the queue, follow its links to the request
and to the product, and approve it (verifying the unverified buyer in the same step); both parties then
see each other's contacts in their introductions, their notification counts have gone up and can be
cleared, and the staff dashboard counts the new introduction. In English on a desktop, and in Arabic
(right to left) and Chinese on a 390×844 phone; axe-core finds no serious or critical violation.
"""

import time
from typing import Any

import pytest

from accounts.tests.factories import BuyerUserFactory, StaffFactory, VendorUserFactory
from catalog.tests.factories import ProductFactory
from introductions.models import Introduction
from matching.models import Proposal
from matching.services import matching_run_for_request
from organizations.models import Organization, VerificationStatus
from organizations.tests.factories import ContactFactory
from purchasing.tests.factories import PurchaseRequestFactory
from search import engine
from search.indexes import PRODUCTS
from search.indexing import ensure_indexes
from tests.browser_helpers import ARTIFACTS, DESKTOP, PHONE, TIMEOUT_MS, axe_serious, go, sign_in
from tests.search_helpers import drain_and_refresh, touch

pytestmark = [pytest.mark.browser, pytest.mark.search, pytest.mark.django_db(transaction=True)]


def _number(page: Any, value: int, lang: str) -> str:
    """How the page writes ``value`` in ``lang`` (Arabic may use Arabic-Indic digits)."""
    return str(page.evaluate(f"new Intl.NumberFormat({lang!r}).format({value})"))


# The innermost elements that stick out of the screen, outside any scrolling box (such as the nav).
_OVERFLOWING_JS = """(width) => {
  const out = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.right > width + 1 || r.left < -1);
  };
  const scrolls = (el) => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  return [...document.querySelectorAll("body *")]
    .filter((el) => out(el) && !scrolls(el) && ![...el.children].some(out))
    .slice(0, 8)
    .map((el) => {
      const r = el.getBoundingClientRect();
      return `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} [${r.left}, ${r.right}]`;
    });
}"""


def _overflowing(page: Any, width: int) -> list[str]:
    """The elements that make a ``width``-wide screen scroll sideways (empty when the page fits)."""
    return list(page.evaluate(_OVERFLOWING_JS, width))


def _fits(page: Any, viewport: dict[str, int]) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= viewport["width"] + 1, _overflowing(page, viewport["width"])


def _world() -> dict[str, Any]:
    """A verified vendor's product and an unverified buyer's request for it, both indexed, and the
    proposal the engine makes for them."""
    # Before any write: the worker indexes the same writes, and two processes creating the first
    # index at once leave one of them without its alias.
    ensure_indexes()
    vendor = VendorUserFactory(organization__name="Wuhan Kangtai Medical", organization__verified=True)
    buyer = BuyerUserFactory(organization__name="Hôpital de la Croix-Rousse")  # not verified yet
    vendor_contact = ContactFactory(
        organization=vendor.organization, name="Li Wei", email="li.wei@kangtai.example"
    )
    buyer_contact = ContactFactory(
        organization=buyer.organization, name="Claire Martin", email="c.martin@chu.example"
    )
    product = ProductFactory(
        vendor=vendor.organization,
        names={
            "en": "Surgical mask Type IIR",
            "zh": "医用外科口罩 IIR 型",
            "ar": "كمامة جراحية من النوع IIR",
        },
    )
    request = PurchaseRequestFactory(
        buyer=buyer.organization,
        category=product.category,
        title="Masques chirurgicaux type IIR pour les urgences",
    )
    touch("product", product.pk)
    touch("organization", vendor.organization_id)
    drain_and_refresh()
    # The worker may have taken the outbox rows first: wait until its indexing is searchable.
    deadline = time.monotonic() + 30
    while engine.get_document(PRODUCTS.alias(), str(product.pk)) is None and time.monotonic() < deadline:
        time.sleep(0.2)
    # The worker matches the new request too; whichever run comes first makes the one proposal.
    matching_run_for_request(request_id=request.pk)
    proposals = list(Proposal.objects.filter(request=request))
    assert [proposal.product_id for proposal in proposals] == [product.pk]
    return {
        "vendor": vendor,
        "buyer": buyer,
        "vendor_contact": vendor_contact,
        "buyer_contact": buyer_contact,
        "product": product,
        "request": request,
        "proposal": proposals[0],
    }


@pytest.mark.parametrize(
    ("lang", "viewport"),
    [("en", DESKTOP), ("ar", PHONE), ("zh", PHONE)],
    ids=["en-desktop", "ar-phone", "zh-phone"],
)
def test_staff_approve_a_proposal_and_both_parties_meet(
    browser: Any,
    live_server: Any,
    celery_worker_process: Any,
    clean_indexes: str,
    lang: str,
    viewport: dict[str, int],
) -> None:
    world = _world()
    staff = StaffFactory()
    base = live_server.url
    suffix = f"{lang}-{'phone' if viewport is PHONE else 'desktop'}"

    page = sign_in(browser, base, staff.email, viewport=viewport, lang=lang)
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
    # ?lang= holds for the page it opens (the app does not save it): every page is opened with it.
    go(page, f"{base}/proposals?lang={lang}", "[data-testid=proposal-row]")
    assert page.evaluate("document.documentElement.lang") == lang
    row = page.locator("[data-testid=proposal-row]").first
    assert row.evaluate("element => element.tagName") == ("LI" if viewport is PHONE else "TR")
    _fits(page, viewport)
    # The buyer is not verified: the queue says so and offers to verify it in the same step.
    row.get_by_test_id("buyer-unverified").wait_for(timeout=TIMEOUT_MS)

    # Read the explanation.
    row.get_by_test_id("expand").click()
    explanation = page.get_by_test_id("explanation")
    explanation.wait_for(timeout=TIMEOUT_MS)
    statuses = explanation.locator(".criterion").evaluate_all(
        "items => items.map(item => item.dataset.status)"
    )
    assert "met" in statuses
    assert axe_serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"proposals-{suffix}.png"), full_page=True)

    # Follow its link to the request, and back.
    explanation.get_by_test_id("open-request").click()
    page.wait_for_selector("[data-testid=request-facts]", timeout=TIMEOUT_MS)
    assert page.locator("h1").inner_text() == world["request"].title
    page.wait_for_selector("[data-testid=request-proposals] tbody tr", timeout=TIMEOUT_MS)
    _fits(page, viewport)
    assert page.get_by_test_id("request-proposals").locator("tbody tr").count() == 1
    assert axe_serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"staff-request-{suffix}.png"), full_page=True)
    page.go_back()
    page.wait_for_selector("[data-testid=proposal-row]", timeout=TIMEOUT_MS)

    # Follow its link to the product, and back.
    page.locator("[data-testid=proposal-row]").first.get_by_test_id("expand").click()
    page.get_by_test_id("open-product").click()
    page.wait_for_selector("[data-testid=product-page]", timeout=TIMEOUT_MS)
    assert page.get_by_test_id("product-name").inner_text() in world["product"].names.values()
    page.go_back()
    page.wait_for_selector("[data-testid=proposal-row]", timeout=TIMEOUT_MS)

    # Approve, verifying the buyer in the same step; the undo window shows, then the result.
    row = page.locator("[data-testid=proposal-row]").first
    row.get_by_test_id("verify-buyer").check()
    row.get_by_test_id("approve").click()
    row.get_by_test_id("approving").wait_for(timeout=TIMEOUT_MS)
    assert not Introduction.objects.exists()  # nothing is sent while Undo is offered
    row.get_by_test_id("item-result").wait_for(timeout=TIMEOUT_MS)
    assert row.get_by_test_id("item-result").get_attribute("role") == "status"
    assert Proposal.objects.get(pk=world["proposal"].pk).status == "approved"
    assert Introduction.objects.filter(proposal=world["proposal"]).count() == 1
    buyer_status = Organization.objects.get(pk=world["buyer"].organization_id).verification_status
    assert buyer_status == VerificationStatus.VERIFIED
    page.screenshot(path=str(ARTIFACTS / f"proposals-approved-{suffix}.png"), full_page=True)

    # The dashboard counts the new introduction.
    go(page, f"{base}/staff/dashboard?lang={lang}", "[data-testid=stat-introductions]")
    assert page.get_by_test_id("stat-introductions").inner_text().startswith(_number(page, 1, lang))
    assert axe_serious(page) == []
    assert page.errors == []  # type: ignore[attr-defined]
    page.context.close()

    # Each party: the unread count went up, the other's contacts are shown, and the count clears.
    for user, other_contact, other_role in (
        (world["buyer"], world["vendor_contact"], "vendor"),
        (world["vendor"], world["buyer_contact"], "buyer"),
    ):
        party = sign_in(browser, base, user.email, viewport=viewport, lang=lang)
        party.wait_for_selector("[data-testid=unread-count]", timeout=TIMEOUT_MS)
        assert party.get_by_test_id("unread-count").inner_text() != ""
        go(party, f"{base}/introductions?lang={lang}", "[data-testid=introduction]")
        assert party.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
        other = party.get_by_test_id(f"party-{other_role}")
        assert other.get_by_text(other_contact.name).is_visible()
        assert other.get_by_role("link", name=other_contact.email).get_attribute("href") == (
            f"mailto:{other_contact.email}"
        )
        _fits(party, viewport)
        assert axe_serious(party) == []
        party.screenshot(
            path=str(ARTIFACTS / f"introductions-{other_role}-seen-{suffix}.png"), full_page=True
        )
        party.click("[data-testid=notification-bell]")
        party.wait_for_selector("[data-testid=notification]", timeout=TIMEOUT_MS)
        assert axe_serious(party) == []
        party.click("[data-testid=mark-all-read]")
        party.wait_for_selector("[data-testid=unread-count]", state="detached", timeout=TIMEOUT_MS)
        assert party.errors == []  # type: ignore[attr-defined]
        party.context.close()
