"""Server text in the reader's language.

Services raise ``ValidationError`` with an English message that is a gettext msgid (marked with
``gettext_noop`` so the catalogues can be checked) and its parameters. The message is translated
where it is rendered, for the language LocaleMiddleware activated from the request's
``Accept-Language`` — in the API's error handler, and when a stored import job is read — so a
worker (which has no reader) stores msgid and parameters, never translated text.
The catalogues are ``backend/locale/<lang>/LC_MESSAGES/django.po`` (compiled to ``.mo``).
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext


def message_text(message: object, params: Mapping[str, object] | None = None) -> str:
    """``message`` (a msgid, or an already lazy-translated text) in the active language, with
    ``params`` filled in."""
    text = gettext(message) if isinstance(message, str) else str(message)
    if params:
        try:
            return text % dict(params)
        except (KeyError, TypeError, ValueError):
            # A translation that lost a placeholder must not turn a 400 into a 500.
            return str(message) % dict(params) if isinstance(message, str) else text
    return text


def _translated_one(error: ValidationError) -> ValidationError:
    return ValidationError(message_text(error.message, error.params), code=error.code)


def validation_error_translated(exc: ValidationError) -> ValidationError:
    """The same errors (same fields and codes) with each message translated and formatted."""
    if hasattr(exc, "error_dict"):
        return ValidationError(
            {name: [_translated_one(error) for error in errors] for name, errors in exc.error_dict.items()}
        )
    return ValidationError([_translated_one(error) for error in exc.error_list])


def stored_error(error: ValidationError) -> dict[str, Any]:
    """A validation error as a worker stores it: the code, the English text, and the msgid with
    its parameters so that a reader gets it in their language (``stored_error_text``)."""
    params = {key: str(value) for key, value in (error.params or {}).items()}
    template = error.message if isinstance(error.message, str) else None
    item: dict[str, Any] = {
        "code": str(error.code or "invalid"),
        "message": str(error.message % error.params if error.params else error.message),
    }
    if template is not None:
        item["template"] = template
        item["params"] = params
    return item


def stored_error_text(item: Mapping[str, Any]) -> str:
    """The message of a stored error (``stored_error``) in the active language."""
    template = item.get("template")
    if isinstance(template, str):
        params = item.get("params")
        return message_text(template, params if isinstance(params, Mapping) else None)
    return str(item.get("message", ""))
