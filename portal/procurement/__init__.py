"""Procurement: the monthly summaries (แบบ สขร.๑) and the yearly report, made from data files.

Owns ``data/procurement/<fiscal year>.csv`` or ``.xlsx`` (setting
``PROCUREMENT_DIR``): one row per procurement with the headers of
``records.COLUMNS``. From each year's file it writes, at permanent URLs,

- ``procurement/``                  the years and their months;
- ``procurement/<year>/``           the yearly report: counts and amounts by
                                    method and by month, the savings against the
                                    reference price, a bar chart with its table,
                                    the records as CSV and JSON;
- ``procurement/<year>/<MM>/``      one calendar month's สขร.๑ table (MM = 01-12),
                                    or the statement that there was none.

A month is reported once the file has a row of it, or was last changed after
the month ended (a month without procurement then says so explicitly; a month
not yet ended, or not yet entered, has no page and is listed by ``invoke check
--ita <year> --due``). Each month's page is ITA evidence of its fiscal year
under "procurement/monthly", each year's report under "procurement/yearly"
(catalogs' ``answered_by``); ``due_months`` tells what a fiscal year still lacks.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field

from pelican import signals
from pelican.generators import Generator

from portal import (
    bar_chart,
    content_errors,
    git_dates,
    ita_catalog,
    open_data,
    outputs,
    search,
    thai_format,
)
from portal.build_state import current
from portal.front_matter.schema import FiscalYears
from portal.ita_catalog.coverage import DocumentFacts

from . import records

SETTING = "PROCUREMENT_DIR"
INDEX_URL = "procurement/"
MONTHLY, YEARLY = "procurement/monthly", "procurement/yearly"
REPORTED = "procurement.reported"  # build value: fiscal year -> {(year CE, month)}
SEARCH_TYPE = "สรุปผลการจัดซื้อจัดจ้าง"  # the type search results show


@dataclass
class MonthPage:
    fiscal_year: int
    year: int  # calendar year, CE
    month: int
    rows: list

    @property
    def url(self) -> str:
        return f"{INDEX_URL}{self.fiscal_year}/{self.month:02d}/"

    @property
    def label(self) -> str:
        return records.month_label(self.year, self.month)

    @property
    def title(self) -> str:
        return "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน" + self.label

    @property
    def total(self) -> records.Sum:
        return records.total(self.title, self.rows)


@dataclass
class YearPage:
    data: records.Year
    confirmed: _dt.date
    months: list = field(default_factory=list)  # MonthPage, reported months only

    @property
    def fiscal_year(self) -> int:
        return self.data.fiscal_year

    @property
    def url(self) -> str:
        return f"{INDEX_URL}{self.fiscal_year}/"

    @property
    def title(self) -> str:
        return f"รายงานสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {self.fiscal_year}"

    @property
    def csv_url(self) -> str:
        return f"{self.url}procurement-{self.fiscal_year}.csv"

    @property
    def json_url(self) -> str:
        return f"{self.url}procurement-{self.fiscal_year}.json"

    @property
    def complete(self) -> bool:
        return len(self.months) == 12


def reported_months(data: records.Year, changed: _dt.date) -> list[MonthPage]:
    """The months of the year that have a page: those with rows, and those that
    ended before the file was last changed (nothing was bought in them)."""
    pages = []
    for year, month in data.months():
        rows = data.rows_of(year, month)
        if rows or changed > _month_end(year, month):
            pages.append(MonthPage(data.fiscal_year, year, month, rows))
    return pages


def _month_end(year: int, month: int) -> _dt.date:
    following = _dt.date(year + month // 12, month % 12 + 1, 1)
    return following - _dt.timedelta(days=1)


def due_months(fiscal_year: int, reported: set, today: _dt.date) -> list[str]:
    """The months of ``fiscal_year`` ended by ``today`` with no summary page (Thai)."""
    first, _last = thai_format.fiscal_year_bounds(fiscal_year)
    months = [(first.year + (m < 10), m) for m in records.MONTH_ORDER]
    return [records.month_label(y, m) for y, m in months
            if _month_end(y, m) < today and (y, m) not in reported]


def _csv(page: YearPage) -> bytes:
    header = [name for _, name in records.COLUMNS]
    rows = [[_record(r)[key] for key, _ in records.COLUMNS] for r in page.data.rows]
    return open_data.csv_text([header, *rows]).encode("utf-8-sig")


def _json(page: YearPage) -> bytes:
    head = {"fiscal_year": page.fiscal_year, "title": page.title,
            "columns": {key: name for key, name in records.COLUMNS}}
    return open_data.json_text(head, "records", [_record(r) for r in page.data.rows]).encode()


def _record(row: records.Procurement) -> dict:
    """A row as the exports write it: ISO dates, amounts as numbers, texts as typed."""
    values = {key: getattr(row, key) for key, _ in records.COLUMNS}
    for key in ("date", "contract_date"):
        values[key] = thai_format.iso_date(values[key]) if values[key] else None
    for key in records.MONEY:
        values[key] = float(values[key]) if values[key] is not None else None
    return values


class ProcurementGenerator(Generator):
    """Reads every year's file with the other content; offers the pages as ITA
    evidence; writes the pages, the chart and the downloads."""

    def generate_context(self):
        self.years = []
        folder = self.settings.get(SETTING)
        if not folder:
            return
        reported = current().value(REPORTED, dict)
        ita_catalog.expect(MONTHLY, lambda year, today: [
            f"{month}: ยังไม่มีสรุปผลการจัดซื้อจัดจ้างของเดือนนี้ (เพิ่มรายการใน "
            f"data/procurement/{year}.csv หรือถ้าเดือนนั้นไม่มีการจัดซื้อจัดจ้าง "
            "ให้บันทึกไฟล์หลังสิ้นเดือน)"
            for month in due_months(year, reported.get(year, set()), today)])
        if not os.path.isdir(folder):
            return
        for name in sorted(os.listdir(folder), reverse=True):
            path = os.path.join(folder, name)
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in records.FILE_TYPES:
                continue
            page = self._year(path)
            if page is not None:
                self.years.append(page)
        self._refuse_two_files_of_one_year()
        for page in self.years:
            reported[page.fiscal_year] = {(m.year, m.month) for m in page.months}
            self._offer(page)
            self._index(page)
        if self.years:
            outputs.reserve(INDEX_URL, "หน้าสรุปผลการจัดซื้อจัดจ้าง (จาก data/procurement)")
            self.context["procurement_years"] = self.years
            links = self.context.setdefault("section_links", {})
            links["procurement"] = _Link(INDEX_URL, "สรุปผลการจัดซื้อจัดจ้าง")

    def _year(self, path: str) -> YearPage | None:
        data = records.read_year(path)
        for problem in data.problems:
            content_errors.report(path, problem.line, problem.message, problem.hint)
        if data.problems:
            return None
        changed = git_dates.file_changed(self.settings, path)
        page = YearPage(data, changed)
        page.months = reported_months(data, changed)
        return page

    def _refuse_two_files_of_one_year(self) -> None:
        seen = {}
        for page in self.years:
            if page.fiscal_year in seen:
                content_errors.report(page.data.path, 1,
                                      f"มีข้อมูลปีงบประมาณ {page.fiscal_year} สองไฟล์ "
                                      "(two files for one fiscal year)",
                                      f"เก็บไว้ไฟล์เดียว: {os.path.basename(seen[page.fiscal_year])}"
                                      f" หรือ {os.path.basename(page.data.path)}")
            seen[page.fiscal_year] = page.data.path

    def _offer(self, page: YearPage) -> None:
        years = FiscalYears(page.fiscal_year, page.fiscal_year)
        # Titles with Arabic digits, as the ITA exports for the ITAS system need them.
        for month in page.months:
            ita_catalog.offer(MONTHLY, DocumentFacts(month.title, month.url, years, None,
                                                     not month.rows))
        ita_catalog.offer(YEARLY, DocumentFacts(page.title, page.url, years, None,
                                                not page.data.rows))

    def _index(self, page: YearPage) -> None:
        """The year's report and its months are found by search like documents."""
        digits = self.settings.get("NUMERALS", "thai")
        year = thai_format.numerals(page.fiscal_year, digits)
        filters = [("type", SEARCH_TYPE), ("fiscal_year", str(page.fiscal_year))]
        for url, title in [(page.url, page.title)] + [(m.url, m.title) for m in page.months]:
            search.index_also(search.IndexedDocument(
                url + "index.html", thai_format.numerals(title, digits),
                {"type": SEARCH_TYPE, "date": f"ปีงบประมาณ {year}"}, filters))

    def generate_output(self, writer):
        if not self.years:
            return
        digits = self.settings.get("NUMERALS", "thai")
        self._write(writer, INDEX_URL, "procurement/index")
        for page in self.years:
            chart = bar_chart.svg(
                f"chart-{page.fiscal_year}", f"ราคาที่ตกลงซื้อหรือจ้างรวมรายเดือน ปีงบประมาณ "
                f"{thai_format.numerals(page.fiscal_year, digits)} (บาท)",
                [(thai_format.numerals(s.label, digits), s.price) for s in page.data.by_month()],
                lambda value: thai_format.numerals(f"{value:,.2f}", digits),
                "ตัวเลขของแผนภูมินี้อยู่ในตารางสรุปรายเดือนใต้แผนภูมิ")
            self._write(writer, page.url, "procurement/year", procurement=page, chart=chart)
            for month in page.months:
                self._write(writer, month.url, "procurement/month", procurement=page,
                            month=month)
            for url, content in ((page.csv_url, _csv(page)), (page.json_url, _json(page))):
                outputs.write_output(self.settings, url, content, page.data.path, 1,
                                     "ข้อมูลการจัดซื้อจัดจ้าง")

    def _write(self, writer, url, template, **values):
        writer.write_file(url + "index.html", self.get_template(template), self.context,
                          relative_urls=self.settings.get("RELATIVE_URLS", False), url=url,
                          procurement_years=self.years, **values)


@dataclass(frozen=True)
class _Link:
    url: str
    title: str


def get_generators(_pelican):
    return ProcurementGenerator


def register():
    signals.get_generators.connect(get_generators)
