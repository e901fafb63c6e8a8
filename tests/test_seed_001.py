"""Seed 001 as published: อบต.ไผ่สิงห์ report on its HR policy, FY2566, an undated document.

Builds the real content/ folder and checks the page at /documents/report-2566-001/.
"""

import re

import pytest
from example_site import CONTENT, built_example, document_body, text_of

SOURCE = CONTENT / "documents" / "2566" / "report-2566-001"


@pytest.fixture(scope="module")
def page():
    return (built_example() / "documents" / "report-2566-001" / "index.html").read_text("utf-8")


def metadata(page) -> dict:
    dl = page.split('<dl class="doc-meta">', 1)[1].split("</dl>", 1)[0]
    return {dt: dd.strip() for dt, dd in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", dl, re.S)}


def test_page_is_at_its_permanent_url_with_the_report_title(page):
    assert ("<h1>รายงานผลการดำเนินงานตามนโยบายการบริหารทรัพยากรบุคคล "
            "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖</h1>") in page


def test_undated_report_shows_fiscal_year_and_issuer_but_no_invented_date(page):
    meta = metadata(page)
    assert meta["ประเภทเอกสาร"] == "รายงาน"
    assert meta["ปีงบประมาณ"] == "๒๕๖๖"
    assert meta["หน่วยงาน"] == "องค์การบริหารส่วนตำบลไผ่สิงห์"
    # the source names no date, no number and no division: nothing may be made up
    assert "วันที่" not in meta and "ที่" not in meta and "ส่วนราชการ" not in meta
    assert "<time" not in page.split('<h2 id="changes">', 1)[0]


def test_ita_items_including_the_deliberate_wrong_period_one(page):
    items = re.findall(r"<li><a [^>]*>(ITA \d+ ข้อ O\d+)", metadata(page)["หลักฐานตัวชี้วัด ITA"])
    assert items == ["ITA 2566 ข้อ O24", "ITA 2566 ข้อ O26", "ITA 2567 ข้อ O26", "ITA 2569 ข้อ O14"]


def test_front_matter_says_why_2569_o14_is_there():
    front = (SOURCE / "report-2566-001.md").read_text("utf-8").split("\n---\n", 1)[0]
    comment = front.split("2567: [O26]", 1)[1].split("2569: [O14]", 1)[0]
    assert "ตั้งใจ" in comment and "ปีงบประมาณ ๒๕๖๘" in comment


def test_cover_text_as_issued_with_the_organisation_name_repaired(page):
    text = text_of(document_body(page))
    assert text.startswith(
        "การดำเนินการตามนโยบายการบริหารทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ของ "
        "องค์การบริหารส่วนตำบลไผ่สิงห์ อำเภอชุมแสง จังหวัดนครสวรรค์")


def test_no_signatories_because_the_source_has_none(page):
    assert 'class="signatories"' not in page


def test_every_extraction_fix_is_logged_on_the_page(page):
    log = page.split('<h2 id="changes">', 1)[1]
    notes = re.findall(r'<li><time datetime="2026-11-23">๒๓ พฤศจิกายน ๒๕๖๙</time>: (.*?)</li>', log)
    assert len(notes) == 9
    for fixed in ("องค์การบริหารส่วนตำบลไผ่สิงห์", "นโยบายการสรรหาคนดีคนเก่งเพื่อปฏิบัติงานตามภารกิจของหน่วยงาน",
                  "อบต.ไผ่สิงห์", "ตามแผนอัตรากำลัง ๓ ปี", "ความรู้ ทักษะ ทัศนคติที่ดี",
                  "น่าอยู่ น่าทำงาน", "ไม่เป็นไปตามนโยบาย"):
        assert any(fixed in note for note in notes), fixed


@pytest.mark.parametrize("damaged", ["ไม้สิงห์", "ไฟสีงห์", "nhân", "อัตรากำลึง", "ทักษะ ทักษะ",
                                     "นำอยู่", "๒๕๖๖๒"])
def test_damaged_text_is_gone_from_the_content(damaged):
    """Only the change log may quote the damaged text."""
    table = (SOURCE / "hr-policy-2566.table.yaml").read_text("utf-8")
    cells = "\n".join(line for line in table.splitlines() if not line.lstrip().startswith("#"))
    body = (SOURCE / "report-2566-001.md").read_text("utf-8").split("\n---\n", 1)[1]
    assert damaged not in cells and damaged not in body


def test_source_files_hold_only_thai_and_ascii_text():
    for path in sorted(SOURCE.iterdir()):
        text = path.read_text("utf-8")
        stray = sorted({ch for ch in text if ord(ch) > 0x7F and not 0x0E00 <= ord(ch) <= 0x0E7F})
        assert not stray, f"{path.name}: {stray}"


def test_the_table_is_placed_in_the_body():
    body = (SOURCE / "report-2566-001.md").read_text("utf-8").split("\n---\n", 1)[1]
    assert re.findall(r"^::: table (\S+)$", body, re.M) == ["hr-policy-2566.table.yaml"]


def test_summary_is_one_neutral_sentence_used_by_the_page(page):
    summary = ("องค์การบริหารส่วนตำบลไผ่สิงห์ อำเภอชุมแสง จังหวัดนครสวรรค์ รายงานกิจกรรม เป้าหมาย "
               "ผลการดำเนินงาน งบประมาณ และปัญหาอุปสรรค ตามนโยบายการบริหารทรัพยากรบุคคลทั้งแปดด้าน "
               "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖")
    assert f'<meta name="description" content="{summary}">' in page
