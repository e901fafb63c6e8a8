"""The PDF reader: a clerk's PDF as a ``Source`` of paragraphs and tables in reading order.

Reads the text layer with pdfplumber but builds the lines itself from the glyphs:
pdfplumber's own ``extract_text`` sorts glyphs by x, and a Thai vowel or tone mark is
a zero-width glyph placed at (or just past) the start of the next letter, so sorting
moves it one letter forward ("สว่ น", "รอ้ ง"). Here a mark travels with the letter
before it in the content stream, and only whole clusters (a letter and its marks) are
ordered by position. What the glyphs cannot tell (a mark whose glyph has no Unicode
mapping) is counted and reported to the clerk in ``Source.notes``; the text then goes
through ``thai_repair.repair``.

Paragraphs: lines are joined into a paragraph until a larger vertical gap, a
first-line indent, a numbered or bulleted line, a change of font, a line that ends
in a form's fill-in rule, or a line that ended short although the next line's first
word would have fitted. Thai lines are
joined without a space (Thai has none between words), other text with one. Ruled
tables (pdfplumber ``find_tables``) become ``Grid`` objects with their merged cells.
A PDF without any text layer (a scan) gives ``has_text=False`` and a note.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import pdfplumber
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from portal.thai_format import normalise_text

from . import thai_repair
from .source import Cell, Grid, Source, Unreadable

# Fractions of the font size.
WORD_GAP = 0.2  # a gap wider than this between two glyphs is a space (fill-in lines too)
SAME_LINE = 0.3  # glyphs whose tops differ by less than this are on one line
INDENT = 0.8  # a line starting this much right of the text's left edge is indented
# A line pitch this many times the usual one is a gap between paragraphs.
PARAGRAPH_GAP = 1.35
HEADING_MAX_CHARS = 100  # a bold line longer than this is emphasis, not a heading

UNREADABLE = "\ufffd"  # stands where a glyph had no Unicode mapping, for the clerk to find

_NUMBERED = re.compile(
    r"^(?:\(?[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*[.)]|\([0-9๐-๙]{1,3}\)|[-•●○▪◦■*](?=\s|[^\s-]))")
_BULLET = re.compile(r"^[•●○▪◦■]\s*")
_PAGE_NUMBER = re.compile(r"^[-–—(\s]*(?:หน้า|page)?\s*[0-9๐-๙]{1,4}\s*[-–—)\s]*$", re.I)
_CID = re.compile(r"^\(cid:\d+\)$")
_THAI = re.compile("[\u0e00-\u0e7f]")
_DIGITS = re.compile("[0-9๐-๙]+")

_PDF_ERRORS = (PdfminerException, MalformedPDFException, PSException)


class PdfUnreadable(Unreadable):
    """A PDF that cannot be read at all: locked with a password, or damaged."""

    def __init__(self, path: str, problem: str, remedy: str):
        super().__init__(f"อ่านไฟล์ PDF \"{path}\" ไม่ได้: {problem} วิธีแก้: {remedy}")
        self.path, self.problem, self.remedy = path, problem, remedy


@dataclass
class _Box:
    """Text and where it is drawn: the fields a cluster and a line share."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class _Cluster(_Box):
    """A letter and the marks drawn on it, as the content stream gives them."""

    space: bool = False

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


@dataclass
class _Line(_Box):
    first_word_x1: float  # where the line's first word ends: did it fit on the line before?
    page: int = 0
    ends_in_blank: bool = False  # a form's fill-in rule follows the text: the line is whole
    ends_in_space: bool = False  # the PDF keeps the space the line broke at


@dataclass
class _Table:
    top: float
    grid: Grid


@dataclass
class _PageCounts:
    """What the reader could not read on one page, for the notes."""

    lost_marks: int = 0  # zero-width glyphs without a Unicode mapping (a vowel or tone mark)
    unreadable: int = 0  # other glyphs without a mapping, shown as UNREADABLE


@dataclass
class _Geometry:
    """Where a page's body text runs, to tell indents and short lines."""

    left: float
    right: float
    pitch: float


@dataclass
class _Reading:
    blocks: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    joined_lines: int = 0
    repaired: int = 0


# ---------------------------------------------------------------- reading

def read_pdf(path: str) -> Source:
    """The PDF at ``path`` as a Source (kind "PDF").

    Raises PdfUnreadable (a Thai message naming the file, the problem and what to do)
    for a PDF locked with a password or too damaged to open."""
    try:
        with pdfplumber.open(path) as pdf:
            return _read(pdf)
    except _PDF_ERRORS as error:
        raise _unreadable(path, error) from error


def _unreadable(path: str, error: Exception) -> PdfUnreadable:
    if "PDFPasswordIncorrect" in repr(error) or "password" in str(error).lower():
        return PdfUnreadable(
            path, "ไฟล์ถูกล็อกด้วยรหัสผ่าน",
            "เปิดไฟล์ด้วยรหัสผ่านแล้วบันทึกเป็น PDF ใหม่โดยไม่ตั้งรหัสผ่าน หรือขอไฟล์ต้นฉบับ (Word) "
            "จากผู้จัดทำ แล้วนำเข้าอีกครั้ง")
    return PdfUnreadable(
        path, f"ไฟล์เสียหรือไม่ใช่ PDF ที่สมบูรณ์ ({type(error).__name__}: {error})",
        "ดาวน์โหลดหรือคัดลอกไฟล์มาใหม่ ลองเปิดในโปรแกรมอ่าน PDF ถ้าเปิดได้ให้สั่งพิมพ์เป็น PDF ใหม่ "
        "แล้วนำเข้าอีกครั้ง")


def _read(pdf) -> Source:
    pages, notes = [], []
    for number, page in enumerate(pdf.pages, start=1):
        counts = _PageCounts()
        pages.append(_read_page(page, number, counts))
        notes.extend(_page_notes(number, counts, page))
    if not any(items for items in pages):
        return Source(has_text=False, kind="PDF", notes=[_SCAN_NOTE])
    items = _without_running_lines(pages)
    reading = _blocks(items)
    return Source(blocks=reading.blocks, kind="PDF", notes=notes + _reading_notes(reading))


_SCAN_NOTE = (
    "ไฟล์ PDF นี้เป็นภาพสแกน ไม่มีชั้นข้อความ จึงอ่านข้อความไม่ได้เลย: แนบไฟล์ PDF ไว้กับเอกสารแล้ว "
    "ถ้าต้องการให้หน้าเว็บมีข้อความ ต้องพิมพ์ข้อความใหม่ หรือใช้โปรแกรม OCR (อ่านตัวอักษรจากภาพ) "
    "แปลงเป็นข้อความก่อน แล้วตรวจทานทุกคำ")


def _page_notes(number: int, counts: _PageCounts, page) -> list[str]:
    notes = []
    if not page.chars and page.images:
        notes.append(f"หน้า {number} เป็นภาพสแกน ไม่มีข้อความให้อ่าน: ต้องพิมพ์ข้อความของหน้านี้เอง")
    if counts.unreadable:
        notes.append(
            f"หน้า {number}: มีตัวอักษร {counts.unreadable} ตัวที่ฟอนต์ใน PDF ไม่บอกว่าเป็นตัวอะไร "
            f"แสดงเป็น {UNREADABLE} ในร่าง: เทียบกับต้นฉบับแล้วพิมพ์แทน")
    if counts.lost_marks:
        notes.append(
            f"หน้า {number}: มีสระบนล่างหรือวรรณยุกต์ {counts.lost_marks} ตัวที่ฟอนต์ใน PDF ไม่บอกว่าเป็นตัวอะไร "
            "จึงตัดทิ้ง: ตรวจสระและวรรณยุกต์ของหน้านี้กับต้นฉบับ")
    return notes


def _reading_notes(reading: _Reading) -> list[str]:
    notes = []
    if reading.joined_lines:
        notes.append(
            f"รวมบรรทัดที่ PDF ตัดไว้เข้าเป็นย่อหน้าแล้ว {reading.joined_lines} แห่ง "
            "(ข้อความภาษาไทยต่อกันโดยไม่เว้นวรรค): ตรวจว่าย่อหน้าแบ่งตรงกับต้นฉบับ")
    if reading.repaired:
        notes.append(
            f"แก้ตัวอักษรไทยที่เพี้ยนจากการแปลง PDF (สระ วรรณยุกต์ สระอำ) ใน {reading.repaired} ย่อหน้า "
            "ตามหลักการสะกด: คำที่แก้ไม่ได้แน่นอนคงไว้ตามที่อ่านได้ ตรวจทานกับต้นฉบับ")
    return notes


# ---------------------------------------------------------------- glyphs to lines

def _read_page(page, number: int, counts: _PageCounts) -> list:
    """The page's lines and tables, top to bottom."""
    clusters = _clusters(page.chars, counts)
    tables = [table for table in page.find_tables() if len(table.cells) > 1]
    items = []
    for table in tables:
        inside = [c for c in clusters if _within(c.centre, table.bbox)]
        clusters = [c for c in clusters if not _within(c.centre, table.bbox)]
        items.append(_Table(table.bbox[1], _grid(table, inside, number)))
    rules = _rules(page)
    for line in _lines(clusters):
        line.page = number
        line.ends_in_blank = any(_blank_after(line, rule) for rule in rules)
        items.append(line)
    return sorted(items, key=lambda item: item.top)


def _rules(page) -> list[dict]:
    """Horizontal rules drawn on the page: underlines and a form's fill-in lines."""
    return [rule for rule in page.lines + page.rects
            if rule["bottom"] - rule["top"] < 2 and rule["x1"] - rule["x0"] > 10]


def _blank_after(line: _Line, rule: dict) -> bool:
    """Whether ``rule`` is a fill-in line after the end of ``line``'s text."""
    on_line = line.top < rule["top"] < line.bottom + SAME_LINE * line.size
    return on_line and rule["x0"] >= line.x1 - 1


def _clusters(chars: list[dict], counts: _PageCounts) -> list[_Cluster]:
    """Glyphs in content-stream order as clusters: each mark joins the letter before it.

    A zero-width glyph without a Unicode mapping is a mark (a nikhahit or a tone
    mark): dropped, and counted unless it is the nikhahit of the ำ that follows. A
    font may instead map ำ to the zero-width nikhahit and leave the sara aa glyph
    unmapped: that glyph only widens the ำ."""
    clusters: list[_Cluster] = []
    for index, char in enumerate(chars):
        text, zero_width = char["text"], char["x1"] - char["x0"] < 0.01
        after = chars[index + 1]["text"] if index + 1 < len(chars) else ""
        current = clusters[-1] if clusters and _same_line(clusters[-1], char) else None
        if _CID.match(text):
            if zero_width:  # a mark: the nikhahit of the ำ after it, or a lost one
                counts.lost_marks += after != "\u0e33"
                _widen(current, char)
                continue
            if current and current.text == "\u0e33" and current.x1 - current.x0 < 0.01:
                _widen(current, char)  # the sara aa half of a ำ mapped to its nikhahit
                continue
            counts.unreadable += 1
            text = UNREADABLE
        if current and len(text) == 1 and unicodedata.category(text) == "Mn":
            current.text += text
            _widen(current, char)
            continue
        clusters.append(_Cluster(
            text, char["x0"], char["x1"], char["top"], char["bottom"], char["size"],
            "bold" in char["fontname"].lower(), space=text.isspace()))
    return clusters


def _widen(cluster: _Cluster | None, char: dict) -> None:
    if cluster is not None:
        cluster.x1 = max(cluster.x1, char["x1"])


def _same_line(cluster: _Cluster, char: dict) -> bool:
    return abs(cluster.top - char["top"]) < SAME_LINE * max(cluster.size, 1)


def _within(point: tuple[float, float], bbox: tuple) -> bool:
    x, y = point
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _lines(clusters: list[_Cluster]) -> list[_Line]:
    """Clusters grouped into lines by their top, each line ordered left to right."""
    rows: list[list[_Cluster]] = []
    for cluster in sorted(clusters, key=lambda c: c.top):
        if rows and abs(rows[-1][0].top - cluster.top) < SAME_LINE * max(cluster.size, 1):
            rows[-1].append(cluster)
        else:
            rows.append([cluster])
    lines = [_line(sorted(row, key=lambda c: c.x0)) for row in rows]
    return [line for line in lines if line.text]


def _line(row: list[_Cluster]) -> _Line:
    text, first_word_x1, previous = "", None, None
    for cluster in row:
        gap = previous is not None and not previous.space and not cluster.space and (
            cluster.x0 - previous.x1 > WORD_GAP * cluster.size)
        if (gap or cluster.space) and text and first_word_x1 is None:
            first_word_x1 = previous.x1
        text += (" " if gap else "") + cluster.text
        previous = cluster
    glyphs = [c for c in row if not c.space] or row
    x1 = max(c.x1 for c in glyphs)
    return _Line(
        text=" ".join(text.split()), x0=min(c.x0 for c in glyphs), x1=x1,
        top=min(c.top for c in glyphs), bottom=max(c.bottom for c in glyphs),
        size=Counter(round(c.size, 1) for c in glyphs).most_common(1)[0][0],
        bold=all(c.bold for c in glyphs), first_word_x1=first_word_x1 or x1,
        ends_in_space=row[-1].space)


# ---------------------------------------------------------------- tables

def _grid(table, clusters: list[_Cluster], page: int) -> Grid:
    """A pdfplumber table as a Grid: each cell placed on the table's column and row
    lines, so a cell spanning several of them gets its colspan and rowspan."""
    xs = _edges([x for cell in table.cells for x in (cell[0], cell[2])])
    ys = _edges([y for cell in table.cells for y in (cell[1], cell[3])])
    rows: list[list[tuple[int, Cell]]] = [[] for _ in ys[:-1]]
    for bbox in table.cells:
        first_col, last_col = _edge_index(xs, bbox[0]), _edge_index(xs, bbox[2])
        first_row, last_row = _edge_index(ys, bbox[1]), _edge_index(ys, bbox[3])
        inside = [c for c in clusters if _within(c.centre, bbox)]
        lines = _lines(inside)
        text = _cell_text(lines)
        rows[first_row].append((first_col, Cell(
            text=text, rowspan=max(last_row - first_row, 1), colspan=max(last_col - first_col, 1),
            bold=bool(lines) and all(line.bold for line in lines))))
    return Grid(rows=[[cell for _col, cell in sorted(row, key=lambda item: item[0])]
                      for row in rows], where=f"หน้า {page}")


def _edges(values: list[float], tolerance: float = 1.5) -> list[float]:
    """Distinct positions of cell borders: borders closer than ``tolerance`` are one."""
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > tolerance:
            edges.append(value)
    return edges


def _edge_index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda index: abs(edges[index] - value))


def _cell_text(lines: list[_Line]) -> str:
    """A cell's lines as Markdown: joined as one paragraph, a numbered line starting
    a new one."""
    paragraphs: list[list[_Line]] = []
    for line in lines:
        if not paragraphs or _NUMBERED.match(line.text):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return "\n\n".join(thai_repair.repair(_joined(group)[0]) for group in paragraphs)


# ---------------------------------------------------------------- lines to paragraphs

def _without_running_lines(pages: list[list]) -> list:
    """All pages' items in order, without page numbers and running headers/footers:
    a page's first or last line that is a page number, or whose text (digits aside)
    starts or ends at least two pages and half of them."""
    ends = Counter()
    for items in pages:
        for line in _end_lines(items):
            ends[_DIGITS.sub("#", line.text)] += 1
    running = {text for text, count in ends.items() if count >= max(2, len(pages) / 2)}
    kept = []
    for items in pages:
        ends_here = _end_lines(items)
        kept.extend(item for item in items if not (
            any(item is end for end in ends_here)
            and (_PAGE_NUMBER.match(item.text) or _DIGITS.sub("#", item.text) in running)))
    return kept


def _end_lines(items: list) -> list[_Line]:
    """A page's first and last line (one line when the page has one)."""
    lines = [item for item in items if isinstance(item, _Line)]
    return lines[:1] + lines[1:][-1:]


def _blocks(items: list) -> _Reading:
    """Lines joined into paragraphs, tables between them, in reading order."""
    reading = _Reading()
    geometry = _geometries([item for item in items if isinstance(item, _Line)])
    bold_only = all(item.bold for item in items if isinstance(item, _Line))
    paragraph: list[_Line] = []
    for item in items:
        if isinstance(item, _Table):
            _flush(paragraph, reading, bold_only)
            reading.blocks.append(item.grid)
            paragraph = []
        elif paragraph and not _starts_paragraph(paragraph[-1], item, geometry[item.page]):
            paragraph.append(item)
        else:
            _flush(paragraph, reading, bold_only)
            paragraph = [item]
    _flush(paragraph, reading, bold_only)
    return reading


def _geometries(lines: list[_Line]) -> dict[int, _Geometry]:
    by_page: dict[int, list[_Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    geometry = {}
    # One right edge for the document: a page of one short line has no edge of its own.
    right = max((line.x1 for line in lines), default=0)
    for page, page_lines in by_page.items():
        pitches = [b.top - a.top for a, b in zip(page_lines, page_lines[1:], strict=False)
                   if 0 < b.top - a.top < 3 * a.size and abs(a.size - b.size) < 0.5]
        geometry[page] = _Geometry(
            left=min(line.x0 for line in page_lines), right=right,
            pitch=statistics.median(pitches) if pitches else 1.5 * page_lines[0].size)
    return geometry


def _starts_paragraph(previous: _Line, line: _Line, geometry: _Geometry) -> bool:
    """Whether ``line`` starts a new paragraph rather than continuing ``previous``."""
    same_page = previous.page == line.page
    if same_page and line.top - previous.top > PARAGRAPH_GAP * geometry.pitch:
        return True
    if _NUMBERED.match(line.text) or previous.bold != line.bold:
        return True
    if abs(previous.size - line.size) > 0.5 or previous.ends_in_blank:
        return True
    if line.x0 > geometry.left + INDENT * line.size:
        return True
    # The previous line stopped short although this line's first word would have fitted.
    room = geometry.right - previous.x1
    first_word = line.first_word_x1 - line.x0
    return room > first_word + WORD_GAP * line.size


def _flush(paragraph: list[_Line], reading: _Reading, bold_only: bool) -> None:
    if not paragraph:
        return
    text, thai_joins = _joined(paragraph)
    reading.joined_lines += thai_joins
    repaired = thai_repair.repair(text)
    if repaired != normalise_text(text):
        reading.repaired += 1
    repaired = _BULLET.sub("- ", repaired)
    if (len(paragraph) == 1 and paragraph[0].bold and not bold_only
            and len(repaired) <= HEADING_MAX_CHARS):
        repaired = "## " + repaired
    reading.blocks.append(repaired)


def _joined(lines: list[_Line]) -> tuple[str, int]:
    """The lines' text as one paragraph, and how many Thai line ends were joined.

    A PDF breaks a Thai line between words, and Thai writes no space between
    words: Thai to Thai joins with nothing, unless the PDF kept a space at the end
    of the line (the break was at a space); anything else joins with a space."""
    text, thai_joins = lines[0].text, 0
    for previous, line in zip(lines, lines[1:], strict=False):
        if _THAI.match(text[-1:]) and _THAI.match(line.text[:1]) and not previous.ends_in_space:
            text += line.text
            thai_joins += 1
        else:
            text += " " + line.text
    return text, thai_joins
