"""HTML for a checked ``Table``: accessible markup, no styling decisions.

Classes the theme styles (theme/static/css/portal.css; docs/tables.md says how):
``table-block`` (the whole block; ``has-cards`` when it has phone cards),
``table-caption`` (the caption shown, outside the scroll region), ``table-scroll``
(the focusable region that scrolls sideways), ``scroll-hint``, ``data-table`` on
every table and ``wide`` on tables with more than six columns (print them on A4
landscape), ``lead`` on the first column's cells, ``num`` on number/money/percent
cells (right-aligned), ``tick``, ``section``, ``total``, ``table-cards`` /
``table-card`` / ``card-head`` / ``card-section`` (the rows as cards), ``table-notes``,
``table-downloads`` and ``visually-hidden`` (text for screen readers only).
"""

from __future__ import annotations

import functools
import re
from html import escape

from markdown import Markdown

from portal import safe_html

from .model import NUMERIC, Cell, Column, HeaderCell, Row, Table

WIDE = 6
CARDS = 4  # tables of this many columns or more become cards on a phone
HTML = "html"  # cells the theme's templates made: HTML as given (never in table files)
HTML_NUMBER = "html-number"  # ... holding a number: right-aligned like a table file's numbers
_UNSAFE_ID = re.compile(r"[^a-z0-9-]+")
_SINGLE_PARAGRAPH = re.compile(r"^<p>((?:(?!<p>).)*)</p>$", re.S)


# Python-Markdown's \d also matches Thai digits, so "๑. ..." would become an
# <ol> numbered 1, 2, 3: a Thai-numbered line stays text, as in the source.
_THAI_NUMBERED = re.compile(r"^(\s*[\u0e50-\u0e59]+)\.", re.M)


# Most cells are one line of words: with none of these characters Markdown
# would only escape them and wrap them in <p>, so they skip the converter.
_MARKDOWN_SYNTAX = re.compile(r"[\n\t*_`\[\]#<>&\\!|+=~:-]|^\s|^\d|\s\s$")
@functools.cache
def _converter() -> Markdown:
    """One Markdown instance, reset for each cell: building one costs more than a cell.
    safe_html.TextNotTags: "x<y และ y>z" is text, not a tag <y ...>."""
    return Markdown(extensions=["markdown.extensions.sane_lists", safe_html.TextNotTags()],
                    output_format="html5")


def _unsafe_markdown(text: str) -> str:
    """Markdown's HTML of a text, raw HTML included (sanitised by the callers)."""
    text = _THAI_NUMBERED.sub(r"\1\\.", text)
    return _converter().reset().convert(text).strip()


def _markdown(text: str) -> str:
    """A text's Markdown as HTML, with only the HTML that content may carry (safe_html)."""
    return _sanitised_markdown(text)[0]


@functools.lru_cache(maxsize=4096)
def _sanitised_markdown(text: str) -> tuple:
    """safe_html.sanitise of the text's Markdown: (HTML, what it removed)."""
    return safe_html.sanitise(_unsafe_markdown(text))


@functools.lru_cache(maxsize=4096)
def markdown_html(text: str) -> str:
    """A text cell's Markdown as HTML; one paragraph loses its <p>."""
    if not _MARKDOWN_SYNTAX.search(text):
        return escape(text, quote=False)
    html = _markdown(text)
    single = _SINGLE_PARAGRAPH.match(html)
    return single[1] if single else html


def dropped_html(text: str) -> list:
    """What the sanitiser removes from the HTML of a text (safe_html.Dropped)."""
    if not _MARKDOWN_SYNTAX.search(text):
        return []
    return _sanitised_markdown(text)[1]


def _attrs(**attrs) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None or value == "" or value == 1 and name in ("colspan", "rowspan"):
            continue
        parts.append(f' {name.rstrip("_")}="{escape(str(value))}"')
    return "".join(parts)


def render(table, downloads: str = "") -> str:
    """The table block: caption, scroll region with the table, the phone cards,
    notes and the download line."""
    tid = table.id
    columns = table.columns
    for column in columns:
        column.header_ids = []
    caption_id = f"{tid}-caption"
    wide = " wide" if len(columns) > WIDE else ""
    cards = len(columns) >= CARDS
    block_class = "table-block" + wide + (" has-cards" if cards else "")
    out = [f'<div class="{block_class}" id="{escape(tid)}">',
           # The caption shown: outside the scroll region, so it wraps and never
           # scrolls out of sight. Screen readers read the table's own <caption>.
           f'<p class="table-caption" aria-hidden="true" data-pagefind-ignore>'
           f"{escape(table.caption)}</p>",
           f'<div class="table-scroll{wide}" role="region" aria-labelledby="{escape(caption_id)}"'
           ' tabindex="0">',
           '<p class="scroll-hint" aria-hidden="true" data-pagefind-ignore>'
           "เลื่อนตารางไปทางขวาเพื่อดูคอลัมน์ที่เหลือ</p>",
           f'<table class="data-table{wide}">',
           f'<caption id="{escape(caption_id)}">{escape(table.caption)}</caption>',
           "<thead>"]
    for row in table.header:
        out.append("<tr>")
        for cell in row:
            cell_id = f"{tid}-h{cell.row}-{cell.col}"
            scope = "colgroup" if cell.colspan > 1 else "col"
            lead = ' class="lead"' if cell.col == 0 else ""
            attributes = _attrs(id=cell_id, scope=scope, colspan=cell.colspan,
                                rowspan=cell.rowspan)
            out.append(f"<th{attributes}{lead}>{header_html(cell.label)}</th>")
            for column in columns[cell.col: cell.col + cell.colspan]:
                column.header_ids.append(cell_id)
        out.append("</tr>")
    out.append("</thead>")

    classes = [_column_classes(column) for column in columns]
    classes[0] = _with_class(classes[0], "lead")
    row_ids = _row_header_ids(table)
    last = len(table.rows) - 1
    body_open = False
    section_id = None
    for position, row in enumerate(table.rows):
        in_foot = row.kind == "total" and position == last
        if row.kind == "section" or in_foot or not body_open:
            if body_open:
                out.append("</tbody>")
            out.append("<tfoot>" if in_foot else "<tbody>")
            body_open = not in_foot
        if row.kind == "section":
            section_id = f"{tid}-s{position}"
            out.append(f'<tr class="section"><th{_attrs(id=section_id, colspan=len(columns))}'
                       f' scope="rowgroup">{markdown_html(row.label)}</th></tr>')
            continue
        out.append(_row(table, row, position, section_id, classes, row_ids))
        if in_foot:
            out.append("</tfoot>")
    if body_open:
        out.append("</tbody>")
    out.append("</table>")
    out.append("</div>")
    if cards:
        out.append(_cards(table))
    if table.notes:
        out.append('<div class="table-notes">')
        out += [_markdown(note) for note in table.notes]
        out.append("</div>")
    if downloads:
        out.append(downloads)
    out.append("</div>")
    return "\n".join(out)


# A header's short Thai words stay whole: the browser breaks Thai between
# dictionary words, so a narrow column split งบประมาณ (บาท) as งบ/ประมาณ.
# A space-separated run of up to NOBR_LETTERS letters (vowel and tone marks
# above and below not counted) is one word or compound in practice.
NOBR_LETTERS = 10
_RUN = re.compile(r"\S+")
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
_THAI = re.compile("[\u0e01-\u0e5b]")


def header_html(label: str) -> str:
    """A header label as HTML, its short Thai words in ``<span class="nobr">``."""
    def run_html(match) -> str:
        run = match[0]
        if _THAI.search(run) and len(_MARKS.sub("", run)) <= NOBR_LETTERS:
            return f'<span class="nobr">{escape(run)}</span>'
        return escape(run)
    return _RUN.sub(run_html, label)


def _with_class(class_attr: str, name: str) -> str:
    """``class_attr`` (' class="num"' or "") with one more class."""
    if not class_attr:
        return f' class="{name}"'
    return class_attr[:-1] + f' {name}"'


# ------------------------------------------------------------------ phone cards

_ANCHOR = re.compile(r"<a\b")
_ID_ATTRIBUTE = re.compile(r'\sid="[^"]*"')


def _cards(table) -> str:
    """The table as one card per row, each value under its full header path: what a
    phone shows instead of the table (theme CSS). Hidden from screen readers and
    search, which read the real table; links in it are left out of the Tab order."""
    columns = table.columns
    paths = [escape(_header_path([column])) for column in columns]
    out = ['<div class="table-cards" aria-hidden="true" data-pagefind-ignore>']
    for row in table.rows:
        if row.kind == "section":
            out.append(f'<p class="card-section">{markdown_html(row.label)}</p>')
            continue
        kind = " total" if row.kind == "total" else ""
        out.append(f'<dl class="table-card{kind}">')
        if row.kind == "total":
            out.append(f'<div class="card-head"><dt>{paths[0]}</dt>'
                       f"<dd>{escape(row.label)}</dd></div>")
        skip = 1 if row.kind == "total" else 0  # columns covered by a cell to their left
        for index, column in enumerate(columns):
            if skip:
                skip -= 1
                continue
            cell = table.cell_at(row, column.key)
            content = _content(column, cell) if cell else ""
            if not content:
                continue
            label = paths[index]
            if cell.colspan > 1:
                label = escape(_header_path(columns[index: index + cell.colspan]))
                skip = cell.colspan - 1
            if "<" in content:
                content = _ID_ATTRIBUTE.sub("", _ANCHOR.sub('<a tabindex="-1"', content))
            head = ' class="card-head"' if column.row_header else ""
            out.append(f"<div{head}><dt>{label}</dt><dd>{content}</dd></div>")
        out.append("</dl>")
    out.append("</div>")
    return "\n".join(out)


def _header_path(columns) -> str:
    """The header labels over ``columns`` from top to leaf, joined with "›"; for a
    merged cell over several columns, their shared labels then their own."""
    paths = [column.path or [column.label] for column in columns]
    shared = []
    for labels in zip(*paths, strict=False):
        if len(set(labels)) > 1:
            break
        shared.append(labels[0])
    own = [", ".join(" ".join(path[len(shared):]) for path in paths)] if len(paths) > 1 else []
    return " › ".join(shared + own) if shared or own else ""


def _column_classes(column) -> str:
    """The class attribute of a column's cells ("" when none)."""
    if column.type in NUMERIC or column.type == HTML_NUMBER:
        return ' class="num"'
    if column.type == "tick":
        return ' class="tick"'
    return ""


def _row_header_ids(table) -> list:
    """For each row, {column key: id of the row header cell over that key}:
    the totals label, or the row_header columns' cells, merged ones included."""
    tid = table.id
    first = table.columns[0].key
    ids, origin = [], {}
    for position, row in enumerate(table.rows):
        if row.kind == "total":
            ids.append({first: f"{tid}-r{position}-{first}"})
            continue
        row_ids = {}
        for column in table.columns:
            if not column.row_header:
                continue
            if column.key in row.cells:
                origin[id(row.cells[column.key])] = row_ids[column.key] = \
                    f"{tid}-r{position}-{column.key}"
            elif column.key in row.covered:
                row_ids[column.key] = origin[id(row.covered[column.key])]
        ids.append(row_ids)
    return ids


def _row(table, row, position, section_id, classes, row_ids) -> str:
    """One body or totals row; ``classes`` holds each column's class attribute and
    ``row_ids`` the row header ids of every row (``_row_header_ids``). Ids are made
    of the checked table id and column keys (a-z 0-9 - _): nothing to escape."""
    columns = table.columns
    mine = row_ids[position]
    section = [section_id] if section_id else []
    cells = []
    for index, (column, class_attr) in enumerate(zip(columns, classes, strict=True)):
        if column.key in row.covered:
            continue  # drawn by the merged cell above or to the left
        cell = row.cells.get(column.key)
        own = mine.get(column.key)
        if cell is None or (cell.rowspan == 1 and cell.colspan == 1):
            spans = ""
            headers = column.header_ids + section + [i for i in mine.values() if i != own]
        else:
            spans = _attrs(rowspan=cell.rowspan, colspan=cell.colspan)
            headers = [i for c in columns[index: index + cell.colspan] for i in c.header_ids]
            headers += section + [i for ids in row_ids[position: position + cell.rowspan]
                                  for i in ids.values() if i != own]
            headers = list(dict.fromkeys(headers))
        headers_attr = f' headers="{" ".join(headers)}"' if headers else ""
        if row.kind == "total" and index == 0:
            content = escape(row.label)
        else:
            content = _content(column, cell)
        if own is not None:
            cells.append(f'<th id="{own}" scope="row"{class_attr}{spans}'
                         f"{headers_attr}>{content}</th>")
        else:
            cells.append(f"<td{class_attr}{spans}{headers_attr}>{content}</td>")
    kind = ' class="total"' if row.kind == "total" else ""
    return f"<tr{kind}>" + "".join(cells) + "</tr>"


def _content(column, cell) -> str:
    if cell is None:
        return ""
    if column.type in (HTML, HTML_NUMBER):
        return cell.raw
    if column.type == "text":
        return markdown_html(cell.raw)
    if column.type == "tick":
        if not cell.value:
            return ""
        return '<span aria-hidden="true">✓</span><span class="visually-hidden">ใช่</span>'
    return escape(cell.raw)


def downloads_html(tid: str, csv_size: str, json_size: str) -> str:
    return (f'<p class="table-downloads">ดาวน์โหลดข้อมูลตาราง: '
            f'<a href="{escape(tid)}.csv" type="text/csv" download>CSV ({escape(csv_size)})</a> · '
            f'<a href="{escape(tid)}.json" type="application/json">'
            f'JSON ({escape(json_size)})</a></p>')


def template_table(tid: str, caption: str, labels, rows, row_header: bool = True,
                   totals=None, numbers: bool = False) -> str:
    """A table the theme's templates draw (ITA lists, complaint channels) as the same
    block as a table file's: caption outside the scroll region, phone cards, headers.
    ``rows`` hold each cell's HTML, already escaped; the first column heads its row
    unless ``row_header`` is false. ``totals``: a totals row (its label, then its
    cells' HTML), drawn in <tfoot>; ``numbers``: every column but the first holds
    numbers (right-aligned)."""
    # Ids go into id/headers attributes unescaped (_row): a template's id, made of
    # data such as an ITA catalog's codes, is brought to the table files' id rule.
    tid = _UNSAFE_ID.sub("-", tid.lower()).strip("-") or "table"
    columns = [Column(f"c{index}", label, HTML_NUMBER if numbers and index else HTML,
                      row_header and index == 0, path=[label])
               for index, label in enumerate(labels)]
    header = [[HeaderCell(label, 1, 1, 1, 0, index) for index, label in enumerate(labels)]]

    def cells(row):
        return {column.key: Cell(html, html, 1)
                for column, html in zip(columns, row, strict=True) if html}

    body = [Row("data", 1, cells(row)) for row in rows]
    if totals:
        label, *values = totals
        body.append(Row("total", 1, cells(["", *values]), label=label))
    return render(Table(tid, caption, columns, header, body, [], ""))
