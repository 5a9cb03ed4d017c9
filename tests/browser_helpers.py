"""What every Chromium test shares: the browser (a module-scoped fixture; this module is a pytest
plugin of the root conftest), a page that records the app's script errors, signing in through
the login form, and axe-core.

Chromium is the system's (/usr/bin/chromium), driven by Playwright for Python; never downloaded.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = ROOT / ".run" / "screenshots"
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "correct horse battery staple"
TIMEOUT_MS = 20_000
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; Django's database
    # teardown then thinks it runs in async code. The live server is another thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not (Path(settings.FRONTEND_DIST_DIR) / "index.html").exists():
        pytest.fail("frontend/dist is missing: `make test` builds it before pytest")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def new_page(browser: Any, *, viewport: dict[str, int] = DESKTOP, **context_options: Any) -> Any:
    """A page in a context of its own; the app's uncaught script errors collect in ``page.errors``.

    The app's Content-Security-Policy is bypassed: axe-core is injected as a script, and
    wait_for_function needs eval. The policy itself holds in tests/test_browser.py, whose pages
    run under it."""
    page = browser.new_context(viewport=viewport, bypass_csp=True, **context_options).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    return page


def sign_in(
    browser: Any,
    base: str,
    email: str,
    *,
    password: str = PASSWORD,
    lang: str = "en",
    next_path: str | None = None,
    viewport: dict[str, int] = DESKTOP,
    timeout_ms: int = TIMEOUT_MS,
    **context_options: Any,
) -> Any:
    """A new page signed in as ``email`` through the login form (and, with ``next_path``, taken
    there by the form's redirect)."""
    page = new_page(browser, viewport=viewport, **context_options)
    url = f"{base}/login?lang={lang}" + (f"&next={next_path}" if next_path else "")
    page.goto(url)
    page.wait_for_selector("[data-testid=login-form]", timeout=timeout_ms)
    page.fill("#login-email", email)
    page.fill("#login-password", password)
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_selector("[data-testid=user-menu]", timeout=timeout_ms)
    if next_path:
        # Only once signed in: the login URL itself matches the pattern, through ?next=.
        page.wait_for_url(f"**{next_path}*", timeout=timeout_ms)
    return page


def go(page: Any, url: str, ready: str, *, timeout_ms: int = TIMEOUT_MS) -> None:
    page.goto(url)
    page.wait_for_selector(ready, timeout=timeout_ms)


def axe_serious(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page, with up to five places each."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']}: {[node['target'] for node in v['nodes']][:5]}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


def no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1"))
