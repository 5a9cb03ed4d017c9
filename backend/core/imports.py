"""Helpers every spreadsheet import shares (purchase requests, supplier lists)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError


def upload_file_name(name: str | None) -> str:
    """The client's file name, for display only: no directories, no control characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(char for char in base if char.isprintable()).strip()
    return (cleaned or "upload")[:255]


def validation_error_items(errors: Iterable[ValidationError]) -> list[dict[str, str]]:
    """Errors as stored on an import and returned per field: ``[{"code", "message"}]``."""
    return [
        {
            "code": str(error.code or "invalid"),
            "message": str(error.message % error.params if error.params else error.message),
        }
        for error in errors
    ]
