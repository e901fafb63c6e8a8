"""Procurement summaries from data/procurement/<year>.csv: pages, sums, exports, ITA status."""

import csv
import datetime
import io
import json
import os
import re

import pytest
from conftest import Site, invoke, write_files
from table_html import body_rows, table

HEADER = ("วันที่,งานที่จัดซื้อหรือจัดจ้าง,วงเงินที่จะซื้อหรือจ้าง,ราคากลาง,วิธีซื้อหรือจ้าง,"
          "ผู้เสนอราคาและราคาที่เสนอ,ผู้ได้รับการคัดเลือก,เลขประจำตัวผู้เสียภาษี,ราคาที่ตกลง,"
          "เหตุผลที่คัดเลือก,เลขที่สัญญา,วันที่สัญญา\n")
# Fiscal year 2568: October 2567 to September 2568. Nothing was bought in December.
YEAR_2568 = HEADER + (
    '03/10/2567,จัดซื้อวัสดุสำนักงาน,"12,000.00","12,000.00",เฉพาะเจาะจง,'
    'ร้านเอ 11500,ร้านเอ,0105556012345,"11,500.00",ราคาต่ำสุด,1/2568,03/10/2567\n'
    '2024-11-20,จ้างซ่อมถนนสายบ้านหนองแค,500000,480000,e-bidding,'
    '"บริษัทบี 450,000; บริษัทซี 470,000",บริษัทบี จำกัด,0105550000001,450000,ราคาต่ำสุด,'
    '2/2568,2024-11-25\n'
    '28/11/2567,"=HYPERLINK(""http://evil"",""x"")",๙๐๐,,เฉพาะเจาะจง,,ร้านดี,,๙๐๐,,,\n'
    '15/01/2568,จัดซื้อครุภัณฑ์คอมพิวเตอร์,"40,000","39,000",เฉพาะเจาะจง,ร้านอี 38000,ร้านอี,'
    '3100500123456,"38,000",ราคาต่ำสุด,3/2568,15/01/2568\n'
)
AFTER_THE_YEAR = datetime.date(2025, 10, 5)  # saved after fiscal year 2568 ended


def save(folder, name: str, text: str, day: datetime.date):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8-sig")
    moment = datetime.datetime.combine(day, datetime.time(12)).timestamp()
    os.utime(path, (moment, moment))
    return path


@pytest.fixture(scope="module")
def year_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("procurement")
    save(base / "procurement", "2568.csv", YEAR_2568, AFTER_THE_YEAR)
    site = Site(base)
    result = site.build(PROCUREMENT_DIR=str(base / "procurement"))
    assert result.ok, result.message
    return site


def cells(row) -> list:
    return [cell["text"] for cell in row["cells"]]


def test_a_month_page_is_the_sor_kor_ror_1_table(year_site):
    page = year_site.read("procurement/2568/11/index.html")
    assert "<h1>สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนพฤศจิกายน ๒๕๖๗</h1>" in page
    rows = body_rows(table(page, "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนพฤศจิกายน ๒๕๖๗"))
    assert cells(rows[0]) == [
        "๑", "จ้างซ่อมถนนสายบ้านหนองแค", "๕๐๐,๐๐๐.๐๐", "๔๘๐,๐๐๐.๐๐", "e-bidding",
        "บริษัทบี 450,000; บริษัทซี 470,000",
        "บริษัทบี จำกัด (เลขประจำตัวผู้เสียภาษี 0105550000001) ราคาที่ตกลง ๔๕๐,๐๐๐.๐๐ บาท",
        "ราคาต่ำสุด", "2/2568 ลงวันที่ ๒๕ พฤศจิกายน ๒๕๖๗"]
    # A formula typed into the register is text on the page, and a missing price is "-".
    assert cells(rows[1])[1] == '=HYPERLINK("http://evil","x")'
    assert cells(rows[1])[3] == "-"
    assert "รวม ๒ รายการ วงเงินที่จะซื้อหรือจ้างรวม ๕๐๐,๙๐๐.๐๐ บาท" in page


def test_a_month_without_procurement_says_so(year_site):
    page = year_site.read("procurement/2568/12/index.html")
    assert "<strong>ไม่มีการจัดซื้อจัดจ้างในเดือนธันวาคม ๒๕๖๗</strong>" in page
    assert "sor-kor-ror-1" not in page
    # Every month of the ended year has its page, October to September.
    assert sorted(os.listdir(year_site.output / "procurement" / "2568"))[:12] == [
        "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"]


def test_the_yearly_report_sums_by_method_and_month_with_a_chart(year_site):
    page = year_site.read("procurement/2568/index.html")
    by_method = {cells(row)[0]: cells(row)[1:] for row in body_rows(
        table(page, "จำนวนและมูลค่าการจัดซื้อจัดจ้างตามวิธีซื้อหรือจ้าง ปีงบประมาณ ๒๕๖๘"))}
    assert by_method["e-bidding"] == ["๑", "๕๐๐,๐๐๐.๐๐", "๔๕๐,๐๐๐.๐๐", "๓๐,๐๐๐.๐๐"]
    assert by_method["เฉพาะเจาะจง"] == ["๓", "๕๒,๙๐๐.๐๐", "๕๐,๔๐๐.๐๐", "๑,๕๐๐.๐๐"]
    assert by_method["รวมทั้งปี"] == ["๔", "๕๕๒,๙๐๐.๐๐", "๕๐๐,๔๐๐.๐๐", "๓๑,๕๐๐.๐๐"]
    by_month = body_rows(table(page, "จำนวนและมูลค่าการจัดซื้อจัดจ้างรายเดือน ปีงบประมาณ ๒๕๖๘"))
    assert [cells(row)[0] for row in by_month][:3] == ["ตุลาคม ๒๕๖๗", "พฤศจิกายน ๒๕๖๗",
                                                       "ธันวาคม ๒๕๖๗"]
    assert cells(by_month[1])[1:4] == ["๒", "๕๐๐,๙๐๐.๐๐", "๔๕๐,๙๐๐.๐๐"]
    assert cells(by_month[2])[1] == "๐"
    assert len(by_month) == 13  # twelve months and the year's total
    chart = re.search(r'<svg[^>]*class="bar-chart"[^>]*>.*?</svg>', page, re.S)[0]
    assert 'role="img"' in chart and 'aria-labelledby="chart-2568-title chart-2568-desc"' in chart
    assert "<title id=\"chart-2568-title\">ราคาที่ตกลงซื้อหรือจ้างรวมรายเดือน" in chart
    assert chart.count("<rect") == 3  # the three months with procurement
    assert ">๔๕๐,๙๐๐.๐๐<" in chart
    assert "style=" not in chart


def test_the_exports_hold_every_row_safely(year_site):
    raw = (year_site.output / "procurement" / "2568" / "procurement-2568.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["วันที่", "งานที่จัดซื้อหรือจัดจ้าง", "วงเงินที่จะซื้อหรือจ้าง"]
    assert rows[1] == ["2024-10-03", "จัดซื้อวัสดุสำนักงาน", "12000", "12000", "เฉพาะเจาะจง",
                       "ร้านเอ 11500", "ร้านเอ", "0105556012345", "11500", "ราคาต่ำสุด",
                       "1/2568", "2024-10-03"]
    assert rows[3][1] == "'=HYPERLINK(\"http://evil\",\"x\")"  # inert in Excel
    data = json.loads((year_site.output / "procurement" / "2568" / "procurement-2568.json")
                      .read_text(encoding="utf-8"))
    assert data["fiscal_year"] == 2568 and len(data["records"]) == 4
    assert data["records"][1]["price"] == 450000 and data["records"][1]["tax_id"] == "0105550000001"
    assert data["records"][2]["reference_price"] is None


def test_the_documents_page_links_the_summaries(year_site):
    page = year_site.read("documents/index.html")
    assert '<a href="../procurement/2568/">รายงานสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๘</a>' \
        in page


# ------------------------------------------------------------------ ITA status


def ita_status(site, year, *codes):
    items = {i["code"]: i for i in json.loads(site.read(f"ita/{year}/oit.json"))["items"]}
    return {code: items[code]["status"] for code in codes}


def test_the_summaries_are_ita_evidence_once_the_data_is_added(tmp_path):
    folder = tmp_path / "procurement"
    site = Site(tmp_path)
    assert site.build(PROCUREMENT_DIR=str(folder)).ok
    assert ita_status(site, 2569, "O11", "O12") == {"O11": "missing", "O12": "missing"}

    # The yearly report of fiscal year 2568 answers ITA 2569's O12 (previous year).
    save(folder, "2568.csv", YEAR_2568, AFTER_THE_YEAR)
    assert site.build(PROCUREMENT_DIR=str(folder)).ok
    assert ita_status(site, 2569, "O11", "O12") == {"O11": "wrong-period", "O12": "published"}

    # Fiscal year 2569's months answer O11; saved on 5 December 2568, so October (one
    # row) and November (none) are reported, December is not yet.
    save(folder, "2569.csv", HEADER + "15/10/2568,จัดซื้อน้ำดื่ม,500,500,เฉพาะเจาะจง,,ร้านเอ,,500,,,\n",
         datetime.date(2025, 12, 5))
    assert site.build(PROCUREMENT_DIR=str(folder)).ok
    assert ita_status(site, 2569, "O11") == {"O11": "published"}
    assert sorted(os.listdir(site.output / "procurement" / "2569")) == [
        "10", "11", "index.html", "procurement-2569.csv", "procurement-2569.json"]
    assert "ไม่มีการจัดซื้อจัดจ้างในเดือนพฤศจิกายน ๒๕๖๘" in site.read("procurement/2569/11/index.html")
    item = site.read("ita/2569/o11/index.html")
    assert "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนตุลาคม 2568" in item
    assert "(แจ้งว่าไม่มีเรื่องที่ต้องรายงาน)" in item  # November's "none" counts as evidence


def test_check_due_lists_the_months_still_missing(repo):
    write_files(repo / "data" / "procurement", {
        "2569.csv": HEADER + "15/10/2568,จัดซื้อน้ำดื่ม,500,500,เฉพาะเจาะจง,,ร้านเอ,,500,,,\n"})
    path = repo / "data" / "procurement" / "2569.csv"
    moment = datetime.datetime(2025, 12, 5, 12).timestamp()
    os.utime(path, (moment, moment))
    run = invoke(repo, "check", "--ita", "2569", "--due")
    assert run.returncode == 0, run.stderr
    due = run.stdout.split("ยังต้องเผยแพร่ ITA 2569", 1)[1]
    o11 = due.split("O11 ", 1)[1].split("\nO", 1)[0]
    # Today is after fiscal year 2569: every month but October and November is due.
    assert "ตุลาคม 2568:" not in o11 and "พฤศจิกายน 2568:" not in o11
    assert o11.count("ยังไม่มีสรุปผลการจัดซื้อจัดจ้างของเดือนนี้") == 10
    assert "ธันวาคม 2568: ยังไม่มีสรุปผลการจัดซื้อจัดจ้างของเดือนนี้" in o11
    assert "\nO1 " not in due  # the organisation pages answer O1: nothing due


# ------------------------------------------------------------------ mistakes


def test_every_bad_cell_is_told_with_its_line(tmp_path):
    text = HEADER + (
        "31/02/2568,จัดซื้อวัสดุ,1000,1000,เฉพาะเจาะจง,,ร้านเอ,,1000,,,\n"
        "01/03/2568,จ้างเหมา,หนึ่งพันบาท,1000,เฉพาะเจาะจง,,ร้านเอ,01055560123,1000,,,\n"
        "01/11/2568,จัดซื้อของปีหน้า,1000,1000,เฉพาะเจาะจง,,ร้านเอ,,1000,,,\n"
        "02/03/2568,,1000,1000,เฉพาะเจาะจง,,,,1000,,,\n"
        "03/03/2568,จัดซื้อวัสดุ,12,000,12000,เฉพาะเจาะจง,,ร้านเอ,,12000,,,\n")
    save(tmp_path / "procurement", "2568.csv", text, AFTER_THE_YEAR)
    site = Site(tmp_path)
    result = site.build(PROCUREMENT_DIR=str(tmp_path / "procurement"))
    assert not result.ok
    path = tmp_path / "procurement" / "2568.csv"
    message = result.message
    assert f"{path}:2: วันที่:" in message
    assert f"{path}:3: วงเงินที่จะซื้อหรือจ้าง \"หนึ่งพันบาท\" ไม่ใช่จำนวนเงิน" in message
    assert f"{path}:3: เลขประจำตัวผู้เสียภาษี \"01055560123\" ต้องเป็นตัวเลข 13 หลัก" in message
    assert f"{path}:4: วันที่ 01/11/2568 อยู่ในปีงบประมาณ 2569 ไม่ใช่ 2568" in message
    assert f"{path}:5: คอลัมน์ \"งานที่จัดซื้อหรือจัดจ้าง\" ว่าง" in message
    assert f"{path}:5: คอลัมน์ \"ผู้ได้รับการคัดเลือก\" ว่าง" in message
    assert f"{path}:6: แถวนี้มี 13 ช่อง มากกว่าชื่อคอลัมน์ 12 ช่อง" in message
    assert "ต้องอยู่ในเครื่องหมายคำพูด" in message
    assert "Traceback" not in message and not os.path.exists(site.output)


def test_a_wrong_header_names_the_columns(tmp_path):
    text = HEADER.replace("ราคาที่ตกลง,", "ราคาตกลง,") + "03/10/2567,ก,1,1,ข,,ค,,1,,,\n"
    save(tmp_path / "procurement", "2568.csv", text, AFTER_THE_YEAR)
    result = Site(tmp_path).build(PROCUREMENT_DIR=str(tmp_path / "procurement"))
    assert not result.ok
    assert ":1: ไม่รู้จักคอลัมน์ \"ราคาตกลง\"" in result.message
    assert ":1: ไม่มีคอลัมน์ ราคาที่ตกลง" in result.message


def test_an_excel_file_reads_like_the_csv_and_a_numeric_tax_id_is_refused(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append([datetime.datetime(2024, 10, 3), "จัดซื้อวัสดุ", 12000, 12000, "เฉพาะเจาะจง",
                  None, "ร้านเอ", "0105556012345", 11500.5, None, None, None])
    sheet.append([datetime.datetime(2024, 10, 4), "จัดซื้อวัสดุ", 100, 100, "เฉพาะเจาะจง",
                  None, "ร้านบี", 105556012345, 100, None, None, None])
    folder = tmp_path / "procurement"
    folder.mkdir()
    book.save(folder / "2568.xlsx")
    result = Site(tmp_path).build(PROCUREMENT_DIR=str(folder))
    assert not result.ok
    assert f"{folder / '2568.xlsx'}:3: เลขประจำตัวผู้เสียภาษี 105556012345 ถูกเก็บเป็นตัวเลข" \
        in result.message
    assert "จัดรูปแบบคอลัมน์นี้เป็นข้อความ" in result.message

    sheet.delete_rows(3)
    book.save(folder / "2568.xlsx")
    (tmp_path / "again").mkdir()
    site = Site(tmp_path / "again")
    assert site.build(PROCUREMENT_DIR=str(folder)).ok
    rows = body_rows(table(site.read("procurement/2568/10/index.html"),
                           "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนตุลาคม ๒๕๖๗"))
    assert cells(rows[0])[2] == "๑๒,๐๐๐.๐๐" and "๑๑,๕๐๐.๕๐" in cells(rows[0])[6]
