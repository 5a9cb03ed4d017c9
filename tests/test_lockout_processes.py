"""Sign-in lockout and throttles hold across processes: gunicorn with two workers, the state
shared through the database (django-axes) and Redis (throttle counters)."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from accounts.tests.factories import VendorUserFactory

pytestmark = [pytest.mark.django_db(transaction=True)]

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "the-right-password"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def gunicorn(django_db_setup: None) -> Iterator[str]:
    from django.db import connection

    database = connection.settings_dict
    port = _free_port()
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
            "PYTHONPATH": os.pathsep.join([str(REPO / "backend"), str(REPO)]),
            "NUM_PROXIES": "0",
        }
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--chdir",
            str(REPO / "backend"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "60",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"{base}/api/v1/reference/markets/", timeout=5)
            break
        except requests.RequestException:
            time.sleep(0.3)
    else:
        process.terminate()
        raise RuntimeError("gunicorn did not start within 60 s")
    yield base
    process.terminate()
    process.wait(timeout=20)


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
