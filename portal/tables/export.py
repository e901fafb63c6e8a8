"""Open-data copies of a ``Table``: CSV (UTF-8 with BOM, for Excel) and JSON.

Both use Arabic digits everywhere, amounts as plain numbers, text cells as
plain text (Markdown marks removed, list items as "• " lines). Column labels
are the header labels from top to leaf joined with " / ", so the repeated leaf
labels of a two-level header stay distinguishable.

Text a spreadsheet would run as a formula gets a leading quote in the CSV
(``open_data.csv_cell``), never in the JSON.

Rows: data rows as they are, a merged cell's value repeated in every cell it
covers (a row read alone keeps its meaning); a totals row carries its label in the first
column (CSV) or under "total" (JSON). When the table has section rows, the CSV
gets a first column "หัวข้อ" and each JSON row a "section" key holding the
section the row belongs to; section rows themselves are not repeated as rows.
"""

from __future__ import annotations

import functools
import html
import re
from decimal import Decimal

from portal import open_data, thai_format

from .render import markdown_html

SECTION_LABEL = "หัวข้อ"
_LIST_ITEM = re.compile(r"<li>\s*")
_LINE_END = re.compile(r"<br\s*/?>|</(p|li|ul|ol|h\d)>")
_TAG = re.compile(r"<[^>]+>")
_BLANK_LINES = re.compile(r"\n{2,}")


def column_label(column) -> str:
    return thai_format.arabic_digits(" / ".join(column.path) or column.label)


@functools.lru_cache(maxsize=4096)
def plain_text(markdown_text: str) -> str:
    """A text cell as plain text: no Markdown marks, no tags, Arabic digits.

    Cached: the CSV and the JSON export each ask for every text cell, and
    tables repeat labels and short cells."""
    rendered = markdown_html(markdown_text)
    rendered = _LIST_ITEM.sub("• ", rendered)
    rendered = _LINE_END.sub("\n", rendered)
    text = html.unescape(_TAG.sub("", rendered))
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n", text).strip()
    return thai_format.arabic_digits(text)


def _number(value: Decimal):
    """JSON number: an int when whole, else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _value(column, cell):
    """Exported value of one cell (None when empty)."""
    if cell is None:
        return False if column.type == "tick" else None
    if column.type == "text":
        return plain_text(cell.raw) or None
    if column.type == "tick":
        return bool(cell.value)
    if cell.value is None:
        return None
    return _number(cell.value)


def records(table):
    """[(section text or None, row)] for data and totals rows."""
    section = None
    result = []
    for row in table.rows:
        if row.kind == "section":
            section = thai_format.arabic_digits(plain_text(row.label))
            continue
        result.append((section, row))
    return result


def to_json(table) -> bytes:
    rows = []
    has_sections = table.has_sections  # a scan of every row: once, not per row
    for section, row in records(table):
        item = {}
        if has_sections:
            item["section"] = section
        if row.kind == "total":
            item["total"] = plain_text(row.label)
            columns = table.columns[1:]
        else:
            columns = table.columns
        for column in columns:
            cell = table.cell_at(row, column.key)
            if row.kind == "total" and cell is None:
                continue
            item[column.key] = _value(column, cell)
        rows.append(item)
    head = {
        "id": table.id,
        "caption": thai_format.arabic_digits(table.caption),
        "columns": [{"key": c.key, "label": column_label(c), "type": c.type}
                    for c in table.columns],
    }
    if table.notes:
        head["notes"] = [plain_text(note) for note in table.notes]
    return open_data.json_text(head, "rows", rows).encode("utf-8")


def to_csv(table) -> bytes:
    header = [column_label(c) for c in table.columns]
    has_sections = table.has_sections  # a scan of every row: once, not per row
    if has_sections:
        header.insert(0, SECTION_LABEL)
    lines = [header]
    for section, row in records(table):
        line = []
        for index, column in enumerate(table.columns):
            if row.kind == "total" and index == 0:
                line.append(plain_text(row.label))
            elif row.kind == "total" and column.key not in row.cells:
                line.append(None)
            else:
                line.append(_value(column, table.cell_at(row, column.key)))
        if has_sections:
            line.insert(0, section)
        lines.append(line)
    return ("\ufeff" + open_data.csv_text(lines)).encode("utf-8")
