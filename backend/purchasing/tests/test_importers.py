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


# --- hostile files: every bound refuses with a file error, before the parser is swamped ---


def _codes(content: bytes, **options: object) -> list[str]:
    sheet = spreadsheet_parse(content=content, max_rows=5000, **options)  # type: ignore[arg-type]
    return [str(error.code) for error in sheet.errors]


def test_a_zip_bomb_is_refused_by_the_bytes_it_really_inflates_to() -> None:
    from purchasing.tests.hostile import zip_bomb

    content = zip_bomb(inflated_mb=100)
    assert len(content) < 1024 * 1024

    sheet = spreadsheet_parse(content=content, max_rows=5000)

    assert [error.code for error in sheet.errors] == ["file_too_large"]
    assert "xl/worksheets/sheet1.xml" in sheet.errors[0].message % sheet.errors[0].params
    assert sheet.rows == []


def test_a_zip_that_declares_small_sizes_is_measured_not_believed() -> None:
    """The central directory says 1 KB; the member really inflates to 100 MB."""
    import struct

    from purchasing.tests.hostile import zip_bomb

    content = bytearray(zip_bomb(inflated_mb=100))
    directory = content.rfind(b"PK\x05\x06")
    (entries_offset,) = struct.unpack_from("<I", content, directory + 16)
    position = entries_offset
    while content[position : position + 4] == b"PK\x01\x02":
        struct.pack_into("<I", content, position + 24, 1024)  # uncompressed size
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", content, position + 28)
        position += 46 + name_length + extra_length + comment_length

    # Either the real bytes exceed the bound, or the archive is refused as damaged: never parsed.
    assert _codes(bytes(content)) in (["file_too_large"], ["unsupported_file_type"])


def test_a_30_mb_row_is_refused_before_it_is_parsed() -> None:
    from purchasing.tests.hostile import wide_row

    sheet = spreadsheet_parse(content=wide_row(megabytes=30), max_rows=5000)

    assert [error.code for error in sheet.errors] == ["row_too_large"]
    assert "Row 2" in sheet.errors[0].message % sheet.errors[0].params


def test_a_workbook_with_too_many_rows_is_refused() -> None:
    from purchasing.tests.hostile import many_rows

    content = many_rows(rows=6000)

    assert _codes(content) == ["too_many_rows"]


def test_a_cell_longer_than_the_bound_is_refused_in_csv_and_xlsx() -> None:
    from purchasing.importers import MAX_CELL_CHARS

    long_text = "x" * (MAX_CELL_CHARS + 1)
    rows: list[list[object]] = [["title", "quantity", "destination_country"], [long_text, 1, "FR"]]
    csv_content = f"title,quantity,destination_country\n{long_text},1,FR\n".encode()

    for content in (csv_content, _xlsx(rows)):
        sheet = spreadsheet_parse(content=content, max_rows=10)
        assert [error.code for error in sheet.errors] == ["cell_too_long"]
        assert "A2" in sheet.errors[0].message % sheet.errors[0].params


def test_a_csv_row_with_a_million_cells_reports_a_bounded_error() -> None:
    content = b"title,quantity,destination_country\nMasks,1,FR" + b",x" * 1_000_000 + b"\n"

    sheet = spreadsheet_parse(content=content, max_rows=10)

    assert [error.code for error in sheet.errors] == ["unnamed_column"]
    assert len(sheet.errors[0].message % sheet.errors[0].params) < 1000


def test_reading_stops_at_the_time_bound() -> None:
    content = b"title,quantity,destination_country\n" + b"Masks,1,FR\n" * 10

    assert _codes(content, max_seconds=0) == ["parse_timeout"]
    assert _codes(content, max_seconds=60) == []


def _with_member(content: bytes, name: str, data: bytes) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w") as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        target.writestr(name, data)
    return buffer.getvalue()


def test_too_many_or_too_long_shared_strings_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from purchasing import importers

    monkeypatch.setattr(importers, "MAX_SHARED_STRINGS", 50)
    workbook = _xlsx([["title", "quantity", "destination_country"], ["Masks", 1, "FR"]])
    many = b"<sst>" + b"".join(b"<si><t>Masks %d</t></si>" % number for number in range(60)) + b"</sst>"
    long = b"<sst><si><t>" + b"x" * (importers.MAX_CELL_XML_BYTES + 100) + b"</t></si></sst>"

    assert _codes(workbook) == []
    assert _codes(_with_member(workbook, "xl/sharedStrings.xml", many)) == ["too_many_strings"]
    assert _codes(_with_member(workbook, "xl/sharedStrings.xml", long)) == ["cell_too_long"]


@pytest.mark.parametrize("chunk", [1, 7, 64, 4096])
def test_the_span_scan_sees_the_same_widths_whatever_the_chunks(chunk: int) -> None:
    from purchasing.importers import _ROW_TAG, _SHEET_DATA_END, _SpanScan

    xml = (
        b'<sheetData><row r="1"><c/></row><x:row r="2">'
        + b"y" * 300
        + b"</x:row><row/></sheetData>"
        + b"z" * 999
    )
    scan = _SpanScan(_ROW_TAG, stop=_SHEET_DATA_END)
    for start in range(0, len(xml), chunk):
        scan.feed(xml[start : start + chunk])

    assert scan.count == 3
    assert scan.widest == len(b'<x:row r="2">' + b"y" * 300 + b"</x:row>")
