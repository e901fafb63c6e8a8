"""Complaint statistics: one data file per fiscal year, read, checked and added up.

Owns the files of ``COMPLAINT_STATISTICS_DIR`` (``data/complaints/statistics/2568.yaml``,
the name being the fiscal year): for each month from October, the complaints
received through each channel of data/complaints.yaml, and how many of them
are done or still in progress. Every total is computed here, never typed; the
CSV and JSON downloads are written from the same figures. Every mistake is
reported to ``content_errors`` with its file and line, all at once. Nothing
here knows Pelican.

A month with no complaints is written ``ไม่มี``: an empty month is a mistake,
because ITA counts an explicit "none" and not a blank. A year in progress
stops at the last month written; a month missing before it is a mistake.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass

from portal import content_errors, open_data, thai_format, yaml_source
from portal.front_matter.schema import DataPeriod
from portal.yaml_source import FieldError

from .data import reviewed_date

# (key in the file, Thai label) of each figure, in the order pages show them.
FIGURES = (("received", "เรื่องที่ได้รับ"), ("done", "ดำเนินการแล้วเสร็จ"),
           ("in_progress", "อยู่ระหว่างดำเนินการ"))
FIGURE_KEYS = tuple(key for key, _label in FIGURES)
TOP_KEYS = ("months", "reviewed")
NONE_WORDS = ("ไม่มี", "0")  # a month without complaints
FISCAL_MONTHS = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)
_FILE_NAME = re.compile(r"^(\d{4})\.ya?ml$")
NONE_STATEMENT = "ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"


@dataclass(frozen=True)
class Figures:
    received: int = 0
    done: int = 0
    in_progress: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(getattr(self, key) + getattr(other, key) for key in FIGURE_KEYS))

    def values(self) -> tuple[int, int, int]:
        return tuple(getattr(self, key) for key in FIGURE_KEYS)


def total(figures) -> Figures:
    return sum(figures, Figures())


@dataclass(frozen=True)
class Month:
    first_day: _dt.date
    by_channel: tuple[tuple[str, Figures], ...]  # every channel, in data/complaints.yaml's order

    @property
    def total(self) -> Figures:
        return total(figures for _channel, figures in self.by_channel)

    @property
    def name(self) -> str:
        """ "ตุลาคม 2567" (Arabic digits; pages convert)."""
        day = self.first_day
        return thai_format.thai_date(thai_format.MonthDate(day.year, day.month, 1),
                                     digits="arabic")

    @property
    def short_name(self) -> str:
        return thai_format.THAI_MONTHS[self.first_day.month - 1][1]


@dataclass(frozen=True)
class YearStatistics:
    fiscal_year: int
    path: str
    line: int  # of the months, for errors about the year's pages and files
    channels: tuple[str, ...]
    months: tuple[Month, ...]  # the months written, October first
    reviewed: _dt.date | None = None

    @property
    def total(self) -> Figures:
        return total(month.total for month in self.months)

    @property
    def by_channel(self) -> tuple[tuple[str, Figures], ...]:
        return tuple((channel, total(dict(month.by_channel)[channel] for month in self.months))
                     for channel in self.channels)

    @property
    def nothing_to_report(self) -> bool:
        """No complaint in any month written: the page says so in words."""
        return self.total.received == 0

    @property
    def complete(self) -> bool:
        return len(self.months) == len(FISCAL_MONTHS)

    @property
    def period(self) -> DataPeriod:
        """From 1 October to the last day of the last month written."""
        return DataPeriod(self.months[0].first_day,
                          thai_format.month_end(self.months[-1].first_day))


# ------------------------------------------------------------------ reading


def load_all(directory: str, channels, today: _dt.date | None = None) -> list[YearStatistics]:
    """Every year's statistics in ``directory``, oldest first; a file with mistakes is
    left out after each mistake went to content_errors. No folder: no statistics."""
    if not directory or not os.path.isdir(directory):
        return []
    found = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if name.startswith(".") or not name.endswith((".yaml", ".yml")):
            continue
        year = _year_of(name)
        if year is None:
            content_errors.report(path, 1, f"ชื่อไฟล์ \"{name}\" ต้องเป็นปีงบประมาณ พ.ศ. "
                                           "(file name must be the fiscal year)",
                                  "ตั้งชื่อไฟล์เช่น 2568.yaml สำหรับปีงบประมาณ 2568")
            continue
        statistics = load_year(path, year, tuple(channels), today or _dt.date.today())
        if statistics is not None:
            found.append(statistics)
    return found


def _year_of(name: str) -> int | None:
    match = _FILE_NAME.match(thai_format.arabic_digits(name))
    return int(match[1]) if match and 2400 < int(match[1]) < 2700 else None


def load_year(path: str, year: int, channels: tuple[str, ...],
              today: _dt.date) -> YearStatistics | None:
    """One file's statistics, or None after its mistakes were reported."""
    fields = _fields(path)
    if fields is None:
        return None
    fields.mapping((), TOP_KEYS, "ไฟล์สถิติเรื่องร้องเรียน")
    reader = _MonthReader(fields, year, channels, today)
    months = fields.attempt(reader.months, default=())
    reviewed = fields.attempt(reviewed_date, fields, default=None)
    for problem in fields.problems:
        content_errors.report(path, problem.line, problem.message, problem.hint)
    if fields.problems or not months:
        return None
    return YearStatistics(year, path, fields.line(("months",)), channels, months, reviewed)


def _fields(path: str) -> yaml_source.Fields | None:
    return yaml_source.mapping_file_fields(
        path, "เริ่มด้วย months: ดูตัวอย่างใน docs/complaint-statistics.md",
        content_errors.report)


class _MonthReader:
    """The reading steps of ``months:``, each raising FieldError for ``Fields.attempt``."""

    def __init__(self, fields: yaml_source.Fields, year: int, channels: tuple[str, ...],
                 today: _dt.date):
        self.fields, self.year, self.channels, self.today = fields, year, channels, today
        self.known = {" ".join(name.split()): name for name in channels}

    def months(self) -> tuple[Month, ...]:
        written = self.fields.get(("months",))
        if not self.fields.has(("months",)):
            raise self.fields.missing(("months",))
        if not isinstance(written, dict) or not written:
            raise FieldError("ช่อง months ต้องมีอย่างน้อยหนึ่งเดือน (no months written)",
                             "เขียนชื่อเดือนตั้งแต่ ตุลาคม เช่น\n  ตุลาคม: ไม่มี", ("months",))
        by_number, keys = {}, {}
        for key in written:
            month = self.fields.attempt(self.month, key)
            if month is not None:
                by_number[month.first_day.month] = month
                keys[month.first_day.month] = key
        if not self.fields.problems:  # a misspelt month would look missing
            self._check_no_gap(keys)
        return tuple(by_number[number] for number in FISCAL_MONTHS if number in by_number)

    def _check_no_gap(self, keys: dict) -> None:
        """Every month from October to the last one written; the error is told at the
        first month written after a missing one."""
        missing = []
        for number in FISCAL_MONTHS:
            if number not in keys:
                missing.append(number)
            elif missing:
                names = ", ".join(thai_format.THAI_MONTHS[n - 1][0] for n in missing)
                raise FieldError(
                    f"ไม่มีข้อมูลเดือน {names} แต่มีเดือนหลังจากนั้น (missing months)",
                    "เขียนทุกเดือนตั้งแต่ตุลาคม เดือนที่ไม่มีเรื่องร้องเรียนให้เขียน "
                    f"เช่น {thai_format.THAI_MONTHS[missing[0] - 1][0]}: ไม่มี",
                    ("months", keys[number]))

    def month(self, key) -> Month:
        where = ("months", key)
        number = thai_format.month_number(str(key))
        if number is None:
            raise FieldError(f"\"{key}\" ไม่ใช่ชื่อเดือน (not a month name)",
                             "เขียนชื่อเดือนภาษาไทย ตุลาคม ถึง กันยายน (หรือ ต.ค. ถึง ก.ย.) "
                             "ไม่ต้องเขียนปี เพราะชื่อไฟล์บอกปีงบประมาณแล้ว", where)
        first_day = _first_day(self.year, number)
        if first_day > self.today:
            raise FieldError(f"เดือน{key} ของปีงบประมาณ {self.year} ยังมาไม่ถึง "
                             "(month in the future)", "ลบเดือนที่ยังไม่ถึงออก", where)
        return Month(first_day, self.by_channel(where, key))

    def by_channel(self, where: tuple, key) -> tuple[tuple[str, Figures], ...]:
        value = self.fields.get(where)
        if isinstance(value, str) and value.strip() in NONE_WORDS:
            return tuple((channel, Figures()) for channel in self.channels)
        if value is None or not isinstance(value, dict):
            raise FieldError(f"เดือน{key}: ต้องเป็นรายการช่องทาง หรือคำว่า ไม่มี "
                             "(a month is its channels, or ไม่มี)", _MONTH_EXAMPLE, where)
        figures = {}
        for name in value:
            channel = self.fields.attempt(self.channel, where + (name,))
            counted = self.fields.attempt(self.figures, where + (name,))
            if channel is not None and counted is not None:
                figures[channel] = counted
        return tuple((channel, figures.get(channel, Figures())) for channel in self.channels)

    def channel(self, where: tuple) -> str:
        name = " ".join(str(where[-1]).split())
        if name not in self.known:
            known = "\n".join(f"  {channel}" for channel in self.channels)
            raise FieldError(f"ไม่มีช่องทาง \"{name}\" ใน data/complaints.yaml (unknown channel)",
                             "ใช้ชื่อช่องทางตามที่เขียนใน data/complaints.yaml:\n" + known, where)
        return self.known[name]

    def figures(self, where: tuple) -> Figures:
        self.fields.mapping(where, FIGURE_KEYS, "ตัวเลขของช่องทาง")
        counted = Figures(*(self.count(where + (key,)) for key in FIGURE_KEYS))
        if counted.done + counted.in_progress != counted.received:
            raise FieldError(
                f"เดือน{where[1]} {where[2]}: ได้รับ {counted.received} เรื่อง "
                f"แต่แล้วเสร็จ {counted.done} + อยู่ระหว่างดำเนินการ {counted.in_progress} = "
                f"{counted.done + counted.in_progress} (received must be done + in_progress)",
                "เรื่องที่ได้รับแต่ละเรื่องนับเป็นแล้วเสร็จ (done) หรืออยู่ระหว่างดำเนินการ "
                "(in_progress) อย่างใดอย่างหนึ่ง", where)
        return counted

    def count(self, where: tuple) -> int:
        value = self.fields.get(where)
        if value is None:
            return 0
        text = thai_format.arabic_digits(str(value)).strip()
        if not text.isdigit():
            raise FieldError(f"เดือน{where[1]} {where[2]}: {where[-1]} \"{value}\" "
                             "ต้องเป็นจำนวนเรื่อง 0 ขึ้นไป "
                             "(must be a whole number)", "เขียนตัวเลข เช่น received: 2", where)
        return int(text)


_MONTH_EXAMPLE = ("เช่น\n  พฤศจิกายน:\n    ร้องเรียนด้วยตนเอง: {received: 2, done: 1, "
                  "in_progress: 1}\nหรือ\n  ธันวาคม: ไม่มี")


def _first_day(fiscal_year: int, month: int) -> _dt.date:
    first, _last = thai_format.fiscal_year_bounds(fiscal_year)
    return _dt.date(first.year + (1 if month < 10 else 0), month, 1)


# ------------------------------------------------------------------ open data

CSV_HEADER = ("ปีงบประมาณ", "เดือน", "เดือน (ค.ศ.)", "ช่องทาง", *(label for _key, label in FIGURES))


def to_csv(statistics: YearStatistics) -> bytes:
    """One row per month and channel (zeros included), UTF-8 with BOM for Excel."""
    rows = [CSV_HEADER]
    for month in statistics.months:
        for channel, figures in month.by_channel:
            rows.append((statistics.fiscal_year, month.name, month.first_day.isoformat()[:7],
                         channel, *figures.values()))
    return ("\ufeff" + open_data.csv_text(rows)).encode("utf-8")


def to_json(statistics: YearStatistics, organisation: str) -> bytes:
    """The year, its totals, then one record per month with its channels."""
    head = {
        "organisation": organisation,
        "fiscal_year": statistics.fiscal_year,
        "period": {"start": statistics.period.start.isoformat(),
                   "end": statistics.period.end.isoformat()},
        "nothing_to_report": statistics.nothing_to_report,
        "channels": list(statistics.channels),
        "totals": _figures_json(statistics.total),
        "totals_by_channel": [{"channel": channel, **_figures_json(figures)}
                              for channel, figures in statistics.by_channel],
    }
    records = [{"month": month.first_day.isoformat()[:7], "month_name": month.name,
                **_figures_json(month.total),
                "by_channel": [{"channel": channel, **_figures_json(figures)}
                               for channel, figures in month.by_channel]}
               for month in statistics.months]
    return open_data.json_text(head, "months", records).encode("utf-8")


def _figures_json(figures: Figures) -> dict:
    return dict(zip(FIGURE_KEYS, figures.values(), strict=True))
