import datetime
import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import AuditEvent
from organizations.models import Document
from organizations.tests.conftest import (
    EXE_BYTES,
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    TEXT_BYTES,
    ZIP_BYTES,
    World,
    make_product,
)
from organizations.tests.factories import CertificateFactory, DocumentFactory, VendorFactory
from outbox.models import OutboxEntry
from reference.tests.factories import MarketFactory, StandardFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _stored_files(media_root: Path) -> list[Path]:
    return [path for path in media_root.rglob("*") if path.is_file()]


def _upload(world: World, role: str = "vendor", **fields: Any) -> Any:
    data: dict[str, Any] = {"document_type": "business_licence"}
    data.update(fields)
    return world.client(role).post(
        f"/api/v1/organizations/{world.own.pk}/documents/", data, format="multipart"
    )


def _certificate_fields(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "document_type": "certificate",
        "file": SimpleUploadedFile("ce.pdf", PDF_BYTES),
        "number": "CE-0123-2020",
        "issuer": "TÜV SÜD",
        "valid_from": (TODAY - datetime.timedelta(days=30)).isoformat(),
        "valid_until": (TODAY + datetime.timedelta(days=700)).isoformat(),
    }
    fields.update(overrides)
    return fields


def _codes(response: Any, field: str) -> list[str]:
    assert response.status_code == 400, response.content
    return [error["code"] for error in response.json()["fields"][field]]


# Accepted content ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "content", "content_type", "extension"),
    [
        ("licence.pdf", PDF_BYTES, "application/pdf", ".pdf"),
        ("licence.png", PNG_BYTES, "image/png", ".png"),
        ("licence.jpeg", JPEG_BYTES, "image/jpeg", ".jpg"),
        ("scan.pdf", PNG_BYTES, "image/png", ".png"),  # a PNG named .pdf is stored as what it is
        ("noextension", JPEG_BYTES, "image/jpeg", ".jpg"),
    ],
    ids=["pdf", "png", "jpeg", "png-named-pdf", "jpeg-without-extension"],
)
def test_upload_accepts_pdf_png_and_jpeg_by_content(
    world: World, media_root: Path, filename: str, content: bytes, content_type: str, extension: str
) -> None:
    response = _upload(world, file=SimpleUploadedFile(filename, content, content_type="text/plain"))

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["content_type"] == content_type
    assert body["size"] == len(content)
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    assert body["original_name"] == filename
    assert body["download_url"] == f"/api/v1/organizations/{world.own.pk}/documents/{body['id']}/file/"
    document = Document.objects.get(pk=body["id"])
    assert document.file.name.startswith("documents/")
    assert document.file.name.endswith(extension)
    assert filename.split(".")[0] not in document.file.name
    assert (media_root / document.file.name).read_bytes() == content
    assert "media" not in response.content.decode()  # no storage URL


@pytest.mark.parametrize(
    ("filename", "content", "declared"),
    [
        ("licence.pdf", TEXT_BYTES, "application/pdf"),
        ("licence.png", ZIP_BYTES, "image/png"),
        ("licence.pdf", EXE_BYTES, "application/pdf"),
        ("licence.jpg", b"GIF89a\x01\x00\x01\x00", "image/jpeg"),
        ("licence.pdf", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "application/pdf"),
    ],
    ids=["text-named-pdf", "zip-named-png", "exe-named-pdf", "gif-named-jpg", "svg-named-pdf"],
)
def test_upload_rejects_other_content_whatever_its_name(
    world: World, media_root: Path, filename: str, content: bytes, declared: str
) -> None:
    before = Document.objects.count()

    response = _upload(world, file=SimpleUploadedFile(filename, content, content_type=declared))

    assert _codes(response, "file") == ["unsupported_file_type"]
    assert Document.objects.count() == before
    assert _stored_files(media_root) == [Path(media_root / world.licence.file.name)]


def test_upload_rejects_a_file_over_the_limit(world: World, settings: Any, media_root: Path) -> None:
    settings.MEDMATCH_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    big = PDF_BYTES + b"0" * (2 * 1024 * 1024)

    response = _upload(world, file=SimpleUploadedFile("big.pdf", big))

    assert _codes(response, "file") == ["file_too_large"]
    assert "2 MB" in response.json()["fields"]["file"][0]["message"]
    assert len(_stored_files(media_root)) == 1  # only the fixture's licence


def test_upload_refuses_a_huge_request_before_reading_it(world: World, settings: Any) -> None:
    settings.MEDMATCH_MAX_UPLOAD_BYTES = 1000
    huge = PDF_BYTES + b"0" * (200 * 1024)

    response = _upload(world, file=SimpleUploadedFile("huge.pdf", huge))

    assert _codes(response, "file") == ["file_too_large"]
    assert "MB" in response.json()["fields"]["file"][0]["message"]


def test_upload_accepts_a_file_at_the_limit(world: World, settings: Any) -> None:
    settings.MEDMATCH_MAX_UPLOAD_BYTES = len(PDF_BYTES)

    response = _upload(world, file=SimpleUploadedFile("exact.pdf", PDF_BYTES))

    assert response.status_code == 201


def test_upload_rejects_an_empty_file(world: World) -> None:
    response = _upload(world, file=SimpleUploadedFile("empty.pdf", b""))

    assert _codes(response, "file") == ["empty_file"]


def test_upload_reports_file_and_certificate_errors_together(world: World) -> None:
    fields = _certificate_fields(file=SimpleUploadedFile("notes.pdf", TEXT_BYTES))
    del fields["issuer"]

    response = _upload(world, **fields)

    assert _codes(response, "file") == ["unsupported_file_type"]
    assert _codes(response, "issuer") == ["required"]


def test_upload_requires_a_file_and_a_known_type(world: World) -> None:
    missing = _upload(world)
    bad_type = _upload(world, document_type="selfie", file=SimpleUploadedFile("a.pdf", PDF_BYTES))

    assert _codes(missing, "file") == ["required"]
    assert _codes(bad_type, "document_type") == ["invalid_choice"]


def test_upload_records_audit_and_no_rereview_for_an_unverified_vendor(world: World) -> None:
    response = _upload(world, file=SimpleUploadedFile("licence.pdf", PDF_BYTES))

    assert response.status_code == 201
    event = AuditEvent.objects.get(action="document.uploaded")
    assert event.object_id == str(world.own.pk)
    assert event.data["document_id"] == response.json()["id"]
    world.own.refresh_from_db()
    assert world.own.verification_status == "unverified"
    assert not AuditEvent.objects.filter(action="organization.rereview").exists()


# Certificates -------------------------------------------------------------------------------------


def test_certificate_upload_with_standards_markets_and_own_products(world: World) -> None:
    en14683 = StandardFactory(code="TEST EN 14683")
    niosh = StandardFactory(code="TEST NIOSH")
    eu = MarketFactory(code="TESTEU")
    us = MarketFactory(code="TESTUS")
    mask, gown = make_product(vendor=world.own), make_product(vendor=world.own)
    OutboxEntry.objects.all().delete()

    response = _upload(
        world,
        **_certificate_fields(
            standards=[en14683.code, str(niosh.pk)],  # repeated keys: a code and an id
            markets=f"{eu.code.lower()},{us.code}",  # comma-separated, any case
            products=[f"{mask.pk},{gown.pk}"],
        ),
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert sorted(body["standards"]) == ["TEST EN 14683", "TEST NIOSH"]
    assert sorted(body["markets"]) == ["TESTEU", "TESTUS"]
    assert sorted(body["products"]) == sorted([mask.pk, gown.pk])
    assert body["number"] == "CE-0123-2020"
    product_rows = set(OutboxEntry.objects.filter(entity="product").values_list("entity_id", flat=True))
    assert product_rows == {mask.pk, gown.pk}


@pytest.mark.parametrize("field", ["number", "issuer", "valid_from", "valid_until"])
def test_certificate_requires_its_details(world: World, field: str) -> None:
    fields = _certificate_fields()
    del fields[field]

    response = _upload(world, **fields)

    assert _codes(response, field) == ["required"]


@pytest.mark.parametrize("days", [0, -10])
def test_certificate_validity_must_start_before_it_ends(world: World, days: int) -> None:
    start = TODAY + datetime.timedelta(days=10)
    fields = _certificate_fields(
        valid_from=start.isoformat(), valid_until=(start + datetime.timedelta(days=days)).isoformat()
    )

    response = _upload(world, **fields)

    assert _codes(response, "valid_until") == ["invalid_date_range"]


def test_expired_certificate_cannot_be_uploaded(world: World) -> None:
    fields = _certificate_fields(
        valid_from=(TODAY - datetime.timedelta(days=400)).isoformat(),
        valid_until=(TODAY - datetime.timedelta(days=1)).isoformat(),
    )

    response = _upload(world, **fields)

    assert _codes(response, "valid_until") == ["certificate_expired"]
    assert not Document.objects.filter(document_type="certificate").exists()


def test_certificate_valid_until_today_is_current(world: World) -> None:
    response = _upload(world, **_certificate_fields(valid_until=TODAY.isoformat()))

    assert response.status_code == 201, response.json()


def test_certificate_rejects_another_vendors_product(world: World) -> None:
    own_product = make_product(vendor=world.own)
    foreign_product = make_product(vendor=VendorFactory())

    response = _upload(world, **_certificate_fields(products=[own_product.pk, foreign_product.pk]))

    assert _codes(response, "products") == ["not_own_product"]
    assert str(foreign_product.pk) in response.json()["fields"]["products"][0]["message"]


def test_certificate_rejects_unknown_standards_and_markets(world: World) -> None:
    response = _upload(world, **_certificate_fields(standards="NO SUCH STANDARD", markets="XX-NOWHERE"))

    assert _codes(response, "standards") == ["unknown_standard"]
    assert _codes(response, "markets") == ["unknown_market"]


def test_only_certificates_carry_standards(world: World) -> None:
    standard = StandardFactory()

    response = _upload(world, file=SimpleUploadedFile("a.pdf", PDF_BYTES), standards=standard.code)

    assert _codes(response, "standards") == ["not_a_certificate"]


def test_certificate_edit_checks_dates_and_links(world: World) -> None:
    certificate = CertificateFactory(organization=world.own)
    market = MarketFactory(code="TESTUK")
    url = f"/api/v1/organizations/{world.own.pk}/documents/{certificate.pk}/"
    client = world.client("vendor")

    bad_range = client.patch(url, {"valid_from": "2030-01-01", "valid_until": "2029-01-01"}, format="json")
    expired = client.patch(
        url, {"valid_until": (TODAY - datetime.timedelta(days=1)).isoformat()}, format="json"
    )
    good = client.patch(url, {"markets": [market.code], "issuer": "BSI"}, format="json")

    assert _codes(bad_range, "valid_until") == ["invalid_date_range"]
    assert _codes(expired, "valid_until") == ["certificate_expired"]
    assert good.status_code == 200, good.json()
    assert good.json()["markets"] == ["TESTUK"]
    assert good.json()["issuer"] == "BSI"
    assert AuditEvent.objects.filter(action="document.updated", data__fields__contains=["markets"]).exists()


def test_another_organizations_document_is_404_through_own_path(world: World) -> None:
    foreign = DocumentFactory(organization=VendorFactory())

    for method in ("get", "patch", "delete"):
        response = getattr(world.client("vendor"), method)(
            f"/api/v1/organizations/{world.own.pk}/documents/{foreign.pk}/"
        )
        assert response.status_code == 404
    file_response = world.client("vendor").get(
        f"/api/v1/organizations/{world.own.pk}/documents/{foreign.pk}/file/"
    )
    assert file_response.status_code == 404
    assert Document.objects.filter(pk=foreign.pk).exists()


# Listing, streaming, deleting ---------------------------------------------------------------------


def test_document_list_filters_and_orders(world: World) -> None:
    CertificateFactory(organization=world.own)

    certificates = world.client("staff").get(
        f"/api/v1/organizations/{world.own.pk}/documents/", {"document_type": "certificate"}
    )
    everything = world.client("vendor").get(
        f"/api/v1/organizations/{world.own.pk}/documents/", {"ordering": "document_type"}
    )

    assert [row["document_type"] for row in certificates.json()["results"]] == ["certificate"]
    assert [row["document_type"] for row in everything.json()["results"]] == [
        "business_licence",
        "certificate",
    ]


@pytest.mark.parametrize("role", ["vendor", "staff"])
def test_file_is_streamed_as_an_attachment(world: World, role: str) -> None:
    response = world.client(role).get(
        f"/api/v1/organizations/{world.own.pk}/documents/{world.licence.pk}/file/"
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    name = f"medmatch-{world.own.pk}-business-licence-{world.licence.pk}.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_served_name_is_derived_from_the_document_not_the_client(world: World) -> None:
    world.licence.original_name = "evil.html\"; filename*=UTF-8''x.html"
    world.licence.save()

    response = world.client("vendor").get(
        f"/api/v1/organizations/{world.own.pk}/documents/{world.licence.pk}/file/"
    )

    disposition = response["Content-Disposition"]
    assert (
        disposition
        == f'attachment; filename="medmatch-{world.own.pk}-business-licence-{world.licence.pk}.pdf"'
    )
    assert "evil" not in disposition
    assert "html" not in disposition


def test_file_download_ignores_the_accept_header(world: World) -> None:
    response = world.client("vendor").get(
        f"/api/v1/organizations/{world.own.pk}/documents/{world.licence.pk}/file/",
        HTTP_ACCEPT="application/pdf",
    )

    assert response.status_code == 200


def test_missing_stored_file_is_404(world: World, media_root: Path) -> None:
    (media_root / world.licence.file.name).unlink()

    response = world.client("vendor").get(
        f"/api/v1/organizations/{world.own.pk}/documents/{world.licence.pk}/file/"
    )

    assert response.status_code == 404


def test_delete_removes_the_row_and_the_stored_file(
    world: World, media_root: Path, django_capture_on_commit_callbacks: Any
) -> None:
    stored = media_root / world.licence.file.name
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("vendor").delete(
            f"/api/v1/organizations/{world.own.pk}/documents/{world.licence.pk}/"
        )

    assert response.status_code == 204
    assert not Document.objects.filter(pk=world.licence.pk).exists()
    assert not stored.exists()
    assert AuditEvent.objects.filter(action="document.deleted", object_id=str(world.own.pk)).exists()
