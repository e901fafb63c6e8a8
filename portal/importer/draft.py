"""A read Source written as a draft document folder the build accepts.

content/documents/<fiscal year or undated>/<slug>/ gets <slug>.md (status: draft, the
front matter proposed from the text, each proposal with a "# ตรวจ:" line naming the
source line it came from), one <name>.table.yaml per table, and the original file as
an attachment. The folder is made aside and moved into place whole, so a failed
import leaves nothing behind.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field

from portal import safe_paths, thai_format
from portal.front_matter import scaffold
from portal.front_matter.schema import DocumentType, FieldError
from portal.tables.model import SUFFIX

from . import memo, table_file
from .source import Grid, Source, joined


class ImportRefused(ValueError):
    """An import that cannot make a draft; the message says why and what to do."""


@dataclass
class Draft:
    folder: str
    document: str
    files: list[str] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)


KIND_NAMES = {"Word": "ไฟล์ Word", "Excel": "ไฟล์ Excel", "CSV": "ไฟล์ CSV", "PDF": "ไฟล์ PDF"}
# A line of dashes, dots or underscores under a heading is the source's decoration:
# in Markdown it would become a rule or turn the text above into a heading.
_RULE = re.compile(r"^[\s\-_.=*~–—]{3,}$")
_CONFIRM = "# ตรวจ: ระบบอ่านจากบรรทัด \"{line}\" ของต้นฉบับ ยืนยันหรือแก้ให้ตรง"


def write_draft(source: Source, original: str, content_dir: str,
                doc_type: DocumentType | None = None, taken: set[str] | None = None,
                today: _dt.date | None = None) -> Draft:
    name = os.path.basename(original)
    paragraphs = [(i, b) for i, b in enumerate(source.blocks) if isinstance(b, str)]
    found = memo.propose([text for _i, text in paragraphs])
    used_blocks = {paragraphs[i][0] for i in found.used}
    subject = found.fields["subject"].value if "subject" in found.fields else ""
    doc_type = doc_type or memo.guess_type([t for _i, t in paragraphs], name, subject)
    if doc_type is None:
        raise ImportRefused(
            f"{name}: บอกประเภทเอกสารไม่ได้จากข้อความ (document type unknown): "
            f"ใส่ --type เช่น --type รายงาน (ประเภทที่มี: {memo.TYPE_CHOICES})")
    to_check = []
    date = found.fields["date"].value if "date" in found.fields else None
    year = str(thai_format.fiscal_year(date)) if date else ""
    taken = scaffold.existing_slugs(content_dir) if taken is None else taken
    slug = scaffold.next_slug(doc_type, year, taken)
    taken.add(slug)
    folder = _folder(content_dir, doc_type, year, slug)
    if os.path.exists(folder):
        raise ImportRefused(f"มีโฟลเดอร์ {folder} อยู่แล้ว (folder exists): ไม่เขียนทับ")
    # Made beside content/, not in it: `invoke serve` must not read a half-written draft.
    work = tempfile.mkdtemp(prefix=".import-", dir=os.path.dirname(os.path.abspath(content_dir)))
    try:
        files, body, table_notes, captions = _tables_and_body(source, found, used_blocks,
                                                              work, name)
        if "title" not in found.fields and captions:  # a sheet's own title row
            found.fields["title"] = memo.Proposal(captions[0], captions[0])
        attachment = _attachment_name(name, files)
        shutil.copyfile(original, os.path.join(work, attachment))
        files.append(attachment)
        front = _front_matter(source, found, doc_type, slug, name, attachment, to_check,
                              today or _dt.date.today())
        with open(os.path.join(work, slug + ".md"), "w", encoding="utf-8") as handle:
            handle.write(front + "\n" + body)
        os.makedirs(os.path.dirname(folder), exist_ok=True)
        os.rename(work, folder)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    to_check += table_notes + source.notes
    if not (date or doc_type.is_page or doc_type.standing):
        to_check.append(_undated_note(doc_type))
    return Draft(folder=folder, document=os.path.join(folder, slug + ".md"),
                 files=[slug + ".md"] + files, to_check=to_check)


def _undated_note(doc_type: DocumentType) -> str:
    if "date" in doc_type.requires:
        return (f"ไม่พบวันที่ในต้นฉบับ: {doc_type.label}ต้องมี date: กรอกตามที่ลงในเอกสาร "
                "(invoke check จะเตือนจนกว่าจะกรอก และไม่ยอมให้เผยแพร่)")
    return ("ไม่พบวันที่ในต้นฉบับ: กรอก date: ตามที่ลงในเอกสาร หรือ fiscal_year: ถ้าต้นฉบับไม่ได้"
            f"ลงวันที่ แล้วย้ายโฟลเดอร์ออกจาก {scaffold.UNDATED}/")


def _folder(content_dir: str, doc_type: DocumentType, year: str, slug: str) -> str:
    """Where the build expects the type: information pages under pages/, the rest under
    documents/<fiscal year>, standing/ (manuals without a date) or undated/."""
    if doc_type.is_page:
        return os.path.join(content_dir, "pages", slug)
    if not year:
        year = scaffold.STANDING if doc_type.standing else scaffold.UNDATED
    return os.path.join(content_dir, "documents", year, slug)


def _tables_and_body(source, found, used_blocks, work, name):
    files, parts, notes, captions = [], [], [], []
    for index, block in enumerate(source.blocks):
        if isinstance(block, Grid) and not any(c.text.strip() for r in block.rows for c in r):
            continue  # a table drawn but never filled in: nothing to publish
        if isinstance(block, Grid):
            table_id = f"table-{len(files) + 1}"
            fallback = f"ตารางที่ {len(files) + 1} จาก {name}" + (
                f" ({block.where})" if block.where else "")
            written = table_file.write_table(block, table_id, fallback)
            path = os.path.join(work, table_id + SUFFIX)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(table_file.source_comment(name, block) + written.text)
            notes += written.notes + table_file.check_written(path)
            if written.caption_given:
                captions.append(written.caption)
            files.append(table_id + SUFFIX)
            parts.append(f"::: table {table_id}{SUFFIX}")
        elif index not in used_blocks and not _RULE.match(block):
            parts.append(block)
    if not source.has_text:
        parts.append("เอกสารฉบับนี้เผยแพร่เป็นไฟล์แนบ (ต้นฉบับเป็นภาพสแกน)")
    return files, joined(parts) + "\n", notes, captions


def _attachment_name(name: str, taken: list[str]) -> str:
    """The original's own name when the build may publish it, else a plain one."""
    stem, extension = os.path.splitext(name)
    try:
        safe_paths.check_published_type(name)
        ok = not name.startswith(".") and "/" not in name and "\\" not in name
    except safe_paths.PathRefused:
        ok = False
    if not ok or name in taken or name.endswith(".md"):
        name = "original" + re.sub(r"[^a-z0-9.]", "", extension.lower())
    return name


def _front_matter(source, found, doc_type, slug, name, attachment, to_check, today):
    kind = KIND_NAMES.get(source.kind, "ไฟล์")
    lines = ["---",
             f"# นำเข้าจาก{kind} {name} เมื่อ {today.isoformat()} ด้วย invoke import",
             "# บรรทัดที่ขึ้นต้นด้วย \"# ตรวจ:\" คือข้อมูลที่ระบบอ่านจากต้นฉบับ ให้ยืนยันหรือแก้ "
             "แล้วลบบรรทัด # ตรวจ: ออก",
             "# เมื่อตรวจครบแล้ว เปลี่ยน status: draft เป็น status: published"]
    title = found.fields.get("title")
    if title:
        lines.append(_CONFIRM.format(line=title.shown))
        lines.append(f"title: {_field_text(title.value)}")
    else:
        stem = os.path.splitext(name)[0]
        lines.append("# ตรวจ: ไม่พบบรรทัด \"เรื่อง\" ระบบใช้ชื่อไฟล์เป็นชื่อเรื่อง แก้เป็นชื่อเรื่องจริง")
        lines.append(f"title: {_field_text(_title_from(stem))}")
        to_check.append("ชื่อเรื่อง (title) ตั้งจากชื่อไฟล์: แก้เป็นชื่อเรื่องจริงของเอกสาร")
    lines += [f"type: {doc_type.label}", f"slug: {slug}", "status: draft"]
    date = found.fields.get("date")
    if date:
        lines.append(_CONFIRM.format(line=date.shown))
        lines.append(f"date: {thai_format.thai_date(date.value, digits='arabic')}")
    for key in ("organisation", "division", "number", "subject", "addressee"):
        proposal = found.fields.get(key)
        if proposal:
            lines.append(_CONFIRM.format(line=proposal.shown))
            lines.append(f"{key}: {_field_text(proposal.value)}")
    if found.signatories:
        lines.append("signatories:")
        for signer, position, line in found.signatories:
            lines.append("  " + _CONFIRM.format(line=line + " / " + position))
            lines.append(f"  - name: {_field_text(signer)}")
            lines.append(f"    position: {_field_text(position)}")
    if found.fields or found.signatories:
        to_check.append("ช่องข้อมูลที่มีบรรทัด # ตรวจ: อ่านจากข้อความของต้นฉบับ ยืนยันทีละช่อง")
    lines += ["attachments:", f"  - file: {_field_text(attachment)}",
              f"    title: {_field_text('ต้นฉบับ (' + kind + ')')}", "---", ""]
    return "\n".join(lines)


def _title_from(stem: str) -> str:
    title = " ".join(re.sub(r"[_]+", " ", stem).split())
    try:
        return scaffold.new_title(title)
    except FieldError:
        return "เอกสารนำเข้า"


def _field_text(value) -> str:
    return table_file.yaml_text(thai_format.normalise_text(str(value)))
