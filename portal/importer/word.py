"""Word (.docx) files read into a Source: paragraphs as Markdown, tables as Grids.

python-docx gives the body in order (paragraphs and tables) and the XML of each
cell, which is where Word keeps merged cells: ``w:gridSpan`` for a cell over
several columns and ``w:vMerge`` (restart, then continue) for one over several
rows. Thai text marks bold mostly with the complex-script property ``w:bCs``,
which python-docx's ``run.bold`` does not read, so both are looked at here.
"""

from __future__ import annotations

import re

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from portal import thai_format

from .source import Cell, Grid, Source, is_list_item, joined, plain_text

# Word's heading styles, in English or in a Thai Word ("หัวเรื่อง 1").
_HEADING_STYLE = re.compile(r"^(?:heading|หัวเรื่อง)\s*(\d)$", re.IGNORECASE)
# A fully bold paragraph this short stands alone as a heading ("๑. เรื่องเดิม").
HEADING_MAX_LETTERS = 60
_OFF = {"0", "false", "off", "none"}
_CAPTION = re.compile(r"^ตาราง(?:ที่)?\s*[0-9๐-๙]*\s*\S")


def read_docx(path: str) -> Source:
    document = docx.Document(path)
    numbering = _Numbering(document)
    source = Source(kind="Word")
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            _add_table(source, block, numbering)
        else:
            text = _paragraph_block(block, numbering)
            if text:
                source.blocks.append(text)
    pictures = len(list(document.element.body.iter(qn("w:drawing"))))
    if pictures:
        # Often a scanned signature or seal: publishing it is the clerk's decision.
        source.notes.append(f"ต้นฉบับมีรูปภาพ {pictures} รูป (เช่น ลายมือชื่อ ตราประทับ แผนภูมิ) "
                            "ระบบไม่ได้นำเข้า ถ้าต้องแสดงบนเว็บ ให้บันทึกรูปไว้ในโฟลเดอร์เอกสาร "
                            "แล้วเขียน ![คำอธิบายรูป](ชื่อไฟล์.png) ในเนื้อหา")
    return source


def _add_table(source: Source, table: Table, numbering: _Numbering) -> None:
    grid = read_table(table._tbl, table, numbering)
    columns = max((sum(c.colspan for c in row) for row in grid.rows), default=0)
    # A one-column table is a framed box of text; a table without lines places text
    # side by side (signatures, "ที่ ... / วันที่ ..."): neither is data.
    if columns <= 1 or not _has_lines(table):
        # Column by column: a signature is its name over its position in one column.
        for column in range(columns):
            for row in grid.rows:
                cell = _starting_at(row, column)
                if cell is not None:
                    source.blocks.extend(t for t in cell.text.split("\n\n") if t)
        return
    grid.where = f"ตารางที่ {len(source.tables) + 1} ในไฟล์ Word"
    before = source.blocks[-1] if source.blocks else None
    if isinstance(before, str) and _CAPTION.match(plain_text(before).lstrip("# ")):
        grid.caption = plain_text(before).lstrip("# ")  # "ตารางที่ ๑ ..." names the table below it
        source.blocks.pop()
    source.blocks.append(grid)


def _starting_at(row: list[Cell], column: int) -> Cell | None:
    position = 0
    for cell in row:
        if position == column:
            return cell
        position += cell.colspan
    return None


_NO_LINE = {"nil", "none"}
_NO_LINE_STYLES = {"", "normal table", "table normal"}


def _has_lines(table: Table) -> bool:
    """Whether the table draws lines: its style (any but Word's plain "Normal Table"),
    its own borders or a cell's."""
    style = table.style.name.lower() if table.style is not None else ""
    tbl = table._tbl
    borders = list(tbl.iter(qn("w:tblBorders"))) + list(tbl.iter(qn("w:tcBorders")))
    drawn = any(edge.get(qn("w:val"), "nil") not in _NO_LINE
                for border in borders for edge in border)
    if borders and not drawn and style in _NO_LINE_STYLES:
        return False
    return drawn or style not in _NO_LINE_STYLES


def read_table(tbl, table: Table, numbering: _Numbering) -> Grid:
    """Rows of the cells that start in them; vMerge continuations add to the rowspan
    of the cell above, so the Grid holds each merged cell once."""
    rows, open_above, header_rows = [], {}, 0
    for tr in tbl.tr_lst:
        row, column = [], _grid_before(tr)
        for tc in tr.tc_lst:
            span = tc.grid_span
            merge = _vertical_merge(tc)
            if merge == "continue" and column in open_above:
                open_above[column].rowspan += 1
            else:
                cell = _cell(tc, table, numbering)
                cell.colspan = span
                row.append(cell)
                if merge == "restart":
                    open_above[column] = cell
                else:
                    open_above.pop(column, None)
            column += span
        rows.append(row)
        if _repeats_as_header(tr) and header_rows == len(rows) - 1:
            header_rows += 1
    return Grid(rows=rows, header_rows=header_rows)


def _grid_before(tr) -> int:
    props = tr.trPr
    skipped = props.find(qn("w:gridBefore")) if props is not None else None
    return int(skipped.get(qn("w:val"), "0")) if skipped is not None else 0


def _repeats_as_header(tr) -> bool:
    """Word's "repeat as header row at the top of each page": the author's own header."""
    props = tr.trPr
    mark = props.find(qn("w:tblHeader")) if props is not None else None
    return mark is not None and mark.get(qn("w:val"), "true").lower() not in _OFF


def _vertical_merge(tc) -> str:
    props = tc.tcPr
    merge = props.find(qn("w:vMerge")) if props is not None else None
    if merge is None:
        return ""
    return merge.get(qn("w:val"), "continue")


def _cell(tc, table: Table, numbering: _Numbering) -> Cell:
    paragraphs = [Paragraph(p, table) for p in tc.iter(qn("w:p"))]
    texts = [_paragraph_text(p, numbering, in_cell=True) for p in paragraphs]
    texts = [t for t in texts if t]
    bold = bool(texts) and all(_all_bold(p) for p in paragraphs if p.text.strip())
    return Cell(text=joined(texts), bold=bold)


def _paragraph_block(paragraph: Paragraph, numbering: _Numbering) -> str:
    text = _paragraph_text(paragraph, numbering, in_cell=False)
    if not text:
        return ""
    level = _heading_level(paragraph)
    if level:
        return "#" * min(level + 1, 6) + " " + plain_text(text)
    if (_all_bold(paragraph) and len(text) <= HEADING_MAX_LETTERS + 4
            and "\n" not in text and not is_list_item(text)):
        return "## " + plain_text(text)
    return text


def _heading_level(paragraph: Paragraph) -> int:
    name = paragraph.style.name if paragraph.style is not None else ""
    if name.lower() == "title":
        return 1
    match = _HEADING_STYLE.match(name.strip())
    return int(match.group(1)) if match else 0


def _paragraph_text(paragraph: Paragraph, numbering: _Numbering, in_cell: bool) -> str:
    pieces = []
    for run in _runs(paragraph):
        text = run.text.replace("\t", " ")
        if not text:
            continue
        pieces.append((text, _bold(run), _underlined(run)))
    text = _marked_up(pieces)
    lines = [thai_format.normalise_text(line) for line in text.split("\n")]
    text = "<br>\n".join(line for line in lines if line)
    if not text:
        return ""
    marker, depth = numbering.marker(paragraph)
    return f"{'    ' * depth}{marker} {text}" if marker else text


def _runs(paragraph: Paragraph):
    for item in paragraph.iter_inner_content():
        if hasattr(item, "runs"):  # a hyperlink holds runs of its own
            yield from item.runs
        else:
            yield item


def _marked_up(pieces) -> str:
    """Runs joined, with **bold** and <u>underline</u> around runs of the same look;
    the marks go inside the spaces, where Markdown expects them."""
    merged = []
    for text, bold, underline in pieces:
        if merged and merged[-1][1:] == (bold, underline):
            merged[-1] = (merged[-1][0] + text, bold, underline)
        else:
            merged.append((text, bold, underline))
    out = []
    for text, bold, underline in merged:
        core = text.strip()
        if not core:
            out.append(text)
            continue
        if underline:
            core = f"<u>{core}</u>"
        if bold:
            core = f"**{core}**"
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        out.append(lead + core + trail)
    return "".join(out)


def _property_on(run, tag: str) -> bool:
    props = run._r.rPr
    element = props.find(qn(tag)) if props is not None else None
    return element is not None and element.get(qn("w:val"), "true").lower() not in _OFF


def _bold(run) -> bool:
    return bool(run.bold) or _property_on(run, "w:bCs")


def _underlined(run) -> bool:
    return bool(run.underline) and str(run.underline).lower() not in _OFF


def _all_bold(paragraph: Paragraph) -> bool:
    runs = [r for r in _runs(paragraph) if r.text.strip()]
    return bool(runs) and all(_bold(r) for r in runs)


def _numbering_of(props):
    return props.numPr if props is not None else None


class _Numbering:
    """Word's automatic numbers, which are not in the paragraph's text: "1." for
    decimal lists, "๑." for Thai-numbered ones (kept Thai, as the source shows them),
    "-" for bullets. Counted per list and level in reading order."""

    def __init__(self, document):
        self.formats = {}
        self.counters = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for level in node.findall(qn("w:lvl")):
                fmt = level.find(qn("w:numFmt"))
                levels[level.get(qn("w:ilvl"))] = fmt.get(qn("w:val")) if fmt is not None else ""
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.formats[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})

    def marker(self, paragraph: Paragraph) -> tuple[str, int]:
        """("1." / "๑." / "-", list depth), or ("", 0) for a paragraph not in a list."""
        num_pr = _numbering_of(paragraph._p.pPr)
        if num_pr is None and paragraph.style is not None:  # "List Number" numbers by style
            num_pr = _numbering_of(paragraph.style.element.pPr)
        if num_pr is None or num_pr.numId is None:
            return "", 0
        num_id = str(num_pr.numId.val)
        level = str(num_pr.ilvl.val) if num_pr.ilvl is not None else "0"
        fmt = self.formats.get(num_id, {}).get(level, "")
        if num_id == "0" or fmt in ("", "none"):
            return "", 0
        if fmt == "bullet":
            return "-", int(level)
        count = self.counters.get((num_id, level), 0) + 1
        self.counters[(num_id, level)] = count
        # A deeper level restarts when a shallower one moves on.
        for key in [k for k in self.counters if k[0] == num_id and int(k[1]) > int(level)]:
            del self.counters[key]
        number = thai_format.thai_digits(count) if fmt.startswith("thai") else str(count)
        return number + ".", int(level)
