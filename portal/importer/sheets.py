"""Spreadsheets and CSV read into a Source: one Grid per sheet, merged ranges as spans.

openpyxl reads .xlsx (merged ranges, number formats, cached formula values), xlrd
reads the old .xls, odfpy reads LibreOffice's .ods, and the csv module reads CSV in
UTF-8 (with or without BOM) or Windows' Thai code page, which Excel in Thai Windows
still writes. A number keeps the look its cell format gives it (1,234.50), so the
page shows what the clerk saw in Excel.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import re
from decimal import Decimal

from portal import thai_format

from .source import Cell, Grid, Source, Unreadable


class SheetUnreadable(Unreadable):
    """A spreadsheet that cannot be read; the message says what to do (Thai first)."""


_RANGE = re.compile(r"^([A-Za-z]{1,3})(\d+):([A-Za-z]{1,3})(\d+)$")


def read_sheets(path: str, sheet: str = "", cells: str = "") -> Source:
    """Every sheet with data (or only ``sheet``), limited to the range ``cells`` ("A3:H20")."""
    extension = os.path.splitext(path)[1].lower()
    reader = {".xlsx": _xlsx, ".xlsm": _xlsx, ".xls": _xls, ".ods": _ods, ".csv": _csv}[extension]
    try:
        sheets = reader(path)
    except SheetUnreadable:
        raise
    except Exception as error:  # each library raises its own kinds for a damaged file
        raise SheetUnreadable(
            f"อ่านไฟล์ {os.path.basename(path)} ไม่ได้ ({type(error).__name__}: {error}): "
            "เปิดไฟล์ใน Excel หรือ LibreOffice แล้วบันทึกใหม่ (Save As) เป็น .xlsx") from None
    if sheet:
        names = [name for name, _ in sheets]
        sheets = [(name, grid) for name, grid in sheets if name == sheet]
        if not sheets:
            raise SheetUnreadable(f"ไม่มีชีตชื่อ \"{sheet}\" (no such sheet): ชีตที่มี "
                                  + ", ".join(f"\"{n}\"" for n in names))
    source = Source(kind="CSV" if extension == ".csv" else "Excel")
    for name, rows in sheets:
        if cells:
            rows = _cut(rows, cells)
        if any(c.text for row in rows for c in row if c is not None):
            grid = _grid(rows)
            grid.where = f"ชีต \"{name}\"" if extension != ".csv" else ""
            source.blocks.append(grid)
    return source


def _grid(rows) -> Grid:
    """Rows with None where a merged cell covers a position, as a Grid."""
    return Grid(rows=[[c for c in row if c is not None] for row in rows])


def _cut(rows, cells: str):
    match = _RANGE.match(cells.strip())
    if not match:
        raise SheetUnreadable(f"ช่วงเซลล์ \"{cells}\" ไม่ถูกต้อง (invalid range): เขียนแบบ A3:H20")
    first_col, first_row = _column_number(match[1]), int(match[2])
    last_col, last_row = _column_number(match[3]), int(match[4])
    picked = []
    for row in rows[first_row - 1:last_row]:
        line = list(row[first_col - 1:last_col])
        for i, cell in enumerate(line):  # a merged cell cut by the range keeps what is inside
            if cell is not None:
                cell.colspan = min(cell.colspan, len(line) - i)
        picked.append(line)
    for r, line in enumerate(picked):
        for cell in line:
            if cell is not None:
                cell.rowspan = min(cell.rowspan, len(picked) - r)
    return picked


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _layout(values, merges):
    """rows of Cells from a value grid and merged ranges (0-based, inclusive ends)."""
    rows = [[value for value in line] for line in values]
    for top, left, bottom, right in merges:
        if top >= len(rows) or left >= len(rows[top]) or rows[top][left] is None:
            continue
        rows[top][left].rowspan = bottom - top + 1
        rows[top][left].colspan = right - left + 1
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            for c in range(left, min(right, len(rows[r]) - 1) + 1):
                if (r, c) != (top, left):
                    rows[r][c] = None
    return rows


# ------------------------------------------------------------------ .xlsx

def _xlsx(path: str):
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue  # hidden sheets hold lookups and drafts, not what was published
        values = [[_xlsx_cell(cell) for cell in line] for line in sheet.iter_rows()]
        merges = [(r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
                  for r in sheet.merged_cells.ranges]
        sheets.append((sheet.title, _layout(values, merges)))
    return sheets


def _xlsx_cell(cell) -> Cell:
    value = cell.value
    bold = bool(cell.font and cell.font.b)
    if value is None:
        return Cell("", bold=bold)
    if isinstance(value, bool):
        return Cell("/" if value else "", bold=bold)
    if isinstance(value, (int, float)):
        number = Decimal(str(value))
        return Cell(number_as_shown(number, cell.number_format or ""), number=number, bold=bold)
    if isinstance(value, (_dt.datetime, _dt.date)):
        day = value.date() if isinstance(value, _dt.datetime) else value
        return Cell(thai_format.thai_date(day, digits="arabic"), bold=bold)
    return Cell(_text(str(value)), bold=bold)


def number_as_shown(number: Decimal, number_format: str) -> str:
    """The number the way its Excel format shows it: thousands commas, decimal places
    and a percent sign as the format says; "General" as the plain number."""
    shape = number_format.split(";")[0]
    if "%" in shape:
        number *= 100
    places = 0
    decimals = re.search(r"\.([0#]+)", shape)
    if decimals:
        places = len(decimals.group(1))
    elif shape in ("", "General", "@"):
        exponent = number.normalize().as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    text = f"{number:,.{places}f}" if "," in shape else f"{number:.{places}f}"
    return text + "%" if "%" in shape else text


def _text(value: str) -> str:
    lines = [thai_format.normalise_text(line) for line in value.replace("\r", "").split("\n")]
    return "<br>\n".join(line for line in lines if line)


# ------------------------------------------------------------------ .xls

def _xls(path: str):
    import xlrd

    book = xlrd.open_workbook(path, formatting_info=True)
    sheets = []
    for sheet in book.sheets():
        if sheet.visibility:
            continue
        values = [[_xls_cell(book, sheet, r, c) for c in range(sheet.ncols)]
                  for r in range(sheet.nrows)]
        merges = [(top, left, bottom - 1, right - 1)
                  for top, bottom, left, right in sheet.merged_cells]
        sheets.append((sheet.name, _layout(values, merges)))
    return sheets


def _xls_cell(book, sheet, r: int, c: int) -> Cell:
    import xlrd

    cell = sheet.cell(r, c)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return Cell("")
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        number = Decimal(repr(cell.value))
        xf = book.xf_list[cell.xf_index]
        shape = book.format_map[xf.format_key].format_str if xf.format_key in book.format_map \
            else ""
        return Cell(number_as_shown(number, shape), number=number)
    if cell.ctype == xlrd.XL_CELL_DATE:
        day = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode).date()
        return Cell(thai_format.thai_date(day, digits="arabic"))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return Cell("/" if cell.value else "")
    return Cell(_text(str(cell.value)))


# ------------------------------------------------------------------ .ods

def _ods(path: str):
    from odf import opendocument
    from odf.namespaces import OFFICENS, TABLENS
    from odf.table import Table

    document = opendocument.load(path)
    sheets = []
    for table in document.spreadsheet.getElementsByType(Table):
        values, merges = [], []
        for row_element in _children(table, TABLENS, "table-row"):
            repeat = min(int(row_element.getAttrNS(TABLENS, "number-rows-repeated") or 1), 1000)
            line = []
            for cell_element in row_element.childNodes:
                if _name(cell_element) not in ("table-cell", "covered-table-cell"):
                    continue
                times = min(int(cell_element.getAttrNS(TABLENS, "number-columns-repeated")
                                or 1), 1000)
                for _ in range(times):
                    if _name(cell_element) == "covered-table-cell":
                        line.append(Cell(""))
                        continue
                    rows = int(cell_element.getAttrNS(TABLENS, "number-rows-spanned") or 1)
                    cols = int(cell_element.getAttrNS(TABLENS, "number-columns-spanned") or 1)
                    if rows > 1 or cols > 1:
                        merges.append((len(values), len(line),
                                       len(values) + rows - 1, len(line) + cols - 1))
                    line.append(_ods_cell(cell_element, OFFICENS))
            for _ in range(repeat):
                values.append([Cell(c.text, number=c.number) for c in line])
        sheets.append((table.getAttrNS(TABLENS, "name"), _layout(_trim(values), merges)))
    return sheets


def _name(node) -> str:
    """The local name of an element; "" for text between elements."""
    qname = getattr(node, "qname", None)
    return qname[1] if qname else ""


def _children(element, namespace, name):
    for child in element.childNodes:
        if getattr(child, "qname", None) == (namespace, name):
            yield child
        elif getattr(child, "qname", (None,))[0] == namespace and child.qname[1] in ("table-rows",
                                                                 "table-row-group",
                                                                 "table-header-rows"):
            yield from _children(child, namespace, name)


def _ods_cell(element, office) -> Cell:
    from odf.namespaces import TEXTNS

    kind = element.getAttrNS(office, "value-type")
    texts = ["".join(_node_text(p)) for p in element.childNodes
             if getattr(p, "qname", None) == (TEXTNS, "p")]
    shown = "\n".join(texts)
    if kind in ("float", "currency", "percentage"):
        number = Decimal(element.getAttrNS(office, "value"))
        return Cell(thai_format.normalise_text(shown) or str(number), number=number)
    return Cell(_text(shown))


def _node_text(node):
    if node.nodeType == node.TEXT_NODE:
        yield str(node.data)
    for child in getattr(node, "childNodes", []):
        if _name(child) == "s":
            yield " "
        else:
            yield from _node_text(child)


def _trim(values):
    """Without the thousands of empty repeated rows and columns an .ods file declares."""
    while values and not any(c.text for c in values[-1]):
        values.pop()
    width = max((max((i + 1 for i, c in enumerate(line) if c.text), default=0)
                 for line in values), default=0)
    return [line[:width] + [Cell("") for _ in range(width - len(line))] for line in values]


# ------------------------------------------------------------------ .csv

def _csv(path: str):
    with open(path, "rb") as handle:
        raw = handle.read()
    text = _decoded(raw, os.path.basename(path))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [[Cell(_text(value)) for value in line]
            for line in csv.reader(io.StringIO(text), dialect)]
    return [(os.path.basename(path), rows)]


def _decoded(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp874")  # Excel's "CSV" on Thai Windows
    except UnicodeDecodeError:
        raise SheetUnreadable(
            f"{name}: อ่านตัวอักษรในไฟล์ไม่ได้ ไม่ใช่ UTF-8 หรือ TIS-620 (unknown encoding): "
            "บันทึกใหม่จาก Excel เป็น \"CSV UTF-8\"") from None
