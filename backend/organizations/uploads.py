"""Checks for uploaded documents: type by content (magic bytes), size, checksum.

The name and the declared content type of an upload come from the client and
are not trusted; only the first bytes of the file decide what it is.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

# Signature, content type, extension used for the stored file.
ALLOWED_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
SIGNATURE_BYTES = max(len(signature) for signature, _type, _ext in ALLOWED_SIGNATURES)
MEGABYTE = 1024 * 1024
# Room for the multipart boundaries and the other form fields around the file.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    extension: str
    size: int
    sha256: str
    original_name: str


def document_download_name(
    *, document_id: int, organization_id: int, document_type: str, content_type: str
) -> str:
    """The name a stored document is served under: derived from the document, never the client's
    name (an ``evil.html`` upload is served as ``medmatch-12-certificate-34.pdf``)."""
    extension = next((ext for _sig, known, ext in ALLOWED_SIGNATURES if known == content_type), ".bin")
    kind = "".join(char for char in document_type if char.isascii() and (char.isalnum() or char == "_"))
    return f"medmatch-{organization_id}-{kind.replace('_', '-') or 'document'}-{document_id}{extension}"


def detect_content_type(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) for the first bytes of a PDF, PNG or JPEG file, else None."""
    for signature, content_type, extension in ALLOWED_SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    return None


def max_upload_bytes() -> int:
    limit: int = settings.MEDMATCH_MAX_UPLOAD_BYTES
    return limit


def format_megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.3g} MB"


def _too_large_error(size: int, limit: int) -> ValidationError:
    return ValidationError(
        {
            "file": ValidationError(
                "The file is %(size)s; files may be at most %(limit)s.",
                code="file_too_large",
                params={"size": format_megabytes(size), "limit": format_megabytes(limit)},
            )
        }
    )


def upload_request_check(*, content_length: str | None) -> None:
    """Refuse an upload whose request body is plainly over the limit, before reading the body."""
    try:
        length = int(content_length or 0)
    except ValueError:
        return
    limit = max_upload_bytes()
    if length > limit + MULTIPART_OVERHEAD_BYTES:
        raise _too_large_error(length, limit)


def _clean_name(name: str | None) -> str:
    """The client's file name, for display only: no directories, no control characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(char for char in base if char.isprintable()).strip()
    return (cleaned or "document")[:255]


def upload_check(*, file: UploadedFile) -> CheckedUpload:
    """Accept a PDF, PNG or JPEG file no larger than the configured limit.

    Raises ValidationError on ``file`` with code ``empty_file``, ``file_too_large``
    or ``unsupported_file_type``. Leaves the file positioned at its start.
    """
    size = file.size or 0
    if size <= 0:
        raise ValidationError({"file": ValidationError("The file is empty.", code="empty_file")})
    limit = max_upload_bytes()
    if size > limit:
        raise _too_large_error(size, limit)
    file.seek(0)
    head = file.read(SIGNATURE_BYTES)
    detected = detect_content_type(head)
    if detected is None:
        raise ValidationError(
            {
                "file": ValidationError(
                    "Only PDF, PNG and JPEG files are accepted; this file's content is none of them.",
                    code="unsupported_file_type",
                )
            }
        )
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    content_type, extension = detected
    return CheckedUpload(
        content_type=content_type,
        extension=extension,
        size=size,
        sha256=digest.hexdigest(),
        original_name=_clean_name(file.name),
    )
