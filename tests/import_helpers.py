"""Helpers shared by the tests that import spreadsheets through a real server and worker."""

import time
from typing import Any

import requests


def import_finished(url: str, headers: dict[str, str], timeout: float = 120) -> dict[str, Any]:
    """Poll an import's ``status_url`` until it succeeded or failed; its last answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body: dict[str, Any] = requests.get(url, headers=headers, timeout=10).json()
        if body["status"] in ("succeeded", "failed"):
            return body
        time.sleep(0.2)
    raise AssertionError(f"the import at {url} did not finish within {timeout} s")
