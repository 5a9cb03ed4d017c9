#!/usr/bin/env bash
# Dependency audit (part of `make lint`, and `make audit` on its own): known vulnerabilities in
# the virtualenv's Python packages (pip-audit) and in the npm lockfile (npm audit).
#
# Both tools ask an advisory service over the network. When the service answers, a known
# vulnerability fails this script. When it cannot be reached, or answers nothing useful (a
# mirror that serves packages but not the advisory API: every package "not found", or the bulk
# advisory request refused), the script prints one line
#     dependency audit skipped: <service> unreachable
# and goes on, so that lint passes on a machine without that service. Every call is bounded
# (MEDMATCH_AUDIT_TIMEOUT seconds, default 90), so lint never hangs on a silent network.
set -uo pipefail

REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO_DIR"
VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
LIMIT="${MEDMATCH_AUDIT_TIMEOUT:-90}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0

# pip-audit. A probe first (pip itself, one request): when the service does not know pip, it
# answers for no package, and the full run (one request a package) is not worth its time.
python_audit() {
    local service="the Python vulnerability service"
    local pip_version
    pip_version="$("$PY" -c 'import importlib.metadata as m; print(m.version("pip"))')"
    echo "pip==$pip_version" >"$work/probe.txt"
    timeout "$LIMIT" "$VENV/bin/pip-audit" --no-deps --disable-pip -r "$work/probe.txt" --timeout 10 \
        --progress-spinner off -f json -o "$work/probe.json" >/dev/null 2>"$work/probe.err"
    if ! "$PY" scripts/audit_report.py pip-answered "$work/probe.json"; then
        echo "dependency audit skipped: $service unreachable"
        return 0
    fi
    timeout "$LIMIT" "$VENV/bin/pip-audit" --skip-editable --timeout 10 --progress-spinner off \
        -f json -o "$work/python.json" >/dev/null 2>"$work/python.err"
    local status=$?
    if [ "$status" = 124 ] || ! "$PY" scripts/audit_report.py pip-answered "$work/python.json"; then
        echo "dependency audit skipped: $service unreachable"
        return 0
    fi
    "$PY" scripts/audit_report.py pip-report "$work/python.json" || failed=1
}

# npm audit: one bulk request for the whole lockfile; its JSON is either a report or an error.
npm_audit() {
    local service="the npm advisory service"
    (cd frontend && timeout "$LIMIT" npm audit --json --fetch-timeout=15000 --fetch-retries=0 \
        >"$work/npm.json" 2>"$work/npm.err")
    local status=$?
    if [ "$status" = 124 ] || ! "$PY" scripts/audit_report.py npm-answered "$work/npm.json"; then
        echo "dependency audit skipped: $service unreachable"
        return 0
    fi
    "$PY" scripts/audit_report.py npm-report "$work/npm.json" || failed=1
}

python_audit
npm_audit
exit "$failed"
