import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from organizations.tests.conftest import EXE_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES, TEXT_BYTES, ZIP_BYTES
from organizations.uploads import detect_content_type, format_megabytes, upload_check, upload_request_check


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF_BYTES, ("application/pdf", ".pdf")),
        (PNG_BYTES, ("image/png", ".png")),
        (JPEG_BYTES, ("image/jpeg", ".jpg")),
        (TEXT_BYTES, None),
        (ZIP_BYTES, None),
        (EXE_BYTES, None),
        (b" %PDF-1.4", None),  # the signature must come first
        (b"\x89PNG", None),  # a truncated signature is not enough
    ],
    ids=["pdf", "png", "jpeg", "text", "zip", "exe", "pdf-not-at-start", "png-truncated"],
)
def test_detect_content_type_reads_magic_bytes(content: bytes, expected: tuple[str, str] | None) -> None:
    assert detect_content_type(content) == expected


def test_upload_check_strips_directories_and_rewinds() -> None:
    upload = SimpleUploadedFile("../../etc/licence.pdf", PDF_BYTES)

    checked = upload_check(file=upload)

    assert checked.original_name == "licence.pdf"
    assert upload.tell() == 0


def test_format_megabytes() -> None:
    assert format_megabytes(10 * 1024 * 1024) == "10 MB"
    assert format_megabytes(1536 * 1024) == "1.5 MB"


@pytest.mark.parametrize("content_length", [None, "", "not-a-number", "100"])
def test_upload_request_check_lets_small_or_unknown_lengths_through(content_length: str | None) -> None:
    upload_request_check(content_length=content_length)


def test_upload_request_check_refuses_a_body_far_over_the_limit() -> None:
    with pytest.raises(ValidationError) as caught:
        upload_request_check(content_length=str(50 * 1024 * 1024))

    assert caught.value.error_dict["file"][0].code == "file_too_large"
