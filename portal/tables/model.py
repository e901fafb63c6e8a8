"""The table model: reads one ``.table.yaml`` file into a checked ``Table``.

``load_table(path)`` returns ``(table, problems)``; ``table`` is None when the
file cannot be used at all. Every problem has the file line of the value that
is wrong, a Thai message (English in parentheses) and a Thai hint. Nothing here
knows about HTML or Pelican.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from portal import thai_format, yaml_source
from portal.yaml_source import Problem

TYPES = ("text", "number", "money", "percent", "tick")
NUMERIC = ("number", "money", "percent")
TYPE_NAMES = {
    "text": "ข้อความ", "number": "จำนวน", "money": "จำนวนเงิน",
    "percent": "ร้อยละ", "tick": "เครื่องหมายถูก",
}
TABLE_KEYS = ("id", "caption", "columns", "header", "rows", "notes")
COLUMN_KEYS = ("key", "label", "type", "row_header", "sum_of")
HEADER_KEYS = ("label", "colspan", "rowspan")
TOTAL_KEYS = ("total", "values", "check")
SPAN_KEYS = ("value", "rowspan", "colspan")
RESERVED_KEYS = ("section", "total", "values", "check")
SUFFIX = ".table.yaml"

TABLE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # also the import's rule for new ids
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_D = "[0-9\u0e50-\u0e59]"
_GROUPED = re.compile(rf"^-?{_D}{{1,3}}(,{_D}{{3}})*(\.{_D}+)?$")
_PLAIN = re.compile(rf"^-?{_D}+(\.{_D}+)?$")


@dataclass
class Column:
    key: str
    label: str
    type: str = "text"
    row_header: bool = False
    sum_of: tuple = ()
    line: int = 1
    header_ids: list = field(default_factory=list)   # filled by the renderer
    path: list = field(default_factory=list)         # header labels, top to leaf


@dataclass
class HeaderCell:
    label: str
    colspan: int
    rowspan: int
    line: int
    row: int = 0
    col: int = 0


@dataclass
class Cell:
    raw: str            # exactly as written (shown on the page)
    value: object       # Decimal, bool, str or None (exports)
    line: int
    rowspan: int = 1    # a body cell merged over the rows below it
    colspan: int = 1    # ... and over the columns to its right


@dataclass
class Row:
    kind: str                     # "data", "section" or "total"
    line: int
    cells: dict = field(default_factory=dict)    # column key -> Cell
    label: str = ""                              # section text or totals label
    check: str = ""                              # "", "since-last" or "all"
    covered: dict = field(default_factory=dict)  # column key -> the merged Cell over it


@dataclass
class Table:
    id: str
    caption: str
    columns: list
    header: list          # rows of HeaderCell, placed on the grid
    rows: list
    notes: list
    path: str
    id_line: int = 1

    @property
    def has_sections(self) -> bool:
        return any(row.kind == "section" for row in self.rows)

    def cell_at(self, row, key):
        """The cell shown at ``key`` of ``row``: its own, or the merged cell over it."""
        return row.cells.get(key) or row.covered.get(key)


def table_id(path: str) -> str:
    name = os.path.basename(path)
    return name[: -len(SUFFIX)] if name.endswith(SUFFIX) else os.path.splitext(name)[0]


def load_table(path: str):
    """(Table or None, [Problem]) for the table file at ``path``."""
    if path.lower().endswith(SHEET_SUFFIXES):
        return load_sheet(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return None, [Problem(1, "อ่านไฟล์ตารางไม่ได้ (cannot read the table file)",
                              "ตรวจว่าไฟล์มีอยู่และเปิดอ่านได้")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        return None, [Problem(raw[: error.start].count(b"\n") + 1,
                              "ไฟล์ตารางไม่ได้บันทึกเป็นรหัส UTF-8 (file is not UTF-8)",
                              "เปิดไฟล์ด้วยโปรแกรมแก้ไขข้อความแล้วบันทึกใหม่เป็น UTF-8")]
    try:
        located = yaml_source.load(text)
    except yaml_source.YamlSourceError as error:
        return None, [Problem(error.line, error.message, error.hint)]
    return _Builder(path, located).build()


# A spreadsheet placed as it is (`::: table งบ.xlsx`, as the editor uploads it): converted
# by the import's table writer each build, then read like a table file.
SHEET_SUFFIXES = (".xlsx", ".xls", ".ods", ".csv")


def load_sheet(path: str):
    """(Table or None, [Problem]) for a spreadsheet's only sheet with data."""
    from portal.importer import sheets, table_file  # the import's readers, only when used

    name = os.path.basename(path)
    try:
        grids = sheets.read_sheets(path).tables
    except sheets.SheetUnreadable as error:
        return None, [Problem(1, str(error), "บันทึกไฟล์ใหม่จาก Excel หรือ LibreOffice")]
    if len(grids) != 1:
        return None, [Problem(
            1, f"{name} มีข้อมูล {len(grids)} ชีต: วางได้เฉพาะไฟล์ที่มีข้อมูลชีตเดียว "
               "(one sheet with data only)",
            "ลบชีตอื่นออกจากไฟล์ หรือใช้ invoke table --sheet เพื่อทำไฟล์ตารางของชีตที่ต้องการ")]
    written = table_file.write_table(grids[0], sheet_table_id(name), f"ตารางจาก {name}")
    table, problems = _Builder(path, yaml_source.load(written.text)).build()
    return table, [Problem(1, f"{name} (แปลงเป็นตาราง): {p.message}", p.hint, p.warning)
                   for p in problems]


def latin_id(name: str) -> str:
    """A table id made of a file's name when the name is plain Latin ("Budget 2569.xlsx"
    -> "budget-2569"), else "": the rule of sheets placed as tables and of `invoke table`."""
    stem = os.path.splitext(name)[0]
    found = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return found if stem.isascii() else ""


def sheet_table_id(name: str) -> str:
    """The table's id (its anchor and the CSV/JSON names) from a spreadsheet's name:
    the name itself when it is plain Latin, else "sheet-" and a short digest of it."""
    return latin_id(name) or "sheet-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


def parse_number(text: str):
    """Decimal of a number written with Thai or Arabic digits and optional commas."""
    text = text.strip()
    if not (_GROUPED.match(text) or _PLAIN.match(text)):
        return None
    try:
        return Decimal(thai_format.arabic_digits(text).replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the patterns allow only numbers
        return None


def format_like(value: Decimal, written: str) -> str:
    """``value`` written the way ``written`` is (Thai digits, thousands commas)."""
    places = len(written.split(".")[1]) if "." in written else 0
    text = f"{value:,.{places}f}" if "," in written else f"{value:.{places}f}"
    if re.search("[\u0e50-\u0e59]", written):
        text = thai_format.thai_digits(text)
    return text


class _Builder(yaml_source.Fields):
    """Reads the table file with yaml_source's reader, recording every mistake
    and going on with a neutral value, so that one build shows them all."""

    def __init__(self, path, located):
        super().__init__(located)
        self.path = path

    # ------------------------------------------------------------ helpers
    def read_text(self, path, label, required=True):
        """The text at ``path``; "" after recording a mistake."""
        return self.attempt(self.text, path, required, label, default="")

    def label(self, path, what):
        """A one-line label (caption, header, totals): text in one Thai form
        (thai_format.normalise_text), so that labels typed from a PDF (sara am
        as two characters) match those typed by hand."""
        return thai_format.normalise_text(self.read_text(path, what))

    def positive(self, value, path, what):
        if value is None:
            return 1
        number = parse_number(value) if isinstance(value, str) else None
        if number is None or number < 1 or number != int(number):
            self.report(path, f"{what} \"{value}\" ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป "
                              "(must be a whole number of at least 1)",
                        "เช่น colspan: 2")
            return 1
        return int(number)

    # ------------------------------------------------------------ parts
    def build(self):
        data = self.data
        if not isinstance(data, dict):
            self.report((), "ไฟล์ตารางต้องเป็นรายการ ชื่อช่อง: ค่า (a table file is key: value lines)",
                        "ดูรูปแบบใน docs/tables.md: caption, columns, rows")
            return None, self.problems
        self.mapping((), TABLE_KEYS, "ไฟล์ตาราง")
        tid = data.get("id")
        if tid is None:
            tid = table_id(self.path)
            if not TABLE_ID.match(tid):
                self.report((), f"ชื่อไฟล์ \"{os.path.basename(self.path)}\" ใช้เป็นรหัสตารางไม่ได้ "
                                "(the file name cannot be the table id)",
                            "เพิ่มช่อง id: ที่ใช้ a-z 0-9 และ - เช่น id: summary-2566")
        elif not isinstance(tid, str) or not TABLE_ID.match(tid):
            self.report(("id",), f"รหัสตาราง \"{tid}\" ใช้ได้เฉพาะ a-z 0-9 และ - "
                                 "(id: lowercase letters, digits and -)",
                        "เช่น id: summary-2566")
        caption = self.label(("caption",), "ชื่อตาราง")
        columns = self.columns(data.get("columns"), data.get("header") is not None)
        header = self.header(data.get("header"), columns)
        for column in columns:  # a header too broken to give its labels: name by key
            column.label = column.label or column.key
        rows = self.rows(data.get("rows"), columns)
        notes = list(self.attempt(self.texts, ("notes",), False, "หมายเหตุ", default=()))
        table = Table(str(tid), caption, columns, header, rows, notes, self.path,
                      self.line(("id",)) if "id" in data else 1)
        if not self.problems:
            self.check_totals(table)
        return (None if self.problems else table), self.problems

    def columns(self, raw, has_header=False):
        if not isinstance(raw, list) or not raw:
            self.report(("columns",), "ต้องมีรายการคอลัมน์ (columns) อย่างน้อยหนึ่งคอลัมน์ "
                                      "(columns: a list is required)",
                        "เขียน columns: แล้วตามด้วยบรรทัด - key: ... label: ...")
            return []
        columns, seen = [], {}
        for index, item in enumerate(raw):
            path = ("columns", index)
            if not isinstance(item, dict):
                self.report(path, "แต่ละคอลัมน์ต้องมี key และ label (each column needs key and label)",
                            "เขียนเป็น - key: code แล้วบรรทัดถัดไป label: ...")
                continue
            self.mapping(path, COLUMN_KEYS, "คอลัมน์")
            key = self.read_text(path + ("key",), "ชื่อคอลัมน์")
            if key and not _KEY.match(key):
                self.report(path + ("key",), f"ชื่อคอลัมน์ \"{key}\" ใช้ได้เฉพาะ a-z 0-9 และ _ "
                                             "(key: lowercase letters, digits and _)",
                            "เช่น key: budget_2566")
            elif key in RESERVED_KEYS:
                self.report(path + ("key",), f"ชื่อคอลัมน์ \"{key}\" สงวนไว้สำหรับแถวพิเศษ "
                                             "(reserved key)",
                            "ใช้ชื่ออื่น เช่น " + key + "_name")
            elif key in seen:
                self.report(path + ("key",), f"ชื่อคอลัมน์ \"{key}\" ซ้ำกับบรรทัด {seen[key]} "
                                             "(duplicate column key)", "ตั้งชื่อคอลัมน์ไม่ให้ซ้ำกัน")
            seen.setdefault(key, self.line(path + ("key",)))
            if has_header and self.get(path + ("label",)) is None:
                label = ""  # typed once, in the header: filled from its leaf cell
            else:
                label = self.label(path + ("label",), "หัวคอลัมน์")
            kind = item.get("type") or "text"
            if kind not in TYPES:
                close = difflib.get_close_matches(str(kind), TYPES, n=1, cutoff=0.5)
                self.report(path + ("type",), f"ไม่รู้จักชนิดคอลัมน์ \"{kind}\" (unknown column type)",
                            (f"หมายถึง {close[0]} หรือไม่; " if close else "")
                            + "ใช้ได้: " + ", ".join(TYPES))
                kind = "text"
            row_header = self.attempt(self.flag, path + ("row_header",), default=False)
            sum_of = item.get("sum_of") or []
            if isinstance(sum_of, str) or not isinstance(sum_of, list):
                self.report(path + ("sum_of",),
                            "sum_of ต้องเป็นรายการชื่อคอลัมน์ (sum_of: a list of keys)",
                            "เช่น sum_of: [budget_2566, budget_2567]")
                sum_of = []
            columns.append(Column(key, label, kind, row_header, tuple(sum_of),
                                  self.line(path)))
        keys = {column.key: column for column in columns}
        for index, column in enumerate(columns):
            for position, key in enumerate(column.sum_of):
                target = keys.get(key)
                if target is None or target.type not in NUMERIC or column.type not in NUMERIC:
                    self.report(("columns", index, "sum_of", position),
                                f"sum_of ของคอลัมน์ \"{column.key}\" อ้างถึง \"{key}\" "
                                "ซึ่งไม่ใช่คอลัมน์ตัวเลขในตารางนี้ (sum_of must name numeric columns)",
                                "ใส่ชื่อ key ของคอลัมน์ชนิด number, money หรือ percent")
        return columns

    def header(self, raw, columns):
        if raw is None:
            cells = [HeaderCell(c.label, 1, 1, c.line, 0, i) for i, c in enumerate(columns)]
            for column, cell in zip(columns, cells, strict=True):
                column.path = [cell.label]
            return [cells]
        if not isinstance(raw, list) or not all(isinstance(r, list) and r for r in raw):
            self.report(("header",), "header ต้องเป็นรายการของแถว แต่ละแถวเป็นรายการช่อง "
                                     "(header: a list of rows, each a list of cells)",
                        "ดูตัวอย่างใน docs/tables.md: - - {label: ..., rowspan: 2}")
            return []
        height, width = len(raw), len(columns)
        taken = {}
        rows = []
        for r, raw_row in enumerate(raw):
            row, c = [], 0
            for i, item in enumerate(raw_row):
                path = ("header", r, i)
                label_path = path + ("label",)
                if isinstance(item, str):  # the shorthand: the cell's text alone
                    item, label_path = {"label": item}, path
                if not isinstance(item, dict):
                    self.report(path, "ช่องหัวตารางต้องมี label (a header cell needs a label)",
                                "เขียนเป็น {label: ..., colspan: 2}")
                    continue
                if label_path != path:
                    self.mapping(path, HEADER_KEYS, "ช่องหัวตาราง")
                label = self.label(label_path, "ข้อความหัวตาราง")
                colspan = self.positive(item.get("colspan"), path + ("colspan",), "colspan")
                rowspan = self.positive(item.get("rowspan"), path + ("rowspan",), "rowspan")
                while (r, c) in taken:
                    c += 1
                cell = HeaderCell(label, colspan, rowspan, self.line(path), r, c)
                if r + rowspan > height:
                    self.report(path, f"ช่องหัวตาราง \"{label}\" มี rowspan {rowspan} "
                                      f"เกินจำนวนแถวของหัวตาราง ({height} แถว) "
                                      "(rowspan reaches below the header)",
                                "ลด rowspan หรือเพิ่มแถวของหัวตาราง")
                if c + colspan > width:
                    self.report(path, f"ช่องหัวตาราง \"{label}\" เกินจำนวนคอลัมน์ ({width} คอลัมน์) "
                                      "(header cell beyond the last column)",
                                "ตรวจ colspan ของแถวนี้และ rowspan ของแถวก่อนหน้า "
                                "ให้รวมกันได้เท่าจำนวนคอลัมน์ใน columns")
                for dr in range(rowspan):
                    for dc in range(colspan):
                        taken[(r + dr, c + dc)] = cell
                row.append(cell)
                c += colspan
            rows.append(row)
        if self.problems:
            return rows
        for r in range(height):
            missing = [c for c in range(width) if (r, c) not in taken]
            if missing:
                self.report(("header", r), f"หัวตารางแถวที่ {r + 1} มีช่องไม่ครบ {width} คอลัมน์ "
                                           f"(header row {r + 1} does not line up with columns)",
                            "ให้ colspan ของทุกช่องในแถว รวมกับช่องที่ rowspan ลงมาจากแถวบน "
                            "เท่ากับจำนวนคอลัมน์ใน columns")
        if self.problems:
            return rows
        for c, column in enumerate(columns):
            cells = []
            for r in range(height):
                cell = taken[(r, c)]
                if not cells or cells[-1] is not cell:
                    cells.append(cell)
            leaf = cells[-1]
            column.path = [cell.label for cell in cells]
            if not column.label:
                column.label = leaf.label
            if leaf.colspan != 1:
                self.report(("header", leaf.row), f"ช่องหัวตาราง \"{leaf.label}\" คลุมหลายคอลัมน์ "
                                                  "แต่อยู่แถวล่างสุด (a spanning header cell "
                                                  "must have cells under it)",
                            "เพิ่มช่องย่อยในแถวถัดไป หรือเอา colspan ออก")
                break
            if _squash(leaf.label) != _squash(column.label):
                self.report(("header", leaf.row), f"ช่องหัวตาราง \"{leaf.label}\" ไม่ตรงกับคอลัมน์ที่ "
                                                  f"{c + 1} \"{column.label}\" ใน columns "
                                                  "(header cell does not line up with columns)",
                            "เรียงช่องหัวตารางแถวล่างสุดให้ตรงกับลำดับ columns "
                            "และใช้ข้อความเดียวกับ label ของคอลัมน์")
        return rows

    def rows(self, raw, columns):
        if not isinstance(raw, list):
            self.report(("rows",), "ต้องมีรายการแถว (rows) (rows: a list is required)",
                        "เขียน rows: แล้วตามด้วยบรรทัด - key: ค่า ของแต่ละแถว")
            return []
        by_key = {column.key: column for column in columns}
        rows = []
        for index, item in enumerate(raw):
            path = ("rows", index)
            line = self.line(path)
            if not isinstance(item, dict):
                self.report(path, "แต่ละแถวต้องเป็นรายการ ชื่อคอลัมน์: ค่า (a row is key: value lines)",
                            "เขียนเป็น - code: ... แล้วบรรทัดถัดไป activity: ...")
                continue
            if "section" in item:
                extra = [k for k in item if k != "section"]
                for key in extra:
                    self.report(path + (key,),
                                f"แถวหัวข้อ (section) มีได้เพียงข้อความเดียว แต่พบช่อง \"{key}\" "
                                "(a section row has only its text)", "แยกข้อมูลไปไว้ในแถวถัดไป")
                rows.append(Row("section", line,
                                label=self.read_text(path + ("section",), "ข้อความหัวข้อ")))
            elif "total" in item:
                self.mapping(path, TOTAL_KEYS, "แถวยอดรวม")
                label = self.label(path + ("total",), "ชื่อแถวยอดรวม")
                values = item.get("values") or {}
                if not isinstance(values, dict):
                    self.report(path + ("values",), "values ต้องเป็นรายการ ชื่อคอลัมน์: ค่า "
                                                    "(values: key: value pairs)",
                                "เช่น values: {budget_2566: \"๑,๒๓๔,๐๐๐\"}")
                    values = {}
                if columns and columns[0].key in values:
                    self.report(path + ("values", columns[0].key),
                                f"คอลัมน์แรก \"{columns[0].key}\" ของแถวยอดรวมคือชื่อแถว (total) "
                                "(the first column holds the totals label)",
                                "เขียนชื่อแถวไว้ที่ total: แทน")
                check = self.attempt(self.flag, path + ("check",), False, ("all",), default=False)
                cells = self.cells(values, by_key, path + ("values",))
                rows.append(Row("total", line, cells, label,
                                {True: "since-last", "all": "all"}.get(check, "")))
            else:
                self.mapping(path, list(by_key), "แถว (row keys must be column keys)")
                rows.append(Row("data", line, self.cells(item, by_key, path)))
        if not self.problems:
            self.place_spans(rows, columns)
        return rows

    def place_spans(self, rows, columns):
        """Marks the cells that merged body cells cover (``Row.covered``); a span
        must stay among the data rows of its row group and inside the table, and
        no value may be written in a cell a span covers."""
        keys = [column.key for column in columns]
        for position, row in enumerate(rows):
            for key, cell in list(row.cells.items()):
                if cell.rowspan == 1 and cell.colspan == 1:
                    continue
                start = keys.index(key)
                if start + cell.colspan > len(keys):
                    self.problems.append(Problem(
                        cell.line, f"ช่อง \"{key}\" มี colspan {cell.colspan} เกินคอลัมน์สุดท้าย "
                                   f"(ตารางมี {len(keys)} คอลัมน์ นับจากคอลัมน์ที่ {start + 1} "
                                   f"คลุมได้ไม่เกิน {len(keys) - start}) "
                                   "(colspan reaches beyond the last column)",
                        "ลด colspan ให้ช่องที่รวมกันอยู่ในตาราง"))
                    continue
                below = rows[position: position + cell.rowspan]
                if len(below) < cell.rowspan or any(r.kind != "data" for r in below):
                    self.problems.append(Problem(
                        cell.line, f"ช่อง \"{key}\" มี rowspan {cell.rowspan} แต่มีแถวข้อมูลต่อจาก"
                                   "แถวนี้ไม่พอ ช่องที่รวมกันต้องไม่ข้ามแถวหัวข้อ (section) "
                                   "แถวยอดรวม หรือท้ายตาราง (rowspan reaches past the rows "
                                   "of its group)",
                        "ลด rowspan ให้เท่ากับจำนวนแถวที่ช่องนี้คลุมจริงในต้นฉบับ"))
                    continue
                spanned = keys[start: start + cell.colspan]
                kinds = {column.type for column in columns if column.key in spanned}
                if len(kinds) > 1:
                    self.problems.append(Problem(
                        cell.line, f"ช่อง \"{key}\" คลุมคอลัมน์ต่างชนิดกัน "
                                   f"({', '.join(spanned)}) (a merged cell spans columns of "
                                   "different types)",
                        "ช่องที่รวมหลายคอลัมน์ต้องคลุมคอลัมน์ชนิดเดียวกัน เช่น text ทั้งหมด"))
                    continue
                self.cover(cell, key, spanned, below)

    def cover(self, cell, key, spanned, below):
        for offset, row in enumerate(below):
            for other in spanned:
                if offset == 0 and other == key:
                    continue
                taken = row.cells.get(other) or row.covered.get(other)
                if taken is not None:
                    where = (f"ช่อง \"{other}\" บรรทัด {taken.line}" if taken is not cell
                             else f"ช่อง \"{other}\"")
                    self.problems.append(Problem(
                        taken.line if taken is not cell else cell.line,
                        f"{where} อยู่ในพื้นที่ที่ช่อง \"{key}\" บรรทัด {cell.line} "
                        f"รวมไว้แล้ว (rowspan {cell.rowspan}, colspan {cell.colspan}) "
                        "(a value inside a merged cell)",
                        "ลบค่านี้ออก (ค่าของช่องที่รวมกันเขียนไว้ที่ช่องแรกเพียงครั้งเดียว) "
                        "หรือลด rowspan/colspan ของช่องที่รวม"))
                    continue
                row.covered[other] = cell

    def cells(self, values, by_key, path):
        cells = {}
        for key, raw in values.items():
            column = by_key.get(key)
            if column is None:
                if path[-1] == "values":
                    self.unknown_key(path + (key,), list(by_key), "แถวยอดรวม")
                continue
            cell_path = path + (key,)
            rowspan = colspan = 1
            if isinstance(raw, dict) and path[-1] != "values":
                self.mapping(cell_path, SPAN_KEYS, "ช่องที่รวมกัน")
                rowspan = self.positive(raw.get("rowspan"), cell_path + ("rowspan",), "rowspan")
                colspan = self.positive(raw.get("colspan"), cell_path + ("colspan",), "colspan")
                raw, cell_path = raw.get("value"), cell_path + ("value",)
                if raw is None:
                    raw = ""
            if raw is None:
                continue
            if not isinstance(raw, str):
                self.report(cell_path, f"ค่าในคอลัมน์ \"{key}\" ต้องเป็นข้อความเดียว "
                                       "(a cell is one value)",
                            "ช่องในแถวยอดรวมรวมกับช่องอื่น (rowspan/colspan) ไม่ได้ ให้เขียนค่าเดียว"
                            if isinstance(raw, dict) else
                            "ถ้าต้องการรายการ ให้ใช้ | แล้วเขียนรายการแบบ Markdown (- ...)")
                continue
            if not raw.strip() and column.type != "text":
                value = False if column.type == "tick" else None  # a merged cell left blank
            else:
                value = self.typed(raw, column, cell_path)
            cells[key] = Cell(raw.strip() if column.type != "text" else raw.rstrip(),
                              value, self.line(path + (key,)), rowspan, colspan)
        return cells

    def typed(self, raw, column, path):
        text = raw.strip()
        kind = column.type
        if kind == "text":
            return text
        if kind == "tick":
            if text == "":
                return False
            ticked = yaml_source.flag(text)
            if ticked is not None:
                return ticked
            self.report(path, f"คอลัมน์ \"{column.label}\" เป็นเครื่องหมายถูก: ใส่ true หรือเว้นว่าง "
                              f"แต่พบ \"{text}\" (a tick cell is true or empty)",
                        "เขียน true ในช่องที่ต้นฉบับมีเครื่องหมาย / หรือ ✓")
            return False
        if kind == "money" and text in ("-", "–"):
            return None
        if kind == "percent" and text.endswith("%"):
            text = text[:-1].strip()
        number = parse_number(text)
        if number is None:
            example = {"number": "๑๒ หรือ 12", "money": "๑,๒๓๔,๐๐๐ หรือ 1234000.50 (หรือ - ถ้าไม่มี)",
                       "percent": "๕๐% หรือ 50"}[kind]
            self.report(path, f"ค่า \"{raw.strip()}\" ในคอลัมน์ \"{column.label}\" ไม่ใช่"
                              f"{TYPE_NAMES[kind]} (not a {kind})",
                        f"เขียนเฉพาะตัวเลข เช่น {example} "
                        "หรือเปลี่ยนชนิดคอลัมน์เป็น text ถ้าต้นฉบับเป็นข้อความ")
        return number

    # ------------------------------------------------------------ arithmetic
    def check_totals(self, table):
        numeric = [c for c in table.columns if c.type in NUMERIC]
        start = 0
        data_count = 0
        for position, row in enumerate(table.rows):
            if row.kind == "data":
                data_count += 1
            self.check_row_sums(table, row, data_count)
            if row.kind != "total":
                continue
            if row.check:
                first = 0 if row.check == "all" else start
                block = [r for r in table.rows[first:position] if r.kind == "data"]
                for column in numeric:
                    cell = row.cells.get(column.key)
                    if cell is None:
                        continue
                    expected = sum((r.cells[column.key].value or Decimal(0)
                                    for r in block if column.key in r.cells), Decimal(0))
                    if (cell.value or Decimal(0)) != expected:
                        self.problems.append(Problem(
                            cell.line,
                            f"ยอดรวมแถว \"{row.label}\" (แถวที่ {position + 1}) คอลัมน์ "
                            f"\"{' / '.join(column.path) or column.label}\" ในตาราง "
                            f"\"{table.caption}\" ไม่ตรง: เขียนไว้ {cell.raw} "
                            f"แต่ผลรวมของแถวคือ {format_like(expected, cell.raw)} (total mismatch)",
                            f"ตรวจตัวเลขของแถวยอดรวมนี้และของแถวข้อมูลที่อยู่เหนือขึ้นไป "
                            f"ให้ตรงกับต้นฉบับ; ผลรวมที่ถูกต้องคือ {format_like(expected, cell.raw)}",
                        ))
            start = position + 1

    def check_row_sums(self, table, row, data_count):
        by_key = {c.key: c for c in table.columns}
        for column in table.columns:
            cell = row.cells.get(column.key)
            if not column.sum_of or cell is None or cell.value is None:
                continue
            parts = [row.cells[k].value for k in column.sum_of
                     if k in row.cells and row.cells[k].value is not None]
            expected = sum(parts, Decimal(0))
            if cell.value != expected:
                name = row.label or f"แถวที่ {data_count}"
                sources = ", ".join(" ".join(by_key[k].path) for k in column.sum_of)
                self.problems.append(Problem(
                    cell.line,
                    f"ค่าในคอลัมน์ \"{' / '.join(column.path)}\" ของแถว \"{name}\" ในตาราง "
                    f"\"{table.caption}\" ไม่ตรง: เขียนไว้ {cell.raw} แต่ผลรวมของ {sources} "
                    f"คือ {format_like(expected, cell.raw)} (row total mismatch)",
                    "ตรวจตัวเลขในแถวนี้ให้ตรงกับต้นฉบับ",
                ))


def _squash(text: str) -> str:
    return " ".join(text.split())
