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
  issued from April onwards does not fit.
- A document without a date or a fiscal year (an information page) fits no
  period: the assessor needs to see which year the data belong to.

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
                  "หรือเอกสารที่ไม่ได้ลงวันที่แต่ระบุว่าเป็นข้อมูลของปีงบประมาณนั้น",
    None: "เอกสารที่ไม่ระบุวันที่และปีงบประมาณ (เช่น หน้าข้อมูลหน่วยงาน) นับเป็นหลักฐานไม่ได้ "
          "ให้เพิ่มช่อง fiscal_year",
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
        first, _last = thai_format.fiscal_year_bounds(fiscal_year)
        march = _dt.date(first.year + 1, 3, 31)
        return (f"ข้อมูล 6 เดือนแรกของปีงบประมาณ {fiscal_year} "
                f"({thai_format.thai_date(first, digits='arabic')} ถึง "
                f"{thai_format.thai_date(march, digits='arabic')})")
    return f"ข้อมูลของปีงบประมาณ {fiscal_year}"


def fits(item: Item, fiscal_year: int, years, issued: _dt.date | None) -> tuple[bool, str]:
    """(fits the item's period?, Thai reason) for a document's fiscal years and date.

    ``fiscal_year`` is the year the ITA evaluates; ``years`` the document's
    FiscalYears (or None).
    """
    if years is None:
        return False, "เอกสารไม่ได้ระบุวันที่หรือปีงบประมาณ จึงบอกไม่ได้ว่าเป็นข้อมูลของปีใด"
    target = fiscal_year - 1 if item.period == "previous" else fiscal_year
    if target not in years:
        return False, f"เป็นข้อมูลของปีงบประมาณ {years} แต่ข้อนี้ต้องการปีงบประมาณ {target}"
    if item.period == "first_half" and issued is not None:
        first, _last = thai_format.fiscal_year_bounds(fiscal_year)
        march = _dt.date(first.year + 1, 3, 31)
        if not first <= issued <= march:
            return False, (f"ลงวันที่ {thai_format.thai_date(issued, digits='arabic')} "
                           "ซึ่งอยู่นอกช่วง 6 เดือนแรกของปีงบประมาณ (ต.ค.-มี.ค.)")
        return True, "ลงวันที่อยู่ในช่วง 6 เดือนแรกของปีงบประมาณ"
    if years.first != years.last:
        return True, f"แผนหรือข้อมูลช่วงปีงบประมาณ {years} ครอบคลุมปีงบประมาณ {target}"
    return True, f"เป็นข้อมูลของปีงบประมาณ {target} ตรงตามที่ข้อนี้ต้องการ"


@dataclass(frozen=True)
class DocumentFacts:
    """What coverage needs of one Pelican content object, read once per build:
    Pelican recomputes ``url`` on every access, and a document can name many items."""

    title: str
    url: str
    fiscal_year: object  # front_matter.schema.FiscalYears or None
    issued: _dt.date | None
    nothing_to_report: bool

    @classmethod
    def of(cls, document) -> DocumentFacts:
        return cls(
            title=document.title,
            url=document.url,
            fiscal_year=getattr(document, "fiscal_year", None),
            issued=getattr(document, "issued", None),
            nothing_to_report=bool(getattr(document, "nothing_to_report", False)),
        )


def evidence_for(item: Item, fiscal_year: int, facts: DocumentFacts) -> Evidence:
    """Evidence from one document that names ``item``."""
    ok, reason = fits(item, fiscal_year, facts.fiscal_year, facts.issued)
    return Evidence(
        title=facts.title,
        url=facts.url,
        fiscal_year=facts.fiscal_year,
        issued=facts.issued,
        nothing_to_report=facts.nothing_to_report,
        fits=ok,
        reason=reason,
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
