"""How the API token scheme appears in the OpenAPI schema (drf-spectacular)."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object


class ExpiringTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ExpiringTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        definition: dict[str, Any] = build_bearer_security_scheme_object(  # type: ignore[no-untyped-call]
            header_name="Authorization",
            token_prefix="Token",  # noqa: S106  the scheme's name, not a secret
        )
        definition["description"] = (
            "`Authorization: Token <key>`, a key from `POST auth/token/`. It expires at the `expiry` "
            "given with it and is revoked by logout, a password change or reset, and sign-out-everywhere."
        )
        return definition
