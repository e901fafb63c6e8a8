"""Seed 000 as published: เทศบาลตำบลเทพนคร memo and แบบ บส.๔ six-month risk follow-up, FY2568.

Builds the real content/ folder and checks the page a reader (and an ITA assessor)
opens at /documents/report-2568-001/.
"""

import re

import pytest
from example_site import CONTENT, built_example, document_body, text_of

SOURCE = CONTENT / "documents" / "2568" / "report-2568-001"


@pytest.fixture(scope="module")
def page():
    return (built_example() / "documents" / "report-2568-001" / "index.html").read_text("utf-8")


def metadata(page) -> dict:
    """The document's <dl> as {dt text: dd html}."""
    dl = page.split('<dl class="doc-meta">', 1)[1].split("</dl>", 1)[0]
    return {dt: dd.strip() for dt, dd in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", dl, re.S)}


def test_page_is_at_its_permanent_url_with_the_report_title(page):
    assert ("<h1>รายงานการติดตามผลการบริหารจัดการความเสี่ยงประจำปีงบประมาณ พ.ศ. ๒๕๖๘ "
            "(รอบ ๖ เดือน)</h1>") in page


def test_memo_metadata_as_issued(page):
    meta = metadata(page)
    assert meta["ประเภทเอกสาร"] == "รายงาน"
    assert meta["ที่"] == "กพ ๕๓๓๐๗/๐๗๒"
    assert meta["วันที่"] == '<time datetime="2025-05-16">๑๖ พฤษภาคม ๒๕๖๘</time>'
    assert meta["ปีงบประมาณ"] == "๒๕๖๘"
    assert meta["หน่วยงาน"] == "เทศบาลตำบลเทพนคร"
    assert meta["ส่วนราชการ"] == "กองยุทธศาสตร์และงบประมาณ"
    assert meta["เรื่อง"] == ("รายงานการติดตามผลการบริหารจัดการความเสี่ยงประจำปีงบประมาณ พ.ศ. ๒๕๖๘ "
                              "(รอบ ๖ เดือน)")
    assert meta["เรียน"] == "นายกเทศมนตรีตำบลเทพนคร"


def test_ita_evidence_is_only_the_previous_year_risk_report_item_of_2569(page):
    items = re.findall(r"<li><a [^>]*>(ITA \d+ ข้อ O\d+[^<]*)</a></li>",
                       metadata(page)["หลักฐานตัวชี้วัด ITA"])
    assert items == ["ITA 2569 ข้อ O22 รายงานผลการดำเนินการตามแผนบริหารจัดการความเสี่ยงการทุจริตของหน่วยงาน"]


def test_memo_and_report_headings_in_order(page):
    headings = re.findall(r"<h([23])>(.*?)</h\1>", document_body(page))
    assert headings == [
        ("2", "บันทึกข้อความ"),
        ("3", "๑. เรื่องเดิม"),
        ("3", "๒. ข้อเท็จจริง"),
        ("3", "๓. ข้อระเบียบ/หนังสือสั่งการ"),
        ("3", "๔. ข้อพิจารณา"),
        ("3", "๕. ข้อเสนอ"),
        ("2", "รายงานการติดตามผลการบริหารการจัดการความเสี่ยง ประจำปีงบประมาณ พ.ศ.๒๕๖๘ "
              "แบบ บส.๔ (รอบ ๖ เดือน)"),
        ("3", "สำนักปลัด เทศบาลตำบลเทพนคร"),
        ("3", "กองคลัง เทศบาลตำบลเทพนคร"),
        ("3", "กองช่าง เทศบาลตำบลเทพนคร"),
        ("3", "กองสาธารณสุขและสิ่งแวดล้อม เทศบาลตำบลเทพนคร"),
        ("3", "กองการศึกษา เทศบาลตำบลเทพนคร"),
        ("3", "กองยุทธศาสตร์และงบประมาณ เทศบาลตำบลเทพนคร"),
        ("3", "หน่วยตรวจสอบภายใน เทศบาลตำบลเทพนคร"),
    ]


@pytest.mark.parametrize("sentence", [
    # ๑. เรื่องเดิม, whole paragraph: "รัฐพ.ศ.๒๕๖๒" without a space, as issued
    "ด้วยพระราชบัญญัติวินัยการเงินการคลังของรัฐ พ.ศ.๒๕๖๑ บัญญัติให้หน่วยงานของรัฐจัดให้มีการตรวจสอบภายใน "
    "การควบคุมภายในและการบริหารจัดการความเสี่ยง โดยให้ถือปฏิบัติตามมาตรฐานและหลักเกณฑ์ที่กระทรวงการคลังกำหนด "
    "และกระทรวงการคลังได้มีการกำหนดหลักเกณฑ์กระทรวงการคลังว่าด้วยมาตรฐานและหลักเกณฑ์ปฏิบัติการบริหาร"
    "จัดการความเสี่ยงสำหรับหน่วยงานของรัฐพ.ศ.๒๕๖๒ มีผลบังคับใช้ตั้งแต่วันที่ ๑ ตุลาคม ๒๕๖๒ นั้น",
    # ๒. ข้อเท็จจริง keeps the source's own wording ("แผนการบริการจัดการ")
    "เพื่อให้การปฏิบัติตามแผนการบริการจัดการความเสี่ยงดังกล่าวเป็นไปด้วยความเรียบร้อย",
    "มาตรา ๗๙ ให้หน่วยงานของรัฐจัดให้มีการตรวจสอบภายใน การควบคุมภายในและการบริหารจัดการความเสี่ยง"
    "โดยให้ถือปฏิบัติตามมาตรฐานและหลักเกณฑ์ที่กระทรวงการคลังกำหนด",
    "๓.๒ หนังสือกระทรวงการคลัง ที่ กค ๐๔๐๙.๔ ว ๒๓ ลงวันที่ ๑๙ มีนาคม ๒๕๖๒",
    "๓.๓ หนังสือกรมส่งเสริมการปกครองท้องถิ่น ที่ มท ๐๘๐๕.๒ / ว๓๔๑๒ ลงวันที่ ๑๘ สิงหาคม ๒๕๖๖ เรื่อง ชักซ้อมแนวทาง",
    "เพื่อให้การดำเนินการดังกล่าวเป็นไปตามระเบียบและหนังสือสั่งการ กองยุทธศาสตร์และงบประมาณ "
    "จึงขอรายงานการติดตามผลการบริหารจัดการความเสี่ยง ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ (บส.๔) รอบ ๖ เดือน",
    "จึงเรียนมาเพื่อโปรดทราบ",
])
def test_memo_sentences_exactly_as_issued(page, sentence):
    assert sentence in text_of(document_body(page))


def test_signature_blocks_and_comment_lines_keep_their_order(page):
    text = text_of(document_body(page))
    blocks = [
        "จึงเรียนมาเพื่อโปรดทราบ",
        "(นางสาวเมทินี อารีทม) เจ้าพนักงานธุรการปฏิบัติงาน",
        "ความเห็นผู้อำนวยการกอง.....",
        "พ.อ.อ. (สมศักดิ์ กันสาตร) ผู้อำนวยการกองยุทธศาสตร์และงบประมาณ",
        "ความเห็นปลัดเทศบาล.....",
        "(นางสมิตา อรรควงษ์) ปลัดเทศบาล",
        "ความเห็นนายกเทศมนตรี.....",
        "(นางสมิตา อรรควงษ์) ปลัดเทศบาล ปฏิบัติหน้าที่ นายกเทศมนตรีตำบลเทพนคร",
        "สำนักปลัด เทศบาลตำบลเทพนคร",
    ]
    positions = [text.find(block) for block in blocks]
    assert -1 not in positions, dict(zip(blocks, positions, strict=True))
    assert positions == sorted(positions)
    assert text.endswith("นางสมิตา อรรควงษ์ ปลัดเทศบาล ปฏิบัติหน้าที่ นายกเทศมนตรีตำบลเทพนคร")


def test_signatories(page):
    section = page.split('<ul class="signatories">', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r"<li>(.*?)</li>", section) == [
        "(นางสาวเมทินี อารีทม)<br>เจ้าพนักงานธุรการปฏิบัติงาน",
        "(พ.อ.อ. สมศักดิ์ กันสาตร)<br>ผู้อำนวยการกองยุทธศาสตร์และงบประมาณ",
        "(นางสมิตา อรรควงษ์)<br>ปลัดเทศบาล",
        "(นางสมิตา อรรควงษ์)<br>ปลัดเทศบาล<br>ปฏิบัติหน้าที่ นายกเทศมนตรีตำบลเทพนคร",
    ]


def test_extraction_damage_is_fixed_and_every_fix_is_logged(page):
    body = document_body(page)
    assert not re.search("[\u0900-\u097f]", page), "Devanagari letter left in the page"
    assert body.count("นางสมิตา อรรควงษ์") == 3
    assert "ขอระเบียบ" not in body
    log = page.split('<h2 id="changes">', 1)[1]
    notes = re.findall(r'<li><time datetime="2026-11-23">๒๓ พฤศจิกายน ๒๕๖๙</time>: (.*?)</li>', log)
    assert len(notes) == 5
    assert any("นางสมิตา อรรควงษ์" in note and "เทวนาครี" in note for note in notes)
    assert any("ข้อระเบียบ/หนังสือสั่งการ" in note for note in notes)
    assert any("พ.อ.อ." in note for note in notes)
    assert any("๑๐๐%" in note for note in notes)


def test_source_files_hold_only_thai_and_ascii_text():
    """The extraction left Devanagari in a name; nothing outside Thai and ASCII may remain."""
    for path in sorted(SOURCE.iterdir()):
        text = path.read_text("utf-8")
        stray = sorted({ch for ch in text if ord(ch) > 0x7F and not 0x0E00 <= ord(ch) <= 0x0E7F})
        assert not stray, f"{path.name}: {stray}"


def test_every_division_table_is_placed_once_in_the_body():
    body = (SOURCE / "report-2568-001.md").read_text("utf-8").split("\n---\n", 1)[1]
    placed = re.findall(r"^::: table (\S+)$", body, re.M)
    assert placed == [f"bs4-{key}.table.yaml" for key in (
        "office", "finance", "engineering", "health", "education", "strategy", "audit")]
    assert sorted(placed) == sorted(p.name for p in SOURCE.glob("*.table.yaml"))


def test_summary_is_one_neutral_sentence_used_by_the_page(page):
    summary = ("บันทึกข้อความของกองยุทธศาสตร์และงบประมาณ เทศบาลตำบลเทพนคร เสนอรายงานการติดตามผล"
               "การบริหารจัดการความเสี่ยงตามแบบ บส.๔ รอบ ๖ เดือน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ "
               "ของทั้งเจ็ดส่วนราชการ")
    assert f'<meta name="description" content="{summary}">' in page
