"""Status of every catalog item, computed from the published documents.

The period rules (ITA year N evaluates fiscal year N, ``Catalog.evaluates_fiscal_year``):

- ``current``: the document's fiscal year, or the span of a multi-year plan,
  includes N.
- ``previous``: it includes N-1.
- ``first_half``: data of the first six months of fiscal year N (1 October to
  31 March). A dated document fits when its date (``issued``) falls in those
  six months. An undated document only tells its fiscal year: it fits when
  that year includes N, because a document that states it is the data of the
  whole fiscal year N also covers its first half. A dated document of year N
  issued from April onwards does not fit, unless its data period says what
  it covers (next rule).
- A document with a *data period* (``data_period``: the first and last day
  its data covers, whatever day it was issued) is judged by that period
  alone. ``current`` and ``previous`` fit when the asked fiscal year is one
  the period touches: a period wholly inside fiscal year N is data of N, and
  a period across two fiscal years (a calendar-year report) is data of both,
  as a multi-year plan is of each of its years. ``first_half`` fits when the
  period lies within 1 October to 31 March of N: a six-month report issued in
  April fits; a whole-year report, or one reaching into April, does not. The
  document's fiscal year, when not written, is the span of the period.
- A document without a date or a fiscal year (an information page) fits no
  period: the assessor needs to see which year the data belong to, unless it
  is *standing information* whose data someone confirmed: a page the portal
  generates from a data file (the structure from data/organisation.yaml, the
  complaint channels, ...) or a document with a ``reviewed`` date. It is
  dated by that confirmation (``DocumentFacts.confirmed``: the ``reviewed``
  date or the last change of its file, whichever is later) and fits an item
  whose asked fiscal year is the confirmation's or an earlier one: what the
  site shows was confirmed as still true during or after that year. Data
  confirmed before the asked year fits nothing.

An item is ``published`` when at least one published document fits,
``wrong-period`` when documents name the item but none fits, ``missing`` when
no document names it. A statement that there was nothing to report
(``nothing_to_report: true``) is evidence like any other document: it also has
to be of the right period (a "no complaints" statement of FY2568 serves a
"previous year" item of ITA 2569, not a "current year" one).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from portal import thai_format

from . import Catalog, Item

PUBLISHED, WRONG_PERIOD, MISSING = "published", "wrong-period", "missing"
STATUS_LABELS = {
    PUBLISHED: "เผยแพร่แล้ว",
    WRONG_PERIOD: "หลักฐานไม่ตรงช่วงเวลา",
    MISSING: "ยังไม่มีหลักฐาน",
}
STATUS_ORDER = (PUBLISHED, WRONG_PERIOD, MISSING)
# Evidence a year page lists per item (the best first: fitting, newest); the
# item's own page lists all. A portal five years old can have hundreds of
# documents per item, and the year page is the assessor's checklist, read on
# phones: at 5,000 documents listing them all made it 1.6 MB.
YEAR_PAGE_EVIDENCE = 3
# How documents are counted, shown to staff and assessors on the ITA page
# (Thai, Arabic digits; the theme converts digits). Keep in step with fits().
STATUS_RULES = {
    PUBLISHED: "มีเอกสารที่เผยแพร่แล้วซึ่งเป็นข้อมูลของช่วงเวลาที่ข้อนั้นกำหนดอย่างน้อย 1 ฉบับ "
               "คำแจ้งว่าไม่มีเรื่องที่ต้องรายงาน (เช่น ไม่มีเรื่องร้องเรียน) ก็นับเป็นหลักฐาน",
    WRONG_PERIOD: "มีเอกสารระบุข้อนั้น แต่ไม่มีฉบับใดเป็นข้อมูลของช่วงเวลาที่กำหนด",
    MISSING: "ยังไม่มีเอกสารที่เผยแพร่แล้วระบุข้อนั้น (เอกสารฉบับร่างไม่นับ)",
}
PERIOD_RULES = {
    "current": "นับเอกสารที่ปีงบประมาณตรงกับปีที่ประเมิน แผนหลายปีนับทุกปีในช่วงของแผน",
    "previous": "นับเอกสารของปีงบประมาณก่อนปีที่ประเมิน 1 ปี",
    "first_half": "นับเอกสารที่ลงวันที่ระหว่าง 1 ตุลาคม ถึง 31 มีนาคม ของปีงบประมาณที่ประเมิน "
                  "หรือเอกสารที่ไม่ได้ลงวันที่แต่ระบุว่าเป็นข้อมูลของปีงบประมาณนั้น "
                  "เอกสารที่ระบุช่วงข้อมูล (data_period) นับเมื่อช่วงนั้นอยู่ภายใน 1 ตุลาคม ถึง 31 มีนาคม "
                  "แม้จะออกหลังวันที่ 31 มีนาคม",
    "data_period": "เอกสารที่ระบุช่วงข้อมูล (data_period) นับตามช่วงนั้นแทนวันที่ออกเอกสาร: "
                   "เป็นข้อมูลของทุกปีงบประมาณที่ช่วงนั้นครอบคลุม",
    None: "เอกสารที่ไม่ระบุวันที่และปีงบประมาณนับเป็นหลักฐานไม่ได้ ให้เพิ่มช่อง fiscal_year "
          "ยกเว้นข้อมูลประจำของหน่วยงาน (เช่น โครงสร้าง ผู้บริหาร ข้อมูลการติดต่อ หรือเอกสารที่มีช่อง "
          "reviewed) ซึ่งนับตามวันที่ยืนยันข้อมูลล่าสุด",
    "standing": "ข้อมูลประจำของหน่วยงาน (หน้าที่ระบบสร้างจากไฟล์ข้อมูล หรือเอกสารที่มีช่อง reviewed) "
                "นับเมื่อยืนยันข้อมูลล่าสุด (วันที่ reviewed หรือวันที่แก้ไฟล์ครั้งล่าสุด "
                "แล้วแต่วันใดหลังกว่า) ในปีงบประมาณที่ข้อนั้นต้องการหรือหลังจากนั้น",
}


@dataclass(frozen=True)
class Evidence:
    """One published document that names the item, and whether it fits the period."""

    title: str
    url: str  # Pelican URL relative to the site root, e.g. documents/slug/
    fiscal_year: object  # front_matter.schema.FiscalYears or None
    issued: _dt.date | None
    nothing_to_report: bool
    fits: bool
    reason: str  # Thai, Arabic digits: why it fits or not
    confirmed: _dt.date | None = None  # standing information: the day its data was confirmed
    data_period: object = None  # front_matter.schema.DataPeriod: the days the data covers


@dataclass(frozen=True)
class ItemCoverage:
    item: Item
    status: str
    evidence: tuple[Evidence, ...]
    explanation: str  # Thai, Arabic digits
    asked: str  # the data the item wants, e.g. "ข้อมูลของปีงบประมาณ 2568"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def evidence_in_year_page(self) -> tuple[Evidence, ...]:
        return self.evidence[:YEAR_PAGE_EVIDENCE]

    @property
    def evidence_only_in_item_page(self) -> int:
        """How many documents the year page leaves to the item's page."""
        return max(0, len(self.evidence) - YEAR_PAGE_EVIDENCE)


def wanted(item: Item, fiscal_year: int) -> str:
    """What the item asks for, in Thai (Arabic digits)."""
    if item.period == "previous":
        return f"ข้อมูลของปีงบประมาณ {fiscal_year - 1}"
    if item.period == "first_half":
        return f"ข้อมูล 6 เดือนแรกของปีงบประมาณ {fiscal_year} ({_first_half_text(fiscal_year)})"
    return f"ข้อมูลของปีงบประมาณ {fiscal_year}"


def first_half(fiscal_year: int) -> tuple[_dt.date, _dt.date]:
    """1 October and 31 March of ``fiscal_year``."""
    first, _last = thai_format.fiscal_year_bounds(fiscal_year)
    return first, _dt.date(first.year + 1, 3, 31)


def _first_half_text(fiscal_year: int) -> str:
    first, march = first_half(fiscal_year)
    return (f"{thai_format.thai_date(first, digits='arabic')} ถึง "
            f"{thai_format.thai_date(march, digits='arabic')}")


def fits(item: Item, fiscal_year: int, years, issued: _dt.date | None,
         confirmed: _dt.date | None = None, period=None) -> tuple[bool, str]:
    """(fits the item's period?, Thai reason) for a document's fiscal years and date.

    ``fiscal_year`` is the year the ITA evaluates; ``years`` the document's
    FiscalYears (or None); ``confirmed`` the day standing information was
    last confirmed (then ``years`` and ``issued`` are not read); ``period``
    the document's DataPeriod, which decides when given.
    """
    if confirmed is not None:
        return _standing_fits(item, fiscal_year, confirmed)
    if period is not None:
        return _period_fits(item, fiscal_year, period)
    if years is None:
        return False, "เอกสารไม่ได้ระบุวันที่หรือปีงบประมาณ จึงบอกไม่ได้ว่าเป็นข้อมูลของปีใด"
    target = fiscal_year - 1 if item.period == "previous" else fiscal_year
    if target not in years:
        return False, f"เป็นข้อมูลของปีงบประมาณ {years} แต่ข้อนี้ต้องการปีงบประมาณ {target}"
    if item.period == "first_half" and issued is not None:
        first, march = first_half(fiscal_year)
        if not first <= issued <= march:
            return False, (f"ลงวันที่ {thai_format.thai_date(issued, digits='arabic')} "
                           "ซึ่งอยู่นอกช่วง 6 เดือนแรกของปีงบประมาณ (ต.ค.-มี.ค.)")
        return True, "ลงวันที่อยู่ในช่วง 6 เดือนแรกของปีงบประมาณ"
    if years.first != years.last:
        return True, f"แผนหรือข้อมูลช่วงปีงบประมาณ {years} ครอบคลุมปีงบประมาณ {target}"
    return True, f"เป็นข้อมูลของปีงบประมาณ {target} ตรงตามที่ข้อนี้ต้องการ"


def _period_fits(item: Item, fiscal_year: int, period) -> tuple[bool, str]:
    """The rules for a document with a data period (module docstring)."""
    span = f"เป็นข้อมูลช่วง {period.text()}"
    if item.period == "first_half":
        first, march = first_half(fiscal_year)
        if first <= period.start and period.end <= march:
            return True, f"{span} ซึ่งอยู่ในช่วง 6 เดือนแรกของปีงบประมาณ {fiscal_year}"
        return False, (f"{span} ซึ่งไม่อยู่ในช่วง 6 เดือนแรกของปีงบประมาณ {fiscal_year} "
                       f"({_first_half_text(fiscal_year)})")
    target = fiscal_year - 1 if item.period == "previous" else fiscal_year
    touched = period.fiscal_years
    if target not in touched:
        return False, f"{span} (ปีงบประมาณ {touched}) แต่ข้อนี้ต้องการปีงบประมาณ {target}"
    if touched.first != touched.last:
        return True, f"{span} ซึ่งรวมข้อมูลของปีงบประมาณ {target} ตามที่ข้อนี้ต้องการ"
    return True, f"{span} ซึ่งอยู่ในปีงบประมาณ {target} ตรงตามที่ข้อนี้ต้องการ"


def _standing_fits(item: Item, fiscal_year: int, confirmed: _dt.date) -> tuple[bool, str]:
    target = fiscal_year - 1 if item.period == "previous" else fiscal_year
    held = thai_format.fiscal_year(confirmed)
    day = thai_format.thai_date(confirmed, digits="arabic")
    if held < target:
        return False, (f"ข้อมูลประจำ ยืนยันล่าสุดเมื่อ {day} (ปีงบประมาณ {held}) ก่อนปีงบประมาณ "
                       f"{target} ที่ข้อนี้ต้องการ: ตรวจว่าข้อมูลยังถูกต้อง แล้วแก้วันที่ reviewed")
    return True, (f"ข้อมูลประจำ ยืนยันล่าสุดเมื่อ {day} (ปีงบประมาณ {held}) "
                  f"จึงเป็นข้อมูลที่ใช้อยู่ในปีงบประมาณ {target}")


def standing_years(confirmed: _dt.date):
    """The fiscal year standing information counts in (its confirmation's), as FiscalYears."""
    from portal.front_matter.schema import FiscalYears

    year = thai_format.fiscal_year(confirmed)
    return FiscalYears(year, year)


@dataclass(frozen=True)
class DocumentFacts:
    """What coverage needs of one Pelican content object, read once per build:
    Pelican recomputes ``url`` on every access, and a document can name many items."""

    title: str
    url: str
    fiscal_year: object  # front_matter.schema.FiscalYears or None
    issued: _dt.date | None
    nothing_to_report: bool
    confirmed: _dt.date | None = None  # standing information: see the module's rules
    data_period: object = None  # front_matter.schema.DataPeriod, which decides when given

    @classmethod
    def of(cls, document) -> DocumentFacts:
        years = getattr(document, "fiscal_year", None)
        issued = getattr(document, "issued", None)
        return cls(
            title=document.title,
            url=document.url,
            fiscal_year=years,
            issued=issued,
            nothing_to_report=bool(getattr(document, "nothing_to_report", False)),
            confirmed=None if years or issued else confirmed_on(
                getattr(document, "metadata", {}).get("reviewed"),
                getattr(document, "last_changed", None)),
            data_period=getattr(document, "data_period", None),
        )

    @classmethod
    def standing(cls, title: str, url: str, confirmed: _dt.date) -> DocumentFacts:
        """A generated page of standing information, confirmed on ``confirmed``."""
        return cls(title, url, standing_years(confirmed), None, False, confirmed)


def confirmed_on(reviewed: _dt.date | None, changed: _dt.date | None) -> _dt.date | None:
    """When standing data was last confirmed: its ``reviewed`` date or its file's
    last change, whichever is later; None without a ``reviewed`` date (a change
    alone is no confirmation: an old scan committed today stays undated)."""
    if reviewed is None:
        return None
    return max(reviewed, changed) if changed else reviewed


def evidence_for(item: Item, fiscal_year: int, facts: DocumentFacts) -> Evidence:
    """Evidence from one document that names ``item``."""
    ok, reason = fits(item, fiscal_year, facts.fiscal_year, facts.issued, facts.confirmed,
                      facts.data_period)
    return Evidence(
        title=facts.title,
        url=facts.url,
        fiscal_year=standing_years(facts.confirmed) if facts.confirmed else facts.fiscal_year,
        issued=facts.issued,
        nothing_to_report=facts.nothing_to_report,
        fits=ok,
        reason=reason,
        confirmed=facts.confirmed,
        data_period=facts.data_period,
    )


def _sort_key(evidence: Evidence):
    # Fitting evidence first, then the newest.
    day = evidence.issued or _dt.date.min
    return (not evidence.fits, -(evidence.fiscal_year.last if evidence.fiscal_year else 0),
            -day.toordinal(), evidence.title)


def item_coverage(item: Item, fiscal_year: int, naming) -> ItemCoverage:
    """Status of ``item`` from the published documents that name it (DocumentFacts,
    in the order of the documents)."""
    evidence = tuple(sorted((evidence_for(item, fiscal_year, facts) for facts in naming),
                            key=_sort_key))
    asked = wanted(item, fiscal_year)
    if any(e.fits for e in evidence):
        status = PUBLISHED
        count = sum(e.fits for e in evidence)
        explanation = f"มีเอกสารที่เผยแพร่แล้ว {count} ฉบับเป็น{asked} ตามที่ข้อนี้กำหนด"
        if any(e.fits and e.nothing_to_report for e in evidence):
            explanation += " (รวมคำแจ้งว่าไม่มีเรื่องที่ต้องรายงาน ซึ่งถือเป็นหลักฐานได้)"
    elif evidence:
        status = WRONG_PERIOD
        explanation = (f"มีเอกสาร {len(evidence)} ฉบับระบุข้อนี้ แต่ไม่มีฉบับใดเป็น{asked}: "
                       "ต้องเผยแพร่เอกสารของช่วงเวลาที่ถูกต้อง")
    else:
        status = MISSING
        explanation = (f"ยังไม่มีเอกสารที่เผยแพร่แล้วระบุข้อนี้ ต้องการ{asked} "
                       "(ถ้าไม่มีเรื่องที่ต้องรายงาน ให้เผยแพร่คำแจ้งว่าไม่มี)")
    return ItemCoverage(item, status, evidence, explanation, asked)


def catalog_coverage(catalog: Catalog, naming: dict) -> list[ItemCoverage]:
    """Every item of ``catalog`` in catalog order, with its status; ``naming`` is
    ``documents_by_item`` of the published documents, shared by every ITA year."""
    return [item_coverage(item, catalog.evaluates_fiscal_year, naming.get(item, ()))
            for item in catalog.items.values()]


def with_offered_pages(naming: dict, catalogs: dict, offered: dict) -> dict:
    """``naming`` with, for every item, the generated pages its ``answered_by`` names
    (``offered``: page name -> [DocumentFacts], ita_catalog.offer)."""
    for catalog in catalogs.values():
        for item in catalog.items.values():
            for page in item.answered_by:
                if offered.get(page):
                    naming.setdefault(item, []).extend(offered[page])
    return naming


def documents_by_item(documents) -> dict[Item, list[DocumentFacts]]:
    """Item -> facts of the documents naming it, in document order.

    One pass over the documents instead of one per item: at 5,000 documents
    scanning every document for each of ~140 items took seconds. Items are
    frozen dataclasses, so a dict lookup matches exactly what ``==`` matched
    (an Item of a cached document equals the freshly loaded catalog's).
    """
    naming: dict[Item, list[DocumentFacts]] = {}
    for document in documents:
        items = getattr(document, "ita", None) or ()
        if not items:
            continue
        facts = DocumentFacts.of(document)
        for item in dict.fromkeys(items):  # a document counts once per item
            naming.setdefault(item, []).append(facts)
    return naming


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    confirmed: bool
    rows: tuple[ItemCoverage, ...]


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    groups: tuple[Group, ...]


def grouped(rows: list[ItemCoverage]) -> list[Indicator]:
    """Rows grouped by indicator, then sub-indicator, keeping catalog order."""
    indicators: dict[tuple, dict[tuple, list]] = {}
    for row in rows:
        groups = indicators.setdefault(row.item.indicator, {})
        groups.setdefault(row.item.group, []).append(row)
    return [
        Indicator(code, name, tuple(
            Group(g_code, g_name, all(r.item.group_confirmed for r in members), tuple(members))
            for (g_code, g_name), members in groups.items()
        ))
        for (code, name), groups in indicators.items()
    ]


def counts(rows: list[ItemCoverage]) -> dict[str, int]:
    return {status: sum(r.status == status for r in rows) for status in STATUS_ORDER}
