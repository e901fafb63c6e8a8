"""Tables: tables written as data (``NAME.table.yaml`` beside a document).

Owns the table format of docs/tables.md: reading and checking table files
(``model``), the accessible HTML (``render``), the CSV and JSON open-data
copies (``export``) and the ``::: table NAME.table.yaml`` line in a document's
Markdown (``markdown_ext``, a Python-Markdown extension listed in the MARKDOWN
setting, turns the line into a marker). On ``content_object_init`` this plugin
replaces each marker with the rendered table, reporting every problem in a
table file to ``content_errors`` with the table file's line; after the
documents are written it writes ``<id>.csv`` and ``<id>.json`` beside each page.
Templates draw their own tables (ITA lists, complaint channels) through the
``table_block(id, caption, labels, rows)`` global (with ``totals=`` a totals
row and ``numbers=True`` for columns of numbers), so that every table of the
site has the same caption, phone cards and header markup.
In `invoke serve` rebuilds (``rebuild.kept``), a table file unchanged since
the previous build is not loaded, exported or rendered again; its errors are
reported again on every build.
"""

from __future__ import annotations

import html
import os
import re
from typing import NamedTuple

from markupsafe import Markup, escape
from pelican import signals

from portal import content_errors, outputs, rebuild, safe_html, safe_paths, thai_format

from . import export
from .markdown_ext import DIRECTIVE
from .model import SHEET_SUFFIXES, SUFFIX, Problem, load_table
from .render import downloads_html, dropped_html, render, template_table

_MARKER = re.compile(r'<div data-table-source="([^"]*)"></div>')
# The ids of a document's body HTML, which the sanitiser wrote with double quotes:
# a pattern, not the HTML parser, as the check of written pages catches any
# duplicate id anyway (0.4 s at 5,000 documents).
_PAGE_ID = re.compile(r'\bid="([^"]+)"')
_DIRECTIVE_LINE = re.compile(DIRECTIVE.pattern, re.MULTILINE)
# What rebuild.kept keeps for serve rebuilds: absolute table path -> its
# PreparedTable, which depends on the file only.
PREPARED = "tables.prepared"


class TableExport(NamedTuple):
    """A table shown on a page, and the open-data copies written beside it."""

    table_id: str
    csv_bytes: bytes
    json_bytes: bytes
    file_name: str  # as the document names it
    line: int  # of the ::: table line in the document


class PreparedTable:
    """A loaded table file and, once a page shows it, its exports and HTML."""

    def __init__(self, path: str):
        self.stamp = rebuild.file_stamp(path)  # before reading: an edit meanwhile is seen next time
        self.table, self.problems = load_table(path)
        self.warnings = _unsafe_html_warnings(self.table, path) if self.table else []
        self._output = None

    def output(self) -> tuple:
        """(CSV bytes, JSON bytes, HTML of the table block), computed once."""
        if self._output is None:
            csv_bytes, json_bytes = export.to_csv(self.table), export.to_json(self.table)
            links = downloads_html(self.table.id, thai_format.file_size(len(csv_bytes)),
                                   thai_format.file_size(len(json_bytes)))
            self._output = (csv_bytes, json_bytes, render(self.table, links))
        return self._output


def _unsafe_html_warnings(table, path) -> list:
    """A Problem for each piece of raw HTML that the table's pages will not carry."""
    texts = [(row.line, row.label) for row in table.rows if row.kind == "section"]
    text_keys = {column.key for column in table.columns if column.type == "text"}
    texts += [(cell.line, cell.raw) for row in table.rows for key, cell in row.cells.items()
              if key in text_keys]
    texts += [(_line_of(path, note), note) for note in table.notes]
    return [Problem(line, safe_html.removal_warning(item, "ตาราง"),
                    "ข้อความในตารางใช้ Markdown และแท็กจัดรูปแบบ เช่น <u> <br> เท่านั้น: "
                    "ลบส่วนนั้นออกจากไฟล์ตาราง")
            for line, text in texts for item in dict.fromkeys(dropped_html(text))]


def _line_of(path, text) -> int:
    """Line of the table file where ``text`` (a note) starts; 1 when not found."""
    first = text.split("\n", 1)[0].strip()
    return content_errors.line_containing(path, first) or 1


def prepared_table(path: str) -> PreparedTable:
    """The table file at ``path`` prepared, from the previous build when unchanged."""
    return rebuild.kept(PREPARED, path, lambda: PreparedTable(path),
                        lambda path, _prepared: rebuild.file_stamp(path),
                        lambda _path, prepared: prepared.stamp)


def _directive_lines(source_path: str) -> dict:
    """Table file name -> the .md lines that place it, in order."""
    try:
        with open(source_path, encoding="utf-8-sig", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return {}
    lines = {}
    for found in _DIRECTIVE_LINE.finditer(text):  # one scan, not a match per line
        number = text.count("\n", 0, found.start()) + 1
        lines.setdefault(found[1], []).append(number)
    return lines


def _table_path(document_dir: str, content_root: str, name: str, source_path: str, line: int):
    """Absolute path of a table file named in a document (safe_paths' rule),
    or None after reporting."""
    if not name.endswith(SUFFIX) and not name.lower().endswith(SHEET_SUFFIXES):
        close = safe_paths.close_name(document_dir, name)
        content_errors.report(
            source_path, line,
            f"ไฟล์ตาราง \"{name}\" ต้องมีชื่อลงท้ายด้วย {SUFFIX} หรือเป็นไฟล์ .xlsx .xls .ods .csv "
            f"(a table file ends in {SUFFIX}, or is a spreadsheet)",
            safe_paths.did_you_mean(close if close.endswith(SUFFIX) else "")
            + f"ตั้งชื่อไฟล์ตารางเช่น summary{SUFFIX} แล้วเขียน ::: table summary{SUFFIX}")
        return None
    try:
        return safe_paths.resolve(name, document_dir, document_dir, content_root)
    except safe_paths.FileMissing as missing:
        content_errors.report(
            source_path, line,
            f"ไม่พบไฟล์ตาราง \"{name}\" (table file not found)",
            missing.did_you_mean()
            + "วางไฟล์ตารางไว้ในโฟลเดอร์เดียวกับเอกสาร และตรวจชื่อไฟล์ให้ตรงทุกตัวอักษร")
    except safe_paths.PathRefused as refused:
        content_errors.report(source_path, line, f"ไฟล์ตาราง: {refused.message}", refused.hint)
    return None


def insert_tables(content) -> None:
    """Replace each table marker in a document's HTML with the rendered table."""
    text = getattr(content, "_content", None)
    if not text or "data-table-source" not in text:
        return
    source_path = content.source_path
    document_dir = os.path.dirname(os.path.abspath(source_path))
    directive_lines = _directive_lines(source_path)
    exports = []
    used_ids = {}
    # ids already on the page (headings with {#id}, raw HTML): a table's anchor
    # must not take one of them, or links and aria-labelledby would break.
    page_ids = set(_PAGE_ID.findall(_MARKER.sub("", text)))

    def replace(match):
        name = html.unescape(match[1])
        places = directive_lines.get(name) or [1]
        line = places.pop(0) if len(places) > 1 else places[0]
        path = _table_path(document_dir, content.settings["PATH"], name, source_path, line)
        if path is None:
            return ""
        prepared = prepared_table(path)
        table = prepared.table
        for problem in prepared.problems:  # every build, cached or not
            content_errors.report(path, problem.line, problem.message, problem.hint)
        for warning in prepared.warnings:
            content_errors.warn(path, warning.line, warning.message, warning.hint)
        if table is None:
            return ""
        if table.id in used_ids:
            content_errors.report(
                source_path, line,
                f"ตาราง \"{name}\" ใช้รหัส \"{table.id}\" ซ้ำกับตาราง {used_ids[table.id]} "
                "ในเอกสารเดียวกัน (duplicate table id)",
                "ตั้ง id: ของตารางให้ไม่ซ้ำกัน (ชื่อไฟล์ CSV/JSON มาจาก id)")
            return ""
        if table.id in page_ids:
            content_errors.report(
                path, table.id_line,
                f"รหัสตาราง \"{table.id}\" ซ้ำกับจุดอ้างอิง (id) อื่นในเอกสาร เช่น หัวข้อ {{#{table.id}}} "
                "(table id already used on the page)",
                "ตั้ง id: ของตารางเป็นชื่ออื่น เช่น เติม -table ต่อท้าย")
            return ""
        used_ids[table.id] = name
        csv_bytes, json_bytes, table_html = prepared.output()
        exports.append(TableExport(table.id, csv_bytes, json_bytes, name, line))
        return table_html

    content._content = _MARKER.sub(replace, text)
    content.table_exports = exports


def write_exports(generator, writer=None) -> None:
    """Write every table's CSV and JSON beside the page that shows it."""
    for content in outputs.written_contents(generator):
        exports = getattr(content, "table_exports", ())
        if not exports or not content.save_as:
            continue
        page_dir = os.path.dirname(content.save_as)
        for table in exports:
            for suffix, data in ((".csv", table.csv_bytes), (".json", table.json_bytes)):
                outputs.write_output(
                    generator.settings, os.path.join(page_dir, table.table_id + suffix), data,
                    content.source_path, table.line, f"ไฟล์ส่งออกของตาราง {table.file_name}")


def _table_block(tid, caption, labels, rows, row_header=True, totals=None,
                 numbers=False) -> Markup:
    """The templates' ``table_block(...)``: text cells are escaped, Markup cells
    ({% set %} blocks) are kept as the template wrote them. ``totals`` (a totals
    row: label, then cells) and ``numbers`` as render.template_table."""
    def escaped(row):
        return [str(escape(cell)) if cell not in (None, "") else "" for cell in row]

    return Markup(template_table(str(tid), str(caption), [str(label) for label in labels],
                                 [escaped(row) for row in rows], row_header,
                                 [str(totals[0]), *escaped(totals[1:])] if totals else None,
                                 numbers))


def add_template_global(pelican) -> None:
    pelican.settings.setdefault("JINJA_GLOBALS", {})["table_block"] = _table_block


def register():
    signals.initialized.connect(add_template_global)
    signals.content_object_init.connect(insert_tables)
    signals.article_writer_finalized.connect(write_exports)
    signals.page_writer_finalized.connect(write_exports)
