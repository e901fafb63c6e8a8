"""Seed 002: the complaint-handling manual of อบต.โคกแย้ (undated), published from content/."""

import os
import re

import pytest
from conftest import ROOT
from example_site import build_real_documents, headings, list_after, text_of
from example_site import document_body as body_of

from portal import yaml_source

FOLDER = "standing/manual-kokyae-complaints"
URL = "documents/manual-kokyae-complaints/index.html"
SOURCE = os.path.join(ROOT, "content", "documents", FOLDER)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    site = build_real_documents(tmp_path_factory.mktemp("seed002"), FOLDER)
    return site.read(URL)


def metadata_of(page: str) -> str:
    match = re.search(r'<dl class="doc-meta">(.*?)</dl>', page, re.S)
    assert match, "the page has no metadata list"
    return match.group(1)


def test_page_is_published_at_its_permanent_url_with_its_metadata(page):
    assert "<h1>คู่มือแนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ</h1>" in page
    meta = metadata_of(page)
    assert "<dt>ประเภทเอกสาร</dt><dd>คู่มือ</dd>" in meta
    assert "<dt>หน่วยงาน</dt><dd>องค์การบริหารส่วนตำบลโคกแย้ อำเภอหนองแค จังหวัดสระบุรี</dd>" in meta
    # the source carries no date and no year: the page says so and invents none
    assert "<dt>วันที่</dt><dd>ต้นฉบับไม่ได้ลงวันที่</dd>" in meta and "<time" not in meta
    assert "<dt>ปีงบประมาณ</dt>" not in meta
    items = re.findall(r"<li><a [^>]*>ITA (\d{4}) ข้อ (O\d+) ", meta)
    assert items == [("2569", "O16"), ("2569", "O17"), ("2568", "O17"), ("2568", "O18"),
                     ("2566", "O27"), ("2566", "O28")]
    assert "ITA 2569 ข้อ O16 แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ" in meta


def test_sections_keep_their_numbers_as_written(page):
    sections = [text for level, text in headings(body_of(page)) if level == 2]
    assert [text.split(" ", 1)[0] for text in sections] == [
        "๑.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9.", "10.", "11.", "12.", "๑2.", "ภาคผนวก",
    ]
    assert sections[3] == "4. คำจำกัดความ"
    assert sections[12] == "๑2. การรายงานผลการจัดการข้อร้องเรียนของหน่วยงาน"
    assert headings(body_of(page)) == [
        (2, "๑. หลักการและเหตุผล"),
        (2, "2. วัตถุประสงค์"),
        (2, "3. สถานที่ตั้ง"),
        (2, "4. คำจำกัดความ"),
        (2, "5. ช่องทางการร้องเรียน/แจ้งเบาะแส"),
        (2, "6. แผนผังกระบวนการจัดการเรื่องร้องเรียนการทุจริต"),
        (3, "แผนผังขั้นตอนการดำเนินการแก้ไขปัญหาเรื่องร้องเรียนการทุจริตขององค์การบริหารส่วนตำบลโคกแย้ "
            "อำเภอหนองแค จังหวัดสระบุรี"),
        (2, "7. ส่วนงานที่รับผิดชอบ/เจ้าหน้าที่ผู้รับผิดชอบ"),
        (2, "8. ขั้นตอนการปฏิบัติงาน"),
        (3, "คำแนะนำการร้องเรียน"),
        (2, "9. การรับและตรวจสอบข้อร้องเรียนจากช่องทางต่าง ๆ"),
        (2, "10. หลักเกณฑ์ในการรับเรื่องร้องเรียน/แจ้งเบาะแสด้านการทุจริตและประพฤติมิชอบ"),
        (2, "11. การบันทึกข้อร้องเรียน"),
        (2, "12. การประสานหน่วยงานเพื่อแก้ไขข้อร้องเรียนและการแจ้งกลับข้อร้องเรียน"),
        (2, "๑2. การรายงานผลการจัดการข้อร้องเรียนของหน่วยงาน"),
        (2, "ภาคผนวก"),
        (3, "แบบคำร้องเรียนการทุจริตและประพฤติมิชอบ"),
    ]


def test_the_seven_channels_with_digits_as_written(page):
    channels = list_after(body_of(page), "5. ช่องทางการร้องเรียน/แจ้งเบาะแส", tag="ul")
    assert len(channels) == 7
    assert channels[0] == "1) ร้องเรียนด้วยตนเอง ที่ศูนย์ปฏิบัติการต่อต้านการทุจริตองค์การบริหารส่วนตำบลโคกแย้"
    assert channels[2] == ("๓) ร้องเรียนทางโทรศัพท์ หมายเลข 036-374047 ต่อ 17 "
                           "หมายเลขโทรสาร 0-3637-4048 ต่อ 34")
    assert channels[4] == "๕) เว็ปไซต์ http://kokyae.go.th"
    assert channels[6] == "๗) สายตรงนายกองค์การบริหารส่วนตำบลโคกแย้ 0-3637-4047-8 , 091-7715901"


def test_the_flow_of_handling_is_ordered_with_its_time_limits(page):
    body = body_of(page)
    flow = re.search(r"<h3>แผนผังขั้นตอน[^<]*</h3>\s*<ol>(.*?)</ol>\s*<h2>", body, re.S)
    assert flow, "section 6's flow is not an ordered list"
    steps = re.split(r"</li>\s*<li>(?=[^<]*(?:ทะเบียน|แจกจ่าย|เรื่องร้องเรียนการทุจริตที่ต้อง))",
                     flow.group(1))
    assert len(steps) == 5
    assert text_of(steps[1]) == "ทะเบียนหนังสือรับ องค์การบริหารส่วนตำบลโคกแย้ (ระยะเวลา ๓ ชั่วโมง)"
    assert text_of(steps[2]) == ("ทะเบียนหนังสือรับเรื่องร้องเรียนการทุจริตของศูนย์ปฏิบัติการต่อต้านการทุจริต "
                                 "และเสนอผู้บัญชาการสั่งการ (ระยะเวลา ๑ วัน)")
    assert text_of(steps[3]) == ("แจกจ่ายให้หน่วยงานที่เกี่ยวข้องไปดำเนินการตามคำสั่งของผู้บังคับบัญชา "
                                 "(ระยะเวลา 3 ชั่วโมง)")
    assert text_of(steps[4]).startswith("เรื่องร้องเรียนการทุจริตที่ต้องพิจารณาวินิจฉัย เสนอตามลำดับขั้น")
    assert text_of(steps[4]).endswith(
        "แจ้งผู้ร้องเป็นหนังสือเพื่อทราบ (กรณีไม่แล้วเสร็จในครั้งเดียวให้แจ้งครั้งแรกภายใน ๑๕ วัน)")
    text = text_of(body)
    assert "กรณีเรื่องยุติ ให้แจ้งผลให้ผู้ร้องเรียนทราบภายใน 7 วัน" in text
    assert "2) แจ้งผลหรือดำเนินงานให้ผู้ร้องเรียนทราบภายใน 7 วัน" in text
    assert "รายงานผลการดำเนินการให้คณะกรรมการร้องเรียน ทราบภายใน 7 วันทำการ" in text
    assert "ให้ผู้ร้องเรียนทราบโดยตรงภายใน ๑๕ วัน นับแต่วันที่ได้รับเรื่องร้องเรียน" in text


def test_extraction_damage_is_repaired_and_recorded(page):
    body = text_of(body_of(page))
    # the cover, whose vowels and tone marks the extraction had scrambled
    assert body.startswith("คู่มือ แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต และประพฤติมิชอบของเจ้าหน้าที่ "
                           "องค์การบริหารส่วนตำบลโคกแย้ อำเภอหนองแค จังหวัดสระบุรี")
    # sentences holding repaired words (เพื่อ, ที่, ผู้ร้องเรียน, ผ่าน, ช่องทางต่าง, ให้เจ้าหน้าที่ ...)
    for sentence in (
        "จึงเป็นเรื่องที่องค์การบริหารส่วนตำบลโคกแย้ จำเป็นต้องดำเนินการเพื่อตอบสนองความต้องการของประชาชน",
        "กระบวนการจัดการเรื่องร้องเรียนการทุจริตผู้ร้องเรียนยื่นเรื่องร้องเรียนผ่านทางช่องทางต่าง ๆ "
        "ขององค์การบริหารส่วนตำบลโคกแย้ โดยให้เจ้าหน้าที่ผู้เกี่ยวข้องดำเนินการตามขั้นตอน ดังนี้",
        "ผู้ร้องเรียน/แจ้งเบาะแส หมายถึง ผู้พบเห็นการกระทำอันมิชอบด้านการทุจริตคอรัปชั่น",
        "ทั้งนี้ ขึ้นอยู่ในดุลยพินิจของผู้บังคับบัญชา",
        "ชื่อ – สกุล ที่อยู่หรือเบอร์โทรศัพท์ของผู้กล่าวหา",
    ):
        assert sentence in body
    for damaged in ("เพ่ือ", "ท่ี", "เก่ียว", "ต าบล", "อ าเภอ", "รองเรียน", "องคการ", "ได ้", "ยุต ิ",
                    "\u0e1c\u0e49\u0e39"):  # ผ + ไม้โท + สระอู: the marks in the wrong order
        assert damaged not in body_of(page)
    # the source's own spellings stay
    assert "เว็ปไซต์" in body and "เจ้าหน้าทที่" in body and "ข้อกล่วหา/ข้อร้องเรียน" in body
    changes = re.search(r'<h2 id="changes">บันทึกการแก้ไข</h2>(.*?)</section>', page, re.S).group(1)
    assert '<time datetime="2026-11-23">' in changes
    for kind in ("แก้สระและวรรณยุกต์", "ต าบล อ าเภอ", "เติมไม้เอก ไม้โท และการันต์",
                 "ไม้โทกับสระอู", "เรื่องร้องเรียนการทุจริตที่ต้องพิจารณาวินิจฉัย"):
        assert kind in changes


def test_the_complaint_form_keeps_its_labels_in_order(page):
    form = text_of(body_of(page).split("<h3>แบบคำร้องเรียนการทุจริตและประพฤติมิชอบ</h3>", 1)[1])
    labels = ["องค์การบริหารส่วนตำบลโคกแย้ อำเภอหนองแค จังหวัดสระบุรี", "วันที่", "เดือน", "พ.ศ.",
              "เรื่อง", "เรียน นายกองค์การบริหารส่วนตำบลโคกแย้", "ข้าพเจ้า", "อายุ", "อยู่บ้านเลขที่",
              "หมู่ที่", "ตำบล", "อำเภอ", "จังหวัด", "โทรศัพท์", "ข้อกล่วหา/ข้อร้องเรียน", "(เรื่อง)",
              "ทั้งนี้เพื่อให้นายกองค์การบริหารส่วนตำบลโคกแย้ พิจารณาดำเนินการ ดังนี้",
              "(ถ้ามี) ได้แก่", "๑)", "จำนวน", "๒)", "๓)", "ลงชื่อ", "ผู้ร้อง", "เลขที่รับ", "วันที่",
              "เวลา", "ลงชื่อ", "ผู้รับคำร้อง", "ตำแหน่ง", "วันที่", "เดือน", "พ.ศ.", "เวลา"]
    position = 0
    for label in labels:
        found = form.find(label, position)
        assert found >= 0, f"{label!r} missing or out of order in the form"
        position = found + len(label)
    assert "....." in form


def test_the_channel_checking_table_follows_the_table_format():
    path = os.path.join(SOURCE, "channels-check.table.yaml")
    with open(path, encoding="utf-8") as handle:
        table = yaml_source.load(handle.read()).data
    columns = table["columns"]
    assert [column["label"] for column in columns] == [
        "ช่องทาง",
        "ความถี่ในการตรวจสอบช่องทาง",
        "ระยะเวลาดำเนินการรับข้อร้องเรียน / ร้องทุกข์ เพื่อประสานหาทางแก้ไขปัญหา",
        "หมายเหตุ",
    ]
    keys = [column["key"] for column in columns]
    assert all(re.fullmatch(r"[a-z0-9_]+", key) for key in keys)
    assert table["caption"] and table["id"] == "channels-check"
    rows = table["rows"]
    assert all(set(row) <= set(keys) for row in rows)
    assert [row["channel"] for row in rows] == [
        "ร้องเรียนด้วยตนเอง", "ทางไปรษณีย์", "ร้องเรียนทางโทรศัพท์", "ร้องเรียนผ่านตู้ร้องเรียน/ร้องทุกข์",
        "ร้องเรียนผ่านเว็บไซต์", "ร้องเรียนทาง FaceBook", "สายตรงนายก อบต.โคกแย้",
    ]
    assert {row["frequency"] for row in rows} == {"ทุกวันทำการ"}
    # mixed digits, as the source writes
    assert {row["period"] for row in rows} == {"ภายใน ๑5 วันทำการ"}
    assert [row["note"] for row in rows] == ["เว้นวันหยุดราชการ"] * 3 + ["-"] * 3 + ["เว้นวันหยุดราชการ"]
    with open(os.path.join(SOURCE, "manual-kokyae-complaints.md"), encoding="utf-8") as handle:
        placements = re.findall(r"^::: table (\S+)$", handle.read(), re.M)
    assert placements == ["channels-check.table.yaml"]
