"""Hostile spreadsheets for the import tests: a zip bomb, a 30 MB row, far too many rows."""

import io
import re
import zipfile

import openpyxl

HEADER = ["title", "quantity", "destination_country"]


def _workbook(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_sheet_xml(extra_rows: bytes = b"", *, filler: bytes = b"", repeat: int = 1) -> bytes:
    """The header-only workbook with raw XML added to its sheet: ``extra_rows`` inside the
    sheet data, then ``filler`` written ``repeat`` times after it."""
    source = zipfile.ZipFile(io.BytesIO(_workbook([HEADER])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename != "xl/worksheets/sheet1.xml":
                target.writestr(entry.filename, data)
                continue
            # openpyxl would believe the <dimension> (A1:C1) and stop after the header.
            data = re.sub(rb"<dimension[^>]*/>", b"", data)
            head, tail = data.split(b"</sheetData>")
            with target.open(entry.filename, "w") as stream:
                stream.write(head + extra_rows + b"</sheetData>")
                for _ in range(repeat):
                    stream.write(filler)
                stream.write(tail)
    return buffer.getvalue()


def zip_bomb(inflated_mb: int = 200) -> bytes:
    """A valid workbook whose sheet inflates to ``inflated_mb`` MB of XML (a few hundred KB packed)."""
    filler = b"<!--" + b" " * (1024 * 1024 - 7) + b"-->"
    return _with_sheet_xml(filler=filler, repeat=inflated_mb)


def wide_row(megabytes: int = 30) -> bytes:
    """A workbook whose second row is one ``megabytes`` MB row of inline-string cells."""
    cell = b'<c t="inlineStr"><is><t>' + b"x" * 1000 + b"</t></is></c>"
    count = megabytes * 1024 * 1024 // len(cell)
    return _with_sheet_xml(b'<row r="2">' + cell * count + b"</row>")


def many_rows(rows: int = 100_000) -> bytes:
    """A workbook of ``rows`` short identical rows (about 100 KB packed)."""
    xml = b"".join(
        b'<row r="%d"><c t="inlineStr"><is><t>Masks</t></is></c><c><v>1</v></c>'
        b'<c t="inlineStr"><is><t>FR</t></is></c></row>' % number
        for number in range(2, rows + 2)
    )
    return _with_sheet_xml(xml)
