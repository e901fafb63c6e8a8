"""Text made from the schema: new documents (`invoke new`) and the staff guide (`invoke docs`)."""

from __future__ import annotations

import datetime as _dt
import html
import os
import re

from portal import thai_format

from .schema import DOCUMENT_TYPES, FIELDS, FIELDS_BY_KEY, TYPES_BY_NAME, DocumentType, FieldError

_SLUG_LINE = re.compile(r"^slug:\s*[\"']?([a-z0-9-]+)", re.MULTILINE)
_TITLE_HINT = 'พิมพ์ชื่อเรื่องในเครื่องหมายคำพูด เช่น --title "ประกาศเจตนารมณ์การป้องกันการทุจริต"'


def new_title(text: str) -> str:
    """The title as the reader will read it back: one line, whitespace joined.

    A line break would end up inside the front matter (a pasted "---" line
    closes it early); a title of zero-width characters only looks given in the
    terminal but shows nothing on the page.
    """
    title = thai_format.normalise_text(text)  # as the reader reads every front-matter text
    if not title:
        raise FieldError("ว่างเปล่า มีแต่อักขระที่มองไม่เห็น (empty title)",
                         _TITLE_HINT + " (ข้อความที่คัดลอกมาอาจมีแต่อักขระที่มองไม่เห็น)")
    try:
        return FIELDS_BY_KEY["title"].parse(title)
    except FieldError as error:
        raise FieldError(error.message, _TITLE_HINT) from None


UNDATED = "undated"  # the folder of documents given neither a date nor a fiscal year
STANDING = "standing"  # the folder of documents in force until replaced (manuals), undated


def new_year(date: _dt.date | None, fiscal_year: str = "") -> str:
    """The fiscal year a new document is filed under: the one given, else its
    date's, else "" (never today's: the date of a document is never guessed)."""
    if fiscal_year:
        return str(FIELDS_BY_KEY["fiscal_year"].parse(fiscal_year))
    return str(thai_format.fiscal_year(date)) if date else ""


def new_path(content_dir: str, doc_type: DocumentType, slug: str, year: str) -> str:
    """Where a new document goes: content/pages/, content/documents/<fiscal year>/
    or, with no date and no fiscal year, content/documents/undated/.

    The slug passes the reader's own slug rule first (a-z, 0-9 and -), so no
    "../" or "/" in it can put the file outside ``content_dir``.
    """
    name = FIELDS_BY_KEY["slug"].parse(slug) + ".md"
    if doc_type.is_page:
        return os.path.join(content_dir, "pages", name)
    return os.path.join(content_dir, "documents", year or UNDATED, name)


def existing_slugs(content_dir: str) -> set[str]:
    slugs = set()
    for folder, _dirs, files in os.walk(content_dir):
        for name in files:
            if name.endswith(".md"):
                with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                    slugs.update(_SLUG_LINE.findall(f.read(4000)))
    return slugs


def next_slug(doc_type: DocumentType, year: str, taken: set[str]) -> str:
    """announcement-2569-001, -002, ... (announcement-001 without a year):
    stable, readable and never reused."""
    prefix = f"{doc_type.key}-{year}-" if year else f"{doc_type.key}-"
    number = 1
    while f"{prefix}{number:03d}" in taken:
        number += 1
    return f"{prefix}{number:03d}"


def _yaml_value(value: str) -> str:
    return value if value.startswith("\n") else " " + value


def _commented(text: str) -> str:
    return "\n".join("# " + line if line.strip() else "#" for line in text.split("\n"))


def new_document(doc_type: DocumentType, title: str, slug: str, date: _dt.date | None,
                 fiscal_year: str = "") -> str:
    """Front matter and an empty body for a new document of ``doc_type``; the date
    and fiscal year only as given (a required one is left empty for the clerk)."""
    given = {"title": _quote(title), "type": doc_type.label, "slug": slug, "status": "draft"}
    if date:
        given["date"] = thai_format.thai_date(date, digits="arabic")
    if fiscal_year:
        given["fiscal_year"] = fiscal_year
    lines = ["---"]
    for field in FIELDS:
        required = field.required_for(doc_type)
        if not (required or field.new_document or field.key in given):
            continue
        mark = "ต้องกรอก" if required else "ไม่บังคับ"
        lines.append(f"# {field.label} ({mark}): {field.help}")
        if field.key in given:
            lines.append(f"{field.key}: {given[field.key]}")
        elif required:
            lines.append(f"{field.key}:")
        else:
            lines.append(_commented(f"{field.key}:{_yaml_value(field.example)}"))
    lines += [
        "# ช่องอื่นที่ใช้ได้ ดูได้ที่ docs/front-matter.md",
        "---",
        "",
        "พิมพ์เนื้อหาของเอกสารที่นี่ (Markdown: ขึ้นบรรทัดว่างระหว่างย่อหน้า, ## สำหรับหัวข้อ)",
        "",
    ]
    return "\n".join(lines)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def resolve_type(name: str) -> DocumentType | None:
    return TYPES_BY_NAME.get(name.strip())


def staff_guide() -> str:
    """docs/front-matter.md: every type and field, in Thai."""
    out = [
        "# ช่องข้อมูลของเอกสาร (front matter)",
        "",
        "<!-- ไฟล์นี้สร้างจาก portal/front_matter/schema.py ด้วยคำสั่ง invoke docs: "
        "อย่าแก้ด้วยมือ -->",
        "",
        "ทุกเอกสารเป็นไฟล์ Markdown (.md) ที่ขึ้นต้นด้วยส่วนข้อมูลระหว่างบรรทัด `---` "
        "สองบรรทัด แต่ละบรรทัดเขียนเป็น `ชื่อช่อง: ค่า` ชื่อช่องเป็นภาษาอังกฤษ ค่าเป็นภาษาไทยได้ "
        "วันที่เขียนแบบไทย (16 พฤษภาคม 2568 หรือ ๑๖ พ.ค. ๒๕๖๘) หรือแบบ ISO (2025-05-16) ก็ได้",
        "",
        "## ประเภทเอกสาร (`type`)",
        "",
        "| เขียนว่า | หรือ | ใช้กับ | ช่องที่ต้องมีเพิ่ม |",
        "|---|---|---|---|",
    ]
    for doc_type in DOCUMENT_TYPES:
        extra = ", ".join(f"`{k}`" for k in doc_type.requires) or "-"
        out.append(f"| {doc_type.label} | `{doc_type.key}` | {doc_type.description} | {extra} |")
    out += [
        "",
        "## ช่องข้อมูล",
        "",
        "| ช่อง | ชื่อไทย | ต้องมี | คำอธิบาย | ตัวอย่าง |",
        "|---|---|---|---|---|",
    ]
    for field in FIELDS:
        needed = {"all": "ทุกประเภท", "documents": "ทุกประเภทยกเว้นหน้าข้อมูลหน่วยงาน"}.get(
            field.required, "ไม่บังคับ")
        # Every type that needs the field: the one rule of the schema, not the last type.
        requiring = [t.label for t in DOCUMENT_TYPES if field.key in t.requires]
        if requiring:
            needed = ", ".join(requiring)
        example = html.escape(f"{field.key}:{_yaml_value(field.example)}")
        example = "<code>" + example.replace("\n", "<br>").replace("  ", "&nbsp;&nbsp;") + "</code>"
        out.append(f"| `{field.key}` | {field.label} | {needed} | {field.help} | {example} |")
    out.append("")
    return "\n".join(out)
