"""Reading purchase-request spreadsheets (CSV and XLSX) into rows of values.

This module only parses: it turns the file into ``{column: cell value}`` rows and
reports what is wrong with the file as a whole (its type, its header, its size).
Whether a row is a valid request is decided by ``purchasing.services.validation``, with the
same validation as a request created through the API.

The columns (header row = row 1; header names are case-insensitive, and spaces or
hyphens count as underscores, so "Destination country" is ``destination_country``):

==================== ======== ==========================================================
column               required value
==================== ======== ==========================================================
title                yes      what is needed, in any language
description                   free text, in any language
category                      a taxonomy slug (``surgical-masks``) or an HS code (``6307.90``)
quantity             yes      a whole number of at least 1
unit                          ``piece`` when empty
destination_country  yes      ISO 3166-1 alpha-2 code (``FR``)
target_unit_price             a number greater than 0
currency                      ISO 4217 code (``EUR``); required when a price is given
needed_by                     ``YYYY-MM-DD`` or a date cell; not in the past
incoterm                      an Incoterms 2020 rule (``CIF``)
required_standards            standard codes separated by ``;`` (``EN 14683;EN 149``)
end_user                      the hospital or agency the goods are for
language                      language tag of title and description (``en``, ``zh``, ``fr``)
==================== ======== ==========================================================
"""

import csv
import datetime
import io
import re
import time
import zipfile
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_SIGNATURE = b"PK\x03\x04"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
STANDARDS_SEPARATOR = ";"
# More columns than this in the header is not a request sheet.
MAX_COLUMNS = 64
# A run of this many empty rows ends the data: spreadsheets often carry thousands of
# formatted but empty rows after the last real one.
MAX_BLANK_RUN = 1000
CSV_DELIMITERS = (",", ";", "\t")
# A workbook is a ZIP archive. Its members are inflated once, counting the bytes that
# really come out (the sizes an archive declares can lie), before openpyxl reads it:
# the whole archive, each kind of member, and the XML of one row or one shared string
# are bounded, so a "zip bomb" or a single 30 MB row is refused before it is parsed.
MAX_UNCOMPRESSED_BYTES = 96 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 256
MAX_WORKSHEET_BYTES = 64 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024
MAX_OTHER_MEMBER_BYTES = 8 * 1024 * 1024
MAX_SHARED_STRINGS = 200_000
MAX_ROW_XML_BYTES = 512 * 1024
# The longest text a cell may hold (the longest request field, the description, is shorter).
MAX_CELL_CHARS = 20_000
MAX_CELL_XML_BYTES = 8 * MAX_CELL_CHARS
_INFLATE_CHUNK = 64 * 1024
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_SHARED_STRING_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")
_SHEET_DATA_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sheetData>")
_MiB = 1024 * 1024

Cell = str | int | float | Decimal | datetime.date | datetime.datetime | bool | None


@dataclass(frozen=True)
class ImportColumn:
    name: str
    required: bool
    example: str


IMPORT_COLUMNS: tuple[ImportColumn, ...] = (
    ImportColumn("title", required=True, example="Surgical masks, type IIR"),
    ImportColumn("description", required=False, example="3-ply, ear loops, individually packed"),
    ImportColumn("category", required=False, example="6307.90"),
    ImportColumn("quantity", required=True, example="200000"),
    ImportColumn("unit", required=False, example="piece"),
    ImportColumn("destination_country", required=True, example="FR"),
    ImportColumn("target_unit_price", required=False, example="0.12"),
    ImportColumn("currency", required=False, example="EUR"),
    ImportColumn("needed_by", required=False, example=""),  # filled with a date 30 days ahead
    ImportColumn("incoterm", required=False, example="CIF"),
    ImportColumn("required_standards", required=False, example="EN 14683;CE MDR"),
    ImportColumn("end_user", required=False, example="Hospices Civils de Lyon"),
    ImportColumn("language", required=False, example="en"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in IMPORT_COLUMNS)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(column.name for column in IMPORT_COLUMNS if column.required)


@dataclass(frozen=True)
class ParsedRow:
    number: int
    """The row number the user sees in the spreadsheet; the header is row 1."""
    values: dict[str, Cell]
    """Non-empty cells by column name; strings are stripped."""


@dataclass
class ParsedSheet:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[ValidationError] = field(default_factory=list)
    """Problems with the file as a whole; when there are any, ``rows`` is empty."""


class _FileRejected(Exception):
    def __init__(self, error: ValidationError) -> None:
        super().__init__(error.message)
        self.error = error


def _unsupported(detail: str) -> _FileRejected:
    return _FileRejected(
        ValidationError(
            "Upload a CSV file (UTF-8) or an Excel workbook (.xlsx); %(detail)s",
            code="unsupported_file_type",
            params={"detail": detail},
        )
    )


def normalize_header(value: Cell) -> str:
    """'Destination Country ' → 'destination_country'."""
    text = "" if value is None else str(value)
    return "_".join(text.replace("-", " ").replace("\ufeff", "").split()).casefold()


def _clean_cell(value: object) -> Cell:
    if isinstance(value, str):
        stripped = value.strip()
        return stripped or None
    if isinstance(value, bool | int | float | Decimal | datetime.date | datetime.datetime):
        return value
    if value is None:
        return None
    # Times, durations and error values are never a valid request field; pass them as text.
    return str(value)


def _too_large(message: str, code: str = "file_too_large", **params: object) -> _FileRejected:
    return _FileRejected(ValidationError(message, code=code, params=params or None))


@dataclass
class _SpanScan:
    """Counts the elements a tag starts in a stream of XML and the widest one, chunk by chunk.

    An element's width runs from its start tag to the next one (or to ``stop``).
    """

    tag: re.Pattern[bytes]
    stop: re.Pattern[bytes] | None = None
    count: int = 0
    widest: int = 0
    last_start: int = 0
    stopped: bool = False
    _pending: bytes = b""
    _consumed: int = 0

    def feed(self, chunk: bytes) -> None:
        if self.stopped:
            return
        data = self._pending + chunk
        base = self._consumed
        end = self.stop.search(data) if self.stop is not None else None
        if end is not None:
            data = data[: end.start()]
            self.stopped = True
            safe = len(data)
        else:
            safe = max(0, len(data) - 32)  # a tag may straddle the chunk boundary: look again later
        for match in self.tag.finditer(data):
            if match.start() >= safe:
                break
            start = base + match.start()
            if self.count:
                self.widest = max(self.widest, start - self.last_start)
            self.count += 1
            self.last_start = start
        self._pending = data[safe:]
        self._consumed = base + safe
        if self.count:
            self.widest = max(self.widest, self._consumed - self.last_start)


def _is_shared_strings(name: str) -> bool:
    return name.casefold().endswith("sharedstrings.xml")


def _member_limit(name: str) -> int:
    if "worksheets/" in name.casefold():
        return MAX_WORKSHEET_BYTES
    if _is_shared_strings(name):
        return MAX_SHARED_STRINGS_BYTES
    return MAX_OTHER_MEMBER_BYTES


def _check_archive(content: bytes) -> None:
    """Inflate every member once with counted bytes; refuse what would not fit the bounds."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ARCHIVE_MEMBERS:
                raise _unsupported("this archive holds too many files to be a request sheet.")
            total = 0
            for entry in entries:
                _check_member(archive, entry, inflated_before=total)
                total += entry.file_size
    except _FileRejected:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise _unsupported("this ZIP archive is damaged.") from exc


def _check_member(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, *, inflated_before: int) -> None:
    limit = _member_limit(entry.filename)
    # Rows are looked for in every part: a workbook may keep its sheets under any name.
    shared = _is_shared_strings(entry.filename)
    rows = None if shared else _SpanScan(_ROW_TAG, stop=_SHEET_DATA_END)
    strings = _SpanScan(_SHARED_STRING_TAG) if shared else None
    inflated = 0
    with archive.open(entry) as stream:
        while chunk := stream.read(_INFLATE_CHUNK):
            inflated += len(chunk)
            if inflated_before + inflated > MAX_UNCOMPRESSED_BYTES:
                raise _too_large(
                    "The workbook unpacks to more than %(limit)s MB; split it into smaller files.",
                    limit=MAX_UNCOMPRESSED_BYTES // _MiB,
                )
            if inflated > limit:
                raise _too_large(
                    "The workbook part %(part)s unpacks to more than %(limit)s MB; "
                    "split the sheet into smaller files.",
                    part=entry.filename,
                    limit=limit // _MiB,
                )
            if rows is not None:
                rows.feed(chunk)
                if rows.widest > MAX_ROW_XML_BYTES:
                    raise _too_large(
                        "Row %(row)s of the workbook is wider than %(limit)s KB; "
                        "a request row needs far less. Remove the extra cells.",
                        code="row_too_large",
                        row=rows.count,
                        limit=MAX_ROW_XML_BYTES // 1024,
                    )
            if strings is not None:
                strings.feed(chunk)
                if strings.widest > MAX_CELL_XML_BYTES:
                    raise _too_large(
                        "A cell of the workbook holds more than %(limit)s characters.",
                        code="cell_too_long",
                        limit=MAX_CELL_CHARS,
                    )
                if strings.count > MAX_SHARED_STRINGS:
                    raise _too_large(
                        "The workbook holds more than %(limit)s different texts; "
                        "split it into smaller files.",
                        code="too_many_strings",
                        limit=MAX_SHARED_STRINGS,
                    )


def _xlsx_rows(content: bytes) -> Generator[Sequence[object]]:
    _check_archive(content)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors alike for a bad file
        raise _unsupported("this ZIP archive is not a readable Excel workbook.") from exc
    try:
        if not workbook.worksheets:
            raise _unsupported("the workbook has no worksheet.")
        sheet = workbook.worksheets[0]
        try:
            yield from sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
        except _FileRejected:
            raise
        except Exception as exc:  # a corrupt sheet fails while streaming, with any error
            raise _unsupported("the first worksheet could not be read.") from exc
    finally:
        workbook.close()


def _csv_rows(content: bytes) -> Generator[Sequence[object]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _unsupported("this file is neither a workbook nor UTF-8 text.") from exc
    if "\x00" in text:
        raise _unsupported("this file is binary, not text.")
    first_line = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=first_line.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as exc:
        raise _FileRejected(
            ValidationError(
                "The CSV file is malformed: %(detail)s.", code="invalid_csv", params={"detail": str(exc)}
            )
        ) from exc


def _header_columns(header: Sequence[object]) -> tuple[dict[int, str], list[ValidationError]]:
    """Column index → known column name, and the errors in the header."""
    errors: list[ValidationError] = []
    columns: dict[int, str] = {}
    if len(header) > MAX_COLUMNS and any(cell not in (None, "") for cell in header[MAX_COLUMNS:]):
        errors.append(
            ValidationError(
                "The header has more than %(max)s columns.",
                code="too_many_columns",
                params={"max": MAX_COLUMNS},
            )
        )
        return columns, errors
    for index, cell in enumerate(header):
        name = normalize_header(_clean_cell(cell))
        if not name:
            continue
        letter = get_column_letter(index + 1)
        if name not in COLUMN_NAMES:
            errors.append(
                ValidationError(
                    "Column %(letter)s (“%(header)s”) is not a known column; the columns are: %(known)s.",
                    code="unknown_column",
                    params={"letter": letter, "header": str(cell).strip(), "known": ", ".join(COLUMN_NAMES)},
                )
            )
        elif name in columns.values():
            errors.append(
                ValidationError(
                    "Column %(letter)s repeats the column “%(name)s”.",
                    code="duplicate_column",
                    params={"letter": letter, "name": name},
                )
            )
        else:
            columns[index] = name
    missing = [name for name in REQUIRED_COLUMNS if name not in columns.values()]
    if missing:
        errors.append(
            ValidationError(
                "Required column(s) missing: %(missing)s.",
                code="missing_column",
                params={"missing": ", ".join(missing)},
            )
        )
    return columns, errors


def _check_cell_lengths(cells: Sequence[Cell], *, number: int) -> None:
    for index, cell in enumerate(cells):
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
            raise _too_large(
                "Cell %(cell)s holds %(length)s characters; a cell may hold at most %(limit)s.",
                code="cell_too_long",
                cell=f"{get_column_letter(index + 1)}{number}",
                length=len(cell),
                limit=MAX_CELL_CHARS,
            )


def _row_cells(raw: Sequence[object], *, number: int, deadline: float | None) -> list[Cell]:
    if deadline is not None and time.monotonic() > deadline:
        raise _too_large("Reading the file took too long; split it into smaller files.", code="parse_timeout")
    # Cells beyond these are reported as unnamed columns at most; a CSV row may have millions.
    cells = [_clean_cell(cell) for cell in raw[: MAX_COLUMNS + 1]]
    _check_cell_lengths(cells, number=number)
    return cells


def _read(raw_rows: Iterable[Sequence[object]], *, max_rows: int, deadline: float | None) -> ParsedSheet:
    iterator = iter(raw_rows)
    header = next(iterator, None)
    if header is None or all(_clean_cell(cell) is None for cell in header):
        return ParsedSheet(
            errors=[
                ValidationError("The file is empty: the first row must name the columns.", code="empty_file")
            ]
        )
    _check_cell_lengths([_clean_cell(cell) for cell in header[: MAX_COLUMNS + 1]], number=1)
    columns, errors = _header_columns(header)
    if errors:
        return ParsedSheet(errors=errors)

    rows: list[ParsedRow] = []
    unnamed: set[int] = set()
    blank_run = 0
    for number, raw in enumerate(iterator, start=2):
        cells = _row_cells(raw, number=number, deadline=deadline)
        if all(cell is None for cell in cells):
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        if len(rows) >= max_rows:
            return ParsedSheet(
                errors=[
                    ValidationError(
                        "The file has more than %(max)s rows; split it into smaller files.",
                        code="too_many_rows",
                        params={"max": max_rows},
                    )
                ]
            )
        values: dict[str, Cell] = {}
        for index, cell in enumerate(cells):
            if cell is None:
                continue
            name = columns.get(index)
            if name is None:
                unnamed.add(index)
            else:
                values[name] = cell
        rows.append(ParsedRow(number=number, values=values))

    if unnamed:
        letters = ", ".join(get_column_letter(index + 1) for index in sorted(unnamed))
        return ParsedSheet(
            errors=[
                ValidationError(
                    "Column(s) %(letters)s hold values but have no header; name them or empty them.",
                    code="unnamed_column",
                    params={"letters": letters},
                )
            ]
        )
    if not rows:
        return ParsedSheet(errors=[ValidationError("The file has a header but no rows.", code="empty_file")])
    return ParsedSheet(rows=rows)


def spreadsheet_parse(*, content: bytes, max_rows: int, max_seconds: float | None = None) -> ParsedSheet:
    """Parse a CSV (UTF-8, with or without BOM; comma, semicolon or tab) or XLSX file.

    The type is decided by the content, never by the name: a ZIP archive must be an
    Excel workbook (its first worksheet is read), anything else must be UTF-8 text.
    Rows, columns, cell lengths, the unpacked size of a workbook and, with
    ``max_seconds``, the reading time are bounded; what exceeds them is a file error.
    """
    deadline = None if max_seconds is None else time.monotonic() + max_seconds
    raw_rows = _xlsx_rows(content) if content.startswith(XLSX_SIGNATURE) else _csv_rows(content)
    try:
        return _read(raw_rows, max_rows=max_rows, deadline=deadline)
    except _FileRejected as exc:
        return ParsedSheet(errors=[exc.error])
    finally:
        raw_rows.close()  # closes the workbook when reading stopped early


@dataclass
class RawSheet:
    """A sheet whose header is not known in advance (a partner's list in its own layout)."""

    header: list[str] = field(default_factory=list)
    """The header cells as text ("" for an empty one), by column index."""
    rows: list[ParsedRow] = field(default_factory=list)
    """Non-empty cells keyed by column index as text ("0", "1", …)."""
    errors: list[ValidationError] = field(default_factory=list)
    """Problems with the file as a whole; when there are any, ``rows`` is empty."""


def _read_raw(raw_rows: Iterable[Sequence[object]], *, max_rows: int, deadline: float | None) -> RawSheet:
    iterator = iter(raw_rows)
    header = next(iterator, None)
    if header is None or all(_clean_cell(cell) is None for cell in header):
        return RawSheet(
            errors=[
                ValidationError("The file is empty: the first row must name the columns.", code="empty_file")
            ]
        )
    if len(header) > MAX_COLUMNS and any(cell not in (None, "") for cell in header[MAX_COLUMNS:]):
        return RawSheet(
            errors=[
                ValidationError(
                    "The header has more than %(max)s columns.",
                    code="too_many_columns",
                    params={"max": MAX_COLUMNS},
                )
            ]
        )
    names = ["" if (cell := _clean_cell(value)) is None else str(cell) for value in header[:MAX_COLUMNS]]
    rows: list[ParsedRow] = []
    blank_run = 0
    for number, raw in enumerate(iterator, start=2):
        if deadline is not None and time.monotonic() > deadline:
            return RawSheet(
                errors=[
                    ValidationError(
                        "Reading the file took too long; split it into smaller files.", code="parse_timeout"
                    )
                ]
            )
        cells = [_clean_cell(cell) for cell in raw[:MAX_COLUMNS]]
        _check_cell_lengths(cells, number=number)
        if all(cell is None for cell in cells):
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        if len(rows) >= max_rows:
            return RawSheet(
                errors=[
                    ValidationError(
                        "The file has more than %(max)s rows; split it into smaller files.",
                        code="too_many_rows",
                        params={"max": max_rows},
                    )
                ]
            )
        rows.append(
            ParsedRow(
                number=number,
                values={str(index): cell for index, cell in enumerate(cells) if cell is not None},
            )
        )
    if not rows:
        return RawSheet(errors=[ValidationError("The file has a header but no rows.", code="empty_file")])
    return RawSheet(header=names, rows=rows)


def spreadsheet_read_raw(*, content: bytes, max_rows: int, max_seconds: float | None = None) -> RawSheet:
    """Like ``spreadsheet_parse``, with the same file checks and bounds, for a header of any layout.

    The caller maps the header to its fields. ``max_seconds`` bounds the time spent reading.
    """
    deadline = None if max_seconds is None else time.monotonic() + max_seconds
    raw_rows = _xlsx_rows(content) if content.startswith(XLSX_SIGNATURE) else _csv_rows(content)
    try:
        return _read_raw(raw_rows, max_rows=max_rows, deadline=deadline)
    except _FileRejected as exc:
        return RawSheet(errors=[exc.error])
    finally:
        raw_rows.close()


def _template_example() -> list[object]:
    needed_by = timezone.localdate() + datetime.timedelta(days=30)
    return [needed_by if column.name == "needed_by" else column.example for column in IMPORT_COLUMNS]


def import_template_csv() -> bytes:
    """The header row and one example row, as UTF-8 CSV with a BOM (so Excel reads it as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    writer.writerow(
        [value.isoformat() if isinstance(value, datetime.date) else value for value in _template_example()]
    )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def import_template_xlsx() -> bytes:
    """The header row and one example row, as an Excel workbook."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "requests"
    sheet.append(list(COLUMN_NAMES))
    sheet.append(_template_example())
    bold = Font(bold=True)
    for index, column in enumerate(IMPORT_COLUMNS, start=1):
        sheet.cell(row=1, column=index).font = bold
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column.name) + 4)
    sheet.cell(row=2, column=COLUMN_NAMES.index("needed_by") + 1).number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
