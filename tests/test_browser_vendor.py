"""A vendor's whole onboarding in Chromium, against a live server with the real search node and worker.

Through the UI: the vendor registers (the USCC error comes back with the other field errors on the
first submit), fills the company profile and a contact with WeChat and WhatsApp, uploads a
business licence and a CE certificate with its markets, standards and dates, and requests
verification. Staff verify the vendor and approve the certificate through the API (the staff pages
have their own tests). The vendor then adds a product named in Chinese; the worker indexes it, a
Spanish search of the directory finds it, and its product page shows the certificate's validity
and no contact detail. Run in English and Chinese at desktop width and in Arabic (right to left)
at 390×844; axe-core finds no serious or critical violation on any page.
"""

import os
import re
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import StaffFactory
from catalog.models import Product
from conftest import wait_for, worker_confirmation_link, worker_mail_dir
from core.validators import uscc_check_character, uscc_example
from organizations.models import Document, DocumentType, VerificationStatus
from organizations.tests.conftest import PNG_BYTES
from organizations.tests.factories import PDF_BYTES
from reference.models import Category
from tests.browser_helpers import (
    ARTIFACTS,
    DESKTOP,
    PASSWORD,
    PHONE,
    ROOT,
    TIMEOUT_MS,
    axe_serious,
    new_page,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.search,
    pytest.mark.celery,
    pytest.mark.django_db(transaction=True),
]

README_SCREENSHOT = ROOT / "docs" / "screenshots" / "vendor-products.png"
# The worker may first drain what earlier tests queued; the machine is shared.
INDEX_TIMEOUT_S = 120


@pytest.fixture(autouse=True)
def _worker_storage(settings: Any) -> None:
    """Store uploads where the worker and the live server both read them (the media root)."""
    from config.env import env_str

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": env_str("MEDIA_ROOT", str(settings.RUN_DIR / "media"))},
        },
    }


def _check_page(page: Any, name: str, lang: str, viewport: dict[str, int]) -> None:
    """The page is in ``lang`` and its direction, does not scroll sideways, passes axe-core,
    and is kept as a screenshot."""
    page.wait_for_selector("[data-testid=loading]", state="detached", timeout=TIMEOUT_MS)
    assert page.evaluate("document.documentElement.lang") == lang, name
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr"), name
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1, name
    size = "390" if viewport == PHONE else "desktop"
    # From the top: a full-page shot of a scrolled page draws the sticky header mid-page.
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / f"vendor-{name}-{lang}-{size}.png"), full_page=True)
    assert axe_serious(page) == [], f"{name} {lang}"


def _invalid(page: Any, selector: str) -> bool:
    return bool(page.get_attribute(selector, "aria-invalid") == "true")


def _register(page: Any, base: str, lang: str, email: str, tag: str, viewport: dict[str, int]) -> None:
    uscc = uscc_example(len(tag) + ord(lang[0]))
    wrong_check = next(c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != uscc_check_character(uscc[:17]))
    page.goto(f"{base}/register?kind=vendor&lang={lang}")
    page.wait_for_selector("[data-testid=register-form]", timeout=TIMEOUT_MS)
    page.fill("#register-organization_name", f"武汉新华医疗器械 {tag}")
    page.select_option("#register-country", "CN")
    page.fill("#register-registration_id", uscc[:17] + wrong_check)
    page.fill("#register-full_name", "李伟")
    page.fill("#register-email", email)
    page.fill("#register-password", "short")
    # City and phone are optional: left empty, they are not flagged.
    page.click("[data-testid=register-form] button[type=submit]")
    page.wait_for_selector("#register-registration_id[aria-invalid=true]", timeout=TIMEOUT_MS)
    assert _invalid(page, "#register-password"), "the password error comes in the same answer"
    assert not _invalid(page, "#register-city")
    assert not _invalid(page, "#register-phone")
    _check_page(page, "register-errors", lang, viewport)
    page.fill("#register-registration_id", uscc)
    page.fill("#register-password", PASSWORD)
    page.click("[data-testid=register-form] button[type=submit]")
    page.wait_for_selector("[data-testid=register-check-email]", timeout=TIMEOUT_MS)
    _check_page(page, "register-check-email", lang, viewport)
    # The account signs in once the link the worker e-mailed has confirmed the address.
    from django.conf import settings

    mail_dir = worker_mail_dir(settings.OPENSEARCH["index_prefix"])
    link = wait_for(lambda: worker_confirmation_link(mail_dir, email), what="the confirmation e-mail")
    page.goto(f"{base}{link}")
    page.wait_for_selector("[data-testid=confirm-done]", timeout=TIMEOUT_MS)
    _check_page(page, "confirm-email", lang, viewport)
    page.click("[data-testid=confirm-sign-in]")
    page.wait_for_selector("[data-testid=login-form]", timeout=TIMEOUT_MS)
    assert page.input_value("#login-email") == email
    page.fill("#login-password", PASSWORD)
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_selector("[data-testid=vendor-profile]", timeout=TIMEOUT_MS)
    page.wait_for_selector("[data-testid=profile-form]", timeout=TIMEOUT_MS)


def _fill_profile_and_contact(page: Any) -> None:
    page.fill("#profile-legal_names-zh", "武汉新华医疗器械有限公司")
    page.fill("#profile-legal_names-en", "Wuhan Xinhua Medical Devices Co., Ltd.")
    page.fill("#profile-city", "武汉")
    page.fill("#profile-address", "湖北省武汉市江岸区解放大道 88 号")
    page.click("[data-testid=profile-form] button[type=submit]")
    page.wait_for_selector("[data-testid=profile-saved]", timeout=TIMEOUT_MS)
    page.click("[data-testid=contact-add]")
    page.fill("#contact-new-name", "张敏")
    page.fill("#contact-new-role", "Export sales")
    page.fill("#contact-new-email", "zhang.min@example.cn")
    page.fill("#contact-new-wechat", "zhangmin-wh")
    page.fill("#contact-new-whatsapp", "+86 139 0000 0000")
    page.click("[data-testid=contact-save]")
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=contact-item]').length === 2", timeout=TIMEOUT_MS
    )


def _upload(
    page: Any, path: Path, fields: dict[str, str], *, markets: list[str], standards: list[str]
) -> None:
    count = page.locator("[data-testid=document-item]").count()
    page.set_input_files("[data-testid=document-file]", str(path))
    page.select_option("#document-document_type", fields.pop("document_type"))
    for name, value in fields.items():
        page.fill(f"#document-{name}", value)
    for code in markets:
        page.locator(f"[data-testid=document-markets] input[value='{code}']").check()
    for code in standards:
        page.locator(f"[data-testid=document-standards] input[value='{code}']").check()
    page.click("[data-testid=document-submit]")
    page.wait_for_selector("[data-testid=document-uploaded]", timeout=TIMEOUT_MS)
    page.wait_for_function(
        f"document.querySelectorAll('[data-testid=document-item]').length === {count + 1}",
        timeout=TIMEOUT_MS,
    )


def _verify_through_the_api(organization_id: int) -> None:
    """Staff's part (its pages have their own browser tests): approve the certificate, verify."""
    client = APIClient()
    client.force_authenticate(StaffFactory())
    for document in Document.objects.filter(
        organization_id=organization_id, document_type=DocumentType.CERTIFICATE
    ):
        answer = client.post(f"/api/v1/organizations/{organization_id}/documents/{document.pk}/approve/")
        assert answer.status_code == 200, answer.content
    answer = client.post(f"/api/v1/organizations/{organization_id}/verify/")
    assert answer.status_code == 200, answer.content


def _add_product(page: Any, base: str, lang: str, name: str, viewport: dict[str, int]) -> None:
    # ?lang= again: a full page load detects the language afresh (the URL, else the browser's).
    page.goto(f"{base}/vendor/products?lang={lang}")
    page.click("[data-testid=product-new]")
    page.wait_for_selector("[data-testid=product-form]", timeout=TIMEOUT_MS)
    masks = Category.objects.get(slug="surgical-masks")
    page.wait_for_selector(f"#product-category option[value='{masks.pk}']", state="attached")
    # The form is in titled sections; each language folds, the reader's and English open.
    opened = {
        code: page.locator(f"[data-testid=product-language-{code}]").evaluate("d => d.open")
        for code in ("en", "zh", "fr", "es", "ru", "ar")
    }
    assert {code for code, is_open in opened.items() if is_open} == {"en", lang}
    assert page.locator(".product-form__title").count() == 4
    if not opened["zh"]:
        page.click("[data-testid=product-language-zh] > summary")
    page.fill("#product-name-zh", name)
    page.fill("#product-description-zh", "三层医用外科口罩，细菌过滤效率 ≥98%，符合 EN 14683 IIR 型。")
    page.select_option("#product-category", str(masks.pk))
    page.fill("#product-model_number", "XH-3P")
    page.fill("#product-min_order_quantity", "10000")
    page.fill("#product-capacity_per_day", "200000")
    page.fill("#product-lead_time_days", "7")
    page.fill("#product-price_min", "0.05")
    page.fill("#product-price_max", "0.08")
    page.select_option("#product-currency", "USD")
    page.select_option("#product-status", "published")
    page.locator("[data-testid=product-standards] input[value='EN 14683']").check()
    page.locator("[data-testid=product-incoterms] input[value='FOB']").check()
    page.locator("[data-testid=product-certificates] input").first.check()
    _check_page(page, "product-form", lang, viewport)
    page.click("[data-testid=product-save]")
    page.wait_for_selector("[data-testid=product-saved]", timeout=TIMEOUT_MS)
    page.wait_for_selector("[data-testid=my-product][data-status=published]", timeout=TIMEOUT_MS)


def _find_in_directory(page: Any, base: str, name: str) -> Any:
    """Searches in Spanish until the worker has indexed the product; returns its card."""
    url = f"{base}/suppliers?q={quote('mascarilla quirúrgica')}&lang=es"
    card = page.locator("[data-testid=product-card]", has_text=name)
    deadline = time.monotonic() + INDEX_TIMEOUT_S
    while True:
        page.goto(url)
        page.wait_for_selector("[data-testid=product-card], [data-testid=no-results]", timeout=TIMEOUT_MS)
        if card.count() == 1:
            return card
        assert time.monotonic() < deadline, f"{name} not found by a Spanish search"
        time.sleep(2)


@pytest.mark.parametrize(
    ("lang", "viewport"),
    [("en", DESKTOP), ("zh", DESKTOP), ("ar", PHONE)],
    ids=["en-desktop", "zh-desktop", "ar-390"],
)
def test_vendor_onboards_lists_a_product_and_buyers_find_it(
    browser: Any,
    live_server: Any,
    celery_worker_process: subprocess.Popen[bytes],
    clean_indexes: str,
    tmp_path: Path,
    lang: str,
    viewport: dict[str, int],
) -> None:
    base = live_server.url
    # Each run starts from an empty database and index, so the language alone tells runs apart.
    tag = f"XH-{lang.upper()}"
    email = f"li.wei.{lang}@xinhua-{lang}.example.cn"
    licence = tmp_path / "licence.png"
    licence.write_bytes(PNG_BYTES)
    ce = tmp_path / "ce.pdf"
    ce.write_bytes(PDF_BYTES)
    page = new_page(browser, viewport=viewport)
    context, errors = page.context, page.errors

    _register(page, base, lang, email, tag, viewport)
    user = User.objects.get(email=email)
    organization = user.organization
    assert organization is not None
    assert organization.city == ""
    _check_page(page, "profile", lang, viewport)
    _fill_profile_and_contact(page)
    organization.refresh_from_db()
    assert organization.legal_names["zh"] == "武汉新华医疗器械有限公司"
    assert organization.contacts.filter(wechat="zhangmin-wh", whatsapp="+86 139 0000 0000").exists()

    # The checklist first says what is missing.
    page.click("a[href='/vendor/verification']")
    page.wait_for_selector("[data-testid=checklist-item][data-key=businessLicence][data-done=false]")
    assert page.locator("[data-testid=request-verification]").is_disabled()

    page.click("a[href='/vendor/documents']")
    page.wait_for_selector("[data-testid=document-form]", timeout=TIMEOUT_MS)
    _upload(
        page,
        licence,
        {"document_type": "business_licence", "number": "420100000123456"},
        markets=[],
        standards=[],
    )
    _upload(
        page,
        ce,
        {
            "document_type": "certificate",
            "number": f"CE-2020-{tag}",
            "issuer": "TÜV SÜD Product Service",
            "valid_from": "2020-03-01",
            "valid_until": "2030-02-28",
        },
        markets=["EU"],
        standards=["EN 14683"],
    )
    certificate = Document.objects.get(organization=organization, document_type=DocumentType.CERTIFICATE)
    assert sorted(certificate.markets.values_list("code", flat=True)) == ["EU"]
    assert str(certificate.valid_until) == "2030-02-28"
    assert (
        page.locator(
            "[data-testid=document-item][data-type=certificate] [data-testid=document-validity]"
        ).count()
        == 1
    )
    _check_page(page, "documents", lang, viewport)

    page.click("a[href='/vendor/verification']")
    page.wait_for_selector("[data-testid=checklist-item][data-key=businessLicence][data-done=true]")
    page.click("[data-testid=request-verification]")
    page.wait_for_selector("[data-testid=vendor-verification][data-status=pending]", timeout=TIMEOUT_MS)
    organization.refresh_from_db()
    assert organization.verification_status == VerificationStatus.PENDING
    _check_page(page, "verification", lang, viewport)

    _verify_through_the_api(organization.pk)
    page.goto(f"{base}/vendor/verification?lang={lang}")
    page.wait_for_selector("[data-testid=vendor-verification][data-status=verified]", timeout=TIMEOUT_MS)

    name = f"医用外科口罩 三层 {tag}"
    _add_product(page, base, lang, name, viewport)
    product = Product.objects.get(vendor=organization)
    assert product.names == {"zh": name}
    assert list(product.certificates.values_list("pk", flat=True)) == [certificate.pk]
    _check_page(page, "products", lang, viewport)
    if lang == "en" and os.environ.get("MEDMATCH_README_SCREENSHOTS"):
        # Opt in: the README's copy changes only when someone means to update it.
        README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(README_SCREENSHOT), full_page=False)

    # A buyer's view: signed out, a Spanish search finds the Chinese-named product.
    buyer = new_page(browser, viewport=viewport)
    buyer_context = buyer.context
    card = _find_in_directory(buyer, base, name)
    card.locator(f"a[href='/products/{product.pk}']").first.click()
    buyer.wait_for_selector("[data-testid=product-page]", timeout=TIMEOUT_MS)
    assert buyer.locator("[data-testid=product-name]").inner_text() == name
    validity = buyer.locator("[data-testid=certificate-validity]").inner_text()
    assert "2020" in validity, validity
    assert "2030" in validity, validity
    assert buyer.locator("[data-testid=certificate-state]").inner_text() == "Vigente"
    text = buyer.locator("main").inner_text()
    for secret in ("zhang.min@example.cn", "zhangmin-wh", "+86 139", email):
        assert secret not in text
    assert re.search(r"\bCE-2020-", text)
    _check_page(buyer, "product-page-es", "es", viewport)

    assert errors == []
    buyer_context.close()
    context.close()
