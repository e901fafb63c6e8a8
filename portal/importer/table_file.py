"""A Grid written as a table file (docs/tables.md): header levels, column types, merged
cells, sections and checked totals, worked out from the source's own layout.

What the layout cannot say for sure (a caption the source did not give, a total that
does not add up) becomes a note for the clerk instead of a guess on the page. The file
written is read back with the build's own table reader, so a draft never fails the build
because of its tables.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal

import yaml

from portal.tables import model
from portal.tables.model import SUFFIX

from .source import Cell, Grid, plain_text

TOTAL_WORDS = re.compile(r"^(?:รวม|ยอดรวม|total\b|sum\b)", re.IGNORECASE)
TICKS = {"/", "✓", "✔", "√", "☑"}
MONEY_WORDS = ("บาท", "งบประมาณ", "จำนวนเงิน", "ราคา", "เงิน")
# Numbers and the yes/no words stay unquoted: YAML would type them, the table reader
# (portal/yaml_source) reads every value as the text written.
_BARE = re.compile(r"^(?:[0-9๐-๙]+(?:[,.][0-9๐-๙]+)*%?|true|false|all)$")


@dataclass
class Written:
    """A table file's text and what the clerk should check in it."""

    text: str
    caption: str
    caption_given: bool  # False when the source had none and the fallback was used
    notes: list[str] = field(default_factory=list)


@dataclass
class _Slot:
    cell: Cell
    row: int
    column: int

    @property
    def plain(self) -> str:
        return plain_text(self.cell.text)


def write_table(grid: Grid, table_id: str, fallback_caption: str) -> Written:
    notes: list[str] = []
    matrix, origins = _placed(grid)
    matrix, origins, caption_lines = _split_title_rows(matrix, origins)
    if not matrix:
        raise ValueError("ตารางว่าง (empty table)")
    width = len(matrix[0])
    header_count = _header_rows(grid, matrix, origins, caption_lines)
    caption = grid.caption or " ".join(caption_lines)
    given = bool(caption)
    if not caption:
        caption = fallback_caption
        notes.append(f"ตาราง {table_id}: ต้นฉบับไม่มีชื่อตาราง ระบบตั้งชื่อว่า \"{caption}\" "
                     "ให้แก้ caption เป็นชื่อที่ถูกต้อง")
    keys = [f"c{n}" for n in range(1, width + 1)]
    header, leaf_labels = _header(matrix, origins, header_count, width, notes, table_id)
    body = [r for r in range(header_count, len(matrix))]
    kinds = _row_kinds(matrix, origins, body, width)
    types = _column_types(matrix, origins, kinds, leaf_labels, keys)
    _same_type_under_spans(origins, kinds, types)
    rows = _rows(matrix, origins, kinds, types, keys, notes, table_id)
    columns = []
    for key, label in zip(keys, leaf_labels, strict=True):
        column = {"key": key} if header else {"key": key, "label": label}
        column["type"] = types[key]
        columns.append(column)
    data = {"id": table_id, "caption": caption, "columns": columns}
    if header:
        data["header"] = header
    data["rows"] = rows
    return Written(text=dump(data), caption=caption, caption_given=given, notes=notes)


# ------------------------------------------------------------------ layout

def _placed(grid: Grid):
    """The grid as a rectangle: matrix[r][c] is the _Slot of the cell covering (r, c)."""
    matrix: list[list[_Slot | None]] = []
    origins: list[_Slot] = []
    for r, row in enumerate(grid.rows):
        while len(matrix) <= r:
            matrix.append([])
        column = 0
        for cell in row:
            while column < len(matrix[r]) and matrix[r][column] is not None:
                column += 1
            slot = _Slot(cell, r, column)
            origins.append(slot)
            for dr in range(max(cell.rowspan, 1)):
                while len(matrix) <= r + dr:
                    matrix.append([])
                line = matrix[r + dr]
                for dc in range(max(cell.colspan, 1)):
                    while len(line) <= column + dc:
                        line.append(None)
                    line[column + dc] = slot
            column += max(cell.colspan, 1)
    width = max((len(line) for line in matrix), default=0)
    filler = Cell("")
    for r, line in enumerate(matrix):
        for c in range(width):
            if c >= len(line):
                line.append(None)
            if line[c] is None:  # a row shorter than the others: empty cells
                slot = _Slot(Cell(filler.text), r, c)
                line[c] = slot
                origins.append(slot)
    return _trimmed(matrix, origins)


def _trimmed(matrix, origins):
    """Without empty rows and columns at the edges (spreadsheets' formatted blanks)."""
    def empty_row(line):
        return all(not slot.plain for slot in line)

    while matrix and empty_row(matrix[-1]):
        matrix.pop()
    while matrix and empty_row(matrix[0]):
        matrix.pop(0)
    while matrix and all(not line[-1].plain for line in matrix) and len(matrix[0]) > 1:
        for line in matrix:
            line.pop()
    kept = {id(slot) for line in matrix for slot in line}
    origins = [s for s in origins if id(s) in kept]
    return _renumbered(matrix, origins)


def _renumbered(matrix, origins):
    seen = set()
    for r, line in enumerate(matrix):
        for c, slot in enumerate(line):
            if id(slot) not in seen:
                seen.add(id(slot))
                slot.row, slot.column = r, c
                slot.cell.rowspan = sum(1 for rr in range(r, len(matrix))
                                        if matrix[rr][c] is slot)
                slot.cell.colspan = sum(1 for s in line[c:] if s is slot)
    kept = [s for s in origins if id(s) in seen]
    return matrix, sorted(kept, key=lambda s: (s.row, s.column))


def _split_title_rows(matrix, origins):
    """Rows above the table with one text alone (a sheet's title) become the caption."""
    lines = []
    while len(matrix) > 1 and len(matrix[0]) > 1:
        texts = {id(s): s.plain for s in matrix[0] if s.plain}
        if len(texts) != 1 or any(s.cell.rowspan > 1 for s in matrix[0]):
            break
        lines.append(next(iter(texts.values())))
        matrix = matrix[1:]
    if lines:
        matrix, origins = _renumbered(matrix, origins)
    return matrix, origins, lines


def _header_rows(grid: Grid, matrix, origins, caption_lines) -> int:
    if grid.header_rows:
        count = grid.header_rows - len(caption_lines)
    elif any(_is_number(s.plain) for s in matrix[0] if s.plain):
        return 0
    else:
        count = 1
        while count < len(matrix) - 1:
            reaching = any(s.row + s.cell.rowspan > count for s in matrix[count - 1])
            grouped = any(s.cell.colspan > 1 and s.row == count - 1 for s in matrix[count - 1])
            texts_only = not any(_is_number(s.plain) for s in matrix[count] if s.plain)
            if not (reaching or (grouped and texts_only)):
                break
            count += 1
    # A header cell that reaches into the body would cut it: the header grows to hold it.
    while count < len(matrix) and any(s.row + s.cell.rowspan > count for s in matrix[count - 1]
                                      if s.row < count):
        count += 1
    return max(count, 0)


def _header(matrix, origins, count, width, notes, table_id):
    """(header rows for the file or [], the leaf label of each column)."""
    if count == 0:
        notes.append(f"ตาราง {table_id}: ไม่พบแถวหัวตาราง ระบบตั้งชื่อคอลัมน์ว่า คอลัมน์ ๑, ๒, ... "
                     "ให้แก้ label ของแต่ละคอลัมน์")
        return [], [f"คอลัมน์ {n}" for n in range(1, width + 1)]
    rows = []
    for r in range(count):
        line = []
        for slot in origins:
            if slot.row != r:
                continue
            cell = {"label": slot.plain or "-"}
            if slot.cell.colspan > 1:
                cell["colspan"] = slot.cell.colspan
            if slot.cell.rowspan > 1:
                cell["rowspan"] = min(slot.cell.rowspan, count - r)
            line.append(cell if len(cell) > 1 else cell["label"])
        rows.append(line)
    bottom = matrix[count - 1]
    leaves = [slot.plain or "-" for slot in bottom]
    grouped = [c for c, slot in enumerate(bottom) if slot.cell.colspan > 1]
    if grouped:  # each column needs a leaf cell of its own: a row of them is added
        extra = []
        for c, slot in enumerate(bottom):
            if slot.cell.colspan > 1:
                part = c - slot.column + 1
                extra.append(f"({part})")
                leaves[c] = f"{slot.plain} ({part})"
            else:
                extra.append(None)
        rows = _with_leaf_row(rows, bottom, extra)
        notes.append(f"ตาราง {table_id}: หัวคอลัมน์ล่างสุดบางช่องครอบหลายคอลัมน์ ระบบเพิ่มแถวหัว "
                     "(1) (2) ... ใต้ช่องนั้น ให้ตรวจกับต้นฉบับ")
    if count == 1 and not grouped:
        return [], leaves
    return rows, leaves


def _with_leaf_row(rows, bottom, extra):
    """Cells of the last header row that cover one column reach one row lower."""
    last = rows[-1]
    for i, cell in enumerate(last):
        if isinstance(cell, str):
            last[i] = {"label": cell}
    seen = []
    for slot in bottom:
        if slot not in seen:
            seen.append(slot)
    for cell, slot in zip(last, seen, strict=False):
        if slot.cell.colspan == 1:
            cell["rowspan"] = cell.get("rowspan", 1) + 1
    for r, line in enumerate(rows[:-1]):  # cells from above that reach the bottom
        for cell in line:
            if isinstance(cell, dict) and r + cell.get("rowspan", 1) == len(rows):
                cell["rowspan"] = cell["rowspan"] + 1
    rows.append([e for e in extra if e is not None])
    return rows


# ------------------------------------------------------------------ body

def _row_kinds(matrix, origins, body, width):
    kinds = {}
    for r in body:
        starts = [s for s in origins if s.row == r]
        firsts = [s for s in matrix[r] if s.plain]
        if len(starts) == 1 and starts[0].cell.colspan == width and width > 1:
            kinds[r] = "section"
        elif firsts and TOTAL_WORDS.match(firsts[0].plain) and firsts[0].row == r and any(
                _is_number(s.plain) for s in matrix[r][firsts[0].column + 1:]):
            kinds[r] = "total"
        else:
            kinds[r] = "data"
    return kinds


def _column_types(matrix, origins, kinds, labels, keys):
    types = {}
    for c, key in enumerate(keys):
        values = [s.plain for s in origins
                  if s.column == c and kinds.get(s.row) == "data" and s.plain]
        types[key] = _type_of(values, labels[c])
    return types


def _type_of(values, label):
    if not values:
        return "text"
    if all(v in TICKS for v in values):
        return "tick"
    if all(v.endswith("%") and _is_number(v[:-1].strip()) for v in values):
        return "percent"
    numbers = [v for v in values if _is_number(v)]
    dashes = [v for v in values if v in ("-", "–")]
    if not numbers or len(numbers) + len(dashes) != len(values):
        return "text"
    if any(len(v) > 1 and v[0] in "0๐" and v[1] not in ".," for v in numbers):
        return "text"  # a code with a leading zero ("๐๑") would lose it as a number
    moneyish = dashes or any("," in v or "." in v for v in numbers) or any(
        word in label for word in MONEY_WORDS)
    return "money" if moneyish else "number"


def _same_type_under_spans(origins, kinds, types):
    """A merged body cell must cover columns of one type: the mixed ones become text."""
    keys = list(types)
    for slot in origins:
        if kinds.get(slot.row) != "data" or slot.cell.colspan < 2:
            continue
        covered = keys[slot.column: slot.column + slot.cell.colspan]
        if len({types[k] for k in covered}) > 1:
            for key in covered:
                types[key] = "text"


def _rows(matrix, origins, kinds, types, keys, notes, table_id):
    rows, since, everything = [], [], []
    for r in sorted(kinds):
        if kinds[r] == "section":
            rows.append({"section": matrix[r][0].cell.text.strip()})
            continue
        if kinds[r] == "total":
            rows.append(_total_row(matrix[r], r, types, keys, since, everything, notes,
                                   table_id))
            since = []
            continue
        row = {}
        for slot in origins:
            if slot.row != r or not slot.plain:
                continue
            key = keys[slot.column]
            value = _value(slot, types[key])
            span = _span(slot, r, kinds)
            row[key] = {"value": value, **span} if span else value
            if types[key] in ("number", "money", "percent"):
                for k in keys[slot.column: slot.column + slot.cell.colspan]:
                    since.append((k, value))
                    everything.append((k, value))
        rows.append(row)
    return rows


def _span(slot, r, kinds):
    """rowspan/colspan of a merged data cell, kept inside its group of data rows."""
    span = {}
    down = 1
    while down < slot.cell.rowspan and kinds.get(r + down) == "data":
        down += 1
    if down > 1:
        span["rowspan"] = down
    if slot.cell.colspan > 1:
        span["colspan"] = slot.cell.colspan
    return span


def _value(slot, kind):
    if kind == "text":
        return slot.cell.text.strip()
    if kind == "tick":
        return "true"
    return slot.plain


def _total_row(line, r, types, keys, since, everything, notes, table_id):
    label_slot = next(s for s in line if s.plain)
    values = {}
    for slot in line:
        if slot is label_slot or slot.column == 0 or not slot.plain or slot.row != r:
            continue
        key = keys[slot.column]
        values[key] = _value(slot, types[key]) if types[key] != "tick" else slot.plain
    row = {"total": label_slot.plain, "values": values}
    numeric = {k: v for k, v in values.items() if types[k] in ("number", "money", "percent")}
    if numeric:
        if all(_sum(since, k) == _number(v) for k, v in numeric.items()):
            row["check"] = "true"
        elif all(_sum(everything, k) == _number(v) for k, v in numeric.items()):
            row["check"] = "all"
        else:
            notes.append(f"ตาราง {table_id}: แถว \"{label_slot.plain}\" ไม่เท่ากับผลบวกของแถวข้างบน "
                         "ให้ตรวจตัวเลขกับต้นฉบับ (ระบบจึงไม่ตรวจยอดรวมแถวนี้)")
    return row


def _sum(pairs, key):
    return sum((_number(v) or Decimal(0) for k, v in pairs if k == key), Decimal(0))


def _number(text):
    text = text.strip()
    if text.endswith("%"):
        text = text[:-1].strip()
    if text in ("-", "–"):
        return Decimal(0)
    return model.parse_number(text)


def _is_number(text: str) -> bool:
    return model.parse_number(text.strip()) is not None


# ------------------------------------------------------------------ YAML

def dump(data: dict) -> str:
    """The table file as a clerk would write it: block style, cells of a header row
    and merged cells in braces, texts quoted only where YAML needs it."""
    out = []
    for key in ("id", "caption"):
        out.append(f"{key}: {yaml_text(data[key])}")
    out.append("columns:")
    for column in data["columns"]:
        out.append("  - " + _flow(column))
    if "header" in data:
        out.append("header:")
        for line in data["header"]:
            first = True
            for cell in line:
                text = _flow(cell) if isinstance(cell, dict) else yaml_text(cell)
                out.append(("  - - " if first else "    - ") + text)
                first = False
    out.append("rows:")
    for row in data["rows"]:
        out.extend(_row_lines(row))
    return "\n".join(out) + "\n"


def _row_lines(row: dict) -> list[str]:
    if not row:
        return ["  - {}"]
    lines = []
    for i, (key, value) in enumerate(row.items()):
        lead = "  - " if i == 0 else "    "
        if isinstance(value, dict):
            lines.append(f"{lead}{key}: {_flow(value)}")
        elif isinstance(value, str) and "\n" in value:
            lines.append(f"{lead}{key}: |")
            lines.extend("      " + line if line else "" for line in value.split("\n"))
        else:
            lines.append(f"{lead}{key}: {yaml_text(value)}")
    return lines


def _flow(mapping: dict) -> str:
    parts = []
    for key, value in mapping.items():
        if isinstance(value, dict):
            parts.append(f"{key}: {_flow(value)}")
        else:
            parts.append(f"{key}: {yaml_text(value, flow=True)}")
    return "{" + ", ".join(parts) + "}"


def yaml_text(value, flow: bool = False) -> str:
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _BARE.match(text) and not (flow and "," in text):  # read as text: no quotes needed
        return text
    if "\n" in text:
        return _quoted(text)
    dumped = yaml.safe_dump(text, allow_unicode=True, width=10**6,
                            default_flow_style=True).strip()
    if dumped.endswith("\n..."):
        dumped = dumped[:-4].strip()
    if flow and re.search(r"[,{}\[\]]", dumped) and not dumped.startswith(("'", '"')):
        return _quoted(text)
    return dumped


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def free_id(folder: str, name: str) -> str:
    """A table id from the file name when it is plain Latin ("budget-2569.xlsx"),
    else table-1, table-2, ...: the first not used in ``folder``."""
    stem = model.latin_id(name)
    if stem and not os.path.exists(os.path.join(folder, stem + SUFFIX)):
        return stem
    number = 1
    while os.path.exists(os.path.join(folder, f"table-{number}{SUFFIX}")):
        number += 1
    return f"table-{number}"


def source_comment(name: str, grid: Grid) -> str:
    where = f" {grid.where}" if grid.where else ""
    return (f"# นำเข้าจาก {name}{where}: ตรวจทุกช่องกับต้นฉบับก่อนเผยแพร่\n"
            "# รูปแบบไฟล์ตาราง: docs/tables.md\n")


def check_written(path: str) -> list[str]:
    """The build's own reading of a written table file: its problems as Thai lines."""
    _table, problems = model.load_table(path)
    name = os.path.basename(path)
    return [f"{name} บรรทัด {p.line}: {p.message}" for p in problems]
