"""Checks a document's front matter against the schema, collecting every error."""

from __future__ import annotations

import difflib
import re

from portal import thai_format
from portal.yaml_source import Problem

from .schema import FIELDS, FIELDS_BY_KEY, FIELDS_BY_LABEL, FieldError, FiscalYears

FRONT_MATTER_HINT = (
    "ขึ้นต้นไฟล์ด้วยบรรทัด --- ตามด้วยช่องข้อมูล เช่น title: ... แล้วปิดด้วยบรรทัด --- "
    "(คำสั่ง invoke new สร้างไฟล์ตัวอย่างให้)"
)
_FENCE = re.compile(r"^(---|\.\.\.)\s*$")


def split_front_matter(text: str):
    """(yaml text, first yaml line, body, first body line) or a Problem."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return Problem(1, "ไม่พบส่วนข้อมูลเอกสาร (front matter) ที่บรรทัดแรก "
                          "(missing front matter: the file must start with ---)",
                       FRONT_MATTER_HINT)
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return yaml_text, 2, body, index + 2
    return Problem(1, "ส่วนข้อมูลเอกสารไม่มีบรรทัด --- ปิดท้าย "
                      "(front matter is not closed with ---)", FRONT_MATTER_HINT)


def validate(located, ctx) -> tuple[dict, list[Problem]]:
    """Typed values by field key, and every problem found (empty when valid)."""
    data = located.data
    if not isinstance(data, dict):
        return {}, [Problem(located.line(), "ส่วนข้อมูลเอกสารต้องเป็นรายการ ชื่อช่อง: ค่า "
                                            "(front matter must be key: value lines)",
                            FRONT_MATTER_HINT)]
    problems = _normalise_texts(data, located)
    values = {}
    for key, raw in data.items():
        field = FIELDS_BY_KEY.get(key)
        if field is None:
            problems.append(_unknown_field(key, located.line(key)))
            continue
        if raw is None:
            continue  # an empty optional field; required ones are caught below
        try:
            values[key] = field.parse(raw, ctx)
        except FieldError as error:
            problems.append(Problem(
                located.line(key, *error.where),
                f"ช่อง {key} ({field.label}): {error.message}",
                error.hint,
            ))
    doc_type = values.get("type")
    before_publishing = []
    if doc_type is not None:
        for field in FIELDS:
            if field.required_for(doc_type) and data.get(field.key) in (None, ""):
                needed = before_publishing if field.key not in ESSENTIAL else problems
                needed.append(_missing(field, doc_type, located))
    before_publishing.extend(_undated(values, located))
    problems.extend(_cross_checks(values, located))
    if values.get("status") == "draft":
        before_publishing = [_draft_warning(p) for p in before_publishing]
    return values, problems + before_publishing


# What the page of even a draft cannot be made without; the other required facts
# (a date, a number...) may wait until the draft is published, since an import or
# `invoke new` leaves them for the clerk to fill in from the source.
ESSENTIAL = ("title", "type", "slug")


def _draft_warning(problem: Problem) -> Problem:
    return Problem(problem.line, "ฉบับร่าง: " + problem.message,
                   problem.hint + " ก่อนเปลี่ยนเป็น status: published (needed before publishing)",
                   warning=True)


# Values that name a file on disk: written as the file is named, never changed.
_FILE_NAMES = ("attachments", None, "file")


def _normalise_texts(data, located) -> list[Problem]:
    """Every text of the front matter in one Thai form (thai_format.normalise_text),
    in place: a division typed with sara am as nikhahit + sara aa (pasted from
    a PDF) or with a zero-width space would make a listing of its own that
    looks the same. A warning tells the clerk where the file differs."""
    problems = []

    def visit(container, path):
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for key, value in list(items):
            where = path + (key,)
            if isinstance(value, (dict, list)):
                visit(value, where)
            elif isinstance(value, str) and not _is_file_name(where):
                normal = thai_format.normalise_text(value)
                if normal != " ".join(value.split()):
                    problems.append(Problem(
                        located.line(*where),
                        f"ข้อความ \"{normal}\" มีอักขระที่พิมพ์ต่างจากปกติ เช่น สระอำที่แยกเป็นสองตัว "
                        "อักขระที่มองไม่เห็น หรือวรรณยุกต์ซ้ำ ระบบใช้แบบปกติให้แล้ว "
                        "(unusual Thai characters normalised)",
                        "พิมพ์ข้อความนี้ใหม่ในไฟล์ (อย่าคัดลอกจาก PDF) เพื่อให้ค้นหาและจัดกลุ่มได้ตรงกัน",
                        warning=True))
                container[key] = normal

    visit(data, ())
    return problems


def _is_file_name(path: tuple) -> bool:
    return len(path) == len(_FILE_NAMES) and all(
        part is None or part == key for part, key in zip(_FILE_NAMES, path, strict=True))


def _unknown_field(key: str, line: int) -> Problem:
    by_label = FIELDS_BY_LABEL.get(key)
    if by_label:
        hint = f"ใช้ชื่อช่องภาษาอังกฤษ: {by_label.key}"
    else:
        close = difflib.get_close_matches(key, list(FIELDS_BY_KEY), n=1, cutoff=0.6)
        hint = (f"หมายถึง {close[0]} หรือไม่" if close else
                "ช่องที่ใช้ได้: " + ", ".join(FIELDS_BY_KEY))
    return Problem(line, f"ไม่รู้จักช่อง \"{key}\" (unknown field)", hint)


def _missing(field, doc_type, located) -> Problem:
    example = field.example if field.example.startswith("\n") else " " + field.example
    if field.key in located.data:  # `title:` written with nothing after it
        return Problem(
            located.line(field.key),
            f"ช่อง {field.key} ({field.label}) ว่างเปล่า แต่เอกสารประเภท{doc_type.label}ต้องมี "
            f"(required field {field.key} is empty)",
            f"เขียนค่าต่อท้ายบรรทัดนี้ เช่น {field.key}:{example}",
        )
    return Problem(
        located.line(),
        f"เอกสารประเภท{doc_type.label}ต้องมีช่อง {field.key} ({field.label}) "
        f"(missing required field {field.key})",
        f"เพิ่มบรรทัด {field.key}:{example}",
    )


def _undated(values: dict, located) -> list[Problem]:
    if (values.get("date") or values.get("fiscal_year") or values.get("data_period")
            or "type" not in values
            or "date" in located.data or values["type"].is_page or values["type"].standing):
        return []
    return [Problem(
        located.line(),
        "เอกสารต้องมีวันที่ (date) หรือปีงบประมาณ (fiscal_year) อย่างน้อยหนึ่งช่อง "
        "(a document needs a date or a fiscal year)",
        "ถ้าต้นฉบับลงวันที่ ให้เพิ่ม date: ... ถ้าไม่ได้ลงวันที่ ให้เพิ่ม fiscal_year: 2568",
    )]


def _cross_checks(values: dict, located) -> list[Problem]:
    problems = []
    date = values.get("date")
    years = values.get("fiscal_year")
    if date and years:
        date_year = thai_format.fiscal_year(date)
        # Plans are adopted up to a year before they start and reports come out
        # up to a year after the period ends; anything further is a typo.
        if not (years.first - 1 <= date_year <= years.last + 1):
            problems.append(Problem(
                located.line("fiscal_year"),
                f"ปีงบประมาณ {years} ขัดกับวันที่ {thai_format.thai_date(date)} "
                f"ซึ่งอยู่ในปีงบประมาณ {thai_format.thai_digits(date_year)} "
                "(fiscal year contradicts the date)",
                "ปีงบประมาณเริ่ม ๑ ตุลาคม: ตรวจว่าพิมพ์ปีถูกต้อง หรือลบช่อง fiscal_year "
                "เพื่อให้คำนวณจากวันที่",
            ))
    period = values.get("data_period")
    if period and years:
        problems += _period_against_years(period, years, located)
    if not years and (period or date):
        # The data's own days say whose year it is: a report on October-March
        # issued in April belongs to the year of its data, not to the issue date's.
        values["fiscal_year"] = (period.fiscal_years if period else
                                 FiscalYears(*(thai_format.fiscal_year(date),) * 2))
    if values.get("nothing_to_report") and not values.get("ita") and "ita" not in located.data:
        problems.append(Problem(
            located.line("nothing_to_report"),
            "คำแจ้งว่าไม่มีเรื่องที่ต้องรายงานต้องระบุข้อ ITA ที่แจ้ง "
            "(nothing_to_report needs the ita field)",
            "เพิ่มช่อง ita เช่น\n      ita:\n        2569: [O18]",
        ))
    for index, change in enumerate(values.get("changes", ())):
        if date and change.date < date:
            problems.append(Problem(
                located.line("changes", index, "date"),
                f"วันที่แก้ไข {thai_format.thai_date(change.date)} อยู่ก่อนวันที่ออกเอกสาร "
                "(correction dated before the document)",
                "ตรวจปีของวันที่แก้ไข",
            ))
    return problems


def _period_against_years(period, years, located) -> list[Problem]:
    """A written fiscal year must share at least one year with the data period."""
    touched = period.fiscal_years
    if touched.first <= years.last and years.first <= touched.last:
        return []
    return [Problem(
        located.line("fiscal_year"),
        f"ปีงบประมาณ {years} ขัดกับช่วงข้อมูล {period.text('thai')} ซึ่งอยู่ในปีงบประมาณ "
        f"{thai_format.thai_digits(touched)} (fiscal year contradicts data_period)",
        "ตรวจปี พ.ศ. ของช่วงข้อมูล หรือลบช่อง fiscal_year เพื่อให้คำนวณจากช่วงข้อมูล",
    )]
