"""API tokens: ``Authorization: Token <key>``, expiring and revocable (django-rest-knox).

An unknown, expired or malformed token is a 401 with ``WWW-Authenticate: Token`` on every
endpoint, public ones included: a client that sends credentials is told they no longer work
instead of being served silently as anonymous (and a public endpoint never answers 403 for it).
"""

import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication
from knox.settings import knox_settings
from rest_framework import exceptions

# What knox.crypto.create_token_string makes: AUTH_TOKEN_CHARACTER_LENGTH hex digits.
_TOKEN_SHAPE = re.compile(rf"^[0-9a-f]{{{knox_settings.AUTH_TOKEN_CHARACTER_LENGTH}}}$")


class ExpiringTokenAuthentication(TokenAuthentication):
    """knox's token check, refusing a key that is not of the shape knox issues before any
    database look-up (non-UTF-8 bytes or NUL characters would otherwise reach the query)."""

    def authenticate_credentials(self, token: bytes) -> tuple[Any, Any]:
        try:
            text = token.decode("ascii")
        except UnicodeDecodeError:
            text = ""
        if not _TOKEN_SHAPE.match(text):
            raise exceptions.AuthenticationFailed(_("Invalid token."), code="invalid_token")
        try:
            result: tuple[Any, Any] = super().authenticate_credentials(token)
        except exceptions.AuthenticationFailed as exc:
            # knox says "Invalid token." for unknown and expired keys alike.
            raise exceptions.AuthenticationFailed(str(exc.detail), code="invalid_token") from exc
        return result
