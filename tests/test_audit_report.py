"""scripts/audit_report.py: what counts as an answer from the advisory service, and what fails.

The services themselves cannot be reached from the test machine (see README, `make audit`), so
the reports are the tools' JSON shapes, written out here."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "audit_report.py"


def _run(command: str, report: Any, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "report.json"
    path.write_text(report if isinstance(report, str) else json.dumps(report), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(SCRIPT), command, str(path)], capture_output=True, text=True, check=False
    )


PIP_VULNERABLE = {
    "dependencies": [
        {"name": "django", "version": "5.2.1", "vulns": []},
        {
            "name": "requests",
            "version": "2.31.0",
            "vulns": [{"id": "GHSA-9wx4-h78v-vm56", "fix_versions": ["2.32.0"], "aliases": []}],
        },
    ],
    "fixes": [],
}
PIP_NOTHING_KNOWN = {
    "dependencies": [
        {
            "name": "django",
            "skip_reason": "Dependency not found on PyPI and could not be audited: django (5.2.1)",
        },
        {"name": "requests", "skip_reason": "Dependency not found on PyPI and could not be audited"},
    ],
    "fixes": [],
}
NPM_ERROR = {"message": "405 Method Not Allowed", "statusCode": 405, "error": {"summary": "", "detail": ""}}


def _npm_report(severity: str) -> dict[str, Any]:
    return {
        "auditReportVersion": 2,
        "vulnerabilities": {"vite": {"name": "vite", "severity": severity, "range": "<6.1.6"}},
        "metadata": {"vulnerabilities": {severity: 1, "total": 1}},
    }


def test_a_known_python_vulnerability_fails_and_is_named(tmp_path: Path) -> None:
    answered = _run("pip-answered", PIP_VULNERABLE, tmp_path)
    report = _run("pip-report", PIP_VULNERABLE, tmp_path)

    assert answered.returncode == 0
    assert report.returncode == 1
    assert "requests 2.31.0: GHSA-9wx4-h78v-vm56 (fixed in 2.32.0)" in report.stdout


def test_a_clean_python_report_passes(tmp_path: Path) -> None:
    clean = {"dependencies": [{"name": "django", "version": "5.2.1", "vulns": []}], "fixes": []}

    assert _run("pip-report", clean, tmp_path).returncode == 0


@pytest.mark.parametrize("report", [PIP_NOTHING_KNOWN, {"dependencies": []}, "", "not json"])
def test_a_service_that_knows_no_package_did_not_answer(report: Any, tmp_path: Path) -> None:
    assert _run("pip-answered", report, tmp_path).returncode == 1


@pytest.mark.parametrize(("severity", "fails"), [("low", False), ("moderate", True), ("critical", True)])
def test_npm_fails_from_moderate_up(severity: str, fails: bool, tmp_path: Path) -> None:
    report = _npm_report(severity)

    assert _run("npm-answered", report, tmp_path).returncode == 0
    assert _run("npm-report", report, tmp_path).returncode == (1 if fails else 0)


@pytest.mark.parametrize("report", [NPM_ERROR, "", "{"])
def test_an_npm_error_is_not_an_answer(report: Any, tmp_path: Path) -> None:
    assert _run("npm-answered", report, tmp_path).returncode == 1
