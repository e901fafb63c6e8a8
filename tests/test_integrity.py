"""Nothing lost, nothing broken: checks of the written site fail the build with file:line."""

import os
import types

import conftest
from conftest import DEV_SETTINGS, PUBLISH_SETTINGS, announcement, document
from pelican import signals

from portal import outputs

GOOD = {"documents/good.md": announcement(slug="announcement-2568-099")}


def built_then_failed(site, files, **overrides):
    return conftest.built_then_failed(site, GOOD, files, **overrides)


def test_a_document_saved_with_an_upper_case_extension_is_not_silently_skipped(site):
    result = built_then_failed(site, {"documents/2568/ประกาศใหม่.MD": announcement(slug="a-1")})
    assert "documents/2568/ประกาศใหม่.MD:1: ไฟล์นี้ดูเหมือนเอกสาร แต่ระบบไม่ได้อ่าน" in result.message
    assert "ลงท้ายด้วย .md" in result.message


def test_a_document_saved_as_text_is_not_silently_skipped(site):
    result = built_then_failed(site, {"documents/ประกาศ.md.txt": announcement(slug="a-1")})
    assert "documents/ประกาศ.md.txt:1: ไฟล์นี้ดูเหมือนเอกสาร" in result.message


def test_other_files_beside_documents_are_fine(site):
    site.add(GOOD)
    site.add({"documents/บันทึก.txt": "หมายเหตุของเจ้าหน้าที่\n", "documents/ผัง.pdf": b"%PDF-1.4"})
    assert site.build().ok


def test_an_attachment_cannot_be_a_page_nor_overwrite_its_document_page(site):
    result = built_then_failed(site, {
        "documents/a.md": announcement(
            slug="a-1", attachments="\n  - file: index.html\n    title: ฉบับเว็บ"),
        "documents/index.html": "<p>x</p>",
    })
    assert ('documents/a.md:7: ช่อง attachments (ไฟล์แนบ): "index.html" เป็นไฟล์ชนิด .html '
            "ซึ่งเว็บไซต์ไม่เผยแพร่") in result.message, result.message


def test_an_attachment_named_like_a_table_export(site):
    table = ("id: hr\ncaption: ช่องทาง\ncolumns:\n  - {key: name, label: ช่องทาง}\n"
             "rows:\n  - {name: โทรศัพท์}\n")
    result = built_then_failed(site, {
        "documents/a.md": announcement(
            slug="a-1", attachments="\n  - file: hr.csv\n    title: ตารางฉบับเดิม",
            body="ย่อหน้า\n\n::: table hr.table.yaml"),
        "documents/hr.csv": "name\nโทรศัพท์\n",
        "documents/hr.table.yaml": table,
    })
    assert ("documents/a.md:13: ไฟล์ส่งออกของตาราง hr.table.yaml เขียนไฟล์ documents/a-1/hr.csv "
            "ซ้ำกับ ไฟล์ hr.csv ของเอกสาร จาก a.md บรรทัด 7") in result.message, result.message


def test_a_page_cannot_take_the_address_of_the_static_folder(site):
    # Its page would be written over by a static file images/index.html.
    result = built_then_failed(site, {
        "pages/images.md": document(title="ภาพกิจกรรม", type="page", slug="images"),
        "images/index.html": "<p>x</p>",
    })
    assert ('pages/images.md:4: ชื่อในลิงก์ "images" ทำให้ลิงก์ images/ ซ้ำกับโฟลเดอร์ไฟล์ images'
            in result.message), result.message


def test_two_templates_writing_one_file_is_a_clean_error_not_a_traceback(site):
    # Pelican's own writer raises FileOverwriteFailedError here.
    site.add({"pages/about.md": document(title="เกี่ยวกับเรา", type="page", slug="about")})
    result = site.build(INDEX_SAVE_AS="about/index.html")
    assert not result.ok
    assert "pages/about.md:4: หน้า about/ เขียนไฟล์ about/index.html ซ้ำกับ หน้า about/index.html" \
        in result.message, result.message
    assert not site.output.exists()


def test_a_plugin_output_that_collides_with_a_page_is_reported(site):
    plugin = types.ModuleType("claims_test_plugin")

    def claim_file(generators):
        outputs.claim("announcement/index.html", "data/ita/2569.yaml", 3, "หน้าข้อ ITA")

    plugin.register = lambda: signals.all_generators_finalized.connect(claim_file)
    site.add({"pages/a.md": document(title="ก", type="page", slug="announcement")})
    result = site.build(PLUGINS=["portal.thai_format", "portal.front_matter",
                                 "portal.site_integrity", plugin])
    assert not result.ok
    assert "data/ita/2569.yaml:3: หน้าข้อ ITA เขียนไฟล์ announcement/index.html ซ้ำกับ" \
        in result.message, result.message


def test_a_broken_link_between_documents_names_the_line(site):
    body = "ย่อหน้าแรก\n\nดู [ฉบับเดิม](../announcement-2568-404/)"
    result = built_then_failed(site, {"documents/a.md": announcement(slug="a-1", body=body)})
    assert "documents/a.md:10: ลิงก์เสีย \"../announcement-2568-404/\": ไม่มีไฟล์นี้" \
        in result.message, result.message


def test_links_between_documents_and_to_anchors_that_exist_pass(site):
    body = ("ดู [ฉบับเดิม](../announcement-2568-099/) [หน้าแรก](../../) "
            "[เนื้อหา](#main) [ข้อ ๑](../announcement-2568-099/#main)")
    site.add(GOOD)
    site.add({"documents/a.md": announcement(slug="a-1", body=body)})
    result = site.build()
    assert result.ok, result.message


def test_a_link_to_a_missing_anchor(site):
    result = built_then_failed(site, {
        "documents/a.md": announcement(slug="a-1", body="ดู [ข้อ ๒](#ข้อ-๒)")})
    assert "documents/a.md:8: ลิงก์เสีย \"#ข้อ-๒\": ไม่มีตำแหน่ง #ข้อ-๒" in result.message


def test_a_site_absolute_link_is_checked_in_the_site(site):
    result = built_then_failed(site, {
        "documents/a.md": announcement(slug="a-1", body="ดู [ข่าว](/documents/news-1/)")})
    assert "documents/a.md:8: ลิงก์เสีย \"/documents/news-1/\"" in result.message


def test_a_link_that_climbs_to_the_site_root_is_checked_there(site):
    # The menu's links climb like these; the check looks at each such link once
    # for the whole site, as written in the home page.
    body = "ดู [ITA](../../ita/) และ [ปีที่ไม่มี](../../ita/2599/)"
    result = built_then_failed(site, {"documents/a.md": announcement(slug="a-1", body=body)})
    assert "documents/a.md:8: ลิงก์เสีย \"../../ita/2599/\": ไม่มีไฟล์นี้" in result.message, \
        result.message
    assert "ลิงก์เสีย \"../../ita/\"" not in result.message


def test_a_link_above_the_site_root(site):
    result = built_then_failed(site, {
        "documents/a.md": announcement(slug="a-1", body="ดู [ข่าว](../../../other/)")})
    assert "ชี้ออกนอกเว็บไซต์" in result.message


def test_links_under_a_sub_path_in_the_published_site(site):
    site.add(GOOD)
    site.add({"documents/a.md": announcement(
        slug="a-1", body="[ฉบับเดิม](https://example.go.th/ita/documents/announcement-2568-099/) "
                         "[เว็บหลัก](/index.php) [กรม](https://www.dla.go.th/)")})
    result = site.build(PUBLISH_SETTINGS, SITEURL="https://example.go.th/ita")
    assert result.ok, result.message
    site.add({"documents/b.md": announcement(
        slug="b-1", body="[หาย](https://example.go.th/ita/documents/b-2/)")})
    result = site.build(PUBLISH_SETTINGS, SITEURL="https://example.go.th/ita")
    assert not result.ok
    assert "documents/b.md:8: ลิงก์เสีย \"https://example.go.th/ita/documents/b-2/\"" \
        in result.message


def test_a_published_document_whose_page_was_not_written(site):
    plugin = types.ModuleType("losing_test_plugin")

    def lose_page(generator, writer=None):
        for article in generator.articles:
            os.remove(os.path.join(generator.output_path, article.save_as))

    plugin.register = lambda: signals.article_writer_finalized.connect(lose_page)
    site.add(GOOD)
    result = site.build(PLUGINS=["portal.thai_format", "portal.front_matter",
                                 "portal.site_integrity", plugin])
    assert not result.ok
    assert ("documents/good.md:4: เอกสารนี้ไม่มีหน้าเว็บ documents/announcement-2568-099/index.html"
            in result.message), result.message


def test_the_example_site_passes_every_check(tmp_path):
    from portal import site_build

    result = site_build.build(DEV_SETTINGS, {"OUTPUT_PATH": str(tmp_path / "output")})
    assert result.ok, result.message


def test_files_in_the_images_folder_are_published(site):
    # front_matter switched off every other reader, Pelican's "static" one
    # included, and any file in content/images stopped the build with a traceback.
    site.add(GOOD)
    site.add({"images/ตราหน่วยงาน.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 20,
              "documents/a.md": announcement(slug="a-1",
                                            body="![ตรา]({static}/images/ตราหน่วยงาน.png)")})
    result = site.build()
    assert result.ok, result.message
    assert (site.output / "images" / "ตราหน่วยงาน.png").read_bytes().startswith(b"\x89PNG")


def test_a_reader_failure_is_a_content_error_not_a_silently_missing_page(site, monkeypatch):
    # Pelican logs an exception raised by a reader and builds the site without
    # that document; the reader now reports it against the file.
    from portal import front_matter

    def broken(*args, **kwargs):
        raise RuntimeError("ตัวแปลง Markdown ล้มเหลว")

    site.add(GOOD)
    monkeypatch.setattr(front_matter.Markdown, "convert", broken)
    result = site.build()
    assert not result.ok
    assert "documents/good.md:1: อ่านไฟล์นี้ไม่สำเร็จ" in result.message
    assert "RuntimeError: ตัวแปลง Markdown ล้มเหลว" in result.message


def test_a_document_no_reader_produced_is_reported(site, monkeypatch):
    # The last safety net: whatever makes Pelican skip a .md file, the written
    # site is checked against the files in the content folder.
    from portal import front_matter

    def broken(self, source_path):
        raise RuntimeError("x")

    site.add(GOOD)
    monkeypatch.setattr(front_matter.FrontMatterReader, "read", broken)
    result = site.build()
    assert not result.ok
    assert "documents/good.md:1: ระบบอ่านเอกสารนี้ไม่สำเร็จ จึงไม่มีหน้าเว็บ" in result.message


def test_a_code_sample_with_a_link_is_text_not_a_link(site):
    site.add(GOOD)
    site.add({"documents/a.md": announcement(
        slug="a-1", body='ตัวอย่าง: `<a href="ไม่มี.html">` และ\n\n    <img src="ไม่มี.png">\n\n'
                        'คำว่า href="ไม่มี" ในข้อความ')})
    result = site.build()
    assert result.ok, result.message
