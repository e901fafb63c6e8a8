"""Seed 004: the integrity measure of อบต.บางเสาธง (๑๑ มกราคม ๒๕๖๒), published from content/."""

import re

import pytest
from example_site import build_real_documents, headings, list_after, text_of
from example_site import document_body as body_of

URL = "documents/measure-2562-001/index.html"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    site = build_real_documents(tmp_path_factory.mktemp("seed004"), "2562/measure-2562-001")
    return site.read(URL)


def test_page_is_published_at_its_permanent_url_with_its_metadata(page):
    assert ("<h1>มาตรการในการสร้างจิตสำนึกและความตระหนักในการรักษาประโยชน์สาธารณะ ประจำปี ๒๕๖๒ "
            "ขององค์การบริหารส่วนตำบลบางเสาธง อำเภอบางเสาธง จังหวัดสมุทรปราการ</h1>") in page
    assert "<dt>ประเภทเอกสาร</dt><dd>มาตรการ</dd>" in page
    assert '<dt>วันที่</dt><dd><time datetime="2019-01-11">๑๑ มกราคม ๒๕๖๒</time></dd>' in page
    assert "<dt>ปีงบประมาณ</dt><dd>๒๕๖๒</dd>" in page
    assert "<dt>หน่วยงาน</dt><dd>องค์การบริหารส่วนตำบลบางเสาธง</dd>" in page
    assert "ITA 2566 ข้อ O42 มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in page
    assert len(re.findall(r"<li><a [^>]*>ITA ", page)) == 1
    assert "(นายเกษม แซ่ลี)<br>นายกองค์การบริหารส่วนตำบลบางเสาธง</li>" in page


def test_headings_follow_the_source_in_order(page):
    assert headings(body_of(page)) == [
        (2, "ความเป็นมา"),
        (2, "รูปแบบของการกระทำที่เป็นการขัดกันระหว่างประโยชน์ส่วนบุคคลกับประโยชน์ส่วนรวม"),
        (2, "กฎหมายที่เกี่ยวข้อง"),
        (3, "๑. กฎหมายประกอบรัฐธรรมนูญว่าด้วยการป้องกันและปราบปรามการทุจริต"),
        (4, "มาตรา ๑๐๐"),
        (4, "มาตรา ๑๐๑"),
        (4, "มาตรา ๑๐๒"),
        (4, "มาตรา ๑๐๓"),
        (4, "มาตรา ๑๐๓/๑"),
        (3, "๒. ประมวลกฎหมายอาญา"),
        (4, "มาตรา ๑๕๒"),
        (3, "๓. ประกาศคณะกรรมการ ป.ป.ช."),
        (4, "ข้อ ๓"),
        (4, "ข้อ ๘"),
        (3, "๔. พ.ร.บ.ว่าด้วยการป้องกันและปราบปรามการทุจริต พ.ศ. ๒๕๔๒"),
        (4, "มาตรา ๑๒๒"),
        (2, "การวิเคราะห์ความเสี่ยง"),
        (2, "มาตรการป้องกัน"),
    ]


def test_the_seven_preventive_measures_are_one_ordered_list(page):
    measures = list_after(body_of(page), "มาตรการป้องกัน")
    # numbered ๑.-๗. in the source: the list keeps Thai markers (portal/thai_lists)
    assert '<h2>มาตรการป้องกัน</h2>\n<ol class="numerals-thai">' in page
    assert len(measures) == 7
    assert measures[0].startswith("ส่งเสริมให้มีการธรรมาภิบาลและสร้างความตระหนักคุณธรรม")
    # the source's own wording is kept, even where it names another organisation
    assert "บุคลากรขององค์การบริหารส่วนตำบลบางเสด็จ" in measures[0]
    assert measures[6] == ("จัดประชุมชี้แจงประชาชนในการดูแลรักษาสาธารณประโยชน์และสาธารณูปโภคของชุมชน "
                           "ในการลงพื้นที่พบปะประชาชนในแต่ละหมู่บ้าน ก่อนวันที่ ๑๐ ของทุกเดือน")


def test_the_risk_analysis_is_an_ordered_list_of_six(page):
    risks = list_after(body_of(page), "การวิเคราะห์ความเสี่ยง")
    assert len(risks) == 6
    assert risks[4].startswith("เจ้าหน้าที่ของรัฐได้ทราบข้อมูลโครงการตัดถนนเข้าหมู่บ้าน")


def test_legal_text_is_kept_exactly_with_thai_numerals(page):
    body = text_of(body_of(page))
    for sentence in (
        "ห้ามมิให้เจ้าหน้าที่ของรัฐผู้ใดดำเนินกิจการ ดังต่อไปนี้",
        "ซึ่งมีใช้บริษัทที่เป็นคู่สัญญากับหน่วยงานของรัฐตามมาตรา ๑๐๐ (๒)",
        "มาตรา ๑๐๓ ของ พ.ร.บ. ป.ป.ช. เมื่อวันที่ ๓๐ พฤศจิกายน ๒๕๔๓",
        "หลักเกณฑ์ ตามประกาศฉบับนี้ให้ใช้บังคับแก่ผู้ซึ่งพ้นจากการเป็นเจ้าหน้าที่ของรัฐมาแล้วไม่ถึง ๒ ปี ด้วย",
        "*ให้นำบทบัญญัติในวรรคหนึ่ง มาใช้บังคับกับคู่สมรสของเจ้าหน้าที่ของรัฐตามวรรคสอง",
        "ตามประมวลกฎหมายอาญ่อีกด้วย",
    ):
        assert sentence in body
    assert "<li>(๒) การรับความบันเทิง</li>" in page
