"""Seed 003, แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐) แก้ไข ครั้งที่ ๒/๒๕๖๖, built from the real content.

The seed's text, the real public document of the อปท. the content was written from, is kept in
tests/fixtures/seed_003.txt (see tests/fixtures/README.md), so the line-by-line comparison runs
in every clone.
"""

import csv
import html
import io
import json
import os
import re
import shutil

import pytest
from conftest import ROOT
from table_html import body_rows, table, tables, texts

SOURCE = os.path.join(ROOT, "content", "documents", "2566", "plan-2566-001")
SEED = os.path.join(ROOT, "tests", "fixtures", "seed_003.txt")
OUT = "documents/plan-2566-001/"
SUMMARY = "บัญชีสรุปโครงการพัฒนา แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐) แก้ไข ครั้งที่ ๒/๒๕๖๖"
AMENDMENTS = ("บัญชีโครงการและรายละเอียดการแก้ไข แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐) "
              "แก้ไข ครั้งที่ ๒/๒๕๖๖")


def copy_plan(site):
    target = site.content / "documents" / "2566" / "plan-2566-001"
    shutil.copytree(SOURCE, target)
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import Site

    site = Site(tmp_path_factory.mktemp("seed003"))
    copy_plan(site)
    result = site.build()
    assert result.ok, result.message
    return site, site.read(OUT + "index.html")


def test_headings_and_metadata(built):
    _, page = built
    assert "<h1>แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐) แก้ไข ครั้งที่ ๒/๒๕๖๖</h1>" in page
    body = page.split('<div class="doc-body">', 1)[1]
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", body)[:7] == [
        "ประกาศองค์การบริหารส่วนตำบลคลองวาฬ", "สารบัญ", "หลักการและเหตุผล", "บทนำ",
        "บัญชีสรุปโครงการพัฒนา", "รายละเอียดโครงการพัฒนา", "ภาคผนวก ก",
    ]
    assert re.findall(r"<h3[^>]*>(.*?)</h3>", page) == [
        "กฎหมาย ระเบียบ", "๑. ความหมายของแผนพัฒนาท้องถิ่น",
        "๒. วัตถุประสงค์ของการแก้ไขแผนพัฒนาท้องถิ่น", "๓. ขั้นตอนการแก้ไขแผนพัฒนาท้องถิ่น",
        "๔. ประโยชน์ของการจัดทำแผนพัฒนาท้องถิ่นที่แก้ไข", "บัญชีโครงการและรายละเอียดการแก้ไข",
    ]
    assert "<dt>ประเภทเอกสาร</dt><dd>แผน</dd>" in page
    assert '<time datetime="2023-07-17">๑๗ กรกฎาคม ๒๕๖๖</time>' in page
    assert "<dt>ปีงบประมาณ</dt><dd>๒๕๖๖-๒๕๗๐</dd>" in page
    assert "<dd>องค์การบริหารส่วนตำบลคลองวาฬ</dd>" in page
    for item in ("ITA 2569 ข้อ O5", "ITA 2568 ข้อ O5", "ITA 2566 ข้อ O4"):
        assert item in page
    assert "<p>ประกาศ ณ วันที่ ๑๗ กรกฎาคม พ.ศ. ๒๕๖๖</p>" in page
    assert "(นายสมชาย ปี่แก้ว)<br>\nนายกองค์การบริหารส่วนตำบลคลองวาฬ" in page


def test_ids_on_the_page_are_unique(built):
    _, page = built
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_summary_table_has_each_year_over_two_columns(built):
    _, page = built
    found = table(page, SUMMARY)
    head = [row for row in found["rows"] if row["part"] == "thead"]
    first = head[0]["cells"]
    assert first[0]["text"] == "ยุทธศาสตร์ กลยุทธ์ แผนงาน"
    assert first[0]["attrs"]["rowspan"] == "2" and "colspan" not in first[0]["attrs"]
    assert [c["text"] for c in first[1:]] == ["ปี ๒๕๖๖", "ปี ๒๕๖๗", "ปี ๒๕๖๘", "ปี ๒๕๖๙",
                                             "ปี ๒๕๗๐", "รวม ๕ ปี"]
    assert all(c["attrs"]["colspan"] == "2" and c["attrs"]["scope"] == "colgroup"
               for c in first[1:])
    assert texts(head[1]) == ["จำนวนโครงการ", "งบประมาณ (บาท)"] * 6
    rows = body_rows(found)
    assert len(rows) == 5
    assert [row["attrs"].get("class") for row in rows] == [None, "total", None, "total", "total"]
    assert texts(rows[0]) == [
        "๔ ยุทธศาสตร์การบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม ๔.๓ กลยุทธ์จัดให้มีการบริหาร"
        "จัดการ การกำจัดขยะมูลฝอย น้ำเสียและควบคุมแหล่งต่างๆ (๑) แผนงานเคหะและชุมชน",
        "๐", "๐", "๑", "๑,๔๐๐,๐๐๐", "๐", "๐", "๐", "๐", "๐", "๐", "๑", "๑,๔๐๐,๐๐๐"]
    assert texts(rows[4]) == ["รวมทั้งหมด", "๐", "๐", "๒", "๑,๗๐๐,๐๐๐", "๐", "๐", "๐", "๐",
                              "๐", "๐", "๒", "๑,๗๐๐,๐๐๐"]
    assert rows[4]["part"] == "tfoot" and rows[1]["part"] == "tbody"
    # the 2567 budget of the grand total is announced with its year and its row
    cell = rows[4]["cells"][4]
    assert cell["attrs"]["headers"].split() == [
        "project-summary-h0-3", "project-summary-h1-4", "project-summary-r4-strategy"]
    assert ('<th id="project-summary-h0-3" scope="colgroup" colspan="2">'
            '<span class="nobr">ปี</span> <span class="nobr">๒๕๖๗</span></th>') in page
    assert "wide" in found["attrs"]["class"].split()


def test_project_detail_tables(built):
    _, page = built
    housing = table(page, "(๑) แผนงานเคหะและชุมชน")
    works = table(page, "(๑) แผนงานอุตสาหกรรมและการโยธา")
    for found in (housing, works):
        head = [row for row in found["rows"] if row["part"] == "thead"]
        budget = head[0]["cells"][4]
        assert budget["text"] == "งบประมาณ" and budget["attrs"]["colspan"] == "5"
        assert head[0]["cells"][-1]["text"] == "หน่วยงาน รับผิดชอบหลัก"
        assert head[0]["cells"][-1]["attrs"]["rowspan"] == "2"
        assert texts(head[1]) == ["๒๕๖๖ (บาท)", "๒๕๖๗ (บาท)", "๒๕๖๘ (บาท)", "๒๕๖๙ (บาท)",
                                  "๒๕๗๐ (บาท)"]
        assert len(body_rows(found)) == 2
    row = body_rows(housing)[0]
    assert texts(row) == [
        "๑", "โครงการซ่อมแซมปรับปรุง โรงเรียนคัดแยกขยะ และโรงเรียนเตาเผาขยะ หมู่ที่ ๕",
        "เพื่อซ่อมแซมปรับปรุง โรงเรียนคัดแยกขยะ และโรงเรียนเตาเผาขยะ ให้ใช้งานได้ตามปกติ",
        "ซ่อมแซมปรับปรุง โรงเรียนคัดแยกขยะ และโรงเรียนเตาเผาขยะ ขนาดกว้าง ๘ ม. ยาว ๑๖ ม. "
        "และกว้าง ๑๑ ม. ยาว ๑๔ ม. รายละเอียดตามรูปแบบ รายการที่ อบต. กำหนด",
        "-", "๑,๔๐๐,๐๐๐", "-", "-", "-",
        "โรงเรียนคัดแยก ขยะและโรงเรียน เตาเผาขยะ จำนวน ๑ งาน",
        "โรงเรียนคัดแยกขยะ และโรงเรียนเตาเผาขยะ สามารถใช้งานได้ ตามปกติ", "กองสาธารณสุข"]
    assert texts(body_rows(housing)[1]) == ["รวม", "๑ โครงการ", "-", "-", "๐", "๑,๔๐๐,๐๐๐",
                                            "๐", "๐", "๐", "-", "-", "-"]
    assert texts(body_rows(works)[0])[-3:] == [
        "ร้อยละของประชาชน ที่พอใจในบริการ รับชำระค่าน้ำประปา เพิ่มมากขึ้น", "", "กองช่าง"]


def test_amendment_list_and_contents(built):
    _, page = built
    found = table(page, AMENDMENTS)
    assert texts(found["rows"][0]) == [
        "ลำดับ", "รายละเอียด ในแผนพัฒนาท้องถิ่น (เดิม)", "รายละเอียด ในแผนพัฒนาท้องถิ่น (แก้ไขใหม่)",
        "เหตุผล การแก้ไข", "ยุทธศาสตร์", "แผนงาน"]
    rows = body_rows(found)
    assert len(rows) == 2
    assert texts(rows[0])[1] == (
        "โครงการซ่อมแซมปรับปรุง โรงเรียนคัดแยกขยะ และโรงเรียน เตาเผาขยะ หมู่ที่ ๕ "
        "ช่องปีงบประมาณ ๒๕๖๖ งบประมาณ ๑,๔๐๐,๐๐๐ บาท ปรากฏในแผนพัฒนาท้องถิ่น "
        "(พ.ศ. ๒๕๖๖-๒๕๗๐) เพิ่มเติม ครั้งที่ ๑/๒๕๖๖ หน้า ๘ ลำดับที่ ๑")
    assert texts(rows[1])[2].endswith("แก้ไข ครั้งที่ ๒/๒๕๖๖ หน้า ๖ ลำดับที่ ๑")
    assert texts(rows[1])[5] == "แผนงาน อุตสาหกรรม และการโยธา"
    contents = table(page, "สารบัญ")
    assert len(body_rows(contents)) == 6
    assert texts(body_rows(contents)[4]) == ["ภาคผนวก"]
    assert body_rows(contents)[4]["attrs"]["class"] == "section"
    assert '<a href="#reasons">หลักการและเหตุผล</a>' in page and 'id="reasons"' in page
    assert len(tables(page)) == 5


def test_open_data_files(built):
    site, page = built
    for name in ("table-of-contents", "project-summary", "projects-housing",
                 "projects-public-works", "amendments"):
        assert f'<a href="{name}.csv" type="text/csv" download>CSV (' in page
        assert (site.output / OUT / f"{name}.json").exists()
    raw = (site.output / OUT / "project-summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["ยุทธศาสตร์ กลยุทธ์ แผนงาน", "ปี 2566 / จำนวนโครงการ",
                           "ปี 2566 / งบประมาณ (บาท)"]
    assert rows[1][0].startswith("4 ยุทธศาสตร์การบริหารจัดการทรัพยากรธรรมชาติ")
    assert rows[1][1:] == ["0", "0", "1", "1400000", "0", "0", "0", "0", "0", "0", "1", "1400000"]
    assert rows[5] == ["รวมทั้งหมด", "0", "0", "2", "1700000", "0", "0", "0", "0", "0", "0",
                       "2", "1700000"]
    housing = list(csv.reader(io.StringIO(
        (site.output / OUT / "projects-housing.csv").read_text(encoding="utf-8-sig"))))
    assert housing[1][4:9] == ["", "1400000", "", "", ""]
    assert housing[1][9] == "โรงเรียนคัดแยก ขยะและโรงเรียน เตาเผาขยะ จำนวน 1 งาน"
    data = json.loads((site.output / OUT / "project-summary.json").read_text(encoding="utf-8"))
    assert data["rows"][-1]["total"] == "รวมทั้งหมด"
    assert data["rows"][-1]["budget_2567"] == 1700000
    assert data["rows"][2]["budget_total"] == 300000
    assert [c["type"] for c in data["columns"][:3]] == ["text", "number", "money"]


def _page_text(page: str) -> str:
    body = page.split('<div class="doc-body">', 1)[1].split("<section", 1)[0]
    text = html.unescape(re.sub(r"<[^>]+>", "\n", body))
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


# Extraction damage fixed in the content, each recorded in its `changes` field:
# damaged text in the seed -> the text published instead.
FIXES = {
    "(๑) แผนงานคณะและชุมชน": "(๑) แผนงานเคหะและชุมชน",
    "(๑) แผนงานยุทธศาสตร์และการโยธา": "(๑) แผนงานอุตสาหกรรมและการโยธา",
    "๓. ยุทธศาสตร์การบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม":
        "ช. ยุทธศาสตร์การบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม",
    "หมายเหตุที่ ๑๑": "หมุดหมายที่ ๑๑",
    "หมวดหมายที่ ๑๒": "หมุดหมายที่ ๑๒",
    "หมวดหมายที่ ๑๓": "หมุดหมายที่ ๑๓",
    "ต่อเนือง": "ต่อเนื่อง",
}


def test_every_line_and_cell_of_the_seed_is_published_as_written(built):
    _, page = built
    text = _page_text(page)
    with open(SEED, encoding="utf-8") as handle:
        seed = handle.read()
    for damaged, fixed in FIXES.items():
        assert damaged in seed
        seed = seed.replace(damaged, fixed)
        assert damaged not in text and fixed in text
    missing = []
    for line in seed.split("\n"):
        for fragment in line.split("\t"):
            fragment = " ".join(fragment.split())
            fragment = re.sub(r"^(- )?(▶ )?", "", fragment)
            if fragment and fragment not in text:
                missing.append(fragment)
    assert missing == []


def test_changes_record_each_fix(built):
    _, page = built
    notes = html.unescape(page.split('<h2 id="changes">', 1)[1])
    assert notes.count('<time datetime="2026-11-23">') == 5
    for words in ("แผนงานเคหะและชุมชน", "แผนงานอุตสาหกรรมและการโยธา", "\"ช.\"", "หมุดหมายที่",
                  "ต่อเนื่อง", "กองช่าง", "บทนำ"):
        assert words in notes


def _fails_with(site, table_file, old, new, *expected):
    folder = copy_plan(site)
    path = folder / table_file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = site.build()
    assert not result.ok
    for part in expected:
        assert part in result.message, result.message
    assert "Traceback" not in result.message
    assert not site.output.exists()


def test_a_wrong_grand_total_fails_the_build(site):
    _fails_with(
        site, "project-summary.table.yaml",
        '  - total: รวมทั้งหมด\n    values:\n      projects_2566: "๐"\n      budget_2566: "๐"\n'
        '      projects_2567: "๒"\n      budget_2567: "๑,๗๐๐,๐๐๐"',
        '  - total: รวมทั้งหมด\n    values:\n      projects_2566: "๐"\n      budget_2566: "๐"\n'
        '      projects_2567: "๒"\n      budget_2567: "๑,๘๐๐,๐๐๐"',
        "plan-2566-001/project-summary.table.yaml:",
        "ยอดรวมแถว \"รวมทั้งหมด\" (แถวที่ 5) คอลัมน์ \"ปี ๒๕๖๗ / งบประมาณ (บาท)\" ในตาราง "
        f"\"{SUMMARY}\" ไม่ตรง: เขียนไว้ ๑,๘๐๐,๐๐๐ แต่ผลรวมของแถวคือ ๑,๗๐๐,๐๐๐ (total mismatch)",
    )


def test_a_wrong_subtotal_in_a_project_table_fails_the_build(site):
    _fails_with(
        site, "projects-housing.table.yaml",
        'budget_2567: "๑,๔๐๐,๐๐๐"\n      budget_2568', 'budget_2567: "๑,๔๐๐,๐๐"\n      budget_2568',
        "projects-housing.table.yaml:",
        "ไม่ใช่จำนวนเงิน",
    )
    shutil.rmtree(site.content / "documents" / "2566")
    _fails_with(
        site, "projects-housing.table.yaml",
        'budget_2567: "๑,๔๐๐,๐๐๐"\n      budget_2568',
        'budget_2567: "๑,๐๔๐,๐๐๐"\n      budget_2568',
        "ยอดรวมแถว \"รวม\" (แถวที่ 2) คอลัมน์ \"งบประมาณ / ๒๕๖๗ (บาท)\" ในตาราง "
        "\"(๑) แผนงานเคหะและชุมชน\" ไม่ตรง: เขียนไว้ ๑,๐๔๐,๐๐๐ แต่ผลรวมของแถวคือ ๑,๔๐๐,๐๐๐",
    )
