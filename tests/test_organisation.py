"""Organisation information from data/organisation.yaml; standing information as ITA evidence."""

import datetime
import json
import os
import re
import shutil

import pytest
from conftest import ROOT, Site, announcement, document, write_files
from example_site import built_example, text_of

DATA = os.path.join(ROOT, "data", "organisation.yaml")
COMPLAINTS = os.path.join(ROOT, "data", "complaints.yaml")
# The smallest PNG there is (1x1 pixel): a photo beside the data file.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def statuses(oit: str, *codes) -> dict:
    items = {item["code"]: item for item in json.loads(oit)["items"]}
    return {code: items[code]["status"] for code in codes}


def evidence_urls(oit: str, code: str) -> list:
    items = {item["code"]: item for item in json.loads(oit)["items"]}
    return [e["url"] for e in items[code]["evidence"]]


def main_of(page: str) -> str:
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


# ---------------------------------------------------------------- the example site


def test_example_structure_page_is_a_chart_in_nested_lists():
    page = (built_example() / "about" / "structure" / "index.html").read_text(encoding="utf-8")
    chart = re.search(r'<ul class="org-chart">(.*?)</ul>\s*</section>', page, re.S)[1]
    text = text_of(chart)
    # Both sides, each person under the body they belong to, the divisions in order.
    assert text.index("ฝ่ายการเมือง") < text.index("ฝ่ายบริหาร") < text.index(
        "นายสมมติ ตัวอย่าง นายกองค์การบริหารส่วนตำบลตัวอย่าง") < text.index(
        "สภาองค์การบริหารส่วนตำบลตัวอย่าง") < text.index("ฝ่ายประจำ") < text.index(
        "ปลัดองค์การบริหารส่วนตำบลตัวอย่าง") < text.index("สำนักปลัด") < text.index("กองคลัง")
    assert chart.count("<ul>") == 5  # executive, council, administration and divisions nest
    assert '<a href="#division-2">กองคลัง</a>' in chart
    assert '<h3 id="division-2">กองคลัง</h3>' in page
    assert "<li>งานพัสดุและทรัพย์สิน</li>" in page
    assert re.search(r'ข้อมูล ณ วันที่ <time datetime="\d{4}-\d\d-\d\d">', page)


def test_example_contact_page_links_phone_mail_and_map():
    page = main_of((built_example() / "contact" / "index.html").read_text(encoding="utf-8"))
    assert '<a href="tel:000000000">สำนักงาน 0 0000 0000</a>' in page
    assert '<a href="mailto:saraban@example.org">saraban@example.org</a>' in page
    assert "<dt>เวลาทำการ</dt><dd>วันจันทร์ถึงวันศุกร์ เวลา ๐๘.๓๐-๑๖.๓๐ น. (เว้นวันหยุดราชการ)</dd>" \
        in page
    assert '<a href="https://www.openstreetmap.org/">แผนที่ตั้งสำนักงาน' in page
    assert "<dt>โทรสาร</dt><dd>0 0000 0001</dd>" in page  # a fax is no link
    assert '<a href="../complaints/">การร้องเรียนการทุจริตและประพฤติมิชอบ</a>' in page


def test_example_executives_and_duties():
    site = built_example()
    executives = main_of((site / "about" / "executives" / "index.html").read_text(encoding="utf-8"))
    assert '<p class="person-name">นายสมมติ ตัวอย่าง</p>' in executives
    assert '<p class="person-position">ปลัดองค์การบริหารส่วนตำบลตัวอย่าง</p>' in executives
    assert 'โทรศัพท์: <a href="tel:000000000">0 0000 0000 ต่อ 101</a>' in executives
    assert "ยังไม่มีรูปถ่าย" in executives  # the example publishes no one's picture
    duties = (site / "about" / "duties" / "index.html").read_text(encoding="utf-8")
    assert "สรุปอำนาจหน้าที่ขององค์การบริหารส่วนตำบลตัวอย่าง" in duties
    assert '<td headers="duties-h0-1">พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. ๒๕๓๗ ' \
        'มาตรา ๖๗</td>' in duties


def test_example_pages_are_in_the_navigation_and_the_footer():
    home = (built_example() / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', home, re.S)[1]
    assert '<a href="./about/">ข้อมูลหน่วยงาน</a>' in nav
    assert '<a href="./contact/">ติดต่อ</a>' in nav
    footer = home.split('<footer class="site-footer">', 1)[1]
    assert "หมู่ที่ ๑ ตำบลตัวอย่าง" in footer and 'href="tel:000000000"' in footer
    about = (built_example() / "about" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="vision">วิสัยทัศน์</h2>' in about
    assert '<a href="../about/structure/">โครงสร้างหน่วยงาน</a>' in about


def test_example_checklist_counts_the_standing_pages():
    oit = (built_example() / "ita" / "2569" / "oit.json").read_text(encoding="utf-8")
    assert statuses(oit, "O1", "O2", "O3", "O4", "O17") == {
        "O1": "published", "O2": "published", "O3": "published",
        # The example has no news: no listing of the year's news to count.
        "O4": "missing", "O17": "published"}
    assert evidence_urls(oit, "O1") == ["about/duties/", "about/structure/"]
    assert evidence_urls(oit, "O3") == ["contact/"]
    assert "complaints/channels/" in evidence_urls(oit, "O17")
    item = (built_example() / "ita" / "2569" / "o2" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../../about/executives/">ผู้บริหาร</a>' in item
    assert "ข้อมูล ณ วันที่ <time" in item


# ------------------------------------------------- reviewed dates and the period


def _dated_copy(tmp_path, name: str, source: str, reviewed: str, day: datetime.date) -> str:
    """``source`` copied with its ``reviewed`` date replaced, last changed on ``day``."""
    with open(source, encoding="utf-8") as handle:
        text = re.sub(r"(?m)^reviewed: .*$", f"reviewed: {reviewed}", handle.read())
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    moment = datetime.datetime.combine(day, datetime.time(12)).timestamp()
    os.utime(path, (moment, moment))
    return str(path)


def build_reviewed(tmp_path, reviewed: str, day: datetime.date, files=None):
    site = Site(tmp_path)
    site.add(files or {})
    result = site.build(
        ORGANISATION_DATA=_dated_copy(tmp_path, "organisation.yaml", DATA, reviewed, day),
        COMPLAINTS_DATA=_dated_copy(tmp_path, "complaints.yaml", COMPLAINTS, reviewed, day))
    assert result.ok, result.message
    return site


NEWS_2569 = document(title="ข่าวกิจกรรมวันเด็ก", type="news", slug="news-2569-001",
                     date="10 มกราคม 2569")


def test_standing_pages_confirmed_in_the_assessed_year_count(tmp_path):
    # A year old: 3 December 2568 is in fiscal year 2569, the year ITA 2569 assesses.
    site = build_reviewed(tmp_path, "3 ธันวาคม 2568", datetime.date(2025, 12, 3),
                          {"documents/news.md": NEWS_2569})
    oit = site.read("ita/2569/oit.json")
    assert statuses(oit, "O1", "O2", "O3", "O4", "O17") == dict.fromkeys(
        ("O1", "O2", "O3", "O4", "O17"), "published")
    # The news needs no ITA field: the listing of the year's news answers O4.
    assert evidence_urls(oit, "O4") == ["documents/type/news/2569/"]
    contact = site.read("contact/index.html")
    assert 'ข้อมูล ณ วันที่ <time datetime="2025-12-03">๓ ธันวาคม ๒๕๖๘</time>' in contact
    news = site.read("documents/type/news/2569/index.html")
    assert "<h1>ข่าวประชาสัมพันธ์ ปีงบประมาณ พ.ศ. ๒๕๖๙</h1>" in news


def test_standing_pages_confirmed_before_the_assessed_year_are_the_wrong_period(tmp_path):
    # 30 September 2568 is the last day of fiscal year 2568.
    site = build_reviewed(tmp_path, "30 กันยายน 2568", datetime.date(2025, 9, 30))
    oit = site.read("ita/2569/oit.json")
    assert statuses(oit, "O1", "O2", "O3", "O4", "O17") == {
        "O1": "wrong-period", "O2": "wrong-period", "O3": "wrong-period", "O4": "missing",
        "O17": "wrong-period"}
    item = site.read("ita/2569/o3/index.html")
    assert "ยืนยันล่าสุดเมื่อ ๓๐ กันยายน ๒๕๖๘ (ปีงบประมาณ ๒๕๖๘) ก่อนปีงบประมาณ ๒๕๖๙" in item
    assert "แก้วันที่ reviewed" in item
    # ITA 2568 assessed fiscal year 2568: for it the same data is current.
    assert statuses(site.read("ita/2568/oit.json"), "O1")["O1"] in ("published", "missing")


def test_a_later_change_of_the_file_confirms_it_again(tmp_path):
    # Edited (committed) in fiscal year 2569 although reviewed said 2568: the later counts.
    site = build_reviewed(tmp_path, "30 กันยายน 2568", datetime.date(2025, 11, 1))
    assert statuses(site.read("ita/2569/oit.json"), "O3") == {"O3": "published"}
    assert 'ข้อมูล ณ วันที่ <time datetime="2025-11-01">' in site.read("contact/index.html")


def test_a_standing_document_counts_by_its_reviewed_date(tmp_path):
    site = Site(tmp_path)
    manual = document(title="คู่มือการให้บริการ", type="คู่มือ", slug="manual-service",
                      reviewed="1 พฤศจิกายน 2568", ita="\n  2569: [O9]")
    unreviewed = document(title="คู่มือการปฏิบัติงาน", type="คู่มือ", slug="manual-work",
                          ita="\n  2569: [O8]")
    site.add({"documents/standing/a.md": manual, "documents/standing/b.md": unreviewed})
    past = datetime.datetime(2025, 10, 15, 12).timestamp()
    for name in ("a.md", "b.md"):  # both files last changed in fiscal year 2569
        os.utime(site.content / "documents" / "standing" / name, (past, past))
    assert site.build().ok
    oit = site.read("ita/2569/oit.json")
    # A change alone confirms nothing: the manual without reviewed stays undated.
    assert statuses(oit, "O8", "O9") == {"O8": "wrong-period", "O9": "published"}
    page = site.read("documents/manual-service/index.html")
    # Reviewed on 1 November, last changed on 15 October: the later is shown.
    assert '<dt>ข้อมูล ณ วันที่</dt><dd><time datetime="2025-11-01">๑ พฤศจิกายน ๒๕๖๘</time></dd>' \
        in page


# ------------------------------------------------------------- photos and mistakes


def organisation_text(**changes) -> str:
    """The example data with top-level lines replaced (key -> new text of the line)."""
    with open(DATA, encoding="utf-8") as handle:
        text = handle.read()
    for key, line in changes.items():
        text = re.sub(rf"(?m)^{key}:.*$", line, text, count=1)
    return text


def build_data(tmp_path, text: str, files=None, content=None):
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    write_files(folder, files or {})
    (folder / "organisation.yaml").write_text(text, encoding="utf-8")
    site = Site(tmp_path)
    site.add(content or {})
    return site, site.build(ORGANISATION_DATA=str(folder / "organisation.yaml")), \
        str(folder / "organisation.yaml")


def test_a_photo_beside_the_data_file_is_published_with_its_alt_text(tmp_path):
    text = organisation_text().replace(
        "    position: นายกองค์การบริหารส่วนตำบลตัวอย่าง\n",
        "    position: นายกองค์การบริหารส่วนตำบลตัวอย่าง\n    photo: ภาพ/นายก.png\n", 1)
    site, result, _ = build_data(tmp_path, text, {"ภาพ/นายก.png": PNG})
    assert result.ok, result.message
    page = site.read("about/executives/index.html")
    found = re.search(r'<img src="\.\./\.\./(about/photos/[0-9a-f]{12}\.png)" '
                      r'alt="รูปถ่าย นายสมมติ ตัวอย่าง นายกองค์การบริหารส่วนตำบลตัวอย่าง"', page)
    assert found, page
    assert (site.output / found[1]).read_bytes() == PNG


@pytest.mark.parametrize("photo, message", [
    ("../../../../etc/passwd", "อยู่นอกโฟลเดอร์ของไฟล์ข้อมูล"),
    ("/etc/passwd", "เป็นที่อยู่เต็มของไฟล์ในเครื่อง"),
    ("นายก.jpg", "ไม่ใช่รูปภาพ .jpg จริง"),
    ("นายก.svg", "ต้องเป็นไฟล์ .jpg .png หรือ .webp"),
])
def test_a_photo_outside_the_data_folder_or_not_a_picture_is_refused(tmp_path, photo, message):
    text = organisation_text().replace(
        "    position: นายกองค์การบริหารส่วนตำบลตัวอย่าง\n",
        f"    position: นายกองค์การบริหารส่วนตำบลตัวอย่าง\n    photo: {photo}\n", 1)
    site, result, path = build_data(tmp_path, text, {
        "นายก.jpg": b"<?php system($_GET['c']); ?>", "นายก.svg": b"<svg onload='x()'/>"})
    assert not result.ok
    line = text[: text.index(f"photo: {photo}")].count("\n") + 1
    assert f"{path}:{line}: " in result.message and message in result.message, result.message
    assert not os.path.exists(site.output)


def test_every_mistake_of_the_data_file_is_told_at_once_with_its_line(tmp_path):
    text = organisation_text(email="email: saraban.example.org", map="map: www.example.org",
                             hours="hour: ๐๘.๓๐-๑๖.๓๐ น.")
    text = text.replace("    number: 0 0000 0000", "    number: โทรได้ทุกวัน", 1)
    site, result, path = build_data(tmp_path, text)
    assert not result.ok
    message = result.message

    def line_of(needle):
        return text[: text.index(needle)].count("\n") + 1

    assert f"{path}:{line_of('email:')}: \"saraban.example.org\" ไม่ใช่อีเมล" in message
    assert f"{path}:{line_of('map:')}: \"www.example.org\" ไม่ใช่ที่อยู่เว็บไซต์" in message
    assert f"{path}:{line_of('hour:')}: ไม่รู้จักช่อง \"hour\"" in message
    assert "หมายถึง hours หรือไม่" in message
    assert f"{path}:{line_of('    number: โทร')}: \"โทรได้ทุกวัน\" ไม่ใช่หมายเลขโทรศัพท์" in message
    assert "Traceback" not in message
    assert not os.path.exists(site.output)


def test_the_name_in_the_data_file_is_the_sites_name(tmp_path):
    text = organisation_text(name="name: เทศบาลตำบลทดสอบ")
    site, result, _ = build_data(tmp_path, text, content={"documents/a.md": announcement()})
    assert result.ok, result.message
    home = site.read("index.html")
    assert "<title>ศูนย์ข้อมูลข่าวสารและความโปร่งใส เทศบาลตำบลทดสอบ</title>" in home
    assert "<p><strong>เทศบาลตำบลทดสอบ</strong></p>" in home
    assert "องค์การบริหารส่วนตำบลตัวอย่าง" not in site.read("documents/announcement-2568-001/"
                                                          "index.html").split("<footer")[0]


def test_a_document_must_name_a_division_of_the_structure(tmp_path):
    content = {
        "documents/a.md": announcement(division="กองคลังจังหวัด"),
        "documents/b.md": announcement(slug="announcement-2568-002", division="กองคลัง"),
        # Another body's document names that body's own division.
        "documents/c.md": announcement(slug="announcement-2568-003", division="กองแผนงาน",
                                       organisation="เทศบาลตำบลอื่น"),
    }
    site, result, _ = build_data(tmp_path, organisation_text(), content=content)
    assert not result.ok
    path = site.content / "documents" / "a.md"
    assert f"{path}:6: ส่วนราชการ \"กองคลังจังหวัด\" ไม่มีในโครงสร้างขององค์การบริหารส่วนตำบลตัวอย่าง" \
        in result.message, result.message
    assert "สำนักปลัด, กองคลัง, กองช่าง" in result.message
    assert "b.md" not in result.message and "c.md" not in result.message


def test_a_drafts_unknown_division_is_a_warning(tmp_path):
    draft = announcement(division="สำนักปลัด องค์การบริหารส่วนตำบลตัวอย่าง", status="draft")
    site, result, _ = build_data(tmp_path, organisation_text(), content={"documents/a.md": draft})
    assert result.ok, result.message
    assert "ฉบับร่าง: ส่วนราชการ \"สำนักปลัด องค์การบริหารส่วนตำบลตัวอย่าง\" ไม่มีในโครงสร้าง" \
        in result.message


def test_a_catalog_naming_a_page_the_portal_does_not_make_is_an_error(tmp_path):
    catalogs = tmp_path / "ita"
    shutil.copytree(os.path.join(ROOT, "data", "ita"), catalogs)
    path = catalogs / "2569.yaml"
    text = path.read_text(encoding="utf-8").replace("answered_by: [contact]",
                                                    "answered_by: [contacts]")
    path.write_text(text, encoding="utf-8")
    site = Site(tmp_path)
    result = site.build(ITA_CATALOG_DIR=str(catalogs))
    assert not result.ok
    line = text[: text.index("answered_by: [contacts]")].count("\n") + 1
    assert f"{path}:{line}: answered_by: ไม่มีหน้า \"contacts\" ที่ระบบสร้าง" in result.message
    assert "contact: หน้าติดต่อหน่วยงาน" in result.message
