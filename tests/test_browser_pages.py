"""The pages users need, in Debian's Chromium against a live server with real data.

The suppliers directory searches the real OpenSearch node (products and suppliers
indexed from the database), and the staff review queue is driven through a real
session sign-in with Django's CSRF protection.
"""

from decimal import Decimal
from typing import Any

import pytest

from accounts.tests.factories import StaffFactory
from catalog.models import Product
from catalog.tests.factories import ProductFactory, certificate_for
from matching.models import Proposal, ProposalStatus
from matching.tests.factories import ProposalFactory
from organizations.tests.factories import VendorFactory
from outbox.reconciliation import search_reindex
from purchasing.tests.factories import PurchaseRequestFactory
from reference.models import Category
from tests.browser_helpers import ARTIFACTS, PASSWORD, go, new_page

pytestmark = [pytest.mark.browser, pytest.mark.search, pytest.mark.django_db(transaction=True)]

TIMEOUT_MS = 15_000


def _catalogue() -> dict[str, list[Product]]:
    """Three verified vendors: two surgical masks (CN, certified for the EU), a respirator (DE), gloves."""
    surgical = Category.objects.get(slug="surgical-masks")
    respirators = Category.objects.get(slug="filtering-respirators")
    gloves = Category.objects.get(slug="nitrile-examination-gloves")
    wuhan = VendorFactory(verified=True, name="Wuhan Shield Medical Co., Ltd.", country="CN")
    hamburg = VendorFactory(
        verified=True, name="Nordmed Schutz GmbH", country="DE", city="Hamburg", registration_id=""
    )
    masks = [
        ProductFactory(
            vendor=wuhan,
            category=surgical,
            names={"en": f"Surgical mask Type IIR {model}", "zh": f"医用外科口罩 {model}"},
            standards=["EN 14683"],
        )
        for model in ("SM-1", "SM-2")
    ]
    for product in masks:
        certificate_for(product=product, markets=("EU",), standards=("CE MDR", "EN 14683"))
    respirator = ProductFactory(
        vendor=hamburg,
        category=respirators,
        names={"en": "FFP2 respirator mask"},
        standards=["EN 149"],
        price_min=Decimal("0.4000"),
        price_max=Decimal("0.6000"),
        currency="EUR",
    )
    glove = ProductFactory(
        vendor=wuhan, category=gloves, names={"en": "Nitrile examination gloves"}, standards=["EN 455"]
    )
    search_reindex(entity="product")
    search_reindex(entity="organization")
    return {"masks": masks, "other": [respirator, glove]}


def _open(browser: Any, url: str) -> tuple[Any, list[str]]:
    page = new_page(browser)
    go(page, url, "[data-testid=app-ready]", timeout_ms=TIMEOUT_MS)
    return page, page.errors


def _facet_counts(page: Any, facet: str) -> dict[str, str]:
    options = page.locator(f"[data-testid=facet-{facet}] [data-testid=facet-option]")
    return {
        options.nth(i).get_attribute("data-value"): options.nth(i)
        .locator("[data-testid=facet-count]")
        .inner_text()
        for i in range(options.count())
    }


def test_suppliers_directory_searches_with_suggestions_facets_and_highlights(
    browser: Any, live_server: Any, clean_indexes: str
) -> None:
    _catalogue()
    page, errors = _open(browser, f"{live_server.url}/suppliers?lang=en")
    page.wait_for_selector("[data-testid=product-card]", timeout=TIMEOUT_MS)
    assert page.locator("[data-testid=product-card]").count() == 4  # everything, before a query

    page.locator("[data-testid=search-input]").press_sequentially("mask", delay=60)
    # Suggestions as you type, from the real suggest endpoint.
    page.wait_for_selector("[data-testid=suggestions] [role=option]", state="visible", timeout=TIMEOUT_MS)
    page.locator("[data-testid=search-input]").press("Enter")

    page.wait_for_url("**/suppliers?q=mask", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=product-card]').length === 3", timeout=TIMEOUT_MS
    )
    assert page.locator("[data-testid=result-count]").inner_text() == "1–3 of 3"
    titles = page.locator("[data-testid=product-card] h3").all_inner_texts()
    assert sorted(titles) == [
        "FFP2 respirator mask",
        "Surgical mask Type IIR SM-1",
        "Surgical mask Type IIR SM-2",
    ]
    marks = page.locator("[data-testid=product-card] h3 mark").all_inner_texts()
    assert len(marks) == 3
    assert {mark.lower() for mark in marks} == {"mask"}

    assert _facet_counts(page, "category") == {"surgical-masks": "2", "filtering-respirators": "1"}
    assert _facet_counts(page, "country") == {"CN": "2", "DE": "1"}
    assert _facet_counts(page, "market") == {"EU": "2"}
    assert page.locator("[data-testid=facet-market]").inner_text().count("European Union / EEA") == 1
    page.screenshot(path=str(ARTIFACTS / "suppliers.png"), full_page=True)

    # A facet narrows the results and is kept in the URL.
    # click, not check(): the box follows the URL, which the router updates just after the click.
    page.locator("[data-testid=facet-country] [data-value=DE] input").click()
    page.wait_for_url("**/suppliers?q=mask&country=DE", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=product-card]').length === 1", timeout=TIMEOUT_MS
    )
    assert page.locator("[data-testid=product-card] h3").inner_text() == "FFP2 respirator mask"
    assert errors == []
    page.close()


def test_suppliers_directory_in_chinese_and_arabic(
    browser: Any, live_server: Any, clean_indexes: str
) -> None:
    _catalogue()
    page, errors = _open(browser, f"{live_server.url}/suppliers?q=%E5%8F%A3%E7%BD%A9&lang=zh")  # 口罩
    page.wait_for_selector("[data-testid=product-card]", timeout=TIMEOUT_MS)
    titles = page.locator("[data-testid=product-card] h3").all_inner_texts()
    # Chinese names where the product has one (the respirator matches through its category's
    # Chinese name, 颗粒物防护口罩, and keeps its English name); no gloves.
    assert sorted(titles) == ["FFP2 respirator mask", "医用外科口罩 SM-1", "医用外科口罩 SM-2"]
    assert set(page.locator("[data-testid=product-card] h3 mark").all_inner_texts()) == {"口罩"}
    assert page.locator("[data-testid=product-card] h3[lang=zh]").count() == 2
    page.screenshot(path=str(ARTIFACTS / "suppliers-zh.png"), full_page=True)

    page.goto(f"{live_server.url}/suppliers?q=mask&lang=ar")
    page.wait_for_selector("[data-testid=product-card]", timeout=TIMEOUT_MS)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator("h1").inner_text() == "دليل الموردين"
    # The facet sidebar sits on the right in right-to-left layout.
    facets = page.locator(".directory__facets").bounding_box()
    results = page.locator(".directory__results").bounding_box()
    assert facets["x"] > results["x"]
    page.screenshot(path=str(ARTIFACTS / "suppliers-ar.png"), full_page=True)
    assert errors == []
    page.close()


def test_staff_signs_in_and_reviews_the_proposal_queue(
    browser: Any, live_server: Any, clean_indexes: str
) -> None:
    products = _catalogue()["masks"]
    staff = StaffFactory(first_name="Sam Reviewer")
    request = PurchaseRequestFactory(
        category=products[0].category, title="Surgical masks for Lyon clinics", destination_country="FR"
    )
    best = ProposalFactory(request=request, product=products[0], score=91.0)
    other = ProposalFactory(request=request, product=products[1], score=64.0)

    page, errors = _open(browser, f"{live_server.url}/proposals?lang=en")
    page.wait_for_selector("[data-testid=sign-in-prompt]", timeout=TIMEOUT_MS)
    page.get_by_test_id("sign-in-prompt").get_by_role("link", name="Sign in").click()
    page.wait_for_url("**/login?next=%2Fproposals*", timeout=TIMEOUT_MS)
    page.fill("#login-email", staff.email)
    page.fill("#login-password", PASSWORD)
    page.click("[data-testid=login-form] button[type=submit]")

    page.wait_for_url("**/proposals*", timeout=TIMEOUT_MS)
    assert page.locator("[data-testid=user-role]").inner_text() == "Staff"
    page.wait_for_selector("[data-testid=proposal-row]", timeout=TIMEOUT_MS)
    rows = page.locator("[data-testid=proposal-row]")
    assert rows.count() == 2
    assert [rows.nth(i).get_attribute("data-id") for i in range(2)] == [str(best.pk), str(other.pk)]
    assert rows.first.locator("[data-testid=score]").inner_text().startswith("91")

    rows.first.locator("[data-testid=expand]").click()
    explanation = page.locator("[data-testid=explanation]")
    explanation.wait_for(timeout=TIMEOUT_MS)
    assert "capacity ok" in explanation.inner_text()
    page.screenshot(path=str(ARTIFACTS / "proposals.png"), full_page=True)

    # Rejecting needs a reason; the write goes through session auth with the CSRF header.
    rows.nth(1).locator("[data-testid=reject]").click()
    page.fill("[data-testid=reject-form] textarea", "Capacity too small for the order")
    page.click("[data-testid=confirm-reject]")
    page.wait_for_selector(f"[data-id='{other.pk}'] [data-testid=item-result]", timeout=TIMEOUT_MS)
    assert page.locator(f"[data-id='{other.pk}'] .pill").inner_text() == "Rejected"

    other.refresh_from_db()
    assert other.status == ProposalStatus.REJECTED
    assert other.decision_reason == "Capacity too small for the order"
    assert Proposal.objects.get(pk=best.pk).status == ProposalStatus.PROPOSED
    assert errors == []
    page.close()
