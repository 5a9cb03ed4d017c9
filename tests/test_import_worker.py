"""Spreadsheet import through the real web server, Redis and a real Celery worker.

Hostile uploads are answered at once (202) and refused by the worker with a per-field
message; a good file is imported by the worker, all or nothing.
"""

import subprocess
import threading
import time
from typing import Any

import pytest
import requests

from accounts.models import User
from accounts.tests.factories import BuyerUserFactory
from purchasing.models import ImportJob, PurchaseRequest
from purchasing.tests.hostile import many_rows, wide_row, zip_bomb
from tests.import_helpers import import_finished

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
URL = "/api/v1/requests/import/"


def _token(base: str, user: User) -> str:
    response = requests.post(
        f"{base}/api/v1/auth/token/", json={"email": user.email, "password": PASSWORD}, timeout=10
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["token"]
    return token


def test_three_concurrent_hostile_uploads_are_answered_at_once_and_refused_by_the_worker(
    celery_worker_process: subprocess.Popen[bytes], live_server: Any
) -> None:
    user = BuyerUserFactory()
    user.set_password(PASSWORD)
    user.save()
    headers = {"Authorization": f"Token {_token(live_server.url, user)}"}
    files = {
        "bomb": ("bomb.xlsx", zip_bomb(inflated_mb=200)),
        "wide": ("wide.xlsx", wide_row(megabytes=30)),
        "rows": ("rows.xlsx", many_rows(rows=100_000)),
    }
    answers: dict[str, tuple[float, requests.Response]] = {}

    def upload(key: str) -> None:
        name, content = files[key]
        started = time.monotonic()
        response = requests.post(
            f"{live_server.url}{URL}", headers=headers, files={"file": (name, content)}, timeout=30
        )
        answers[key] = (time.monotonic() - started, response)

    threads = [threading.Thread(target=upload, args=(key,)) for key in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    for key, (elapsed, response) in answers.items():
        assert response.status_code == 202, (key, response.text)
        assert elapsed < 1.5, f"{key} held the web request for {elapsed:.2f} s"
        assert response.json()["status"] == "queued"
    codes = {}
    for key, (_elapsed, response) in answers.items():
        job = import_finished(response.json()["status_url"], headers)
        assert job["status"] == "failed", (key, job)
        assert job["created"] == []
        [file_errors] = job["errors"]
        assert file_errors["row"] is None
        assert file_errors["errors"]["file"][0]["message"]
        codes[key] = [error["code"] for error in file_errors["errors"]["file"]]
    assert codes == {"bomb": ["file_too_large"], "wide": ["row_too_large"], "rows": ["too_many_rows"]}
    assert not PurchaseRequest.objects.exists()
    assert all(bytes(job.content) == b"" for job in ImportJob.objects.all())  # emptied once read


def test_a_good_file_is_imported_by_the_worker(
    celery_worker_process: subprocess.Popen[bytes], live_server: Any
) -> None:
    user = BuyerUserFactory()
    user.set_password(PASSWORD)
    user.save()
    headers = {"Authorization": f"Token {_token(live_server.url, user)}"}
    content = b"title,quantity,destination_country\nMasks,1000,FR\nGloves,50,DE\n"

    response = requests.post(
        f"{live_server.url}{URL}", headers=headers, files={"file": ("needs.csv", content)}, timeout=30
    )

    assert response.status_code == 202, response.text
    job = import_finished(response.json()["status_url"], headers)
    assert job["status"] == "succeeded", job
    assert job["progress"] == {"rows_done": 2, "rows_total": 2}
    created = PurchaseRequest.objects.filter(pk__in=job["created"]).order_by("pk")
    assert [(item.title, item.quantity, item.buyer_id) for item in created] == [
        ("Masks", 1000, user.organization_id),
        ("Gloves", 50, user.organization_id),
    ]

    # Let the worker finish what the import set off (indexing, matching) before the test's database
    # is flushed: a TRUNCATE racing a worker transaction deadlocks the teardown.
    from django.db.models import F

    from matching.models import MatchIntent
    from outbox.models import OutboxEntry

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (
        OutboxEntry.objects.filter(processed_at__isnull=True, parked_at__isnull=True).exists()
        or MatchIntent.objects.filter(done_version__lt=F("wanted_version"), parked_at__isnull=True).exists()
    ):
        time.sleep(0.2)
    time.sleep(1)
