"""The single-page app: index.html for every client-side route, with runtime config."""

import json
import secrets
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt, ensure_csrf_cookie
from django.views.decorators.http import require_GET

CONFIG_MARKER = "<!--MEDMATCH_CONFIG-->"


@lru_cache(maxsize=2)
def _read_index(path: Path, mtime: float) -> str:
    return path.read_text(encoding="utf-8")


def _index_html() -> str | None:
    path = Path(settings.FRONTEND_DIST_DIR) / "index.html"
    if not path.exists():
        path = Path(settings.STATIC_ROOT) / "index.html"
    if not path.exists():
        return None
    return _read_index(path, path.stat().st_mtime)


@require_GET
@ensure_csrf_cookie  # the app sends it back as X-CSRFToken on writes (session auth)
def spa_index(request: HttpRequest, path: str = "") -> HttpResponse:
    html = _index_html()
    if html is None:
        return HttpResponse(
            "The frontend is not built. Run `make frontend` (or `make run`).",
            status=503,
            content_type="text/plain",
        )
    runtime_config = {
        "apiBase": "/api/v1",
        "version": settings.MEDMATCH_VERSION,
        "languages": [code for code, _name in settings.LANGUAGES],
    }
    # "</" is escaped so that no value can close the script element.
    payload = json.dumps(runtime_config).replace("</", "<\\/")
    nonce = secrets.token_urlsafe(16)
    script = f'<script nonce="{nonce}">window.__MEDMATCH_CONFIG__ = {payload};</script>'
    response = HttpResponse(html.replace(CONFIG_MARKER, script), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Content-Security-Policy"] = spa_content_security_policy(nonce=nonce)
    return response


def spa_content_security_policy(*, nonce: str) -> str:
    """Only the app's own scripts (and the config script with this response's nonce), styles,
    images and API; no plugins, no framing, no form posts elsewhere."""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


@csrf_exempt  # it writes nothing; a POST to a non-numeric id is a 404, not the CSRF page's HTML 403
def api_not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Any /api/ path no endpoint serves (an unknown path, a non-numeric id): the JSON error shape,
    whatever the method.

    A path that only lacks its trailing slash is redirected, as APPEND_SLASH did before this
    catch-all existed.
    """
    if not request.path.endswith("/"):
        try:
            match = resolve(f"{request.path}/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "api-not-found":
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    return JsonResponse(
        {"code": "not_found", "message": f"There is no API endpoint at {request.path}."}, status=404
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """A crash: JSON under /api/ (clients parse every API answer), Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"code": "server_error", "message": "Something went wrong on our side; it has been logged."},
            status=500,
        )
    return defaults.server_error(request)
