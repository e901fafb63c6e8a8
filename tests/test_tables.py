"""Tables as data: real builds of a document with a ``.table.yaml`` file beside it."""

import csv
import importlib
import io
import json
import os
import re
from decimal import Decimal

import pytest
from conftest import announcement
from hypothesis import given, settings
from hypothesis import strategies as st
from table_html import body_rows, table, tables, texts

from portal import open_data, thai_format

PAGE = "documents/announcement-2568-001/index.html"
OUT = "documents/announcement-2568-001/"

HR_TABLE = """
caption: ผลการดำเนินงานตามนโยบาย ๒๕๖๖
columns:
  - {key: no, label: ลำดับที่}
  - {key: activity, label: กิจกรรม, row_header: true}
  - {key: plan, label: ข้อบัญญัติ ปี ๒๕๖๖, type: money}
  - {key: paid, label: เบิกจ่ายจริง, type: money}
  - {key: done, label: ดำเนินการแล้ว, type: tick}
  - {key: pending, label: ยังไม่ดำเนินการ, type: tick}
  - {key: share, label: ร้อยละ, type: percent}
header:
  - - {label: ลำดับที่, rowspan: 2}
    - {label: กิจกรรม, rowspan: 2}
    - {label: งบประมาณ (บาท), colspan: 2}
    - {label: ผลการดำเนินงาน, colspan: 3}
  - - {label: ข้อบัญญัติ ปี ๒๕๖๖}
    - {label: เบิกจ่ายจริง}
    - ดำเนินการแล้ว
    - ยังไม่ดำเนินการ
    - ร้อยละ
rows:
  - section: ๑. นโยบายการวางแผนกำลังคน
  - no: "๑"
    activity: |
      การสรรหา<u>บุคลากร</u> **ตามแผนอัตรากำลัง**

      - ประกาศรับสมัคร
      - สอบคัดเลือก
    plan: "๑๒,๕๐๐"
    paid: "๑๒,๓๔๐.๕๐"
    done: "true"
    share: "๕๐%"
  - no: "๒"
    activity: การโอนย้าย
    plan: "-"
    pending: "true"
    share: "25"
  - section: ๒. นโยบายการพัฒนาบุคลากร
  - no: "๓"
    activity: อบรม "ผู้บริหาร" & ผู้ปฏิบัติ
    plan: "1000"
    paid: "๐"
  - total: รวม
    values: {plan: "๑๓,๕๐๐", paid: "๑๒,๓๔๐.๕๐"}
    check: all
notes:
  - หมายเหตุ ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๖
"""


def build_with(site, table_text, body=None, name="hr.table.yaml", **files):
    body = body if body is not None else f"ก่อนตาราง\n\n::: table {name}\n\nหลังตาราง"
    site.add({"documents/2568/a.md": announcement(body=body),
              f"documents/2568/{name}": table_text, **files})
    return site.build()


@pytest.fixture
def hr_page(site):
    result = build_with(site, HR_TABLE)
    assert result.ok, result.message
    return site.read(PAGE)


def test_two_level_header_has_colspan_rowspan_and_scopes(hr_page):
    # Short Thai words of a header stay whole (nobr): a narrow column split งบ/ประมาณ.
    for cell in ('<th id="hr-h0-0" scope="col" rowspan="2" class="lead">'
                 '<span class="nobr">ลำดับที่</span></th>',
                 '<th id="hr-h0-2" scope="colgroup" colspan="2">'
                 '<span class="nobr">งบประมาณ</span> <span class="nobr">(บาท)</span></th>',
                 '<th id="hr-h0-4" scope="colgroup" colspan="3">ผลการดำเนินงาน</th>',
                 '<th id="hr-h1-2" scope="col"><span class="nobr">ข้อบัญญัติ</span> '
                 '<span class="nobr">ปี</span> <span class="nobr">๒๕๖๖</span></th>'):
        assert cell in hr_page
    found = table(hr_page, "ผลการดำเนินงานตามนโยบาย ๒๕๖๖")
    head = [row for row in found["rows"] if row["part"] == "thead"]
    assert [texts(row) for row in head] == [
        ["ลำดับที่", "กิจกรรม", "งบประมาณ (บาท)", "ผลการดำเนินงาน"],
        ["ข้อบัญญัติ ปี ๒๕๖๖", "เบิกจ่ายจริง", "ดำเนินการแล้ว", "ยังไม่ดำเนินการ", "ร้อยละ"],
    ]


def test_scroll_region_is_labelled_by_the_caption_and_focusable(hr_page):
    assert ('<div class="table-scroll wide" role="region" aria-labelledby="hr-caption" '
            'tabindex="0">' in hr_page)
    assert '<caption id="hr-caption">ผลการดำเนินงานตามนโยบาย ๒๕๖๖</caption>' in hr_page
    assert "<figure" not in hr_page
    # the caption shown stays outside the region that scrolls
    assert ('<p class="table-caption" aria-hidden="true" data-pagefind-ignore>'
            'ผลการดำเนินงานตามนโยบาย ๒๕๖๖</p>\n<div class="table-scroll wide"' in hr_page)
    # placed where the line was, between the paragraphs around it
    assert hr_page.index("<p>ก่อนตาราง</p>") < hr_page.index("<table") < hr_page.index(
        "<p>หลังตาราง</p>")


def cards(page, tid):
    """The phone cards of table ``tid``: [[(header path, text), ...] per card]."""
    from selectolax.lexbor import LexborHTMLParser

    block = LexborHTMLParser(page).css_first(f"#{tid} .table-cards")
    assert block.attributes["aria-hidden"] == "true"
    assert "data-pagefind-ignore" in block.attributes
    return [[(" ".join(entry.css_first("dt").text().split()),
              " ".join(entry.css_first("dd").text().split())) for entry in card.css("dl > div")]
            for card in block.css("dl.table-card")]


def test_phone_cards_label_every_value_with_its_whole_header_path(hr_page):
    found = cards(hr_page, "hr")
    assert found[0] == [
        ("ลำดับที่", "๑"),
        ("กิจกรรม", "การสรรหาบุคลากร ตามแผนอัตรากำลัง ประกาศรับสมัคร สอบคัดเลือก"),
        ("งบประมาณ (บาท) › ข้อบัญญัติ ปี ๒๕๖๖", "๑๒,๕๐๐"),
        ("งบประมาณ (บาท) › เบิกจ่ายจริง", "๑๒,๓๔๐.๕๐"),
        ("ผลการดำเนินงาน › ดำเนินการแล้ว", "✓ใช่"),
        ("ผลการดำเนินงาน › ร้อยละ", "๕๐%"),
    ]
    assert found[-1] == [("ลำดับที่", "รวม"), ("งบประมาณ (บาท) › ข้อบัญญัติ ปี ๒๕๖๖", "๑๓,๕๐๐"),
                         ("งบประมาณ (บาท) › เบิกจ่ายจริง", "๑๒,๓๔๐.๕๐")]
    assert '<p class="card-section">๒. นโยบายการพัฒนาบุคลากร</p>' in hr_page


def test_phone_cards_repeat_a_merged_cell_in_each_row_it_covers(site):
    result = build_with(site, MERGED)
    assert result.ok, result.message
    first, second, total = cards(site.read(PAGE), "hr")
    assert first[2] == ("งบประมาณ (บาท) › ปี ๒๕๖๖, ปี ๒๕๖๗", "๒๐,๐๐๐")
    assert second == [("มิติ", "๑. การสร้างสังคมที่ไม่ทนต่อการทุจริต"),
                      ("โครงการ", "ประกาศเจตนารมณ์"), ("งบประมาณ (บาท) › ปี ๒๕๖๖", "๕,๐๐๐"),
                      ("งบประมาณ (บาท) › ปี ๒๕๖๗", "๕,๐๐๐"), ("หมายเหตุ", "ไม่ใช้งบประมาณเพิ่ม")]
    assert total[0] == ("มิติ", "รวม")


def test_every_body_cell_names_all_its_headers(hr_page):
    found = table(hr_page, "ผลการดำเนินงานตามนโยบาย ๒๕๖๖")
    first = body_rows(found)[1]  # row after the first section row
    headers = [cell["attrs"]["headers"].split() for cell in first["cells"]]
    # the money cell: both header levels, the section and the row header
    assert headers[2] == ["hr-h0-2", "hr-h1-2", "hr-s0", "hr-r1-activity"]
    # the row header itself: its column and section
    assert first["cells"][1]["tag"] == "th"
    assert first["cells"][1]["attrs"]["scope"] == "row"
    assert headers[1] == ["hr-h0-1", "hr-s0"]
    # every id a body cell points at exists in the table
    ids = {cell["attrs"].get("id") for row in found["rows"] for cell in row["cells"]}
    for row in body_rows(found):
        for cell in row["cells"]:
            assert set(cell["attrs"].get("headers", "").split()) <= ids


def test_section_rows_span_the_table_and_start_a_row_group(hr_page):
    assert ('<tbody>\n<tr class="section"><th id="hr-s0" colspan="7" scope="rowgroup">'
            "๑. นโยบายการวางแผนกำลังคน</th></tr>") in hr_page
    assert hr_page.count("<tbody>") == 2
    third = table(hr_page, "ผลการดำเนินงานตามนโยบาย ๒๕๖๖")["rows"][6]
    assert "hr-s3" in third["cells"][2]["attrs"]["headers"].split()


def test_tick_is_a_hidden_symbol_with_thai_text_and_false_is_empty(hr_page):
    found = table(hr_page, "ผลการดำเนินงานตามนโยบาย ๒๕๖๖")
    row1, row2 = body_rows(found)[1], body_rows(found)[2]
    assert row1["cells"][4]["html"] == (
        '<span aria-hidden="true">✓</span><span class="visually-hidden">ใช่</span>')
    assert row1["cells"][4]["attrs"]["class"] == "tick"
    assert row1["cells"][5]["text"] == "" and row2["cells"][4]["text"] == ""
    assert row2["cells"][5]["text"] == "✓ใช่"
    assert "/" not in row1["cells"][4]["text"]


def test_numbers_are_right_aligned_and_shown_exactly_as_written(hr_page):
    found = table(hr_page, "ผลการดำเนินงานตามนโยบาย ๒๕๖๖")
    row1 = body_rows(found)[1]
    assert [c["text"] for c in row1["cells"][2:4]] == ["๑๒,๕๐๐", "๑๒,๓๔๐.๕๐"]
    assert row1["cells"][2]["attrs"]["class"] == "num"
    assert row1["cells"][6]["text"] == "๕๐%"
    assert body_rows(found)[2]["cells"][2]["text"] == "-"
    assert body_rows(found)[4]["cells"][2]["text"] == "1000"


def test_text_cells_are_markdown_with_lists_bold_and_underline(hr_page):
    found = table(hr_page, "ผลการดำเนินงานตามนโยบาย ๒๕๖๖")
    cell = body_rows(found)[1]["cells"][1]["html"]
    assert "<p>การสรรหา<u>บุคลากร</u> <strong>ตามแผนอัตรากำลัง</strong></p>" in cell
    assert "<ul>\n<li>ประกาศรับสมัคร</li>\n<li>สอบคัดเลือก</li>\n</ul>" in cell
    # plain text stays plain (escaped), a single paragraph loses its <p>
    assert "<td headers" in hr_page and "อบรม \"ผู้บริหาร\" &amp; ผู้ปฏิบัติ</th>" in hr_page
    # Thai-numbered text is not turned into a list numbered 1, 2, 3
    table_html = re.search(r'<div class="table-block[^"]*".*?</table>', hr_page, re.S).group(0)
    assert "<ol" not in table_html


def test_last_totals_row_is_the_footer_and_notes_follow_the_table(hr_page):
    found = table(hr_page, "ผลการดำเนินงานตามนโยบาย ๒๕๖๖")
    last = found["rows"][-1]
    assert last["part"] == "tfoot" and last["attrs"]["class"] == "total"
    assert texts(last)[:4] == ["รวม", "", "๑๓,๕๐๐", "๑๒,๓๔๐.๕๐"]
    assert last["cells"][0]["tag"] == "th" and last["cells"][0]["attrs"]["scope"] == "row"
    assert '<div class="table-notes">\n<p>หมายเหตุ ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๖</p>' in hr_page


def test_csv_and_json_are_published_beside_the_page_and_linked(site, hr_page):
    raw = (site.output / OUT / "hr.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    size_csv = thai_format.file_size(os.path.getsize(site.output / OUT / "hr.csv"))
    assert f'<a href="hr.csv" type="text/csv" download>CSV ({size_csv})</a>' in hr_page
    assert '<a href="hr.json" type="application/json">JSON (' in hr_page
    assert "ดาวน์โหลดข้อมูลตาราง: " in hr_page

    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["หัวข้อ", "ลำดับที่", "กิจกรรม", "งบประมาณ (บาท) / ข้อบัญญัติ ปี 2566",
                       "งบประมาณ (บาท) / เบิกจ่ายจริง", "ผลการดำเนินงาน / ดำเนินการแล้ว",
                       "ผลการดำเนินงาน / ยังไม่ดำเนินการ", "ผลการดำเนินงาน / ร้อยละ"]
    assert rows[1] == ["1. นโยบายการวางแผนกำลังคน", "1",
                       "การสรรหาบุคลากร ตามแผนอัตรากำลัง\n• ประกาศรับสมัคร\n• สอบคัดเลือก",
                       "12500", "12340.5", "true", "false", "50"]
    assert rows[2] == ["1. นโยบายการวางแผนกำลังคน", "2", "การโอนย้าย", "", "", "false", "true", "25"]
    assert rows[3][:5] == ["2. นโยบายการพัฒนาบุคลากร", "3", 'อบรม "ผู้บริหาร" & ผู้ปฏิบัติ',
                           "1000", "0"]
    assert rows[4][1:5] == ["รวม", "", "13500", "12340.5"]
    assert len(rows) == 5
    assert not any("๐๑๒๓๔๕๖๗๘๙"[d] in "".join(map("".join, rows)) for d in range(10))

    data = json.loads((site.output / OUT / "hr.json").read_text(encoding="utf-8"))
    assert data["caption"] == "ผลการดำเนินงานตามนโยบาย 2566"
    assert data["columns"][2] == {"key": "plan", "label": "งบประมาณ (บาท) / ข้อบัญญัติ ปี 2566",
                                  "type": "money"}
    assert data["rows"][0]["plan"] == 12500 and data["rows"][0]["paid"] == 12340.5
    assert data["rows"][0]["done"] is True and data["rows"][0]["share"] == 50
    assert data["rows"][1]["plan"] is None
    assert data["rows"][-1] == {"section": "2. นโยบายการพัฒนาบุคลากร", "total": "รวม",
                                "plan": 13500, "paid": 12340.5}


def test_exports_match_the_html_table(site, hr_page):
    """Every number shown on the page is the number in the CSV and the JSON."""
    found = table(hr_page, "ผลการดำเนินงานตามนโยบาย ๒๕๖๖")
    shown = [row for row in body_rows(found) if row["attrs"].get("class") != "section"]
    rows = list(csv.reader(io.StringIO((site.output / OUT / "hr.csv").read_text("utf-8-sig"))))[1:]
    data = json.loads((site.output / OUT / "hr.json").read_text(encoding="utf-8"))["rows"]
    assert len(shown) == len(rows) == len(data)
    for html_row, csv_row, json_row in zip(shown, rows, data, strict=True):
        for index, key in ((2, "plan"), (3, "paid")):
            text = html_row["cells"][index]["text"]
            number = thai_format.arabic_digits(text).replace(",", "")
            expected = "" if text in ("", "-") else str(float(number)).removesuffix(".0")
            assert csv_row[index + 1] == expected
            if key in json_row:
                assert json_row[key] == (None if expected == "" else float(number))


# What a clerk may type that a spreadsheet would run as a formula (OWASP "CSV Injection").
FORMULAS = r"""
caption: "-ช่องทางติดต่อ-"
columns:
  - {key: note, label: "-หมายเหตุ-"}
  - {key: amount, label: จำนวนเงิน, type: money}
rows:
  - section: "=SUM(B2:B3)"
  - {note: '=HYPERLINK("http://x","y")', amount: "-1,234.50"}
  - {note: "+66 2 123 4567"}
  - {note: "@SUM(A1)"}
  - {note: "-ไม่มี-"}
  - {note: "\t=1+2"}
  - {note: "-"}
  - {total: "-รวม-", values: {amount: "-1,234.50"}}
"""


def test_csv_quotes_text_a_spreadsheet_would_run_and_json_keeps_it(site):
    result = build_with(site, FORMULAS, name="contacts.table.yaml")
    assert result.ok, result.message
    text = (site.output / OUT / "contacts.csv").read_text("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["หัวข้อ", "'-หมายเหตุ-", "จำนวนเงิน"],
        ["'=SUM(B2:B3)", "'=HYPERLINK(\"http://x\",\"y\")", "-1234.5"],
        ["'=SUM(B2:B3)", "'+66 2 123 4567", ""],
        ["'=SUM(B2:B3)", "'@SUM(A1)", ""],
        ["'=SUM(B2:B3)", "'-ไม่มี-", ""],
        ["'=SUM(B2:B3)", "'=1+2", ""],  # Markdown drops the leading tab, as before
        ["'=SUM(B2:B3)", "'-", ""],
        ["'=SUM(B2:B3)", "'-รวม-", "-1234.5"],
    ]
    data = json.loads((site.output / OUT / "contacts.json").read_text(encoding="utf-8"))
    assert data["caption"] == "-ช่องทางติดต่อ-"
    assert data["columns"][0]["label"] == "-หมายเหตุ-"
    assert [row.get("note") for row in data["rows"]] == [
        '=HYPERLINK("http://x","y")', "+66 2 123 4567", "@SUM(A1)", "-ไม่มี-", "=1+2", "-", None]
    assert data["rows"][0]["section"] == "=SUM(B2:B3)"
    assert data["rows"][-1] == {"section": "=SUM(B2:B3)", "total": "-รวม-", "amount": -1234.5}
    assert data["rows"][0]["amount"] == -1234.5


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@A1", "\tx", "\rx"])
def test_csv_cell_quotes_every_start_a_spreadsheet_runs(text):
    assert open_data.csv_cell(text) == "'" + text
    assert open_data.csv_cell(" " + text) == " " + text  # not at the start: plain text


def test_csv_cell_leaves_numbers_the_exporter_formats_as_numbers():
    assert open_data.csv_cell(Decimal("-1234.50")) == "-1234.5"
    assert open_data.csv_cell(-12500) == "-12500"
    assert open_data.csv_cell(-0.5) == "-0.5"
    assert [open_data.csv_cell(v) for v in (True, False, None)] == ["true", "false", ""]


def test_directive_needs_no_blank_lines_and_stays_text_in_code(site):
    body = ("ย่อหน้า\n::: table hr.table.yaml\nต่อท้าย\n\n"
            "```\n::: table ไม่ใช่ตาราง.table.yaml\n```")
    result = build_with(site, HR_TABLE, body=body)
    assert result.ok, result.message
    page = site.read(PAGE)
    assert len(tables(page)) == 1
    assert "<p>ย่อหน้า</p>" in page and "<p>ต่อท้าย</p>" in page
    assert "::: table ไม่ใช่ตาราง.table.yaml" in page


def test_table_without_header_uses_column_labels_and_file_name_as_id(site):
    result = build_with(site, "caption: ช่องทาง\ncolumns:\n  - {key: name, label: ช่องทาง}\n"
                              "  - {key: count, label: จำนวน, type: number}\n"
                              "rows:\n  - {name: โทรศัพท์, count: \"๑๒\"}\n",
                        name="channels-2568.table.yaml")
    assert result.ok, result.message
    page = site.read(PAGE)
    assert '<th id="channels-2568-h0-1" scope="col"><span class="nobr">จำนวน</span></th>' in page
    assert ('<td class="num" headers="channels-2568-h0-1">๑๒</td>') in page
    assert (site.output / OUT / "channels-2568.json").exists()


def test_labels_typed_once_in_the_header_name_the_columns(site):
    # HR_TABLE with its columns' labels left out: the header's leaf cells give them.
    columns, header = HR_TABLE.split("\nheader:")
    typed_once = re.sub(r", label: [^,}]+", "", columns) + "\nheader:" + header
    assert "label" not in typed_once.split("\nheader:")[0]
    result = build_with(site, typed_once)
    assert result.ok, result.message
    data = json.loads((site.output / OUT / "hr.json").read_text(encoding="utf-8"))
    assert [column["label"] for column in data["columns"]] == [
        "ลำดับที่", "กิจกรรม", "งบประมาณ (บาท) / ข้อบัญญัติ ปี 2566",
        "งบประมาณ (บาท) / เบิกจ่ายจริง", "ผลการดำเนินงาน / ดำเนินการแล้ว",
        "ผลการดำเนินงาน / ยังไม่ดำเนินการ", "ผลการดำเนินงาน / ร้อยละ"]
    # Without a header, a column still needs its label.
    site.add({"documents/2568/hr.table.yaml": "caption: ก\ncolumns:\n  - {key: a}\n"
                                              "rows:\n  - {a: x}\n"})
    result = site.build()
    assert not result.ok
    assert "documents/2568/hr.table.yaml:3:" in result.message
    assert "label" in result.message


SUBTOTALS = """
caption: ย่อย
columns:
  - {key: a, label: รายการ}
  - {key: n, label: จำนวน, type: number}
  - {key: m, label: อื่น, type: number}
  - {key: s, label: รวม, type: number, sum_of: [n, m]}
rows:
  - {a: ก, n: "๓", m: "๑", s: "๔"}
  - {total: รวม, values: {n: "๓", m: "๑", s: "๔"}, check: true}
  - {a: ข, n: "๓"}
  - {total: รวม, values: {n: "๓"}, check: true}
  - {total: รวมทั้งหมด, values: {n: "๖"}, check: all}
"""


def test_subtotals_and_grand_totals_that_add_up_build(site):
    result = build_with(site, SUBTOTALS)
    assert result.ok, result.message
    found = table(site.read(PAGE), "ย่อย")
    assert [row["attrs"].get("class") for row in body_rows(found)] == [None, "total", None, "total",
                                                                      "total"]


# A plan whose source merges a mission cell over two projects and one budget
# cell over two years (the shape of a 4-year anti-corruption plan).
MERGED = """
caption: แผนปฏิบัติการป้องกันการทุจริต
columns:
  - {key: mission, label: มิติ, row_header: true}
  - {key: project, label: โครงการ, row_header: true}
  - {key: y1, label: ปี ๒๕๖๖, type: money}
  - {key: y2, label: ปี ๒๕๖๗, type: money}
  - {key: note, label: หมายเหตุ}
header:
  - - {label: มิติ, rowspan: 2}
    - {label: โครงการ, rowspan: 2}
    - {label: งบประมาณ (บาท), colspan: 2}
    - {label: หมายเหตุ, rowspan: 2}
  - [ปี ๒๕๖๖, ปี ๒๕๖๗]
rows:
  - mission: {value: "๑. การสร้างสังคมที่ไม่ทนต่อการทุจริต", rowspan: 2}
    project: อบรมคุณธรรมจริยธรรม
    y1: {value: "๒๐,๐๐๐", colspan: 2}
    note: {value: ไม่ใช้งบประมาณเพิ่ม, rowspan: 2}
  - project: ประกาศเจตนารมณ์
    y1: "๕,๐๐๐"
    y2: "๕,๐๐๐"
  - {total: รวม, values: {y1: "๒๕,๐๐๐", y2: "๕,๐๐๐"}, check: true}
"""


def test_merged_body_cells_span_rows_and_columns_and_name_their_headers(site):
    result = build_with(site, MERGED)
    assert result.ok, result.message
    found = table(site.read(PAGE), "แผนปฏิบัติการป้องกันการทุจริต")
    first, second = body_rows(found)[:2]
    mission, project, budget, note = first["cells"]
    assert (mission["tag"], mission["attrs"]["rowspan"], mission["text"]) == (
        "th", "2", "๑. การสร้างสังคมที่ไม่ทนต่อการทุจริต")
    assert (budget["attrs"]["colspan"], budget["text"]) == ("2", "๒๐,๐๐๐")
    assert note["attrs"]["rowspan"] == "2"
    # Both year headers and both project rows are named by the merged cells.
    assert budget["attrs"]["headers"].split() == [
        "hr-h0-2", "hr-h1-2", "hr-h1-3", "hr-r0-mission", "hr-r0-project"]
    assert note["attrs"]["headers"].split() == [
        "hr-h0-4", "hr-r0-mission", "hr-r0-project", "hr-r1-project"]
    # The second row draws only its own cells, and still names the mission over it.
    assert texts(second) == ["ประกาศเจตนารมณ์", "๕,๐๐๐", "๕,๐๐๐"]
    assert second["cells"][1]["attrs"]["headers"].split() == [
        "hr-h0-2", "hr-h1-2", "hr-r0-mission", "hr-r1-project"]


def test_a_template_table_id_from_data_cannot_break_out_of_its_attributes():
    # table_block ids are built from catalog data (ITA indicator codes): a quote in
    # one must not end the id="..." attribute and start an attribute of its own.
    render = importlib.import_module("portal.tables.render")
    page = render.template_table('group-1-9" onmouseover="alert(1)', "ก",
                                 ["ข้อ", "รายการ", "สถานะ", "หลักฐาน"], [["O1", "x", "y", "z"]])
    assert "onmouseover" not in page.replace("group-1-9-onmouseover-alert-1", "")
    assert 'id="group-1-9-onmouseover-alert-1"' in page
    assert '"' not in page.split('id="', 1)[1].split('"', 1)[0]


def test_merged_cells_repeat_their_value_in_exports_and_count_once_in_totals(site):
    result = build_with(site, MERGED)  # the totals row checks ๒๕,๐๐๐: ๒๐,๐๐๐ once
    assert result.ok, result.message
    rows = json.loads((site.output / OUT / "hr.json").read_text(encoding="utf-8"))["rows"]
    assert rows[0] == {"mission": "1. การสร้างสังคมที่ไม่ทนต่อการทุจริต",
                       "project": "อบรมคุณธรรมจริยธรรม", "y1": 20000, "y2": 20000,
                       "note": "ไม่ใช้งบประมาณเพิ่ม"}
    assert rows[1]["mission"] == "1. การสร้างสังคมที่ไม่ทนต่อการทุจริต"
    assert rows[1]["note"] == "ไม่ใช้งบประมาณเพิ่ม"
    lines = list(csv.reader(io.StringIO(
        (site.output / OUT / "hr.csv").read_text(encoding="utf-8-sig"))))
    assert lines[2] == ["1. การสร้างสังคมที่ไม่ทนต่อการทุจริต", "ประกาศเจตนารมณ์", "5000",
                        "5000", "ไม่ใช้งบประมาณเพิ่ม"]


TABLE_FILE = "documents/2568/hr.table.yaml"
ERRORS = {
    "missing table file": (
        None, "documents/2568/a.md:10:", "ไม่พบไฟล์ตาราง \"hr.table.yaml\" (table file not found)"),
    "YAML error": (
        HR_TABLE.replace("caption: ผลการ", "caption: ผลการ: "), f"{TABLE_FILE}:1:",
        "มีเครื่องหมาย : อยู่ในค่าของช่องนี้"),
    "unknown table key": (
        HR_TABLE + "footer: x\n", f"{TABLE_FILE}:47:", "ไม่รู้จักช่อง \"footer\" ในไฟล์ตาราง"),
    "unknown column key": (
        HR_TABLE.replace("row_header: true}", "rowheader: true}"), f"{TABLE_FILE}:4:",
        "ไม่รู้จักช่อง \"rowheader\" ในคอลัมน์"),
    "unknown row key": (
        HR_TABLE.replace("    pending: \"true\"", "    pendng: \"true\""), f"{TABLE_FILE}:35:",
        "หมายถึง pending หรือไม่"),
    "unknown column type": (
        HR_TABLE.replace("type: percent", "type: percentage"), f"{TABLE_FILE}:9:",
        "ไม่รู้จักชนิดคอลัมน์ \"percentage\""),
    "header cell not lining up with columns": (
        HR_TABLE.replace("  - - {label: ข้อบัญญัติ ปี ๒๕๖๖}", "  - - {label: ข้อบัญญัติ}"),
        f"{TABLE_FILE}:15:", "ช่องหัวตาราง \"ข้อบัญญัติ\" ไม่ตรงกับคอลัมน์ที่ 3"),
    "header row too short": (
        HR_TABLE.replace("    - ร้อยละ\n", ""), f"{TABLE_FILE}:15:",
        "หัวตารางแถวที่ 2 มีช่องไม่ครบ 7 คอลัมน์"),
    "header row too long": (
        HR_TABLE.replace("{label: ผลการดำเนินงาน, colspan: 3}",
                         "{label: ผลการดำเนินงาน, colspan: 4}"),
        f"{TABLE_FILE}:14:", "เกินจำนวนคอลัมน์ (7 คอลัมน์)"),
    "money that is not money": (
        HR_TABLE.replace('plan: "1000"', 'plan: "หนึ่งพัน"'), f"{TABLE_FILE}:40:",
        "ค่า \"หนึ่งพัน\" ในคอลัมน์ \"ข้อบัญญัติ ปี ๒๕๖๖\" ไม่ใช่จำนวนเงิน (not a money)"),
    "badly grouped number": (
        HR_TABLE.replace('plan: "1000"', 'plan: "1,00"'), f"{TABLE_FILE}:40:", "ไม่ใช่จำนวนเงิน"),
    "tick that is not a tick": (
        HR_TABLE.replace('done: "true"', 'done: "/"'), f"{TABLE_FILE}:30:",
        "ใส่ true หรือเว้นว่าง แต่พบ \"/\""),
    "section row with data": (
        HR_TABLE.replace("  - section: ๒. นโยบายการพัฒนาบุคลากร",
                         "  - section: ๒. นโยบายการพัฒนาบุคลากร\n    no: \"๓\""),
        f"{TABLE_FILE}:38:", "แถวหัวข้อ (section) มีได้เพียงข้อความเดียว"),
    "wrong total": (
        HR_TABLE.replace('values: {plan: "๑๓,๕๐๐"', 'values: {plan: "๑๓,๐๐๐"'), f"{TABLE_FILE}:43:",
        "ยอดรวมแถว \"รวม\" (แถวที่ 6) คอลัมน์ \"งบประมาณ (บาท) / ข้อบัญญัติ ปี ๒๕๖๖\" ในตาราง "
        "\"ผลการดำเนินงานตามนโยบาย ๒๕๖๖\" ไม่ตรง: เขียนไว้ ๑๓,๐๐๐ แต่ผลรวมของแถวคือ ๑๓,๕๐๐ "
        "(total mismatch)"),
    "subtotal counts only the rows since the previous totals row": (
        SUBTOTALS.replace('{total: รวมทั้งหมด, values: {n: "๖"}, check: all}',
                          '{total: รวมทั้งหมด, values: {n: "๖"}, check: true}'),
        f"{TABLE_FILE}:12:", "ยอดรวมแถว \"รวมทั้งหมด\" (แถวที่ 5) คอลัมน์ \"จำนวน\" ในตาราง \"ย่อย\" "
        "ไม่ตรง: เขียนไว้ ๖ แต่ผลรวมของแถวคือ ๐"),
    "row total that is not the sum of its columns": (
        SUBTOTALS.replace('{a: ก, n: "๓", m: "๑", s: "๔"}', '{a: ก, n: "๓", m: "๑", s: "๕"}'),
        f"{TABLE_FILE}:8:", "ค่าในคอลัมน์ \"รวม\" ของแถว \"แถวที่ 1\" ในตาราง \"ย่อย\" ไม่ตรง: "
        "เขียนไว้ ๕ แต่ผลรวมของ จำนวน, อื่น คือ ๔ (row total mismatch)"),
    "table id taken by a heading on the page": (
        "id: plan\n" + HR_TABLE, f"{TABLE_FILE}:1:",
        "รหัสตาราง \"plan\" ซ้ำกับจุดอ้างอิง (id) อื่นในเอกสาร"),
    "merged cell beyond the last column": (
        MERGED.replace('note: {value: ไม่ใช้งบประมาณเพิ่ม, rowspan: 2}',
                       'note: {value: ไม่ใช้งบประมาณเพิ่ม, colspan: 2}'), f"{TABLE_FILE}:18:",
        "ช่อง \"note\" มี colspan 2 เกินคอลัมน์สุดท้าย"),
    "merged cell over the totals row": (
        MERGED.replace('rowspan: 2}\n    project: อบรม', 'rowspan: 3}\n    project: อบรม'),
        f"{TABLE_FILE}:15:", "ช่อง \"mission\" มี rowspan 3 แต่มีแถวข้อมูลต่อจากแถวนี้ไม่พอ"),
    "value inside a merged cell": (
        MERGED.replace("  - project: ประกาศเจตนารมณ์", "  - project: ประกาศเจตนารมณ์\n"
                       "    note: ซ้ำ"), f"{TABLE_FILE}:20:",
        "ช่อง \"note\" บรรทัด 20 อยู่ในพื้นที่ที่ช่อง \"note\" บรรทัด 18 รวมไว้แล้ว"),
    "merged cell over columns of two types": (
        MERGED.replace('project: อบรมคุณธรรมจริยธรรม', 'project: {value: อบรม, colspan: 2}')
        .replace('    y1: {value: "๒๐,๐๐๐", colspan: 2}\n', '    y2: "๒๐,๐๐๐"\n'),
        f"{TABLE_FILE}:16:", "ช่อง \"project\" คลุมคอลัมน์ต่างชนิดกัน"),
    "merged cell in a totals row": (
        MERGED.replace('values: {y1: "๒๕,๐๐๐", y2: "๕,๐๐๐"}',
                       'values: {y1: {value: "๒๕,๐๐๐", colspan: 2}}'), f"{TABLE_FILE}:22:",
        "ช่องในแถวยอดรวมรวมกับช่องอื่น (rowspan/colspan) ไม่ได้"),
    "table name without .table.yaml": (
        None, "documents/2568/a.md:10:", "ต้องมีชื่อลงท้ายด้วย .table.yaml"),
}


@pytest.mark.parametrize("case", list(ERRORS), ids=list(ERRORS))
def test_table_mistakes_are_reported_with_file_line_and_thai_text(site, case):
    text, location, thai = ERRORS[case]
    if case == "missing table file":
        site.add({"documents/2568/a.md": announcement(body="ก่อนตาราง\n\n::: table hr.table.yaml")})
        result = site.build()
    elif case == "table name without .table.yaml":
        site.add({"documents/2568/a.md": announcement(body="ก่อนตาราง\n\n::: table hr.yaml"),
                  "documents/2568/hr.yaml": HR_TABLE})
        result = site.build()
    else:
        result = build_with(site, text, body="## แผน {#plan}\n\n::: table hr.table.yaml")
    assert not result.ok
    assert location in result.message, result.message
    assert thai in result.message, result.message
    assert "วิธีแก้" in result.message
    assert "Traceback" not in result.message
    assert not site.output.exists()


@pytest.mark.parametrize("written", ["hr.tabel.yaml", "hr-polcy.table.yaml"])
def test_a_mistyped_table_file_name_gets_a_did_you_mean(site, written):
    real = "hr.table.yaml" if written == "hr.tabel.yaml" else "hr-policy.table.yaml"
    result = build_with(site, HR_TABLE, body=f"::: table {written}", name=real)
    assert not result.ok
    assert "documents/2568/a.md:8:" in result.message
    assert f"หมายถึง \"{real}\" หรือไม่" in result.message, result.message


def test_a_mistyped_attachment_or_link_gets_a_did_you_mean(site):
    site.add({"documents/2568/a.md": announcement(
        attachments="\n  - file: รายงานฉบับลงนาม.pfd\n    title: ฉบับลงนาม",
        body="ดู[ฉบับลงนาม](รายงานฉบับลงนม.pdf)"),
        "documents/2568/รายงานฉบับลงนาม.pdf": b"%PDF-1.4\n"})
    result = site.build()
    assert not result.ok
    assert "ไม่พบไฟล์แนบ \"รายงานฉบับลงนาม.pfd\"" in result.message
    assert "หมายถึง \"รายงานฉบับลงนาม.pdf\" หรือไม่" in result.message, result.message
    # and a link in the text to a slightly wrong name
    assert "ลิงก์ไปยังไฟล์ที่ไม่มีอยู่: \"รายงานฉบับลงนม.pdf\"" in result.message
    assert result.message.count("หมายถึง \"รายงานฉบับลงนาม.pdf\" หรือไม่") == 2


@given(st.text(alphabet="กขคงจ่้ัาิีเแ๑๒๓0123456789 .,;:()/%\"'*_-#<>&[]`!|\t\nabcAB", max_size=40))
@settings(max_examples=300, deadline=None)
def test_plain_cells_skip_markdown_but_come_out_as_markdown_would_make_them(text):
    # the package's render() hides the module of the same name
    table_render = importlib.import_module("portal.tables.render")

    converted = table_render._markdown(text)
    single = table_render._SINGLE_PARAGRAPH.match(converted)
    assert table_render.markdown_html(text) == (single[1] if single else converted)
