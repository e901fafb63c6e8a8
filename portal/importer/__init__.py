"""Import: a clerk's Word, Excel, CSV or PDF file made into a draft document (`invoke import`),
or one sheet made into a table file (`invoke table`).

Owns reading those formats (word.py, sheets.py, pdf.py with the Thai repairs of
thai_repair.py), the table-file writer (table_file.py), the front matter proposed from a
Thai memo's layout (memo.py) and the draft folder (draft.py). Free of Pelican: the drafts
it writes are checked by the same build as everything staff write.
"""

from __future__ import annotations

import os

from portal.tables.model import TABLE_ID

from .draft import Draft, ImportRefused, write_draft
from .sheets import SheetUnreadable, read_sheets
from .source import Source, Unreadable
from .word import read_docx

READERS = {".docx": "Word", ".xlsx": "Excel", ".xlsm": "Excel", ".xls": "Excel",
           ".ods": "Excel", ".csv": "CSV", ".pdf": "PDF"}
SUPPORTED = ", ".join(sorted(READERS))


def read(path: str) -> Source:
    """The file at ``path`` as a Source; ImportRefused with a Thai message when it
    cannot be read."""
    name = os.path.basename(path)
    extension = os.path.splitext(name)[1].lower()
    if extension not in READERS:
        hint = " (บันทึกจาก Word เป็น .docx ก่อน)" if extension in (".doc", ".rtf", ".odt") else ""
        raise ImportRefused(f"{name}: นำเข้าไฟล์ชนิด {extension or 'ไม่มีนามสกุล'} ไม่ได้ "
                            f"(unsupported type): ใช้ได้ {SUPPORTED}{hint}")
    try:
        if extension == ".pdf":
            from .pdf import read_pdf  # pdfplumber is loaded only when a PDF comes

            return read_pdf(path)
        return read_docx(path) if extension == ".docx" else read_sheets(path)
    except Unreadable as error:
        raise ImportRefused(str(error)) from None
    except Exception as error:  # a damaged file: each library fails its own way
        raise ImportRefused(f"{name}: อ่านไฟล์ไม่ได้ ({type(error).__name__}) ไฟล์อาจเสียหรือไม่ใช่"
                            f"ไฟล์ {READERS[extension]} จริง: เปิดไฟล์ในโปรแกรมของมันแล้วบันทึกใหม่"
                            ) from None




def expand(pattern: str) -> list[str]:
    """The files a PATH names: a file, every importable file in a folder, or a pattern
    with * (quoted, so the shell does not expand it)."""
    import glob

    if os.path.isdir(pattern):
        names = sorted(os.listdir(pattern))
        return [os.path.join(pattern, n) for n in names
                if os.path.splitext(n)[1].lower() in READERS and not n.startswith((".", "~$"))]
    if any(ch in pattern for ch in "*?["):
        return sorted(glob.glob(pattern))
    return [pattern]


def import_files(paths: list[str], content_dir: str, doc_type=None):
    """(drafts written, Thai errors): every file is tried, so one run reports them all."""
    drafts, errors = [], []
    taken = None
    for path in paths:
        if not os.path.isfile(path):
            errors.append(f"{path}: ไม่พบไฟล์ (file not found)")
            continue
        try:
            source = read(path)
            if taken is None:
                from portal.front_matter import scaffold

                taken = scaffold.existing_slugs(content_dir)
            drafts.append(write_draft(source, path, content_dir, doc_type, taken))
        except ImportRefused as error:
            errors.append(str(error))
    return drafts, errors


def table_into(path: str, folder: str, sheet: str = "", cells: str = "", table_id: str = "",
               caption: str = ""):
    """One sheet (or range) of a spreadsheet or CSV written as ``folder``/<id>.table.yaml:
    (the path written, notes for the clerk). ImportRefused when it cannot."""
    from . import table_file
    from .table_file import SUFFIX

    name = os.path.basename(path)
    if os.path.splitext(name)[1].lower() not in (".xlsx", ".xlsm", ".xls", ".ods", ".csv"):
        raise ImportRefused(f"{name}: invoke table อ่านได้เฉพาะ .xlsx .xls .ods .csv "
                            "(ตารางในไฟล์ Word หรือ PDF ใช้ invoke import)")
    try:
        grids = read_sheets(path, sheet, cells).tables
    except SheetUnreadable as error:
        raise ImportRefused(str(error)) from None
    if not grids:
        raise ImportRefused(f"{name}: ไม่มีข้อมูลในชีตหรือช่วงที่เลือก (no data)")
    if len(grids) > 1:
        raise ImportRefused(f"{name} มีข้อมูลหลายชีต: เลือกชีตด้วย --sheet "
                            + "ชื่อใดชื่อหนึ่ง: " + ", ".join(g.where for g in grids))
    table_id = table_id or table_file.free_id(folder, name)
    if not TABLE_ID.match(table_id):
        raise ImportRefused(f"ชื่อตาราง \"{table_id}\" ใช้ไม่ได้: ใช้ a-z 0-9 และ - เช่น budget-2569")
    target = os.path.join(folder, table_id + SUFFIX)
    if os.path.exists(target):
        raise ImportRefused(f"มีไฟล์ {target} อยู่แล้ว (file exists): ไม่เขียนทับ ใช้ --id ชื่ออื่น")
    grid = grids[0]
    if caption:
        grid.caption = caption
    written = table_file.write_table(grid, table_id, f"ตารางจาก {name}")
    with open(target, "x", encoding="utf-8") as handle:
        handle.write(table_file.source_comment(name, grid) + written.text)
    return target, written.notes + table_file.check_written(target)


__all__ = ["Draft", "ImportRefused", "SUPPORTED", "expand", "import_files", "read", "table_into",
           "write_draft"]
