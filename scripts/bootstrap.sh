#!/usr/bin/env bash
# Install whatever is missing, and nothing that is already there:
# Debian packages, the Python virtualenv, npm packages and the OpenSearch node's jars.
#
#   scripts/bootstrap.sh [system|python|frontend|search ...]   (default: all)
set -euo pipefail

REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO_DIR"
STAMPS="$REPO_DIR/.stamps"
mkdir -p "$STAMPS"
PYTHON="${PYTHON:-python3}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# A stamp records the hash of the files a step depends on; the step reruns only
# when they change (or the stamp is gone).
fresh() {
    local name="$1"; shift
    local digest
    digest="$(cat "$@" | sha256sum | cut -d' ' -f1)"
    [ -f "$STAMPS/$name" ] && [ "$(cat "$STAMPS/$name")" = "$digest" ]
}
stamp() {
    local name="$1"; shift
    cat "$@" | sha256sum | cut -d' ' -f1 >"$STAMPS/$name"
}

system() {
    # command -> Debian package
    local -A wanted=(
        [pg_ctlcluster]=postgresql
        [redis-server]=redis-server
        [chromium]=chromium
        [java]=openjdk-17-jdk-headless
        [mvn]=maven
        [node]=nodejs
        [npm]=npm
        [docker-compose]=docker-compose
        [file]=file
    )
    local missing=()
    for cmd in "${!wanted[@]}"; do
        command -v "$cmd" >/dev/null 2>&1 || missing+=("${wanted[$cmd]}")
    done
    # The Python venv module and libmagic are packages, not commands.
    "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
    # The certificate PDFs embed DejaVu Sans (Latin, Cyrillic, Arabic) and WenQuanYi Micro Hei
    # (Chinese; TrueType, which reportlab can embed, unlike Noto CJK's CFF outlines).
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
    [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
    # A CJK font, so that browser screenshots show Chinese (not boxes).
    [ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 \
        || missing+=(fonts-noto-cjk)
    if [ ${#missing[@]} -eq 0 ]; then
        say "system packages: all present"
        return
    fi
    say "system packages: installing ${missing[*]}"
    if [ "$(id -u)" != "0" ]; then
        echo "Not root: please install ${missing[*]} with apt-get, then rerun." >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # Debian starts a redis-server on install; ours runs on its own port, so that one can go.
    if [[ " ${missing[*]} " == *" redis-server "* ]]; then
        (systemctl disable --now redis-server >/dev/null 2>&1 || service redis-server stop >/dev/null 2>&1) || true
    fi
}

python() {
    if [ -x .venv/bin/python ] && fresh python pyproject.toml; then
        say "python virtualenv: up to date"
        return
    fi
    say "python virtualenv: installing from pyproject.toml"
    [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check -e '.[dev]'
    stamp python pyproject.toml
}

frontend() {
    if [ -d frontend/node_modules ] && fresh frontend frontend/package-lock.json; then
        say "npm packages: up to date"
        return
    fi
    say "npm packages: npm ci"
    (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
    stamp frontend frontend/package-lock.json
}

search() {
    say "opensearch node: building (cached after the first time)"
    search/node/node.sh build
}

steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(system python frontend search)
for step in "${steps[@]}"; do
    "$step"
done
