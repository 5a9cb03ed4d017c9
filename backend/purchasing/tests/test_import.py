import csv
import datetime
import io
from decimal import Decimal
from typing import Any
from unittest.mock import ANY

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pytest_django.fixtures import SettingsWrapper

from accounts.models import User
from audit.models import AuditEvent
from organizations.models import Contact, Organization
from outbox.models import OutboxEntry
from purchasing.importers import COLUMN_NAMES
from purchasing.models import DuplicateFlag, ImportBatch, PurchaseRequest
from purchasing.services.imports import purchase_request_import_run
from purchasing.tests.conftest import client_for
from reference.models import Category, Standard

pytestmark = pytest.mark.django_db

URL = "/api/v1/requests/import/"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)


def _date(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _csv(rows: list[list[object]], *, bom: bool = False, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(user: User | None, content: bytes, name: str = "requests.csv", **data: object) -> Any:
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return client_for(user).post(URL, {"file": upload, **data}, format="multipart")


def _import(user: User, content: bytes, name: str = "requests.csv", **data: object) -> dict[str, Any]:
    """Upload (202), read the job as the worker does, and answer the job's status body."""
    response = _upload(user, content, name, **data)
    assert response.status_code == 202, response.json()
    queued = response.json()
    assert queued["status"] == "queued"
    assert queued["status_url"] == f"http://testserver{URL}{queued['id']}/"
    assert client_for(user).get(queued["status_url"]).json()["status"] == "queued"
    purchase_request_import_run(job_id=queued["id"])
    status = client_for(user).get(queued["status_url"])
    assert status.status_code == 200
    job: dict[str, Any] = status.json()
    assert job["status"] in ("succeeded", "failed")
    return job


def _file_codes(job: dict[str, Any]) -> list[str]:
    return [error["code"] for row in job["errors"] if row["row"] is None for error in row["errors"]["file"]]


def _row_errors(job: dict[str, Any]) -> list[dict[str, Any]]:
    return [row for row in job["errors"] if row["row"] is not None]


HEADER = [
    "Title",
    "Category",
    "Quantity",
    "Unit",
    "Destination Country",
    "target_unit_price",
    "currency",
    "needed_by",
    "incoterm",
    "required_standards",
    "end_user",
    "language",
]


def _good_rows() -> list[list[object]]:
    return [
        HEADER,
        [
            "Masques chirurgicaux IIR",
            "test-surgical-masks",
            "200000",
            "piece",
            "FR",
            "0.12",
            "EUR",
            _date(20).isoformat(),
            "CIF",
            "EN 14683; EN 149",
            "Hôpital Édouard Herriot",
            "fr",
        ],
        ["", "", "", "", "", "", "", "", "", "", "", ""],  # blank rows are skipped
        ["丁腈手套", "9999.2", "50000", "box", "cn", "", "", "", "", "", "武汉协和医院", "zh"],
    ]


def test_csv_import_creates_every_row(
    buyer_member: User,
    buyer: Organization,
    masks: Category,
    gloves: Category,
    en14683: Standard,
    en149: Standard,
    buyer_contact: Contact,
) -> None:
    body = _import(buyer_member, _csv(_good_rows(), bom=True))

    assert body["status"] == "succeeded", body
    batch = ImportBatch.objects.get()
    assert body["import_batch"] == batch.pk
    assert len(body["created"]) == 2
    assert body["progress"] == {"rows_done": 2, "rows_total": 2}
    assert body["errors"] == []
    assert (batch.row_count, batch.buyer, batch.uploaded_by, batch.filename) == (
        2,
        buyer,
        buyer_member,
        "requests.csv",
    )
    first, second = (PurchaseRequest.objects.get(pk=pk) for pk in body["created"])
    assert (first.category, first.quantity, first.target_unit_price, first.currency) == (
        masks,
        200_000,
        Decimal("0.12"),
        "EUR",
    )
    assert first.needed_by == _date(20)
    assert sorted(first.required_standards.values_list("code", flat=True)) == ["EN 14683", "EN 149"]
    assert (second.category, second.destination_country, second.unit, second.title) == (
        gloves,
        "CN",
        "box",
        "丁腈手套",
    )
    assert {first.status, second.status} == {"open"}
    assert {first.import_batch_id, second.import_batch_id} == {batch.pk}
    assert OutboxEntry.objects.filter(entity="request", entity_id__in=body["created"]).count() == 2
    event = AuditEvent.objects.get(action="requests.imported")
    assert (event.object_id, event.to_state, event.data["row_count"], event.actor) == (
        str(batch.pk),
        "open",
        2,
        buyer_member,
    )
    assert buyer_contact.email not in str(body)


def test_xlsx_import_with_date_and_number_cells(
    buyer_member: User, masks: Category, en14683: Standard
) -> None:
    rows: list[list[object]] = [
        [
            "title",
            "category",
            "quantity",
            "destination_country",
            "target_unit_price",
            "currency",
            "needed_by",
        ],
        [
            "Surgical masks",
            9999.1,
            1000,
            "DE",
            0.5,
            "EUR",
            datetime.datetime.combine(_date(10), datetime.time()),
        ],
        ["Surgical masks, second lot", "test-surgical-masks", 2000.0, "AT", "", "", _date(40)],
    ]

    body = _import(buyer_member, _xlsx(rows), name="besoins.xlsx", status="draft")

    assert body["status"] == "succeeded", body
    created = PurchaseRequest.objects.order_by("id")
    assert [(item.category, item.quantity, item.needed_by, item.status) for item in created] == [
        (masks, 1000, _date(10), "draft"),
        (masks, 2000, _date(40), "draft"),
    ]
    assert created[0].target_unit_price == Decimal("0.5")
    assert ImportBatch.objects.get().filename == "besoins.xlsx"


def test_semicolon_separated_csv_is_read(buyer_member: User) -> None:
    content = _csv([["title", "quantity", "destination_country"], ["Gowns", "10", "ES"]], delimiter=";")

    body = _import(buyer_member, content)

    assert body["status"] == "succeeded", body
    assert PurchaseRequest.objects.get().destination_country == "ES"


def test_a_sheet_with_bad_rows_reports_each_by_row_and_column_and_creates_nothing(
    buyer_member: User, masks: Category, en14683: Standard
) -> None:
    good = ["Masks", "test-surgical-masks", "100", "FR", _date(10).isoformat(), "EN 14683"]
    rows: list[list[object]] = [
        ["title", "category", "quantity", "destination_country", "needed_by", "required_standards"],
        good,  # row 2
        ["Masks", "test-surgical-masks", "zero", "FR", _date(10).isoformat(), ""],  # row 3: bad quantity
        ["Masks", "no-such-category", "100", "FR", "", ""],  # row 4: unknown category
        ["Masks", "", "100", "Francia", "", ""],  # row 5: bad country
        ["Masks", "", "100", "FR", "31/12/2030", ""],  # row 6: bad date
        ["Masks", "", "100", "FR", "2020-03-01", ""],  # row 7: past date
        ["Masks", "", "100", "FR", "", "EN 14683;GOST 12"],  # row 8: unknown standard
        ["", "", "-3", "", "", ""],  # row 9: several errors
        good,  # row 10
    ]

    for content, name in ((_csv(rows), "requests.csv"), (_xlsx(rows), "requests.xlsx")):
        body = _import(buyer_member, content, name=name)

        assert body["status"] == "failed", body
        assert _file_codes(body) == []
        assert body["created"] == []
        report = {
            row["row"]: {field: [e["code"] for e in errors] for field, errors in row["errors"].items()}
            for row in _row_errors(body)
        }
        assert report == {
            3: {"quantity": ["invalid"]},
            4: {"category": ["unknown_category"]},
            5: {"destination_country": ["invalid_country"]},
            6: {"needed_by": ["invalid"]},
            7: {"needed_by": ["date_in_past"]},
            8: {"required_standards": ["unknown_standard"]},
            9: {"title": ["required"], "quantity": ["min_value"], "destination_country": ["required"]},
        }, name
        assert "GOST 12" in _row_errors(body)[5]["errors"]["required_standards"][0]["message"]
        assert body["message"] == "7 rows have errors; nothing was imported."
        assert PurchaseRequest.objects.count() == 0
        assert ImportBatch.objects.count() == 0
        assert not OutboxEntry.objects.filter(entity="request").exists()
        assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        (
            [["title", "quantity", "destination_country", "colour"], ["Masks", "1", "FR", "blue"]],
            "unknown_column",
        ),
        ([["title", "quantity"], ["Masks", "1"]], "missing_column"),
        ([["title", "quantity", "destination_country", "Title"], ["a", "1", "FR", "b"]], "duplicate_column"),
        ([["title", "quantity", "destination_country"]], "empty_file"),
        ([["title", "quantity", "destination_country", ""], ["Masks", "1", "FR", "stray"]], "unnamed_column"),
    ],
)
def test_header_problems_are_reported_for_the_file(
    buyer_member: User, rows: list[list[object]], code: str
) -> None:
    body = _import(buyer_member, _csv(rows))

    assert body["status"] == "failed"
    assert _file_codes(body) == [code]
    assert _row_errors(body) == []
    assert not PurchaseRequest.objects.exists()
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (PNG_BYTES, "requests.csv"),
        (b"PK\x03\x04this is not really a zip", "requests.xlsx"),
        (b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n", "requests.csv"),
    ],
)
def test_files_are_typed_by_content_not_by_name(buyer_member: User, content: bytes, name: str) -> None:
    body = _import(buyer_member, content, name=name)

    assert body["status"] == "failed"
    assert _file_codes(body) == ["unsupported_file_type"]
    assert not ImportBatch.objects.exists()


def test_a_zip_that_is_not_a_workbook_is_refused(buyer_member: User) -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")

    body = _import(buyer_member, buffer.getvalue(), name="requests.xlsx")

    assert _file_codes(body) == ["unsupported_file_type"]


def test_oversize_file_is_refused(buyer_member: User, settings: SettingsWrapper) -> None:
    settings.MEDMATCH_MAX_UPLOAD_BYTES = 100
    content = _csv([["title", "quantity", "destination_country"], *[["Masks", "1", "FR"]] * 20])

    response = _upload(buyer_member, content)

    assert response.status_code == 400
    assert response.json()["fields"]["file"][0]["code"] == "file_too_large"
    assert not PurchaseRequest.objects.exists()


def test_too_many_rows_are_refused(buyer_member: User, settings: SettingsWrapper) -> None:
    settings.MEDMATCH_MAX_IMPORT_ROWS = 3
    content = _csv([["title", "quantity", "destination_country"], *[["Masks", "1", "FR"]] * 4])

    body = _import(buyer_member, content)

    assert _file_codes(body) == ["too_many_rows"]
    assert not PurchaseRequest.objects.exists()


def test_empty_upload_is_refused(buyer_member: User) -> None:
    response = _upload(buyer_member, b"")

    assert response.status_code == 400
    assert response.json()["fields"]["file"][0]["code"] == "empty_file"


def test_import_status_must_be_draft_or_open(buyer_member: User) -> None:
    content = _csv([["title", "quantity", "destination_country"], ["Masks", "1", "FR"]])

    response = _upload(buyer_member, content, status="matched")

    assert response.status_code == 400
    assert response.json()["fields"]["status"][0]["code"] == "invalid_choice"


def test_import_per_role(buyer_member: User, vendor_member: User, staff: User, buyer: Organization) -> None:
    content = _csv([["title", "quantity", "destination_country"], ["Masks", "1", "FR"]])

    assert _upload(None, content).status_code in (401, 403)
    assert _upload(vendor_member, content).status_code == 403
    staff_without_buyer = _upload(staff, content)
    assert staff_without_buyer.status_code == 400
    assert staff_without_buyer.json()["fields"]["buyer"][0]["code"] == "required"
    assert _import(staff, content, buyer=buyer.pk)["status"] == "succeeded"
    assert _import(buyer_member, content)["status"] == "succeeded"
    assert PurchaseRequest.objects.filter(buyer=buyer).count() == 2


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_template_has_the_columns_and_an_example_row_that_imports(
    buyer_member: User, file_format: str
) -> None:
    from reference.tests.factories import CategoryFactory, StandardFactory

    response = client_for(buyer_member).get(f"{URL}template/", {"format": file_format})

    assert response.status_code == 200
    content = response.content
    if file_format == "csv":
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        header, example = rows[0], rows[1]
    else:
        assert content.startswith(b"PK\x03\x04")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        header, example = (list(row) for row in sheet.iter_rows(max_row=2, values_only=True))
    assert tuple(header) == COLUMN_NAMES
    assert len(example) == len(COLUMN_NAMES)
    assert "attachment" in response["Content-Disposition"]
    # The example row is a valid request once its category and standards exist.
    # A category of its own so the seeded taxonomy cannot make the HS code ambiguous.
    example_category = dict(zip(header, example, strict=True))["category"]
    CategoryFactory(slug=str(example_category))
    for code in str(dict(zip(header, example, strict=True))["required_standards"]).split(";"):
        StandardFactory(code=code)
    imported = _import(buyer_member, content, name=f"template.{file_format}")
    assert imported["status"] == "succeeded", imported


def test_template_per_role(vendor_member: User, staff: User) -> None:
    assert client_for(None).get(f"{URL}template/").status_code in (401, 403)
    assert client_for(vendor_member).get(f"{URL}template/").status_code == 403
    assert client_for(staff).get(f"{URL}template/").status_code == 200
    bad = client_for(staff).get(f"{URL}template/", {"format": "pdf"})
    assert bad.status_code == 400
    assert bad.json()["fields"]["format"][0]["code"] == "invalid_choice"


def test_rows_duplicating_each_other_in_one_import_are_flagged(buyer_member: User, masks: Category) -> None:
    rows: list[list[object]] = [
        ["title", "category", "quantity", "destination_country", "end_user"],
        ["Masks for ICU", "test-surgical-masks", "100", "FR", "CHU Lyon"],
        ["Masks for surgery", "test-surgical-masks", "300", "FR", "chu  LYON"],
    ]

    body = _import(buyer_member, _csv(rows))

    assert body["status"] == "succeeded", body
    first, second = body["created"]
    flag = DuplicateFlag.objects.get()
    assert (flag.request_id, flag.duplicate_of_id, flag.status) == (second, first, "open")
    assert body["duplicate_flags"] == [
        {"id": flag.pk, "request": second, "duplicate_of": first, "reason": flag.reason, "status": "open"}
    ]


def test_an_hs_code_shared_by_several_categories_means_the_broadest(buyer_member: User) -> None:
    from reference.tests.factories import CategoryFactory

    masks = CategoryFactory(slug="test-masks", hs_code="9999.30")
    CategoryFactory(slug="test-masks-surgical", hs_code="9999.30", parent=masks)
    garments = CategoryFactory(slug="test-garments", hs_code="9999.40")
    CategoryFactory(slug="test-shoe-covers", hs_code="9999.30", parent=garments)
    gloves = CategoryFactory(slug="test-gloves", hs_code="9999")
    CategoryFactory(slug="test-gloves-nitrile", hs_code="9999.50", parent=gloves)
    CategoryFactory(slug="test-gloves-latex", hs_code="9999.50", parent=gloves)
    CategoryFactory(slug="test-aprons", hs_code="9999.60")
    CategoryFactory(slug="test-vinyl", hs_code="9999.60")
    rows: list[list[object]] = [
        ["title", "category", "quantity", "destination_country"],
        ["Masks", "9999.30", "1", "FR"],  # the parent, not the child or the shoe covers deeper down
        ["Gloves", "9999.5", "1", "FR"],  # two siblings: their parent
        ["Aprons", "9999.60", "1", "FR"],  # two unrelated roots: ambiguous
    ]

    body = _import(buyer_member, _csv(rows))

    assert body["status"] == "failed"
    assert _row_errors(body) == [
        {
            "row": 4,
            "errors": {"category": [{"code": "ambiguous_category", "message": ANY}]},
        }
    ]
    body = _import(buyer_member, _csv(rows[:3]))
    assert body["status"] == "succeeded", body
    assert [item.category for item in PurchaseRequest.objects.order_by("id")] == [masks, gloves]


@pytest.mark.skipif(not hasattr(Category, "hs2022_code"), reason="the taxonomy records no HS 2022 codes")
def test_an_hs_2022_code_finds_the_category(buyer_member: User) -> None:
    from reference.tests.factories import CategoryFactory

    nitrile = CategoryFactory(slug="test-nitrile", hs_code="9998.19", hs2022_code="9998.12")
    rows: list[list[object]] = [
        ["title", "category", "quantity", "destination_country"],
        ["G", "9998.12", "1", "FR"],
    ]

    body = _import(buyer_member, _csv(rows))

    assert body["status"] == "succeeded", body
    assert PurchaseRequest.objects.get().category == nitrile


def test_an_empty_import_status_is_the_default_open(buyer_member: User) -> None:
    # A form's empty value reads as not given; the schema allows it (schemathesis, 50 cases).
    content = _csv([["title", "quantity", "destination_country"], ["Masks", "1", "FR"]])

    job = _import(buyer_member, content, status="")

    assert job["status"] == "succeeded"
    assert PurchaseRequest.objects.get(title="Masks").status == "open"
