"""Import: real Word, Excel, LibreOffice and CSV files, made here with the libraries
clerks' programs write them with, imported into drafts that pass the build, read back
from the built draft page cell for cell."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import ROOT, Site
from example_site import CONTENT, build_real_documents
from table_html import body_rows, head_rows, span, tables, texts

from portal import importer
from portal.front_matter.schema import TYPES_BY_NAME
from portal.importer import memo
from portal.tables import model

REPORT = TYPES_BY_NAME["รายงาน"]


def imported(site: Site, *paths, doc_type=None):
    drafts, errors = importer.import_files([str(p) for p in paths], str(site.content), doc_type)
    assert not errors, errors
    return drafts


def built_draft(site: Site, draft) -> str:
    result = site.build()
    assert result.ok, result.message
    assert "ERROR" not in (result.message or "")
    slug = os.path.basename(draft.folder)
    return site.read(f"drafts/{slug}/index.html")


def front_matter(draft) -> str:
    with open(draft.document, encoding="utf-8") as handle:
        return handle.read().split("\n---\n", 1)[0]


# ------------------------------------------------------------------ Word

def word_memo(path):
    """A memo as a clerk types it: memo lines, a bold numbered heading, underline,
    a Word numbered list, a table with a two-level header and a cell over two rows."""
    document = docx.Document()
    document.add_paragraph().add_run("บันทึกข้อความ").bold = True
    document.add_paragraph("ส่วนราชการ สำนักปลัด องค์การบริหารส่วนตำบลตัวอย่าง")
    document.add_paragraph("ที่ ตย ๗๘๙๐๑/๑๒๓\tวันที่ ๑๕ มกราคม ๒๕๖๙")
    document.add_paragraph("เรื่อง รายงานผลการดำเนินงานตามแผนป้องกันการทุจริต ไตรมาสที่ ๑")
    document.add_paragraph("เรียน นายกองค์การบริหารส่วนตำบลตัวอย่าง")
    document.add_paragraph().add_run("๑. เรื่องเดิม").bold = True
    body = document.add_paragraph("ตามที่ได้จัดทำแผนป้องกันการทุจริต ")
    body.add_run("ประจำปีงบประมาณ ๒๕๖๙").underline = True
    body.add_run(" ขอรายงานดังนี้")
    document.add_paragraph("จัดอบรมแล้ว", style="List Number")
    document.add_paragraph("ประกาศเจตนารมณ์แล้ว", style="List Number")
    document.add_paragraph("ตารางที่ ๑ งบประมาณโครงการ")
    table = document.add_table(rows=5, cols=4)
    table.style = "Table Grid"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "โครงการ"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "งบประมาณ (บาท)"
    table.cell(0, 3).merge(table.cell(1, 3)).text = "ผลการดำเนินงาน"
    table.cell(1, 1).text = "ปี ๒๕๖๘"
    table.cell(1, 2).text = "ปี ๒๕๖๙"
    rows = (("อบรมคุณธรรมจริยธรรม", "๒๐,๐๐๐", "๒๕,๐๐๐"), ("ประกาศเจตนารมณ์", "๕,๐๐๐", "๕,๐๐๐"),
            ("รวม", "๒๕,๐๐๐", "๓๐,๐๐๐"))
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(2, 3).merge(table.cell(3, 3)).text = "ดำเนินการแล้วเสร็จ"
    document.add_paragraph("จึงเรียนมาเพื่อโปรดทราบ")
    # Signatures side by side in a table without lines, as memos lay them out.
    signatures = document.add_table(rows=2, cols=2)
    signatures.cell(0, 0).text = "(นางสาวสมใจ ใจดี)"
    signatures.cell(1, 0).text = "หัวหน้าสำนักปลัด"
    signatures.cell(0, 1).text = "(นายสมศักดิ์ รักงาน)"
    signatures.cell(1, 1).text = "ปลัดองค์การบริหารส่วนตำบล"
    document.save(path)
    return path


def test_word_memo_becomes_a_draft_with_its_facts_marked_for_the_clerk(site, tmp_path):
    draft, = imported(site, word_memo(tmp_path / "รายงานไตรมาส 1.docx"))
    assert draft.folder == str(site.content / "documents" / "2569" / "report-2569-001")
    assert sorted(draft.files) == sorted(["report-2569-001.md", "table-1.table.yaml",
                                          "รายงานไตรมาส 1.docx"])
    head = front_matter(draft)
    for line in ("title: รายงานผลการดำเนินงานตามแผนป้องกันการทุจริต ไตรมาสที่ ๑",
                 "type: รายงาน", "status: draft", "date: 15 มกราคม 2569",
                 "number: ตย ๗๘๙๐๑/๑๒๓", "addressee: นายกองค์การบริหารส่วนตำบลตัวอย่าง",
                 "  - name: นางสาวสมใจ ใจดี", "    position: หัวหน้าสำนักปลัด",
                 "  - name: นายสมศักดิ์ รักงาน", "    position: ปลัดองค์การบริหารส่วนตำบล",
                 "  - file: รายงานไตรมาส 1.docx"):
        assert line in head.split("\n"), line
    # Each proposal names the source line it was read from, for the clerk to confirm.
    assert '# ตรวจ: ระบบอ่านจากบรรทัด "ที่ ตย ๗๘๙๐๑/๑๒๓ วันที่ ๑๕ มกราคม ๒๕๖๙"' in head


def test_word_memo_draft_builds_and_its_table_matches_the_source_cell_for_cell(site, tmp_path):
    draft, = imported(site, word_memo(tmp_path / "memo.docx"))
    page = built_draft(site, draft)
    table, = tables(page)
    assert table["caption"] == "ตารางที่ ๑ งบประมาณโครงการ"
    header = head_rows(table)
    assert [texts(r) for r in header] == [["โครงการ", "งบประมาณ (บาท)", "ผลการดำเนินงาน"],
                                          ["ปี ๒๕๖๘", "ปี ๒๕๖๙"]]
    assert [span(c, "rowspan") for c in header[0]["cells"]] == [2, 1, 2]
    assert span(header[0]["cells"][1], "colspan") == 2
    body = body_rows(table)
    assert [texts(r) for r in body] == [
        ["อบรมคุณธรรมจริยธรรม", "๒๐,๐๐๐", "๒๕,๐๐๐", "ดำเนินการแล้วเสร็จ"],
        ["ประกาศเจตนารมณ์", "๕,๐๐๐", "๕,๐๐๐"],
        ["รวม", "๒๕,๐๐๐", "๓๐,๐๐๐", ""],
    ]
    assert span(body[0]["cells"][3], "rowspan") == 2
    assert body[2]["part"] == "tfoot"  # the totals row was recognised, and it adds up
    with open(os.path.join(draft.folder, "table-1.table.yaml"), encoding="utf-8") as handle:
        assert "    check: true\n" in handle.read()


def test_word_body_keeps_headings_lists_and_underline(site, tmp_path):
    draft, = imported(site, word_memo(tmp_path / "memo.docx"))
    page = built_draft(site, draft)
    body = page.split('<div class="doc-body">', 1)[1]
    assert "<h2>๑. เรื่องเดิม</h2>" in body
    assert "<u>ประจำปีงบประมาณ ๒๕๖๙</u>" in body
    assert "<li>จัดอบรมแล้ว</li>" in body and "<li>ประกาศเจตนารมณ์แล้ว</li>" in body
    # The memo lines are in the document's facts, not repeated in its text.
    assert "ส่วนราชการ สำนักปลัด" not in body.split("<section", 1)[0]
    assert "บันทึกข้อความ" not in body.split("<section", 1)[0]


def test_complex_script_bold_of_thai_word_is_read(tmp_path):
    """Thai Word files mark bold with w:bCs only; python-docx's run.bold misses it."""
    document = docx.Document()
    run = document.add_paragraph().add_run("๒. ข้อเท็จจริง")
    properties = run._r.get_or_add_rPr()
    bold = properties.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bCs",
                                  {})
    properties.append(bold)
    document.add_paragraph("ข้อความธรรมดา")
    document.save(tmp_path / "bcs.docx")
    source = importer.read(str(tmp_path / "bcs.docx"))
    assert source.blocks == ["## ๒. ข้อเท็จจริง", "ข้อความธรรมดา"]
    assert source.notes == []


def test_pictures_of_a_word_file_are_told_not_published(tmp_path):
    """A memo's picture is often a scanned signature: the clerk decides, not the import."""
    from PIL import Image

    Image.new("RGB", (40, 20), "navy").save(tmp_path / "ลายมือชื่อ.png")
    document = docx.Document()
    document.add_paragraph("(นายสมชาย ตัวอย่าง)")
    document.add_picture(str(tmp_path / "ลายมือชื่อ.png"))
    document.save(tmp_path / "signed.docx")
    source = importer.read(str(tmp_path / "signed.docx"))
    assert source.blocks == ["(นายสมชาย ตัวอย่าง)"]
    assert source.notes[0].startswith("ต้นฉบับมีรูปภาพ 1 รูป (เช่น ลายมือชื่อ ตราประทับ แผนภูมิ) "
                                      "ระบบไม่ได้นำเข้า")


def word_copy(table: model.Table, path):
    """A Word file with the table as the source document draws it: merged header cells,
    section rows merged across, "/" ticks, each line of a cell a paragraph of its own."""
    document = docx.Document()
    document.add_paragraph("ตาราง" + table.caption)
    width = len(table.columns)
    grid = document.add_table(rows=len(table.header) + len(table.rows), cols=width)
    grid.style = "Table Grid"

    def put(r, c, rowspan, colspan, lines):
        target = grid.cell(r, c)
        if rowspan > 1 or colspan > 1:
            target = target.merge(grid.cell(r + rowspan - 1, c + colspan - 1))
        target.text = lines[0] if lines else ""
        for line in lines[1:]:
            target.add_paragraph(line)

    for r, line in enumerate(table.header):
        for cell in line:
            put(r, cell.col, cell.rowspan, cell.colspan, [cell.label])
    for r, row in enumerate(table.rows, start=len(table.header)):
        if row.kind == "section":
            put(r, 0, 1, width, [row.label])
            continue
        for c, column in enumerate(table.columns):
            cell = row.cells.get(column.key)
            if cell is not None:
                raw = ("/" if cell.value else "") if column.type == "tick" else cell.raw
                lines = [re.sub(r"</?u>|\*\*", "", x).strip() for x in raw.split("\n")]
                put(r, c, cell.rowspan, cell.colspan, [x for x in lines if x])
    document.save(path)
    return path


def test_a_word_copy_of_a_real_ten_column_table_imports_to_the_same_table(site, tmp_path):
    """Seed 001's HR-policy table (two header levels, sections, ticks, long Thai cells
    with lists), as a Word table, comes back as the table staff typed by hand."""
    folder = CONTENT / "documents" / "2566" / "report-2566-001"
    typed, problems = model.load_table(str(folder / "hr-policy-2566.table.yaml"))
    assert not problems
    draft, = imported(site, word_copy(typed, tmp_path / "hr.docx"), doc_type=REPORT)
    new, = tables(built_draft(site, draft))
    (tmp_path / "typed").mkdir()
    page = build_real_documents(tmp_path / "typed", "2566/report-2566-001").read(
        "documents/report-2566-001/index.html")
    old = next(t for t in tables(page) if t["caption"] == typed.caption)

    def cells(rows):
        return [[" ".join(text.split()) for text in texts(row)] for row in rows]

    assert cells(head_rows(new)) == cells(head_rows(old))
    assert len(body_rows(new)) == len(body_rows(old)) == 24
    assert cells(body_rows(new)) == cells(body_rows(old))


# ------------------------------------------------------------------ Excel

def excel_budget(path, total_spent=23500.5):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "สรุปงบ"
    sheet["A1"] = "รายงานการใช้จ่ายงบประมาณโครงการป้องกันการทุจริต ปีงบประมาณ 2569"
    sheet.merge_cells("A1:E1")
    for cell, text, merged in (("A2", "ลำดับ", "A2:A3"), ("B2", "โครงการ", "B2:B3"),
                               ("C2", "งบประมาณ (บาท)", "C2:D2"), ("E2", "ร้อยละที่เบิกจ่าย",
                                                                  "E2:E3")):
        sheet[cell] = text
        sheet.merge_cells(merged)
    sheet["C3"], sheet["D3"] = "ตั้งไว้", "เบิกจ่าย"
    rows = ((1, "อบรมคุณธรรมจริยธรรม", 20000, 18500.5, 0.925),
            (2, "ประกาศเจตนารมณ์", 5000, 5000, 1), (3, "จัดทำคู่มือ", 12000, 0, 0))
    for r, (number, name, plan, spent, share) in enumerate(rows, start=4):
        sheet.cell(r, 1, number)
        sheet.cell(r, 2, name)
        sheet.cell(r, 3, plan).number_format = "#,##0.00"
        sheet.cell(r, 4, spent).number_format = "#,##0.00"
        sheet.cell(r, 5, share).number_format = "0.0%"
    sheet["A7"] = "รวม"
    sheet.merge_cells("A7:B7")
    sheet["C7"], sheet["D7"] = 37000, total_spent
    sheet["C7"].number_format = sheet["D7"].number_format = "#,##0.00"
    book.save(path)
    return path


def test_excel_sheet_becomes_a_table_with_merged_header_and_checked_total(site, tmp_path):
    draft, = imported(site, excel_budget(tmp_path / "budget-2569.xlsx"), doc_type=REPORT)
    assert "title: รายงานการใช้จ่ายงบประมาณโครงการป้องกันการทุจริต ปีงบประมาณ 2569" in \
        front_matter(draft)
    page = built_draft(site, draft)
    table, = tables(page)
    assert table["caption"] == "รายงานการใช้จ่ายงบประมาณโครงการป้องกันการทุจริต ปีงบประมาณ 2569"
    header = head_rows(table)
    assert [texts(r) for r in header] == [
        ["ลำดับ", "โครงการ", "งบประมาณ (บาท)", "ร้อยละที่เบิกจ่าย"], ["ตั้งไว้", "เบิกจ่าย"]]
    assert span(header[0]["cells"][2], "colspan") == 2
    assert [texts(r) for r in body_rows(table)] == [
        ["1", "อบรมคุณธรรมจริยธรรม", "20,000.00", "18,500.50", "92.5%"],
        ["2", "ประกาศเจตนารมณ์", "5,000.00", "5,000.00", "100.0%"],
        ["3", "จัดทำคู่มือ", "12,000.00", "0.00", "0.0%"],
        ["รวม", "", "37,000.00", "23,500.50", ""],  # the label is shown in the first column
    ]
    assert body_rows(table)[-1]["part"] == "tfoot"
    # Numbers are numbers in the open data, as the column types say.
    exported = site.read(f"drafts/{os.path.basename(draft.folder)}/table-1.json")
    rows = json.loads(exported)["rows"]
    assert rows[0]["c3"] == 20000 and rows[0]["c4"] == 18500.5 and rows[0]["c5"] == 92.5


def test_a_total_that_does_not_add_up_is_told_not_checked(site, tmp_path):
    draft, = imported(site, excel_budget(tmp_path / "budget.xlsx", total_spent=99999),
                      doc_type=REPORT)
    assert any("ไม่เท่ากับผลบวก" in line for line in draft.to_check)
    page = built_draft(site, draft)  # the build still passes: the clerk checks the figure
    assert "99,999.00" in page


def test_invoke_table_puts_one_sheet_into_an_existing_document(site, tmp_path):
    folder = site.content / "documents" / "2569" / "report-2569-009"
    folder.mkdir(parents=True)
    (folder / "report-2569-009.md").write_text(
        "---\ntitle: รายงานงบประมาณ\ntype: รายงาน\nslug: report-2569-009\ndate: 1/10/2568\n---\n\n"
        "ข้อความนำ\n\n::: table budget-2569.table.yaml\n", encoding="utf-8")
    written, notes = importer.table_into(str(excel_budget(tmp_path / "budget-2569.xlsx")),
                                         str(folder))
    assert written == str(folder / "budget-2569.table.yaml") and notes == []
    result = site.build()
    assert result.ok, result.message
    published = site.read("documents/report-2569-009/index.html")
    assert "draft-notice" not in published and "noindex" not in published
    table, = tables(published)
    assert texts(body_rows(table)[0])[:2] == ["1", "อบรมคุณธรรมจริยธรรม"]
    again, _notes = importer.table_into(str(tmp_path / "budget-2569.xlsx"), str(folder))
    assert again == str(folder / "table-1.table.yaml")  # a second copy never overwrites
    with pytest.raises(importer.ImportRefused, match="อยู่แล้ว"):
        importer.table_into(str(tmp_path / "budget-2569.xlsx"), str(folder),
                            table_id="budget-2569")


# ------------------------------------------------------------------ LibreOffice and CSV

def ods_table(path):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    sheet = Table(name="ผลการดำเนินงาน")

    def row(*cells):
        line = TableRow()
        for cell in cells:
            line.addElement(cell)
        sheet.addElement(line)

    def text(value, **spans):
        cell = TableCell(valuetype="string", **spans)
        cell.addElement(P(text=value))
        return cell

    def number(value):
        cell = TableCell(valuetype="float", value=value)
        cell.addElement(P(text=str(value)))
        return cell

    row(text("ภารกิจ"), text("โครงการ"), text("จำนวนผู้เข้าร่วม"))
    row(text("การสร้างจิตสำนึก", numberrowsspanned=2), text("อบรมคุณธรรม"), number(45))
    row(CoveredTableCell(), text("เดินรณรงค์"), number(120))
    document.spreadsheet.addElement(sheet)
    document.save(str(path))
    return path


def test_libreoffice_sheet_keeps_a_cell_merged_over_two_rows(site, tmp_path):
    draft, = imported(site, ods_table(tmp_path / "ผลงาน.ods"), doc_type=REPORT)
    table, = tables(built_draft(site, draft))
    body = body_rows(table)
    assert [texts(r) for r in body] == [["การสร้างจิตสำนึก", "อบรมคุณธรรม", "45"],
                                        ["เดินรณรงค์", "120"]]
    assert span(body[0]["cells"][0], "rowspan") == 2


def test_old_excel_xls_is_read_with_its_number_formats(site, tmp_path):
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("สถิติ")
    sheet.write_merge(0, 0, 0, 2, "สถิติเรื่องร้องเรียน ปีงบประมาณ 2568")
    for c, label in enumerate(("ไตรมาส", "ได้รับ", "ค่าใช้จ่าย (บาท)")):
        sheet.write(1, c, label)
    money = xlwt.easyxf(num_format_str="#,##0.00")
    for r, (quarter, count, cost) in enumerate((("ไตรมาสที่ 1", 3, 1500.5),
                                                ("ไตรมาสที่ 2", 0, 0), ("รวม", 3, 1500.5)),
                                               start=2):
        sheet.write(r, 0, quarter)
        sheet.write(r, 1, count)
        sheet.write(r, 2, cost, money)
    book.save(str(tmp_path / "สถิติ.xls"))
    draft, = imported(site, tmp_path / "สถิติ.xls", doc_type=REPORT)
    table, = tables(built_draft(site, draft))
    assert table["caption"] == "สถิติเรื่องร้องเรียน ปีงบประมาณ 2568"
    assert [texts(r) for r in body_rows(table)] == [
        ["ไตรมาสที่ 1", "3", "1,500.50"], ["ไตรมาสที่ 2", "0", "0.00"], ["รวม", "3", "1,500.50"]]
    assert body_rows(table)[-1]["part"] == "tfoot"


def test_csv_from_thai_windows_excel_is_read(site, tmp_path):
    path = tmp_path / "สถิติ.csv"
    path.write_bytes("เดือน;เรื่องร้องเรียน\r\nตุลาคม;3\r\nพฤศจิกายน;0\r\n".encode("cp874"))
    draft, = imported(site, path, doc_type=REPORT)
    table, = tables(built_draft(site, draft))
    assert [texts(r) for r in head_rows(table)] == [["เดือน", "เรื่องร้องเรียน"]]
    assert [texts(r) for r in body_rows(table)] == [["ตุลาคม", "3"], ["พฤศจิกายน", "0"]]


# ------------------------------------------------------------------ PDF

def test_the_portals_own_thai_complaint_form_pdf_becomes_a_draft(site, tmp_path):
    """The complaint form as the build writes it (Sarabun shaped by HarfBuzz, sara am
    without a mapping): a Thai text-layer PDF with the damage extraction is known for."""
    (tmp_path / "form").mkdir()
    form = Site(tmp_path / "form")
    assert form.build().ok
    pdf = tmp_path / "แบบคำร้องเรียน.pdf"
    pdf.write_bytes((form.output / "complaints/form/complaint-form.pdf").read_bytes())
    draft, = imported(site, pdf, doc_type=TYPES_BY_NAME["คู่มือ"])
    assert draft.folder == str(site.content / "documents" / "standing" / "manual-001")
    head = front_matter(draft)
    assert "title: แบบคำร้องเรียนการทุจริตและประพฤติมิชอบ" in head.split("\n")
    assert "addressee: นายกองค์การบริหารส่วนตำบลตัวอย่าง" in head.split("\n")
    page = built_draft(site, draft)
    assert "<h1>แบบคำร้องเรียนการทุจริตและประพฤติมิชอบ</h1>" in page
    assert ("<p>มีความประสงค์ขอร้องเรียน/แจ้งเบาะแสการทุจริตและประพฤติมิชอบ เพื่อให้"
            "องค์การบริหารส่วนตำบลตัวอย่าง พิจารณาดำเนินการตรวจสอบหรือช่วยเหลือและแก้ไขปัญหา</p>"
            ) in page
    assert "<p>ตำบล อำเภอ จังหวัด โทรศัพท์</p>" in page
    assert 'href="แบบคำร้องเรียน.pdf"' in page  # the original, attached
    assert any("รวมบรรทัด" in line for line in draft.to_check)


def test_a_ruled_table_of_a_pdf_becomes_a_table_file(site, tmp_path):
    from test_import_pdf import budget_table_pdf

    draft, = imported(site, budget_table_pdf(tmp_path / "งบ.pdf"), doc_type=REPORT)
    table, = tables(built_draft(site, draft))
    header = head_rows(table)
    assert [texts(r) for r in header] == [["โครงการ", "งบประมาณ (บาท)"], ["ตั้งไว้", "ใช้จริง"]]
    assert span(header[0]["cells"][0], "rowspan") == 2
    assert [texts(r) for r in body_rows(table)] == [
        ["ซ่อมถนนหมู่ที่ ๑", "๑๒๐,๐๐๐", "๑๑๕,๕๐๐"], ["จัดซื้อวัสดุสำนักงาน", "๕๐,๐๐๐", "๔๙,๘๐๐"]]


def test_a_scan_becomes_a_draft_that_attaches_it_and_says_so(site, tmp_path):
    from PIL import Image

    path = tmp_path / "คำสั่งสแกน.pdf"
    Image.new("RGB", (600, 800), "white").save(path, "PDF", resolution=72)
    draft, = imported(site, path, doc_type=TYPES_BY_NAME["คำสั่ง"])
    assert any("ภาพสแกน" in line and "OCR" in line for line in draft.to_check)
    page = built_draft(site, draft)
    assert "<p>เอกสารฉบับนี้เผยแพร่เป็นไฟล์แนบ (ต้นฉบับเป็นภาพสแกน)</p>" in page
    # A draft's page says it is one, and asks search engines to leave it.
    assert '<p class="draft-notice"><strong>ฉบับร่าง ยังไม่เผยแพร่</strong>' in page
    assert '<meta name="robots" content="noindex">' in page
    assert "คำสั่งสแกน.pdf" in page


# ------------------------------------------------------------------ what goes wrong

def test_every_file_of_a_run_is_tried_and_each_refusal_is_in_thai(site, tmp_path):
    broken = tmp_path / "เสีย.docx"
    broken.write_bytes(b"not a zip file")
    old = tmp_path / "เก่า.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    good = excel_budget(tmp_path / "budget.xlsx")
    drafts, errors = importer.import_files(
        [str(broken), str(old), str(tmp_path / "ไม่มี.xlsx"), str(good)], str(site.content),
        REPORT)
    assert len(drafts) == 1
    assert errors == [
        "เสีย.docx: อ่านไฟล์ไม่ได้ (PackageNotFoundError) ไฟล์อาจเสียหรือไม่ใช่ไฟล์ Word จริง: "
        "เปิดไฟล์ในโปรแกรมของมันแล้วบันทึกใหม่",
        "เก่า.doc: นำเข้าไฟล์ชนิด .doc ไม่ได้ (unsupported type): ใช้ได้ "
        f"{importer.SUPPORTED} (บันทึกจาก Word เป็น .docx ก่อน)",
        f"{tmp_path / 'ไม่มี.xlsx'}: ไม่พบไฟล์ (file not found)",
    ]
    # Nothing half-written is left in content/ by the files that failed.
    assert [p.name for p in (site.content / "documents").iterdir()] == ["undated"]


def test_a_file_whose_type_cannot_be_told_asks_for_type(site, tmp_path):
    _drafts, errors = importer.import_files([str(excel_budget(tmp_path / "b.xlsx"))],
                                            str(site.content))
    assert errors[0].startswith("b.xlsx: บอกประเภทเอกสารไม่ได้จากข้อความ")
    assert "--type" in errors[0]


def test_announcement_lines_move_to_fields_and_decoration_goes(site, tmp_path):
    document = docx.Document()
    for line in ("ประกาศองค์การบริหารส่วนตำบลตัวอย่าง",
                 "เรื่อง ประกาศเจตนารมณ์การป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"):
        document.add_paragraph().add_run(line).bold = True
    document.add_paragraph("------------------------------")
    document.add_paragraph("ด้วยองค์การบริหารส่วนตำบลตัวอย่างจึงประกาศเจตนารมณ์ ดังนี้")
    document.add_paragraph("ประกาศ ณ วันที่ ๑๕ ตุลาคม พ.ศ. ๒๕๖๘")
    document.save(tmp_path / "ประกาศ.docx")
    draft, = imported(site, tmp_path / "ประกาศ.docx")
    assert draft.folder.endswith(os.path.join("2569", "announcement-2569-001"))
    head = front_matter(draft).split("\n")
    assert "organisation: องค์การบริหารส่วนตำบลตัวอย่าง" in head
    assert "date: 15 ตุลาคม 2568" in head
    body = built_draft(site, draft).split('<div class="doc-body">', 1)[1].split("<section", 1)[0]
    assert "<hr" not in body and "ประกาศองค์การบริหารส่วนตำบลตัวอย่าง" not in body
    assert "<p>ด้วยองค์การบริหารส่วนตำบลตัวอย่างจึงประกาศเจตนารมณ์ ดังนี้</p>" in body


def test_memo_lines_proposed_and_signature_found():
    found = memo.propose(["ประกาศองค์การบริหารส่วนตำบลคลองวาฬ",
                          "เรื่อง ประกาศใช้แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐)",
                          "จึงประกาศมาให้ทราบโดยทั่วกัน",
                          "ประกาศ ณ วันที่ ๑๗ กรกฎาคม พ.ศ. ๒๕๖๖",
                          "(นายสมชาย ปี่แก้ว)", "นายกองค์การบริหารส่วนตำบลคลองวาฬ"])
    assert found.fields["organisation"].value == "องค์การบริหารส่วนตำบลคลองวาฬ"
    assert found.fields["title"].value == "ประกาศใช้แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐)"
    assert found.fields["date"].value.isoformat() == "2023-07-17"
    assert found.signatories[0][:2] == ("นายสมชาย ปี่แก้ว", "นายกองค์การบริหารส่วนตำบลคลองวาฬ")
    assert memo.guess_type(["ประกาศองค์การบริหารส่วนตำบลคลองวาฬ"], "x.docx").label == "ประกาศ"


def test_invoke_import_prints_what_was_written_and_what_to_check(repo, tmp_path):
    path = word_memo(tmp_path / "memo.docx")
    run = subprocess.run([sys.executable, "-m", "invoke", "import", str(path)], cwd=repo,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "นำเข้าแล้ว: content/documents/2569/report-2569-001/" in run.stdout
    assert "  เขียน table-1.table.yaml" in run.stdout
    assert "ต้องตรวจก่อนเผยแพร่:" in run.stdout
    check = subprocess.run([sys.executable, "-m", "invoke", "check"], cwd=repo,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    folder = os.path.join("content", "documents", "2569", "report-2569-001")
    assert os.path.isfile(os.path.join(repo, folder, "memo.docx"))
    # One more table, from a spreadsheet, into the same document.
    sheet = excel_budget(tmp_path / "งบ.xlsx")
    run = subprocess.run([sys.executable, "-m", "invoke", "table", str(sheet), "--to", folder,
                          "--id", "budget"], cwd=repo, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.endswith("::: table budget.table.yaml\n")
    assert os.path.isfile(os.path.join(repo, folder, "budget.table.yaml"))
    run = subprocess.run([sys.executable, "-m", "invoke", "table", str(sheet), "--to",
                          str(tmp_path)], cwd=repo, capture_output=True, text=True)
    assert run.returncode == 2
    assert "ต้องเป็นโฟลเดอร์ของเอกสารที่มีอยู่ใน content/" in run.stderr


def test_staff_page_explains_import():
    with open(os.path.join(ROOT, "docs", "import.md"), encoding="utf-8") as handle:
        page = handle.read()
    assert page.startswith("# นำเข้าเอกสาร")
    for command in ("invoke import", "invoke table", "--type", "--sheet", "--cells"):
        assert command in page


def test_a_document_without_subject_line_takes_its_opening_heading_as_title():
    found = memo.propose(["## แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐)", "องค์การบริหารส่วนตำบลคลองวาฬ"])
    assert found.fields["title"].value == "แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐)"
    assert found.used == {0}  # shown as the page's title, not again in the text
    assert "title" not in memo.propose(["ข้อความธรรมดา"]).fields


def test_a_spreadsheet_placed_as_it_is_becomes_the_documents_table(site, tmp_path):
    """What the editor does with a table: the clerk uploads the Excel file beside the
    document and writes `::: table <file>`; each build converts it like the import."""
    folder = site.content / "documents" / "2569" / "report-2569-010"
    folder.mkdir(parents=True)
    excel_budget(folder / "งบประมาณ.xlsx")
    (folder / "report-2569-010.md").write_text(
        "---\ntitle: รายงานงบประมาณ\ntype: รายงาน\nslug: report-2569-010\ndate: 1/10/2568\n"
        "attachments:\n  - file: งบประมาณ.xlsx\n    title: ไฟล์ Excel\n---\n\n"
        "::: table งบประมาณ.xlsx\n", encoding="utf-8")
    result = site.build()
    assert result.ok, result.message
    page = site.read("documents/report-2569-010/index.html")
    table, = tables(page)
    assert table["caption"] == "รายงานการใช้จ่ายงบประมาณโครงการป้องกันการทุจริต ปีงบประมาณ 2569"
    assert texts(body_rows(table)[0]) == ["1", "อบรมคุณธรรมจริยธรรม", "20,000.00", "18,500.50",
                                          "92.5%"]
    assert body_rows(table)[-1]["part"] == "tfoot"
    table_id = model.sheet_table_id("งบประมาณ.xlsx")
    assert table_id.startswith("sheet-") and f'id="{table_id}"' in page
    assert (site.output / "documents" / "report-2569-010" / f"{table_id}.csv").exists()


def test_a_spreadsheet_with_several_sheets_is_refused_with_what_to_do(site, tmp_path):
    folder = site.content / "documents" / "2569" / "report-2569-011"
    folder.mkdir(parents=True)
    book = openpyxl.Workbook()
    book.active["A1"], book.active["A2"] = "ก", "1"
    book.create_sheet("สอง")["A1"] = "ข"
    book.save(folder / "two.xlsx")
    (folder / "report-2569-011.md").write_text(
        "---\ntitle: รายงาน\ntype: รายงาน\nslug: report-2569-011\ndate: 1/10/2568\n---\n\n"
        "::: table two.xlsx\n", encoding="utf-8")
    result = site.build()
    assert not result.ok
    assert "two.xlsx มีข้อมูล 2 ชีต: วางได้เฉพาะไฟล์ที่มีข้อมูลชีตเดียว" in result.message
    assert "invoke table --sheet" in result.message


def test_marks_inside_a_thai_word_leave_the_word_whole():
    from portal.importer.source import plain_text

    assert plain_text("ปี**งบ**ประมาณ <u>๒๕๖๙</u><br>\nต่อ") == "ปีงบประมาณ ๒๕๖๙ ต่อ"


def test_an_empty_table_in_a_word_file_is_left_out_not_a_crash(site, tmp_path):
    document = docx.Document()
    document.add_paragraph("เรื่อง รายงานผลการดำเนินงาน")
    empty = document.add_table(rows=2, cols=3)
    empty.style = "Table Grid"
    document.add_paragraph("ไม่มีข้อมูลในตาราง")
    document.save(tmp_path / "empty.docx")
    draft, = imported(site, tmp_path / "empty.docx")
    assert draft.files == ["report-001.md", "empty.docx"]
    assert "::: table" not in Path(draft.document).read_text(encoding="utf-8")
    assert "<p>ไม่มีข้อมูลในตาราง</p>" in built_draft(site, draft)
