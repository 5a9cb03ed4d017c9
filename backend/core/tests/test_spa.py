import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

dist_built = pytest.mark.skipif(  # make test always builds it first; see test_browser for the hard check
    not (Path(settings.FRONTEND_DIST_DIR) / "index.html").exists(),
    reason="the frontend is built by `make test` before pytest runs",
)


@dist_built
@pytest.mark.parametrize("path", ["/", "/suppliers", "/requests/42", "/some/deep/client/route"])
def test_client_routes_get_index_html_with_runtime_config(client: Client, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<div id="root"' in html
    match = re.search(r"window.__MEDMATCH_CONFIG__ = (\{.*?\});</script>", html)
    assert match, "runtime config was not injected"
    assert json.loads(match.group(1))["apiBase"] == "/api/v1"


def test_unknown_api_path_is_a_404_not_the_app(client: Client) -> None:
    response = client.get("/api/v1/does-not-exist/")

    assert response.status_code == 404
    assert b'<div id="root"' not in response.content


def test_the_app_is_served_with_a_content_security_policy(
    client: Client, settings: Any, tmp_path: Any
) -> None:
    settings.FRONTEND_DIST_DIR = tmp_path
    (tmp_path / "index.html").write_text("<html><head><!--MEDMATCH_CONFIG--></head><body></body></html>")

    response = client.get("/suppliers")

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce is not None
    assert f'<script nonce="{nonce.group(1)}">' in response.content.decode()
    assert "script-src 'self' 'nonce-" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    other = client.get("/suppliers")["Content-Security-Policy"]
    assert other != policy  # a fresh nonce per response
