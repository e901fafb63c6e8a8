"""The document schema: every document type and front-matter field, declared once.

The reader validates with it, ``invoke new`` writes new documents from it and
``invoke docs`` writes the staff guide (docs/front-matter.md) from it. To add
a field, add one ``Field`` here with a parser; nothing else lists fields.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from portal import ita_catalog, safe_paths, thai_format, yaml_source

# ------------------------------------------------------------------ types


@dataclass(frozen=True)
class DocumentType:
    key: str  # English key, stable in URLs and exports
    label: str  # Thai name as staff say it
    description: str
    is_page: bool = False  # plain information page, lives in content/pages
    requires: tuple[str, ...] = ()  # fields required for this type only
    # In force until replaced (a manual): the original may carry no date or
    # year at all, and the portal must not invent one.
    standing: bool = False


DOCUMENT_TYPES = (
    DocumentType("announcement", "ประกาศ", "ประกาศของหน่วยงาน เช่น ประกาศใช้แผน ประกาศเจตนารมณ์",
                 requires=("date",)),
    DocumentType("order", "คำสั่ง", "คำสั่งแต่งตั้ง มอบหมายงาน", requires=("date",)),
    DocumentType(
        "memo",
        "บันทึกข้อความ",
        "หนังสือภายในที่มี ส่วนราชการ ที่ วันที่ เรื่อง เรียน",
        requires=("date", "subject", "addressee"),
    ),
    DocumentType("report", "รายงาน", "รายงานผลการดำเนินงาน รายงานการติดตาม"),
    DocumentType("measure", "มาตรการ", "มาตรการป้องกันการทุจริต มาตรการส่งเสริมคุณธรรม"),
    DocumentType("manual", "คู่มือ", "คู่มือการปฏิบัติงาน คู่มือการให้บริการ (ใช้จนกว่าจะมีฉบับใหม่ "
                 "จึงไม่บังคับวันที่)", standing=True),
    DocumentType("plan", "แผน", "แผนพัฒนาท้องถิ่น แผนปฏิบัติการ แผนอัตรากำลัง"),
    DocumentType("news", "ข่าวประชาสัมพันธ์", "ข่าวกิจกรรมของหน่วยงาน", requires=("date",)),
    DocumentType(
        "page",
        "ข้อมูลหน่วยงาน",
        "หน้าข้อมูลทั่วไป เช่น โครงสร้าง อำนาจหน้าที่ ข้อมูลการติดต่อ (อยู่ในโฟลเดอร์ content/pages)",
        is_page=True,
    ),
)
TYPES_BY_NAME = {t.key: t for t in DOCUMENT_TYPES} | {t.label: t for t in DOCUMENT_TYPES}


def announcements(documents) -> list:
    """The announcements among ``documents``, in their order: the home page's
    latest announcements and the announcements feed list the same documents."""
    return [document for document in documents
            if getattr(document, "doc_type", None) is not None
            and document.doc_type.key == "announcement"]

# ------------------------------------------------------------------ values


@dataclass(frozen=True)
class FiscalYears:
    """One fiscal year (first == last) or a span such as a 5-year plan."""

    first: int
    last: int

    def __contains__(self, year: int) -> bool:
        return self.first <= year <= self.last

    def __iter__(self):
        return iter(range(self.first, self.last + 1))

    def __str__(self) -> str:
        if self.first == self.last:
            return str(self.first)
        return f"{self.first}-{self.last}"


@dataclass(frozen=True)
class DataPeriod:
    """The days a document's data covers (``data_period``), both ends included:
    a report issued in April on October to March has the period October-March."""

    start: _dt.date
    end: _dt.date

    @property
    def fiscal_years(self) -> FiscalYears:
        """The fiscal years the period touches."""
        return FiscalYears(thai_format.fiscal_year(self.start), thai_format.fiscal_year(self.end))

    def text(self, digits: str = "arabic") -> str:
        """ "1 ตุลาคม 2567 ถึง 31 มีนาคม 2568" (how ITA reasons and pages name it)."""
        return (f"{thai_format.thai_date(self.start, digits=digits)} ถึง "
                f"{thai_format.thai_date(self.end, digits=digits)}")


@dataclass(frozen=True)
class Signatory:
    name: str
    position: str
    acting_for: str = ""


@dataclass(frozen=True)
class Attachment:
    file: str  # path relative to the document's folder, also its relative URL
    title: str
    size: int  # bytes

    @property
    def kind(self) -> str:
        return os.path.splitext(self.file)[1].lstrip(".").upper() or "FILE"


@dataclass(frozen=True)
class Change:
    date: _dt.date
    note: str


# A wrong value; ``where`` is the path below the field, for the line number.
FieldError = yaml_source.FieldError


@dataclass
class ParseContext:
    """What a parser may need besides the value itself."""

    document_dir: str
    catalogs: Callable[[], dict]  # ITA year -> ita_catalog.Catalog, loaded on demand
    content_root: str = ""  # the content folder; the document's folder when not given


# ------------------------------------------------------------------ parsers


def _text(value, ctx=None) -> str:
    if isinstance(value, (dict, list)):
        raise FieldError(
            "ต้องเป็นข้อความบรรทัดเดียว ไม่ใช่รายการ (must be plain text)",
            "เขียนค่าต่อจากเครื่องหมาย : ในบรรทัดเดียวกัน",
        )
    text = " ".join(str(value or "").split())
    if not text:
        raise FieldError("ว่างเปล่า (empty)", "ใส่ข้อความ หรือลบบรรทัดนี้ถ้าไม่ใช้")
    return text


def _type(value, ctx=None) -> DocumentType:
    name = _text(value)
    if name not in TYPES_BY_NAME:
        choices = ", ".join(f"{t.label} ({t.key})" for t in DOCUMENT_TYPES)
        raise FieldError(
            f"ไม่รู้จักประเภทเอกสาร \"{name}\" (unknown document type)",
            f"ใช้ประเภทใดประเภทหนึ่ง: {choices}",
        )
    return TYPES_BY_NAME[name]


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


MAX_SLUG = 100  # a file name on disk has at most 255 bytes; a link should stay short


def _slug(value, ctx=None) -> str:
    slug = _text(value)
    if len(slug) > MAX_SLUG:
        raise FieldError(
            f"ชื่อในลิงก์ยาว {len(slug)} ตัวอักษร เกิน {MAX_SLUG} (slug too long)",
            "ใช้ชื่อสั้น ๆ เช่น announcement-2569-001",
        )
    if not _SLUG.match(slug):
        raise FieldError(
            f"\"{slug}\" ใช้เป็นชื่อในลิงก์ไม่ได้ (slug may only use a-z, 0-9 and -)",
            "ใช้อักษรอังกฤษตัวเล็ก ตัวเลข และขีด - เท่านั้น เช่น announcement-2569-001",
        )
    return slug


def _date(value, ctx=None) -> _dt.date:
    try:
        return thai_format.parse_date(_text(value))
    except thai_format.ThaiDateError as error:
        raise FieldError(str(error), error.hint) from None


def _reviewed(value, ctx=None) -> _dt.date:
    day = _date(value, ctx)
    if day > _dt.date.today():
        raise FieldError(f"วันที่ยืนยันข้อมูล \"{value}\" ยังมาไม่ถึง (reviewed is in the future)",
                         "เขียนวันที่ที่ตรวจแล้วว่าข้อมูลยังถูกต้อง ซึ่งต้องไม่หลังวันนี้")
    return day


# Where a period's first day ends and its last begins: "ถึง", a dash, or "-" (which
# ISO dates also contain: each "-" is tried, and only a split into two dates counts).
_PERIOD_JOIN = re.compile(r"\s*(?:ถึง|–|—|-)\s*")
_PERIOD_JOIN_CLEAR = re.compile(r"\s*(?:ถึง|–|—)\s*|\s+-\s+")
_PERIOD_OPENING = re.compile(r"^(?:ตั้งแต่|ระหว่าง)\s*")
PERIOD_HINT = ("เขียนวันแรกและวันสุดท้ายของข้อมูล คั่นด้วย - หรือ ถึง เช่น "
               "1 ตุลาคม 2567 - 31 มีนาคม 2568 หรือ ตุลาคม 2567 - มีนาคม 2568 "
               "(เดือนและปี = ทั้งเดือน)")


def _period_end(text: str, last: bool) -> _dt.date:
    """One end of a period; a month alone is its first day, or its last for the end."""
    day = thai_format.parse_date(text)
    if isinstance(day, thai_format.MonthDate):
        return thai_format.month_end(day) if last else _dt.date(day.year, day.month, 1)
    return day


def _period_splits(text: str) -> set[tuple[_dt.date, _dt.date]]:
    """Every (first day, last day) that ``text`` reads as, split at one joining word."""
    found = set()
    for join in _PERIOD_JOIN.finditer(text):
        try:
            found.add((_period_end(text[:join.start()], False),
                       _period_end(text[join.end():], True)))
        except thai_format.ThaiDateError:
            continue
    return found


def _period_problem(text: str, value) -> FieldError:
    """Why ``text`` is no period: the mistake of one of its dates, when it is clearly
    two dates, else that it is not written as a period."""
    join = _PERIOD_JOIN_CLEAR.search(text)
    if join:
        for part, last in ((text[:join.start()], False), (text[join.end():], True)):
            try:
                _period_end(part, last)
            except thai_format.ThaiDateError as error:
                return FieldError(f"ช่วงวันที่ \"{value}\": {error}", PERIOD_HINT)
    return FieldError(f"อ่านช่วงวันที่ \"{value}\" ไม่ได้ ต้องเป็นวันที่สองวันคั่นด้วย - หรือ ถึง "
                      "(not a period of two dates)", PERIOD_HINT)


def _data_period(value, ctx=None) -> DataPeriod:
    text = _PERIOD_OPENING.sub("", " ".join(thai_format.arabic_digits(_text(value)).split()))
    try:  # one month alone is the whole month ("มีนาคม 2568")
        month = thai_format.parse_date(text)
        if isinstance(month, thai_format.MonthDate):
            return DataPeriod(_dt.date(month.year, month.month, 1), thai_format.month_end(month))
    except thai_format.ThaiDateError:
        pass
    splits = _period_splits(text)
    if len(splits) != 1:
        raise (_period_problem(text, value) if not splits else FieldError(
            f"ช่วงวันที่ \"{value}\" อ่านได้หลายแบบ (ambiguous period)",
            "คั่นวันแรกกับวันสุดท้ายด้วยคำว่า ถึง เช่น 2024-10-01 ถึง 2025-03-31"))
    start, end = splits.pop()
    if end < start:
        raise FieldError(
            f"ช่วงวันที่ \"{value}\" สิ้นสุด ({thai_format.thai_date(end)}) ก่อนวันเริ่มต้น "
            f"({thai_format.thai_date(start)}) (the period ends before it starts)",
            "เขียนวันแรกของข้อมูลก่อน แล้วจึงวันสุดท้าย เช่น 1 ตุลาคม 2567 - 31 มีนาคม 2568 "
            "และตรวจปี พ.ศ. ของทั้งสองวัน")
    return DataPeriod(start, end)


_YEAR = re.compile(r"^(?:พ\.?\s*ศ\.?\s*)?(\d{4})(?:\s*-\s*(\d{4}))?$")


def _fiscal_year(value, ctx=None) -> FiscalYears:
    text = thai_format.arabic_digits(_text(value))
    match = _YEAR.match(text)
    hint = "เขียนปี พ.ศ. 4 หลัก เช่น 2568 หรือช่วงปีของแผน เช่น 2566-2570"
    if not match:
        raise FieldError(f"ปีงบประมาณ \"{value}\" ไม่ถูกต้อง (invalid fiscal year)", hint)
    first = int(match[1])
    last = int(match[2] or first)
    if not (2400 < first <= last < 2700):
        raise FieldError(
            f"ปีงบประมาณ \"{value}\" ต้องเป็นปี พ.ศ. และปีแรกต้องไม่มากกว่าปีสุดท้าย "
            "(fiscal year must be Buddhist Era, first <= last)",
            hint,
        )
    return FiscalYears(first, last)


STATUSES = {"published": "published", "เผยแพร่": "published", "draft": "draft", "ร่าง": "draft"}


def _status(value, ctx=None) -> str:
    text = _text(value)
    if text not in STATUSES:
        raise FieldError(
            f"สถานะ \"{text}\" ไม่ถูกต้อง (unknown status)",
            "ใช้ published (เผยแพร่) หรือ draft (ร่าง ยังไม่เผยแพร่)",
        )
    return STATUSES[text]


@dataclass(frozen=True)
class Part:
    """A sub-field of a list of records (a signatory's name): what the parser accepts
    and what the editor's form shows."""

    key: str
    label: str
    required: bool = True
    form: str = "text"  # as Field.form


SIGNATORY_PARTS = (Part("name", "ชื่อ"), Part("position", "ตำแหน่ง"),
                   Part("acting_for", "การปฏิบัติหน้าที่แทน (ถ้ามี)", required=False))
ATTACHMENT_PARTS = (Part("file", "ไฟล์", form="file"), Part("title", "คำอธิบายไฟล์"))
CHANGE_PARTS = (Part("date", "วันที่แก้ไข", form="date"), Part("note", "สิ่งที่แก้"))


def _records(value, parts: tuple[Part, ...], example: str):
    """A list of small mappings such as signatories: yields (index, record)."""
    required = tuple(p.key for p in parts if p.required)
    optional = tuple(p.key for p in parts if not p.required)
    if not isinstance(value, list) or not value:
        raise FieldError("ต้องเป็นรายการที่ขึ้นต้นแต่ละรายการด้วย - (must be a list)", example)
    for index, record in enumerate(value):
        if not isinstance(record, dict):
            raise FieldError("แต่ละรายการต้องมีช่องย่อย (each entry needs sub-fields)",
                             example, (index,))
        for key in record:
            if key not in required + optional:
                raise FieldError(
                    f"ไม่รู้จักช่องย่อย \"{key}\" (unknown sub-field)",
                    "ช่องย่อยที่ใช้ได้: " + ", ".join(required + optional), (index, key))
        for key in required:
            if record.get(key) in (None, ""):
                raise FieldError(f"รายการที่ {index + 1} ไม่มีช่องย่อย {key} (missing {key})",
                                 example, (index,))
        yield index, record


def _within(index, key, parse, *args):
    """``parse(*args)`` for one sub-field, pointing errors at that sub-field's line."""
    try:
        return parse(*args)
    except FieldError as error:
        raise FieldError(error.message, error.hint, (index, key) + error.where) from None


def _signatories(value, ctx=None) -> tuple[Signatory, ...]:
    example = "เช่น\n      - name: นางสมิตา อรรควงษ์\n        position: ปลัดเทศบาล"
    result = []
    for index, record in _records(value, SIGNATORY_PARTS, example):
        result.append(Signatory(
            name=_within(index, "name", _text, record["name"]),
            position=_within(index, "position", _text, record["position"]),
            acting_for=" ".join(str(record.get("acting_for") or "").split()),
        ))
    return tuple(result)


def _ita(value, ctx) -> tuple:
    """The catalog items (ita_catalog.Item) this document is evidence for."""
    return ita_catalog.evidence_items(value, ctx.catalogs())


FLAGS = yaml_source.FLAG_WORDS  # the yes/no words of every data file


def _flag(value, ctx=None) -> bool:
    result = yaml_source.flag(value)
    if result is None:
        raise yaml_source.flag_error(value)
    return result


def _local_file(ctx: ParseContext, relative: str) -> str:
    """Absolute path of a file in the document's folder (safe_paths' rule); errors if absent."""
    relative = relative.strip()
    if ".." in relative.replace("\\", "/").split("/"):
        raise FieldError(
            f"\"{relative}\" ต้องเป็นไฟล์ในโฟลเดอร์เดียวกับเอกสาร (must be beside the document)",
            "วางไฟล์ไว้ในโฟลเดอร์เดียวกับไฟล์ .md แล้วเขียนเฉพาะชื่อไฟล์",
        )
    folder = ctx.document_dir
    try:
        return safe_paths.resolve_published(relative, folder, folder, ctx.content_root or folder)
    except safe_paths.FileMissing as missing:
        raise FieldError(
            f"ไม่พบไฟล์แนบ \"{relative}\" (attachment not found)",
            missing.did_you_mean()
            + f"ตรวจชื่อไฟล์ให้ตรงทุกตัวอักษร และวางไฟล์ไว้ที่ {os.path.relpath(folder)}",
        ) from None
    except safe_paths.PathRefused as refused:
        raise FieldError(refused.message, refused.hint) from None


def _attachments(value, ctx) -> tuple[Attachment, ...]:
    example = "เช่น\n      - file: รายงาน.pdf\n        title: ฉบับสแกนที่ลงนามแล้ว"
    result = []
    for index, record in _records(value, ATTACHMENT_PARTS, example):
        relative = str(record["file"]).strip()
        path = _within(index, "file", _local_file, ctx, relative)
        result.append(Attachment(
            file=relative.replace("\\", "/"),
            title=_within(index, "title", _text, record["title"]),
            size=os.path.getsize(path),
        ))
    return tuple(result)


def _changes(value, ctx=None) -> tuple[Change, ...]:
    example = "เช่น\n      - date: 2 มิถุนายน 2568\n        note: แก้ชื่อผู้ลงนามที่พิมพ์ผิด"
    result = []
    for index, record in _records(value, CHANGE_PARTS, example):
        result.append(Change(
            date=_within(index, "date", _date, record["date"]),
            note=_within(index, "note", _text, record["note"]),
        ))
    return tuple(result)


# ------------------------------------------------------------------ fields

ALL = "all"
DOCUMENTS = "documents"  # every type except plain pages
OPTIONAL = "optional"


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # Thai name shown to staff and in the document page
    parse: Callable
    required: str  # ALL, DOCUMENTS or OPTIONAL; per-type needs are in DocumentType.requires
    help: str
    example: str  # YAML for the value, as `invoke new` writes it
    new_document: bool = False  # written (uncommented) by `invoke new`
    # How a form edits it (portal/editor): text, long_text, type, slug, date, fiscal_year,
    # flag, status, ita, or records of ``parts``.
    form: str = "text"
    parts: tuple = ()

    def required_for(self, doc_type: DocumentType) -> bool:
        if self.required == ALL or self.key in doc_type.requires:
            return True
        return self.required == DOCUMENTS and not doc_type.is_page


FIELDS = (
    Field("title", "ชื่อเรื่อง", _text, ALL,
          "ชื่อเอกสารตามที่ปรากฏบนเอกสารจริง", "ประกาศองค์การบริหารส่วนตำบล...", True),
    Field("type", "ประเภทเอกสาร", _type, ALL,
          "ประเภทของเอกสาร เขียนเป็นภาษาไทยหรืออังกฤษก็ได้", "ประกาศ", True,
          form="type"),
    Field("slug", "ชื่อในลิงก์", _slug, ALL,
          "ส่วนท้ายของลิงก์ถาวร (documents/ชื่อนี้/) ห้ามเปลี่ยนหลังเผยแพร่ "
          "เพราะผู้ประเมิน ITA ใช้ลิงก์นี้ และห้ามซ้ำกับชื่อที่ระบบใช้ เช่น search, ita, documents",
          "announcement-2569-001", True,
          form="slug"),
    Field("date", "วันที่ออกเอกสาร", _date, OPTIONAL,
          "วันที่ตามที่ลงในเอกสาร เขียนแบบไทยหรือ ISO ก็ได้ ถ้าต้นฉบับระบุแค่เดือนและปี "
          "เขียน ตุลาคม 2560 ถ้าไม่ได้ลงวันที่เลย ให้เว้นไว้และระบุ fiscal_year แทน (ห้ามเดาวันที่)",
          "16 พฤษภาคม 2568", True,
          form="date"),
    Field("fiscal_year", "ปีงบประมาณ", _fiscal_year, OPTIONAL,
          "ปีงบประมาณที่ข้อมูลในเอกสารเป็นของ (พ.ศ.) ถ้าไม่ระบุจะคำนวณจากวันที่ "
          "แผนหลายปีเขียนเป็นช่วง เช่น 2566-2570 เอกสารที่ไม่มีวันที่ต้องระบุช่องนี้",
          "2568", True,
          form="fiscal_year"),
    Field("data_period", "ข้อมูลช่วงวันที่", _data_period, OPTIONAL,
          "ช่วงเวลาที่ข้อมูลในเอกสารครอบคลุม แยกจากวันที่ออกเอกสาร เช่น รายงานรอบ 6 เดือนที่ออกเดือนเมษายน "
          "เป็นข้อมูลช่วง 1 ตุลาคม ถึง 31 มีนาคม: วันแรกและวันสุดท้ายคั่นด้วย - หรือ ถึง "
          "เขียนแค่เดือนและปีได้ (ตุลาคม 2567 = ทั้งเดือน) ITA ใช้ช่วงนี้ตัดสินว่าเอกสารเป็นข้อมูลของปีใด "
          "หรือของ 6 เดือนแรก และถ้าไม่ระบุ fiscal_year จะคำนวณปีงบประมาณจากช่วงนี้",
          "1 ตุลาคม 2567 - 31 มีนาคม 2568"),
    Field("reviewed", "ข้อมูล ณ วันที่", _reviewed, OPTIONAL,
          "สำหรับเอกสารที่ใช้ต่อเนื่องโดยไม่มีวันที่และปีงบประมาณ (เช่น คู่มือ ข้อมูลหน่วยงาน): "
          "วันที่ตรวจแล้วว่าข้อมูลยังถูกต้อง ITA นับเอกสารนี้ในปีงบประมาณของวันที่นี้ "
          "หรือวันที่แก้ไฟล์ครั้งล่าสุด แล้วแต่วันใดหลังกว่า",
          "3 ธันวาคม 2569",
          form="date"),
    Field("organisation", "หน่วยงานที่ออกเอกสาร", _text, OPTIONAL,
          "ถ้าไม่ระบุ ใช้ชื่อหน่วยงานของเว็บไซต์", "เทศบาลตำบล..."),
    Field("division", "ส่วนราชการ / กอง", _text, OPTIONAL,
          "สำนักหรือกองที่ออกเอกสาร", "กองยุทธศาสตร์และงบประมาณ", True),
    Field("number", "ที่ (เลขที่หนังสือ)", _text, OPTIONAL,
          "เลขที่หนังสือตามที่ลงในเอกสาร โดยไม่ต้องเขียนคำว่า ที่", "กพ ๕๓๓๐๗/๐๗๒"),
    Field("subject", "เรื่อง", _text, OPTIONAL,
          "เรื่องของหนังสือ (ต้องมีในบันทึกข้อความ)", "รายงานผลการ..."),
    Field("addressee", "เรียน", _text, OPTIONAL,
          "ผู้รับหนังสือ (ต้องมีในบันทึกข้อความ)", "นายกเทศมนตรีตำบล..."),
    Field("signatories", "ผู้ลงนาม", _signatories, OPTIONAL,
          "ผู้ลงนามตามลำดับในเอกสาร: name ชื่อ, position ตำแหน่ง, "
          "acting_for ข้อความการปฏิบัติหน้าที่แทน (ถ้ามี) เช่น ปฏิบัติหน้าที่ นายก...",
          "\n  - name: นาย...\n    position: นายกองค์การบริหารส่วนตำบล...", True,
          form="records", parts=SIGNATORY_PARTS),
    Field("ita", "หลักฐานตัวชี้วัด ITA", _ita, OPTIONAL,
          "ข้อ OIT ที่เอกสารนี้เป็นหลักฐาน: ปี ITA ตามด้วยรหัสข้อ ระบุได้หลายปีหลายข้อ",
          "\n  2569: [O4]", True,
          form="ita"),
    Field("nothing_to_report", "แจ้งว่าไม่มีเรื่องที่ต้องรายงาน", _flag, OPTIONAL,
          "true เมื่อเอกสารนี้แจ้งว่าในช่วงเวลานั้นไม่มีเรื่องที่ต้องรายงาน เช่น ไม่มีเรื่องร้องเรียน "
          "การทุจริต หรือไม่มีค่าธรรมเนียม ITA ถือว่าคำแจ้งนี้เป็นหลักฐานของข้อที่ระบุในช่อง ita "
          "(ต้องระบุช่อง ita และปีงบประมาณที่แจ้งด้วย) " + yaml_source.FLAG_HINT, "true",
          form="flag"),
    Field("attachments", "ไฟล์แนบ", _attachments, OPTIONAL,
          "ไฟล์ที่วางไว้ในโฟลเดอร์เดียวกับเอกสาร: file ชื่อไฟล์, title คำอธิบาย",
          "\n  - file: ฉบับลงนาม.pdf\n    title: ฉบับสแกนที่ลงนามแล้ว",
          form="records", parts=ATTACHMENT_PARTS),
    Field("status", "สถานะ", _status, OPTIONAL,
          "published = เผยแพร่ (ค่าเริ่มต้น), draft = ร่าง ยังไม่แสดงบนเว็บไซต์",
          "published", True,
          form="status"),
    Field("changes", "บันทึกการแก้ไข", _changes, OPTIONAL,
          "ทุกครั้งที่แก้ไขเอกสารที่เผยแพร่แล้ว ให้เพิ่มวันที่และสิ่งที่แก้",
          "\n  - date: 2 มิถุนายน 2568\n    note: แก้ชื่อผู้ลงนามที่พิมพ์ผิด",
          form="records", parts=CHANGE_PARTS),
    Field("summary", "สรุปย่อ", _text, OPTIONAL,
          "หนึ่งถึงสองประโยค ใช้ในรายการเอกสารและผลการค้นหา", "...",
          form="long_text"),
)
FIELDS_BY_KEY = {f.key: f for f in FIELDS}
FIELDS_BY_LABEL = {f.label: f for f in FIELDS}
