"""A real Pelican build of a small content folder, checked in the written HTML."""

import re

from conftest import PUBLISH_SETTINGS, announcement, document

MEMO = document(
    title="รายงานการติดตามผลการบริหารจัดการความเสี่ยง",
    type="บันทึกข้อความ",
    slug="memo-2568-001",
    date="๑๖ พฤษภาคม ๒๕๖๘",
    organisation="เทศบาลตำบลเทพนคร",
    division="กองยุทธศาสตร์และงบประมาณ",
    number="กพ ๕๓๓๐๗/๐๗๒",
    subject="รายงานการติดตามผลการบริหารจัดการความเสี่ยงประจำปีงบประมาณ พ.ศ. ๒๕๖๘ (รอบ ๖ เดือน)",
    addressee="นายกเทศมนตรีตำบลเทพนคร",
    signatories=(
        "\n  - name: นางสมิตา อรรควงษ์\n    position: ปลัดเทศบาล"
        "\n    acting_for: ปฏิบัติหน้าที่ นายกเทศมนตรีตำบลเทพนคร"
    ),
    ita="\n  2569: [O21, o22]\n  2566: O35",
    attachments="\n  - file: บส4.pdf\n    title: แบบ บส.๔ ฉบับลงนาม",
    changes="\n  - date: 2025-06-02\n    note: แก้ชื่อผู้ลงนามที่พิมพ์ผิด",
    body="## ๑. เรื่องเดิม\n\nด้วยพระราชบัญญัติวินัยการเงินการคลังของรัฐ\n\n[ตารางเต็ม](ตาราง.csv)",
)


def test_document_page_shows_its_metadata_in_thai(site):
    site.add({
        "documents/2568/memo.md": MEMO,
        "documents/2568/บส4.pdf": b"%PDF-1.4 " + b"x" * 3000,
        "documents/2568/ตาราง.csv": "a,b\n",
    })
    result = site.build()
    assert result.ok, result.message
    page = site.read("documents/memo-2568-001/index.html")
    assert '<html lang="th">' in page
    assert "<h1>รายงานการติดตามผลการบริหารจัดการความเสี่ยง</h1>" in page
    assert "<dt>ที่</dt><dd>กพ ๕๓๓๐๗/๐๗๒</dd>" in page
    assert '<time datetime="2025-05-16">๑๖ พฤษภาคม ๒๕๖๘</time>' in page
    assert "<dt>ปีงบประมาณ</dt><dd>๒๕๖๘</dd>" in page
    assert "<dd>เทศบาลตำบลเทพนคร</dd>" in page
    assert "<dd>กองยุทธศาสตร์และงบประมาณ</dd>" in page
    assert "<dt>เรียน</dt><dd>นายกเทศมนตรีตำบลเทพนคร</dd>" in page
    assert "ITA 2569 ข้อ O21 การประเมินความเสี่ยงการทุจริตในหน่วยงานภาครัฐ" in page
    assert "ITA 2569 ข้อ O22" in page and "ITA 2566 ข้อ O35" in page
    assert "(นางสมิตา อรรควงษ์)<br>ปลัดเทศบาล<br>ปฏิบัติหน้าที่ นายกเทศมนตรีตำบลเทพนคร" in page
    assert "<h2>๑. เรื่องเดิม</h2>" in page
    assert '<time datetime="2025-06-02">๒ มิถุนายน ๒๕๖๘</time>: แก้ชื่อผู้ลงนามที่พิมพ์ผิด' in page


def test_attachments_and_linked_files_are_published_beside_the_page(site):
    site.add({
        "documents/2568/memo.md": MEMO,
        "documents/2568/บส4.pdf": b"%PDF-1.4 " + b"x" * 3000,
        "documents/2568/ตาราง.csv": "a,b\n",
    })
    assert site.build().ok
    page = site.read("documents/memo-2568-001/index.html")
    assert '<a href="บส4.pdf">แบบ บส.๔ ฉบับลงนาม</a> (PDF, 2.9 KB)' in page
    assert '<a href="ตาราง.csv">ตารางเต็ม</a>' in page
    folder = site.output / "documents" / "memo-2568-001"
    assert (folder / "บส4.pdf").read_bytes().startswith(b"%PDF-1.4")
    assert (folder / "ตาราง.csv").read_text() == "a,b\n"


def test_url_comes_from_slug_not_from_file_name_or_folder(site):
    site.add({"documents/ย้ายแล้ว/ชื่อใหม่.md": announcement()})
    assert site.build().ok
    assert (site.output / "documents/announcement-2568-001/index.html").exists()


def test_information_page_and_home_listing(site):
    site.add({
        "documents/a.md": announcement(),
        "pages/contact.md": document(title="ข้อมูลการติดต่อ", type="page", slug="contact",
                                     body="โทรศัพท์ 0-3637-4047"),
    })
    assert site.build().ok
    assert "โทรศัพท์ 0-3637-4047" in site.read("contact/index.html")
    home = site.read("index.html")
    assert '<a href="./documents/announcement-2568-001/">ประกาศใช้แผนพัฒนาท้องถิ่น</a>' in home
    assert '<a href="./contact/">ข้อมูลการติดต่อ</a>' in home
    assert "๑๗ กรกฎาคม ๒๕๖๘" in home


def test_fiscal_year_is_derived_from_the_date_across_1_october(site):
    site.add({"documents/a.md": announcement(date="1 ตุลาคม 2568")})
    assert site.build().ok
    page = site.read("documents/announcement-2568-001/index.html")
    assert "<dt>ปีงบประมาณ</dt><dd>๒๕๖๙</dd>" in page


def test_a_date_with_month_and_year_only_is_shown_without_an_invented_day(site):
    site.add({"documents/a.md": announcement(date="ต.ค. ๒๕๖๗", ita="\n  2568: O4")})
    result = site.build()
    assert result.ok, result.message
    page = site.read("documents/announcement-2568-001/index.html")
    assert '<time datetime="2024-10">ตุลาคม ๒๕๖๗</time>' in page
    assert "๑ ตุลาคม" not in page
    assert "<dt>ปีงบประมาณ</dt><dd>๒๕๖๘</dd>" in page  # October is in the next fiscal year
    assert '"issued": "2024-10"' in site.read("ita/2568/oit.json")


def test_multi_year_plan_keeps_its_span(site):
    site.add({"documents/plan.md": announcement(type="แผน", fiscal_year="๒๕๖๖-๒๕๗๐")})
    assert site.build().ok
    assert "<dd>๒๕๖๖-๒๕๗๐</dd>" in site.read("documents/announcement-2568-001/index.html")


def test_title_is_escaped_not_executed(site):
    site.add({"documents/a.md": announcement(title='"<script>alert(1)</script> ประกาศ"')})
    assert site.build().ok
    page = site.read("documents/announcement-2568-001/index.html")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ประกาศ" in page


def test_drafts_stay_out_of_the_public_site(site):
    site.add({"documents/a.md": announcement(status="draft")})
    assert site.build(PUBLISH_SETTINGS).ok
    assert not (site.output / "documents/announcement-2568-001").exists()
    assert not (site.output / "drafts").exists()
    assert "ประกาศใช้แผนพัฒนาท้องถิ่น" not in site.read("index.html")


def test_publish_links_work_under_a_sub_path(site):
    site.add({"documents/a.md": announcement()})
    assert site.build(PUBLISH_SETTINGS, SITEURL="https://example.go.th/ita-portal").ok
    home = site.read("index.html")
    assert 'href="https://example.go.th/ita-portal/documents/announcement-2568-001/"' in home
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', home)
    assert stylesheets == ["https://example.go.th/ita-portal/theme/css/portal.css"]


def test_windows_line_endings_and_bom_are_accepted(site):
    text = "\ufeff" + announcement().replace("\n", "\r\n")
    site.add({"documents/a.md": text.encode("utf-8")})
    assert site.build().ok


def test_undated_report_shows_its_fiscal_year_and_no_invented_date(site):
    site.add({"documents/r.md": announcement(type="รายงาน", date=None, fiscal_year="2566",
                                             slug="report-2566-001")})
    assert site.build().ok
    page = site.read("documents/report-2566-001/index.html")
    assert "<dt>ปีงบประมาณ</dt><dd>๒๕๖๖</dd>" in page
    assert "<dt>วันที่</dt>" not in page
    assert "ปีงบประมาณ ๒๕๖๖" in site.read("index.html")


def test_standing_manual_may_carry_no_date_at_all(site):
    site.add({
        "documents/m.md": announcement(type="คู่มือ", date=None, slug="manual-1"),
        "documents/a.md": announcement(),
    })
    assert site.build().ok
    page = site.read("documents/manual-1/index.html")
    assert "<dt>วันที่</dt><dd>ต้นฉบับไม่ได้ลงวันที่</dd>" in page
    assert "<dt>ปีงบประมาณ</dt>" not in page
    home = site.read("index.html")
    assert "ไม่ระบุวันที่" in home
    # dated documents come first; the undated one is listed last
    assert home.index("announcement-2568-001") < home.index("manual-1")
