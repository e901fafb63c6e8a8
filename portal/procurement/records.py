"""Procurement records: one fiscal year's rows read from a CSV or Excel file, and their sums.

``read_year(path)`` reads ``data/procurement/<fiscal year>.csv`` (UTF-8, a BOM
allowed) or ``.xlsx`` into ``Year``: every row checked, every bad cell a
``Problem`` with its line (CSV) or row (Excel) and a Thai message. The sums
the pages show (by month, by method, savings against the reference price)
are computed here, never typed. Nothing here knows Pelican.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal

from portal import thai_format
from portal.tables.model import parse_number

# The header names, exactly as the clerk's file must have them, and their keys.
COLUMNS = (
    ("date", "วันที่"),
    ("work", "งานที่จัดซื้อหรือจัดจ้าง"),
    ("budget", "วงเงินที่จะซื้อหรือจ้าง"),
    ("reference_price", "ราคากลาง"),
    ("method", "วิธีซื้อหรือจ้าง"),
    ("bidders", "ผู้เสนอราคาและราคาที่เสนอ"),
    ("winner", "ผู้ได้รับการคัดเลือก"),
    ("tax_id", "เลขประจำตัวผู้เสียภาษี"),
    ("price", "ราคาที่ตกลง"),
    ("reason", "เหตุผลที่คัดเลือก"),
    ("contract", "เลขที่สัญญา"),
    ("contract_date", "วันที่สัญญา"),
)
HEADERS = {header: key for key, header in COLUMNS}
REQUIRED = ("date", "work", "budget", "method", "winner", "price")
MONEY = ("budget", "reference_price", "price")
MONTH_ORDER = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)  # the months of a fiscal year
FILE_TYPES = (".csv", ".xlsx")


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    hint: str = ""


@dataclass(frozen=True)
class Procurement:
    """One procurement (one row of the file)."""

    line: int
    date: _dt.date
    work: str
    budget: Decimal
    reference_price: Decimal | None
    method: str
    bidders: str
    winner: str
    tax_id: str  # 13 digits as text: a leading zero is part of it
    price: Decimal
    reason: str
    contract: str
    contract_date: _dt.date | None

    @property
    def saving(self) -> Decimal | None:
        """What the agreed price saved against the reference price."""
        return None if self.reference_price is None else self.reference_price - self.price


@dataclass(frozen=True)
class Sum:
    label: str
    count: int
    budget: Decimal
    price: Decimal
    saving: Decimal


def total(label: str, rows) -> Sum:
    rows = list(rows)
    return Sum(label, len(rows), sum((r.budget for r in rows), Decimal(0)),
               sum((r.price for r in rows), Decimal(0)),
               sum((r.saving for r in rows if r.saving is not None), Decimal(0)))


@dataclass
class Year:
    fiscal_year: int
    path: str
    rows: list[Procurement] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def months(self) -> list[tuple[int, int]]:
        """(calendar year CE, month) of the fiscal year, October first."""
        first, _last = thai_format.fiscal_year_bounds(self.fiscal_year)
        return [(first.year + (month < 10), month) for month in MONTH_ORDER]

    def rows_of(self, year: int, month: int) -> list[Procurement]:
        return [r for r in self.rows if (r.date.year, r.date.month) == (year, month)]

    def by_month(self) -> list[Sum]:
        return [total(month_label(year, month), self.rows_of(year, month))
                for year, month in self.months()]

    def by_method(self) -> list[Sum]:
        methods = sorted({r.method for r in self.rows})
        return [total(method, (r for r in self.rows if r.method == method))
                for method in methods]

    def total(self) -> Sum:
        return total("รวมทั้งปี", self.rows)


def month_label(year: int, month: int) -> str:
    """"ตุลาคม 2568" (Arabic digits; the theme converts them)."""
    return f"{thai_format.THAI_MONTHS[month - 1][0]} {year + thai_format.BE_OFFSET}"


def year_of_file(path: str) -> int | None:
    """The fiscal year a file's name gives (2569.csv), or None."""
    stem = os.path.splitext(os.path.basename(path))[0]
    digits = thai_format.arabic_digits(stem)
    return int(digits) if re.fullmatch(r"25\d\d", digits) else None


# ------------------------------------------------------------------ reading


def read_year(path: str) -> Year:
    year = Year(year_of_file(path) or 0, path)
    if not year.fiscal_year:
        year.problems.append(Problem(1, f"ชื่อไฟล์ \"{os.path.basename(path)}\" ต้องเป็นปีงบประมาณ "
                                        "(the file name must be the fiscal year)",
                                     "ตั้งชื่อไฟล์เป็นปี พ.ศ. เช่น 2569.csv"))
        return year
    try:
        lines = _xlsx_lines(path) if path.lower().endswith(".xlsx") else _csv_lines(path)
    except ValueError as error:
        year.problems.append(Problem(1, str(error), _SAVE_HINT))
        return year
    if not lines:
        year.problems.append(Problem(1, "ไฟล์ว่าง (the file is empty)",
                                     "บรรทัดแรกต้องเป็นชื่อคอลัมน์: " + ", ".join(HEADERS)))
        return year
    (header_line, header), *body = lines
    keys = _header_keys(header, header_line, year.problems)
    if keys is None:
        return year
    for line, cells in body:
        if not any(str(cell).strip() for cell in cells if cell is not None):
            continue  # a blank row between months is no record
        if len(cells) > len(keys):  # Excel writes every row as wide as the header
            year.problems.append(Problem(
                line, f"แถวนี้มี {len(cells)} ช่อง มากกว่าชื่อคอลัมน์ {len(keys)} ช่อง "
                      "(more cells than columns)",
                "จำนวนเงินที่มีจุลภาค เช่น 12,000 ต้องอยู่ในเครื่องหมายคำพูด \"12,000\" "
                "(Excel ใส่ให้เองเมื่อบันทึกเป็น CSV) หรือเขียนโดยไม่มีจุลภาค"))
            continue
        # A row shorter than the header leaves its last cells empty.
        found = _row(line, dict(zip(keys, cells, strict=False)), year)
        if found is not None:
            year.rows.append(found)
    year.rows.sort(key=lambda r: (r.date, r.line))
    return year


_SAVE_HINT = "บันทึกจาก Excel เป็น CSV UTF-8 (Comma delimited) หรือ .xlsx"


def _csv_lines(path: str) -> list[tuple[int, list]]:
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("ไฟล์ CSV ไม่ได้บันทึกเป็น UTF-8 (the CSV is not UTF-8)") from None
    reader = csv.reader(io.StringIO(text))
    return [(reader.line_num, row) for row in reader]


def _xlsx_lines(path: str) -> list[tuple[int, list]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or renamed file
        raise ValueError("เปิดไฟล์ Excel ไม่ได้ (cannot open the .xlsx file)") from None
    sheet = book.worksheets[0]
    return [(number, list(values)) for number, values in
            enumerate(sheet.iter_rows(values_only=True), start=1)]


def _header_keys(header: list, line: int, problems: list) -> list | None:
    names = [" ".join(str(cell or "").split()) for cell in header]
    unknown = [name for name in names if name and name not in HEADERS]
    missing = [name for key, name in COLUMNS if key in REQUIRED and name not in names]
    for name in unknown:
        problems.append(Problem(line, f"ไม่รู้จักคอลัมน์ \"{name}\" (unknown column)",
                                "ชื่อคอลัมน์ที่ใช้ได้: " + ", ".join(HEADERS)))
    if missing:
        problems.append(Problem(line, "ไม่มีคอลัมน์ " + ", ".join(missing) + " (missing columns)",
                                "เพิ่มคอลัมน์นี้ในบรรทัดแรก โดยสะกดชื่อตามนี้ทุกตัวอักษร"))
    return None if unknown or missing else [HEADERS.get(name) for name in names]


def _row(line: int, cells: dict, year: Year) -> Procurement | None:
    before = len(year.problems)

    def report(message, hint=""):
        year.problems.append(Problem(line, message, hint))

    text = {key: _text(cells.get(key)) for key, _ in COLUMNS}
    for key, name in COLUMNS:
        if key in REQUIRED and not text[key]:
            report(f"คอลัมน์ \"{name}\" ว่าง (empty cell)", f"กรอก{name}ของรายการนี้")
    date = _date(cells.get("date"), "วันที่", report) if text["date"] else None
    if date and thai_format.fiscal_year(date) != year.fiscal_year:
        report(f"วันที่ {text['date']} อยู่ในปีงบประมาณ {thai_format.fiscal_year(date)} "
               f"ไม่ใช่ {year.fiscal_year} (date outside the file's fiscal year)",
               f"ย้ายรายการนี้ไปไฟล์ {thai_format.fiscal_year(date)} หรือแก้วันที่")
    money = {key: _money(cells.get(key), dict(COLUMNS)[key], report) if text[key] else None
             for key in MONEY}
    tax_id = _tax_id(cells.get("tax_id"), report) if text["tax_id"] else ""
    contract_date = (_date(cells.get("contract_date"), "วันที่สัญญา", report)
                     if text["contract_date"] else None)
    if len(year.problems) > before:
        return None
    return Procurement(line, date, text["work"], money["budget"], money["reference_price"],
                       text["method"], text["bidders"], text["winner"], tax_id, money["price"],
                       text["reason"], text["contract"], contract_date)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(thai_format.normalise_text(str(value)).split())


def _date(value, name: str, report) -> _dt.date | None:
    if isinstance(value, _dt.datetime):  # an Excel date cell
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        day = thai_format.parse_date(str(value))
    except thai_format.ThaiDateError as error:
        report(f"{name}: {error}", error.hint or "เขียนเช่น 16/05/2568 หรือ 2025-05-16")
        return None
    if isinstance(day, thai_format.MonthDate):
        report(f"{name} \"{value}\" ต้องมีวันที่ด้วย (the day is missing)", "เขียนเช่น 16/05/2568")
        return None
    return day


def _money(value, name: str, report) -> Decimal | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        amount = parse_number(str(value).replace("บาท", "").strip())
    if amount is None or amount < 0:
        report(f"{name} \"{value}\" ไม่ใช่จำนวนเงิน (not an amount)",
               "เขียนเป็นตัวเลข เช่น 125,000.00 หรือ 125000 ไม่ต้องมีคำว่า บาท")
        return None
    return amount


def _tax_id(value, report) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        report(f"เลขประจำตัวผู้เสียภาษี {value} ถูกเก็บเป็นตัวเลข เลขศูนย์หน้าสุดจึงหายไปได้ "
               "(the tax id was stored as a number)",
               "ใน Excel จัดรูปแบบคอลัมน์นี้เป็นข้อความ (Text) แล้วพิมพ์เลข 13 หลักใหม่")
        return ""
    digits = re.sub(r"[\s-]", "", thai_format.arabic_digits(str(value)))
    if not re.fullmatch(r"\d{13}", digits):
        report(f"เลขประจำตัวผู้เสียภาษี \"{value}\" ต้องเป็นตัวเลข 13 หลัก (a tax id has 13 digits)",
               "เขียนเช่น 0105556012345")
        return ""
    return digits
