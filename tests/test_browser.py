"""Open the app in Debian's Chromium against a live server."""

from typing import Any

import pytest

from tests.browser_helpers import ARTIFACTS, PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_invites_visitors_and_shows_staff_the_system_status(browser: Any, live_server: Any) -> None:
    from accounts.tests.factories import StaffFactory

    staff = StaffFactory()
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # The app runs under its Content-Security-Policy: the browser reports any violation here.
    page.on(
        "console",
        lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None,
    )

    # Anonymous: an invitation to register, no infrastructure.
    response = page.goto(f"{live_server.url}/")
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    page.wait_for_selector("[data-testid=join]", timeout=15_000)
    assert page.locator("[data-testid=status-card]").count() == 0

    # Staff, signed in through the UI: the status card with the real health answer.
    page.goto(f"{live_server.url}/login")
    page.get_by_label("E-mail").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("[data-testid=login-form] button[type=submit]").click()
    page.wait_for_url("**/proposals", timeout=15_000)
    page.goto(f"{live_server.url}/")
    page.wait_for_selector("[data-testid=app-ready]", timeout=15_000)
    page.wait_for_selector("[data-testid=component-database]", timeout=15_000)

    assert page.locator("h1").first.inner_text() == "MedMatch"
    # The status card rendered what the real health endpoint answered.
    assert page.get_attribute("[data-testid=component-database]", "data-status") == "ok"
    assert page.locator("[data-testid=component-search]").count() == 1
    assert page.locator("[data-testid=component-broker]").count() == 1
    page.screenshot(path=str(ARTIFACTS / "home.png"))
    assert errors == []
    page.close()


def test_client_side_route_is_served_by_the_catch_all(browser: Any, live_server: Any) -> None:
    page = browser.new_page()

    response = page.goto(f"{live_server.url}/suppliers")
    page.wait_for_selector("[data-testid=app-ready]", timeout=15_000)

    assert response is not None
    assert response.status == 200
    page.close()
