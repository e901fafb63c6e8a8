"""Front-matter fields proposed from the text of a Thai official document.

Thai memos (บันทึกข้อความ), announcements (ประกาศ) and orders (คำสั่ง) lay out their
facts on lines that start with fixed words: ส่วนราชการ, ที่, วันที่, เรื่อง, เรียน,
"ประกาศ ณ วันที่", and a signature as "(ชื่อ)" over a line with the position. Each
proposal keeps the line it came from, so the draft can show the clerk what to confirm.
Nothing here guesses: a fact not on such a line is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from portal import thai_format
from portal.front_matter.schema import DOCUMENT_TYPES, TYPES_BY_NAME

from .source import plain_text

_LEADS = {
    "division": re.compile(r"^ส่วนราชการ\s+(?P<value>.+)$"),
    "subject": re.compile(r"^เรื่อง\s+(?P<value>.+)$"),
    "addressee": re.compile(r"^เรียน\s+(?P<value>.+)$"),
}
# "ที่ กพ ๕๓๓๐๗/๐๗๒  วันที่ ๑๖ พฤษภาคม ๒๕๖๘": both on one line in many memos.
_NUMBER = re.compile(r"^ที่\s+(?P<value>.+?)(?=\s+วันที่\s|$)")
_DATE = re.compile(r"(?:^|\s)(?:ประกาศ|สั่ง)?\s*(?:ณ\s*)?วันที่\s+(?P<value>.+?)\s*$")
_ISSUER = re.compile(r"^(?P<kind>ประกาศ|คำสั่ง)\s*(?P<value>(?:องค์การ|เทศบาล|อำเภอ|จังหวัด).+)$")
# (นายสมชาย ปี่แก้ว): a name in brackets, with a Thai title.
_TITLES = r"(?:นาย|นาง|นางสาว|ว่าที่|ดร\.|พ\.|จ\.|ร\.|ส\.)"
_SIGNER = re.compile(rf"^\(\s*(?P<name>{_TITLES}[^()]{{2,60}}?)\s*\)$")
_TYPE_WORDS = (("ประกาศ", "ประกาศ"), ("คำสั่ง", "คำสั่ง"), ("คู่มือ", "คู่มือ"),
               ("มาตรการ", "มาตรการ"), ("แผน", "แผน"), ("รายงาน", "รายงาน"),
               ("บันทึกข้อความ", "บันทึกข้อความ"))
HEAD_LINES = 12  # the memo's facts are on its first lines; later "เรื่อง" lines are body text


@dataclass
class Proposal:
    value: object
    line: str  # the source's line it was read from

    @property
    def shown(self) -> str:
        return self.line if len(self.line) <= 80 else self.line[:77] + "..."


@dataclass
class Proposals:
    fields: dict[str, Proposal] = field(default_factory=dict)
    signatories: list[tuple[str, str, str]] = field(default_factory=list)  # name, position, line
    used: set[int] = field(default_factory=set)  # indexes of paragraphs now in the front matter


def plain(text: str) -> str:
    """A paragraph's words without Markdown marks or a heading's #."""
    return plain_text(text.lstrip("#"))


def propose(paragraphs: list[str]) -> Proposals:
    found = Proposals()
    lines = [plain(p) for p in paragraphs]
    for index, line in enumerate(lines[:HEAD_LINES]):
        _head_line(found, index, line)
    for index, line in enumerate(lines):
        if "date" not in found.fields:
            _date_line(found, index, line)
        signer = _SIGNER.match(line)
        if signer and index + 1 < len(lines) and lines[index + 1] and not _SIGNER.match(
                lines[index + 1]):
            found.signatories.append((signer["name"], lines[index + 1], line))
    if "subject" in found.fields:
        found.fields["title"] = found.fields["subject"]
    elif paragraphs and paragraphs[0].startswith("#") and lines[0]:
        # A plan or manual opens with its name as a heading: the page's title shows it.
        found.fields["title"] = Proposal(lines[0], lines[0])
        found.used.add(0)
    return found


def _head_line(found: Proposals, index: int, line: str) -> None:
    for key, pattern in _LEADS.items():
        match = pattern.match(line)
        if match and key not in found.fields:
            found.fields[key] = Proposal(match["value"].strip(), line)
            found.used.add(index)
            return
    number = _NUMBER.match(line)
    if number and "number" not in found.fields:
        found.fields["number"] = Proposal(number["value"].strip(), line)
        found.used.add(index)
        _date_line(found, index, line)
        return
    issuer = _ISSUER.match(line)
    if issuer and "organisation" not in found.fields:
        found.fields["organisation"] = Proposal(issuer["value"].strip(), line)
        found.used.add(index)  # the page shows the organisation with the title
    if line == "บันทึกข้อความ":
        found.used.add(index)


def _date_line(found: Proposals, index: int, line: str) -> None:
    match = _DATE.search(line)
    if not match:
        return
    try:
        when = thai_format.parse_date(match["value"].replace("พ.ศ.", "").strip())
    except thai_format.ThaiDateError:
        return
    found.fields["date"] = Proposal(when, line)
    if index < HEAD_LINES and line.startswith(("วันที่", "ที่ ")):
        found.used.add(index)


def guess_type(paragraphs: list[str], file_name: str, subject: str = ""):
    """The document type the subject or a heading names ("รายงาน...", "ประกาศ...",
    "คำสั่ง...", a memo's "บันทึกข้อความ"), or None."""
    for text in [subject] + [plain(p) for p in paragraphs[:6]] + [file_name]:
        for word, label in _TYPE_WORDS:
            if text.startswith(word):
                return TYPES_BY_NAME[label]
    return None


TYPE_CHOICES = ", ".join(t.label for t in DOCUMENT_TYPES)
