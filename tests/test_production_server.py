"""Issue 11 against gunicorn under the production settings (config.settings.production, three
workers as the Dockerfile runs it, behind one TLS-terminating proxy: NUM_PROXIES=1).

- Item 1: three concurrent hostile spreadsheets are each answered at once (202), the server keeps
  answering other requests meanwhile, and the real worker refuses each with its reason.
- Item 8: plain HTTP is sent to HTTPS (the container health check excepted), and what the proxy
  forwards as HTTPS carries HSTS, nosniff, a secure CSRF cookie and the SPA's Content Security
  Policy; the admin answers only at its configured path.
"""

import subprocess
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from accounts.tests.factories import BuyerUserFactory
from purchasing.models import PurchaseRequest
from purchasing.tests.hostile import many_rows, wide_row, zip_bomb
from tests.gunicorn_helpers import PRODUCTION_ENV, PRODUCTION_HASHERS, gunicorn
from tests.import_helpers import import_finished

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
ADMIN_PATH = "chamber-console-7f3a/"
HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.fixture
def production_server(django_db_setup: None, settings: Any) -> Iterator[str]:
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS  # passwords set here are checked by that server
    env = {**PRODUCTION_ENV, "NUM_PROXIES": "1", "DJANGO_ADMIN_PATH": ADMIN_PATH}
    with gunicorn(env=env, workers=3) as base:
        yield base


def test_plain_http_goes_to_https_and_https_answers_carry_the_security_headers(
    production_server: str,
) -> None:
    plain = requests.get(f"{production_server}/api/v1/reference/markets/", allow_redirects=False, timeout=10)
    health = requests.get(f"{production_server}/api/v1/health/", allow_redirects=False, timeout=10)
    api = requests.get(f"{production_server}/api/v1/reference/markets/", headers=HTTPS, timeout=10)
    me = requests.get(f"{production_server}/api/v1/auth/me/", headers=HTTPS, timeout=10)
    page = requests.get(f"{production_server}/", headers=HTTPS, timeout=10)
    admin = requests.get(f"{production_server}/{ADMIN_PATH}login/", headers=HTTPS, timeout=10)
    default_admin = requests.get(f"{production_server}/admin/login/", headers=HTTPS, timeout=10)

    assert plain.status_code == 301
    assert plain.headers["Location"].startswith("https://")
    # The container's health check calls over plain HTTP from inside: answered, not redirected.
    assert health.status_code in (200, 503)
    assert "database" in health.json()["components"]
    assert api.status_code == 200
    assert api.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert api.headers["X-Content-Type-Options"] == "nosniff"
    assert me.status_code == 401  # signed out; it still hands out the CSRF cookie the app's pages use
    assert "csrftoken=" in me.headers["Set-Cookie"]
    assert "Secure" in me.headers["Set-Cookie"]
    assert page.status_code == 200
    assert "script-src 'self' 'nonce-" in page.headers["Content-Security-Policy"]
    assert "frame-ancestors" in page.headers["Content-Security-Policy"]
    assert admin.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in admin.text
    assert 'name="csrfmiddlewaretoken"' not in default_admin.text  # /admin/ is only the app's 404 page


def test_three_hostile_uploads_are_answered_at_once_while_the_server_keeps_answering(
    celery_worker_process: subprocess.Popen[bytes], production_server: str
) -> None:
    user = BuyerUserFactory()
    user.set_password(PASSWORD)
    user.save()
    token = requests.post(
        f"{production_server}/api/v1/auth/token/",
        json={"email": user.email, "password": PASSWORD},
        headers=HTTPS,
        timeout=10,
    )
    assert token.status_code == 200, token.text
    headers = {**HTTPS, "Authorization": f"Token {token.json()['token']}"}
    files = {
        "bomb": ("bomb.xlsx", zip_bomb(inflated_mb=200)),
        "wide": ("wide.xlsx", wide_row(megabytes=30)),
        "rows": ("rows.xlsx", many_rows(rows=100_000)),
    }
    answers: dict[str, tuple[float, requests.Response]] = {}
    others: list[tuple[float, int]] = []
    uploading = threading.Event()

    def upload(key: str) -> None:
        name, content = files[key]
        started = time.monotonic()
        response = requests.post(
            f"{production_server}/api/v1/requests/import/",
            headers=headers,
            files={"file": (name, content)},
            timeout=30,
        )
        answers[key] = (time.monotonic() - started, response)

    def keep_asking() -> None:
        while uploading.is_set():
            started = time.monotonic()
            response = requests.get(
                f"{production_server}/api/v1/reference/markets/", headers=HTTPS, timeout=30
            )
            others.append((time.monotonic() - started, response.status_code))
            time.sleep(0.1)

    uploading.set()
    watcher = threading.Thread(target=keep_asking)
    watcher.start()
    threads = [threading.Thread(target=upload, args=(key,)) for key in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    time.sleep(1)  # the worker now reads the files; the web tier must not notice
    uploading.clear()
    watcher.join()

    for key, (elapsed, response) in answers.items():
        assert response.status_code == 202, (key, response.text)
        assert elapsed < 5, f"{key} held the web request for {elapsed:.2f} s"
    assert others
    assert {status for _elapsed, status in others} == {200}
    assert max(elapsed for elapsed, _status in others) < 2
    codes = {}
    for key, (_elapsed, response) in answers.items():
        status_url = response.json()["status_url"]
        assert status_url.startswith("https://")  # built from what the proxy forwarded
        job = import_finished(status_url.replace("https://", "http://", 1), headers)
        assert job["status"] == "failed", (key, job)
        codes[key] = [error["code"] for error in job["errors"][0]["errors"]["file"]]
    assert codes == {"bomb": ["file_too_large"], "wide": ["row_too_large"], "rows": ["too_many_rows"]}
    assert not PurchaseRequest.objects.exists()
