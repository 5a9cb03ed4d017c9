"""Reads pip-audit's and npm audit's JSON for scripts/audit.sh.

audit_report.py pip-answered FILE   exit 0 when the service answered for at least one package
audit_report.py pip-report FILE     print the known vulnerabilities; exit 1 when there are any
audit_report.py npm-answered FILE   exit 0 when the file is an audit report (not an error)
audit_report.py npm-report FILE     print moderate-or-worse vulnerabilities; exit 1 when any
"""

import json
import sys
from pathlib import Path
from typing import Any

# npm audit's levels, lowest first; moderate and above fail (as `--audit-level=moderate` would).
NPM_LEVELS = ("info", "low", "moderate", "high", "critical")
NPM_FAIL_FROM = NPM_LEVELS.index("moderate")


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")


def _load(path: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def pip_answered(report: Any) -> bool:
    """A package the service knows has no ``skip_reason``; a service that answers nothing
    (unreachable, or a mirror without the JSON API) leaves every package skipped."""
    if not isinstance(report, dict):
        return False
    dependencies = report.get("dependencies") or []
    return any("skip_reason" not in dependency for dependency in dependencies)


def pip_report(report: dict[str, Any]) -> int:
    found = [(d, v) for d in report["dependencies"] for v in d.get("vulns", [])]
    skipped = [d["name"] for d in report["dependencies"] if "skip_reason" in d]
    for dependency, vuln in found:
        fixes = ", ".join(vuln.get("fix_versions") or []) or "none yet"
        _say(f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixes})")
    if skipped:
        _say(f"pip-audit: not known to the service, not audited: {', '.join(sorted(skipped))}")
    _say(f"pip-audit: {len(report['dependencies'])} packages, {len(found)} known vulnerabilities")
    return 1 if found else 0


def npm_answered(report: Any) -> bool:
    return isinstance(report, dict) and "auditReportVersion" in report and "error" not in report


def npm_report(report: dict[str, Any]) -> int:
    failing = [
        (name, entry)
        for name, entry in sorted(report.get("vulnerabilities", {}).items())
        if NPM_LEVELS.index(entry.get("severity", "info")) >= NPM_FAIL_FROM
    ]
    for name, entry in failing:
        _say(f"npm: {name} ({entry.get('severity')}) {entry.get('range', '')}")
    counts = report.get("metadata", {}).get("vulnerabilities", {})
    _say(f"npm audit: {counts or 'no'} vulnerabilities; {len(failing)} moderate or worse")
    return 1 if failing else 0


def main(argv: list[str]) -> int:
    command, path = argv
    report = _load(path)
    if command == "pip-answered":
        return 0 if pip_answered(report) else 1
    if command == "npm-answered":
        return 0 if npm_answered(report) else 1
    if command == "pip-report":
        return pip_report(report)
    if command == "npm-report":
        return npm_report(report)
    raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
