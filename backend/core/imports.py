"""Helpers every spreadsheet import shares (purchase requests, supplier lists)."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from core.i18n import stored_error


def upload_file_name(name: str | None) -> str:
    """The client's file name, for display only: no directories, no control characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(char for char in base if char.isprintable()).strip()
    return (cleaned or "upload")[:255]


def validation_error_items(errors: Iterable[ValidationError]) -> list[dict[str, Any]]:
    """Errors as stored on an import and returned per field: ``[{"code", "message"}]``, plus the
    msgid and parameters that let a reader get the message in their language (``core.i18n``)."""
    return [stored_error(error) for error in errors]
