"""Sign-in lockout and throttles hold across processes: gunicorn with two workers (under the test
and the production settings), the state shared through the database (django-axes) and Redis
(throttle counters)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from accounts.tests.factories import VendorUserFactory
from tests.gunicorn_helpers import PRODUCTION_ENV, PRODUCTION_HASHERS
from tests.gunicorn_helpers import gunicorn as start_gunicorn

pytestmark = [pytest.mark.django_db(transaction=True)]

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "the-right-password"


@pytest.fixture(params=["test", "production"])
def gunicorn(request: pytest.FixtureRequest, django_db_setup: None, settings: Any) -> Iterator[str]:
    """Two workers, under the test settings and under the production ones (issue 11: the real
    parts), served over plain HTTP on 127.0.0.1 (no TLS proxy: no HTTPS redirect)."""
    env = {"DJANGO_SECURE_SSL_REDIRECT": "false"}
    if request.param == "production":
        env.update(PRODUCTION_ENV)  # REDIS_URL and OPENSEARCH_URL: the test services'
        settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    with start_gunicorn(env=env, ready_path="/api/v1/reference/markets/") as base:
        yield base


def _login(base: str, email: str, password: str, **headers: str) -> requests.Response:
    # A new connection each time, so the two workers share the attempts. The session login
    # needs the CSRF token, which GET auth/me/ hands out as the app's pages do.
    csrf = requests.get(f"{base}/api/v1/auth/me/", headers={"Connection": "close"}, timeout=10)
    token = csrf.cookies["csrftoken"]
    return requests.post(
        f"{base}/api/v1/auth/login/",
        json={"email": email, "password": password},
        headers={"Connection": "close", "X-CSRFToken": token, **headers},
        cookies={"csrftoken": token},
        timeout=10,
    )


def test_two_workers_lock_the_account_and_ignore_a_forged_forwarded_for(gunicorn: str) -> None:
    user = VendorUserFactory()
    user.set_password(PASSWORD)
    user.save()

    statuses = [
        _login(gunicorn, user.email, "wrong", **{"X-Forwarded-For": f"198.51.100.{n}"}).status_code
        for n in range(12)
    ]
    right = _login(gunicorn, user.email, PASSWORD, **{"X-Forwarded-For": "203.0.113.99"})

    assert statuses[:9] == [400] * 9
    assert set(statuses[9:]) == {429}
    # Refused by the lockout and by the login throttle (10/min per address, counted in Redis
    # by both workers), whichever answers first; the database shows the account's lockout.
    assert right.status_code == 429
    assert right.json()["code"] in ("locked_out", "throttled")
    from axes.models import AccessAttempt

    attempts = AccessAttempt.objects.filter(username=user.email)
    assert sum(attempt.failures_since_start for attempt in attempts) >= 10
    assert {attempt.ip_address for attempt in attempts} == {"127.0.0.1"}  # X-Forwarded-For was not believed
