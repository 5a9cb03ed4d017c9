"""The spreadsheet parser alone: what it reads from CSV and XLSX files, and what it refuses."""

import datetime
import io

import openpyxl
import pytest

from purchasing.importers import MAX_BLANK_RUN, normalize_header, spreadsheet_parse


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Destination Country", "destination_country"),
        (" TARGET-unit-PRICE ", "target_unit_price"),
        ("\ufeffTitle", "title"),
        (None, ""),
    ],
)
def test_headers_are_case_space_and_hyphen_insensitive(header: str | None, name: str) -> None:
    assert normalize_header(header) == name


def test_csv_rows_are_numbered_as_in_the_sheet_skipping_blank_rows() -> None:
    content = "\ufefftitle,quantity,destination_country\r\nA,1,FR\r\n,,\r\n\r\nB,2,DE\r\n".encode()

    sheet = spreadsheet_parse(content=content, max_rows=10)

    assert sheet.errors == []
    assert [(row.number, row.values) for row in sheet.rows] == [
        (2, {"title": "A", "quantity": "1", "destination_country": "FR"}),
        (5, {"title": "B", "quantity": "2", "destination_country": "DE"}),
    ]


def test_csv_cells_keep_multilingual_text_and_quoted_newlines() -> None:
    content = 'title,description,quantity,destination_country\n"口罩","ligne 1\nligne 2",5,"SA"\n'.encode()

    sheet = spreadsheet_parse(content=content, max_rows=10)

    assert sheet.rows[0].values["title"] == "口罩"
    assert sheet.rows[0].values["description"] == "ligne 1\nligne 2"


def test_xlsx_cells_keep_their_types_and_row_numbers() -> None:
    needed_by = datetime.datetime.combine(datetime.date(2031, 5, 1), datetime.time())  # Excel dates are naive
    content = _xlsx(
        [
            ["Title", "Quantity", "Destination_Country", "needed_by"],
            [None, None, None, None],
            ["Masks", 1000, "FR", needed_by],
        ]
    )

    sheet = spreadsheet_parse(content=content, max_rows=10)

    assert sheet.errors == []
    assert [(row.number, row.values) for row in sheet.rows] == [
        (3, {"title": "Masks", "quantity": 1000, "destination_country": "FR", "needed_by": needed_by})
    ]


def test_a_long_run_of_blank_rows_ends_the_data() -> None:
    rows: list[list[object]] = [["title", "quantity", "destination_country"], ["A", 1, "FR"]]
    rows += [[None, None, None]] * MAX_BLANK_RUN + [["B", 2, "FR"]]

    sheet = spreadsheet_parse(content=_xlsx(rows), max_rows=10)

    assert [row.values["title"] for row in sheet.rows] == ["A"]


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00", b"GIF89a\x00\x00\xff", b"PK\x03\x04garbage", b"abc\x00def"],
)
def test_binary_content_is_an_unsupported_file_type(content: bytes) -> None:
    sheet = spreadsheet_parse(content=content, max_rows=10)

    assert [error.code for error in sheet.errors] == ["unsupported_file_type"]
    assert sheet.rows == []


def test_too_many_rows_is_an_error_not_a_truncation() -> None:
    content = b"title,quantity,destination_country\n" + b"A,1,FR\n" * 3

    assert [error.code for error in spreadsheet_parse(content=content, max_rows=2).errors] == [
        "too_many_rows"
    ]
    assert len(spreadsheet_parse(content=content, max_rows=3).rows) == 3


def test_all_header_problems_are_reported_together() -> None:
    content = b"Title,Colour,title,Size\nA,blue,B,XL\n"

    errors = spreadsheet_parse(content=content, max_rows=10).errors

    assert [error.code for error in errors] == [
        "unknown_column",
        "duplicate_column",
        "unknown_column",
        "missing_column",
    ]
    assert "Column B" in errors[0].message % errors[0].params


def test_a_workbook_that_would_inflate_too_far_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from purchasing import importers

    content = _xlsx([["title", "quantity", "destination_country"], ["A", 1, "FR"]])
    monkeypatch.setattr(importers, "MAX_UNCOMPRESSED_BYTES", 1000)

    sheet = spreadsheet_parse(content=content, max_rows=10)

    assert [error.code for error in sheet.errors] == ["file_too_large"]
