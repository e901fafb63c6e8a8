"""Complaint statistics: one data file per fiscal year, its pages, downloads and ITA evidence."""

import csv
import io
import json
import re

import pytest
from conftest import Site
from table_html import body_rows, head_rows, table, texts
from test_organisation import statuses

MONTHS = ("ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน",
          "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน")
# The channels of data/complaints.yaml, as its pages show them.
CHANNELS = ("ร้องเรียนด้วยตนเอง", "ทางไปรษณีย์", "โทรศัพท์และโทรสาร",
            "ตู้รับเรื่องร้องเรียน/ร้องทุกข์", "เว็บไซต์", "Facebook",
            "สายตรงนายกองค์การบริหารส่วนตำบลตัวอย่าง")

# Fiscal year 2568 (1 October 2567 - 30 September 2568): six complaints in two months.
WITH_FIGURES = """\
months:
  ตุลาคม: ไม่มี
  พฤศจิกายน:
    ร้องเรียนด้วยตนเอง: {received: 2, done: 1, in_progress: 1}
    เว็บไซต์: {received: 1, done: 1}
  ธันวาคม: ไม่มี
  มกราคม:
    สายตรงนายกองค์การบริหารส่วนตำบลตัวอย่าง: {received: ๓, done: ๓}
  กุมภาพันธ์: ไม่มี
  มีนาคม: ไม่มี
  เมษายน: ไม่มี
  พฤษภาคม: ไม่มี
  มิถุนายน: ไม่มี
  กรกฎาคม: ไม่มี
  สิงหาคม: ไม่มี
  กันยายน: ไม่มี
"""
ALL_ZERO = "months:\n" + "".join(f"  {month}: ไม่มี\n" for month in MONTHS)


def build(tmp_path, files: dict):
    """A site with statistics files {name: text} (none: the folder does not exist)."""
    folder = tmp_path / "statistics"
    if files:
        folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    site = Site(tmp_path)
    return site, site.build(COMPLAINT_STATISTICS_DIR=str(folder)), folder


@pytest.fixture(scope="module")
def with_figures(tmp_path_factory):
    site, result, _ = build(tmp_path_factory.mktemp("statistics"), {"2568.yaml": WITH_FIGURES})
    assert result.ok, result.message
    return site


def test_the_month_table_has_every_month_and_computed_totals(with_figures):
    page = with_figures.read("complaints/statistics/2568/index.html")
    assert "<h1>สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ปีงบประมาณ พ.ศ. ๒๕๖๘</h1>" in page
    found = table(page, "จำนวนเรื่องร้องเรียนการทุจริตและประพฤติมิชอบรายเดือน ปีงบประมาณ พ.ศ. ๒๕๖๘")
    assert texts(head_rows(found)[0]) == ["เดือน", "เรื่องที่ได้รับ", "ดำเนินการแล้วเสร็จ",
                                          "อยู่ระหว่างดำเนินการ"]
    rows = body_rows(found)
    assert [row["cells"][0]["text"] for row in rows[:4]] == [
        "ตุลาคม ๒๕๖๗", "พฤศจิกายน ๒๕๖๗", "ธันวาคม ๒๕๖๗", "มกราคม ๒๕๖๘"]
    assert rows[11]["cells"][0]["text"] == "กันยายน ๒๕๖๘"
    assert texts(rows[1]) == ["พฤศจิกายน ๒๕๖๗", "๓", "๒", "๑"]
    assert texts(rows[3]) == ["มกราคม ๒๕๖๘", "๓", "๓", "๐"]
    # The totals are added up by the portal, in the table's footer.
    assert rows[12]["part"] == "tfoot"
    assert texts(rows[12]) == ["รวม", "๖", "๕", "๑"]
    assert rows[1]["cells"][0]["tag"] == "th" and rows[1]["cells"][1]["attrs"]["class"] == "num"
    assert ("ได้รับเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ๖ เรื่อง ดำเนินการแล้วเสร็จ ๕ เรื่อง "
            "อยู่ระหว่างดำเนินการ ๑ เรื่อง") in " ".join(page.split())


def test_the_channel_table_lists_every_channel_of_the_complaints_file(with_figures):
    page = with_figures.read("complaints/statistics/2568/index.html")
    rows = body_rows(table(page, "จำนวนเรื่องร้องเรียนการทุจริตและประพฤติมิชอบแยกตามช่องทาง "
                                 "ปีงบประมาณ พ.ศ. ๒๕๖๘"))
    assert [row["cells"][0]["text"] for row in rows] == [*CHANNELS, "รวม"]
    assert texts(rows[0]) == ["ร้องเรียนด้วยตนเอง", "๒", "๑", "๑"]
    assert texts(rows[1]) == ["ทางไปรษณีย์", "๐", "๐", "๐"]
    assert texts(rows[4]) == ["เว็บไซต์", "๑", "๑", "๐"]
    assert texts(rows[-1]) == ["รวม", "๖", "๕", "๑"]


def test_the_chart_is_an_accessible_svg_whose_text_is_the_month_table(with_figures):
    page = with_figures.read("complaints/statistics/2568/index.html")
    chart = re.search(r"<figure[^>]*>(.*?)</figure>", page, re.S)[1]
    svg = re.search(r"<svg[^>]*>", chart)[0]
    assert 'role="img"' in svg
    labelled = re.search(r'aria-labelledby="([^"]+)"', svg)[1].split()
    assert f'<title id="{labelled[0]}">แผนภูมิแท่งจำนวนเรื่องร้องเรียนรายเดือน ปีงบประมาณ พ.ศ. ๒๕๖๘' \
           "</title>" in chart
    assert f'<desc id="{labelled[1]}">' in chart
    assert "พฤศจิกายน ๒๕๖๗: ได้รับ ๓ เรื่อง แล้วเสร็จ ๒ อยู่ระหว่างดำเนินการ ๑" in chart
    assert "ซึ่งเป็นข้อความแทนภาพ" in chart and "จำนวนเรื่องร้องเรียนรายเดือน" in chart
    assert "style=" not in chart and "href" not in chart  # CSP: no inline style, no request
    assert len(re.findall(r"<g class=\"bar\">", chart)) == 12


def test_csv_and_json_hold_the_same_figures(with_figures):
    page = with_figures.read("complaints/statistics/2568/index.html")
    links = re.findall(r'<a href="([^"]+\.(?:csv|json))" download>([^<]+)</a> \((CSV|JSON)', page)
    assert [(href, kind) for href, _text, kind in links] == [
        ("../../../complaints/statistics/2568/complaint-statistics-2568.csv", "CSV"),
        ("../../../complaints/statistics/2568/complaint-statistics-2568.json", "JSON")]
    text = with_figures.read("complaints/statistics/2568/complaint-statistics-2568.csv")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["ปีงบประมาณ", "เดือน", "เดือน (ค.ศ.)", "ช่องทาง", "เรื่องที่ได้รับ",
                       "ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ"]
    assert len(rows) == 1 + 12 * len(CHANNELS)
    assert ["2568", "พฤศจิกายน 2567", "2024-11", "ร้องเรียนด้วยตนเอง", "2", "1", "1"] in rows
    assert ["2568", "มกราคม 2568", "2025-01", CHANNELS[-1], "3", "3", "0"] in rows
    data = json.loads(with_figures.read(
        "complaints/statistics/2568/complaint-statistics-2568.json"))
    assert data["fiscal_year"] == 2568 and data["nothing_to_report"] is False
    assert data["period"] == {"start": "2024-10-01", "end": "2025-09-30"}
    assert data["totals"] == {"received": 6, "done": 5, "in_progress": 1}
    november = data["months"][1]
    assert (november["month"], november["received"], november["done"]) == ("2024-11", 3, 2)
    assert november["by_channel"][4] == {"channel": "เว็บไซต์", "received": 1, "done": 1,
                                         "in_progress": 0}


def test_the_statistics_are_linked_from_the_complaints_pages(with_figures):
    hub = with_figures.read("complaints/index.html")
    assert '<a href="../complaints/statistics/">สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ</a>' \
        in hub
    menu = re.search(r'<nav class="complaints-nav"[^>]*>(.*?)</nav>',
                     with_figures.read("complaints/channels/index.html"), re.S)[1]
    assert '<a href="../../complaints/statistics/">สถิติเรื่องร้องเรียน' in menu
    years = with_figures.read("complaints/statistics/index.html")
    rows = body_rows(table(years, "สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบแยกตามปีงบประมาณ"))
    assert texts(rows[0]) == ["ปีงบประมาณ พ.ศ. ๒๕๖๘", "๖", "๕", "๑"]
    assert '<a href="../../complaints/statistics/2568/">' in rows[0]["cells"][0]["html"]
    crumbs = re.search(r'<nav class="breadcrumbs"[^>]*>(.*?)</nav>',
                       with_figures.read("complaints/statistics/2568/index.html"), re.S)[1]
    assert "../../../complaints/statistics/" in crumbs


def test_a_year_with_figures_answers_o18_of_the_next_ita_year(with_figures):
    assert statuses(with_figures.read("ita/2569/oit.json"), "O18") == {"O18": "published"}
    item = with_figures.read("ita/2569/o18/index.html")
    assert '<a href="../../../complaints/statistics/2568/">' in item
    assert "เป็นข้อมูลช่วง ๑ ตุลาคม ๒๕๖๗ ถึง ๓๐ กันยายน ๒๕๖๘ ซึ่งอยู่ในปีงบประมาณ ๒๕๖๘" in item
    # The export for the ITAS system names the page with Arabic digits.
    assert ",สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ปีงบประมาณ พ.ศ. 2568," \
        in with_figures.read("ita/2569/oit.csv")
    # ITA 2568 O19 wants fiscal year 2567: this file is the wrong year for it.
    assert statuses(with_figures.read("ita/2568/oit.json"), "O19") == {"O19": "wrong-period"}


def test_o18_is_missing_until_the_statistics_file_is_added(tmp_path):
    site, result, folder = build(tmp_path, {})
    assert result.ok, result.message
    assert statuses(site.read("ita/2569/oit.json"), "O18") == {"O18": "missing"}
    assert not (site.output / "complaints" / "statistics").exists()
    assert "complaints/statistics/" not in site.read("complaints/index.html")
    folder.mkdir()
    (folder / "2568.yaml").write_text(ALL_ZERO, encoding="utf-8")
    assert site.build(COMPLAINT_STATISTICS_DIR=str(folder)).ok
    assert statuses(site.read("ita/2569/oit.json"), "O18") == {"O18": "published"}


def test_a_year_without_complaints_says_so_and_counts_as_nothing_to_report(tmp_path):
    site, result, _ = build(tmp_path, {"2568.yaml": ALL_ZERO})
    assert result.ok, result.message
    page = site.read("complaints/statistics/2568/index.html")
    assert ('<p class="complaints-none"><strong>ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ</strong>'
            "\n  ในปีงบประมาณ พ.ศ. ๒๕๖๘</p>") in page
    assert "<svg" not in page.split('<main id="main"')[1]  # no chart of empty bars
    rows = body_rows(table(page, "จำนวนเรื่องร้องเรียนการทุจริตและประพฤติมิชอบรายเดือน "
                                 "ปีงบประมาณ พ.ศ. ๒๕๖๘"))
    assert texts(rows[-1]) == ["รวม", "๐", "๐", "๐"]
    assert statuses(site.read("ita/2569/oit.json"), "O18") == {"O18": "published"}
    item = site.read("ita/2569/o18/index.html")
    assert "(แจ้งว่าไม่มีเรื่องที่ต้องรายงาน)" in item
    assert "รวมคำแจ้งว่าไม่มีเรื่องที่ต้องรายงาน" in item
    data = json.loads(site.read("complaints/statistics/2568/complaint-statistics-2568.json"))
    assert data["nothing_to_report"] is True


def test_a_year_in_progress_shows_the_months_so_far(tmp_path):
    partial = "months:\n  ตุลาคม: ไม่มี\n  พฤศจิกายน:\n    เว็บไซต์: {received: 1, in_progress: 1}\n"
    site, result, _ = build(tmp_path, {"2568.yaml": partial})
    assert result.ok, result.message
    page = " ".join(site.read("complaints/statistics/2568/index.html").split())
    assert ('<time datetime="2024-10-01">๑ ตุลาคม ๒๕๖๗</time> ถึง '
            '<time datetime="2024-11-30">๓๐ พฤศจิกายน ๒๕๖๗</time> '
            "(ปีงบประมาณยังไม่สิ้นสุด: ยังไม่มีข้อมูลของเดือนที่เหลือ)") in page


def test_every_mistake_is_told_at_once_with_file_and_line(tmp_path):
    text = """\
months:
  ตุลาคม: ไม่มี
  พฤศจิกายน:
    ร้องเรียนทางไลน์: {received: 2, done: 2}
    เว็บไซต์: {received: 1, done: 2}
    Facebook: {received: สอง}
  ธันวา: ไม่มี
  มกราคม:
"""
    site, result, folder = build(tmp_path, {"2568.yaml": text, "สถิติ.yaml": ALL_ZERO})
    assert not result.ok
    message = result.message
    path = folder / "2568.yaml"
    assert f"{path}:4: ไม่มีช่องทาง \"ร้องเรียนทางไลน์\" ใน data/complaints.yaml" in message
    assert "ใช้ชื่อช่องทางตามที่เขียนใน data/complaints.yaml:\n  ร้องเรียนด้วยตนเอง" in message
    assert (f"{path}:5: เดือนพฤศจิกายน เว็บไซต์: ได้รับ 1 เรื่อง แต่แล้วเสร็จ 2 + "
            "อยู่ระหว่างดำเนินการ 0 = 2") in message
    assert f"{path}:6: เดือนพฤศจิกายน Facebook: received \"สอง\" ต้องเป็นจำนวนเรื่อง" in message
    assert f"{path}:7: \"ธันวา\" ไม่ใช่ชื่อเดือน" in message
    assert f"{path}:8: เดือนมกราคม: ต้องเป็นรายการช่องทาง หรือคำว่า ไม่มี" in message
    assert f"{folder / 'สถิติ.yaml'}:1: ชื่อไฟล์ \"สถิติ.yaml\" ต้องเป็นปีงบประมาณ" in message
    assert "Traceback" not in message
    assert not site.output.exists()


def test_a_month_left_out_before_a_later_one_is_an_error(tmp_path):
    text = "months:\n  ตุลาคม: ไม่มี\n  ธันวาคม: ไม่มี\n"
    site, result, folder = build(tmp_path, {"2568.yaml": text})
    assert not result.ok
    assert (f"{folder / '2568.yaml'}:3: ไม่มีข้อมูลเดือน พฤศจิกายน แต่มีเดือนหลังจากนั้น"
            in result.message), result.message
    assert "พฤศจิกายน: ไม่มี" in result.message
