"""Every kind of bad input gets file:line, a Thai explanation and a hint, and publishes nothing."""

import os

import pytest
from conftest import announcement

GOOD = {"documents/good.md": announcement(slug="announcement-2568-099")}

CASES = {
    "malformed YAML": (
        {"documents/a.md": "---\ntitle: เรื่อง: ทดสอบ\ntype: ประกาศ\n---\n"},
        "documents/a.md:2:", "มีเครื่องหมาย : อยู่ในค่าของช่องนี้",
    ),
    "tab indentation": (
        {"documents/a.md": "---\ntitle: ก\nsignatories:\n\t- name: ข\n---\n"},
        "documents/a.md:4:", "แท็บ",
    ),
    "no front matter": (
        {"documents/a.md": "# ประกาศ\n\nเนื้อหา\n"},
        "documents/a.md:1:", "ไม่พบส่วนข้อมูลเอกสาร (front matter)",
    ),
    "unclosed front matter": (
        {"documents/a.md": "---\ntitle: ก\n"},
        "documents/a.md:1:", "ไม่มีบรรทัด --- ปิดท้าย",
    ),
    "required field left empty": (
        {"documents/a.md": announcement(title="")},
        "documents/a.md:2:", "ช่อง title (ชื่อเรื่อง) ว่างเปล่า แต่เอกสารประเภทประกาศต้องมี",
    ),
    "missing required field": (
        {"documents/a.md": announcement(date=None)},
        "documents/a.md:", "เอกสารประเภทประกาศต้องมีช่อง date (วันที่ออกเอกสาร)",
    ),
    "undated report without a fiscal year": (
        {"documents/a.md": announcement(type="รายงาน", date=None)},
        "documents/a.md:", "ต้องมีวันที่ (date) หรือปีงบประมาณ (fiscal_year)",
    ),
    "memo without addressee": (
        {"documents/a.md": announcement(type="บันทึกข้อความ", subject="ก")},
        "documents/a.md:", "ต้องมีช่อง addressee (เรียน)",
    ),
    "unknown type": (
        {"documents/a.md": announcement(type="ประกาศศ")},
        "documents/a.md:3:", "ไม่รู้จักประเภทเอกสาร \"ประกาศศ\"",
    ),
    "unknown field with a suggestion": (
        {"documents/a.md": announcement(divison="กองคลัง")},
        "documents/a.md:6:", "หมายถึง division หรือไม่",
    ),
    "Thai field name": (
        {"documents/a.md": announcement(**{"ชื่อเรื่อง": "ก"})},
        "documents/a.md:6:", "ใช้ชื่อช่องภาษาอังกฤษ: title",
    ),
    "duplicate key": (
        {"documents/a.md": announcement() .replace("type: ประกาศ", "type: ประกาศ\ntitle: ซ้ำ")},
        "documents/a.md:4:", "ถูกกำหนดซ้ำ ครั้งแรกที่บรรทัด 2",
    ),
    "impossible date": (
        {"documents/a.md": announcement(date="๓๐ กุมภาพันธ์ ๒๕๖๘")},
        "documents/a.md:5:", "วันที่ 30 กุมภาพันธ์ 2568 ไม่มีจริงในปฏิทิน",
    ),
    "fiscal year contradicts the date": (
        {"documents/a.md": announcement(fiscal_year="2565")},
        "documents/a.md:6:", "ปีงบประมาณ 2565 ขัดกับวันที่ ๑๗ กรกฎาคม ๒๕๖๘",
    ),
    "fiscal year written in CE": (
        {"documents/a.md": announcement(fiscal_year="2025")},
        "documents/a.md:6:", "ต้องเป็นปี พ.ศ.",
    ),
    "ITA code that does not exist for that year": (
        {"documents/a.md": announcement(ita="\n  2569: [O16, O30]")},
        "documents/a.md:7:", "ITA ปี 2569 ไม่มีข้อ \"O30\"",
    ),
    "ITA year without a catalog": (
        {"documents/a.md": announcement(ita="\n  2555: [O1]")},
        "documents/a.md:7:", "ไม่มีรายการข้อ ITA ของปี 2555",
    ),
    "missing attachment": (
        {"documents/a.md": announcement(attachments="\n  - file: ประกาศ.pdf\n    title: ฉบับลงนาม")},
        "documents/a.md:7:", "ไม่พบไฟล์แนบ \"ประกาศ.pdf\"",
    ),
    "link to a missing file in the text": (
        {"documents/a.md": announcement(body="ย่อหน้าแรก\n\nดู [ตาราง](ตาราง.xlsx)")},
        "documents/a.md:10:", "ลิงก์ไปยังไฟล์ที่ไม่มีอยู่: \"ตาราง.xlsx\"",
    ),
    "two documents claiming the same URL": (
        {"documents/a.md": announcement(), "documents/b.md": announcement(title="อีกฉบับ")},
        "documents/", "ซ้ำกับเอกสาร",
    ),
    "non-UTF-8 file": (
        {"documents/a.md": announcement(title="ประกาศ").encode("cp874")},
        "documents/a.md:2:", "ไฟล์ไม่ได้บันทึกเป็นรหัส UTF-8",
    ),
    "information page in the documents folder": (
        {"documents/a.md": announcement(type="page")},
        "documents/a.md:3:", "ต้องอยู่ในโฟลเดอร์ content/pages",
    ),
    # Found by tests/test_properties.py: each of these used to crash a reader,
    # and Pelican then built the site without the document, reporting nothing.
    "a value that contains itself": (
        {"documents/a.md": announcement(title="&a [*a]")},
        "documents/a.md:2:", "ค่านี้อ้างถึงตัวเอง",
    ),
    "values nested too deeply": (
        {"documents/a.md": announcement(summary="[" * 3000 + "]" * 3000)},
        "documents/a.md:", "ข้อมูลซ้อนกันลึกเกินไป",
    ),
    "anchors repeated into millions of values": (
        {"documents/a.md": "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
                           + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n"
                                     for p, n in zip("abcdefg", "bcdefgh", strict=True))
                           + "---\n"},
        "documents/a.md:", "ข้อมูลมีมากกว่า 50,000 ค่า",
    ),
    "control character copied from a PDF": (  # was a two-line English message, wrong line
        {"documents/a.md": announcement(number="กพ\x00๕๓๓๐๗/๐๗๒")},
        "documents/a.md:6:", "มีอักขระที่มองไม่เห็นหรือใช้ไม่ได้ (รหัส U+0000)",
    ),
    "a quoted value with line breaks": (
        {"documents/a.md": announcement(type="รายงาน", date=None, fiscal_year="|\n  25\n  68")},
        "documents/a.md:5: ช่อง fiscal_year (ปีงบประมาณ): ปีงบประมาณ \"25 68", "ไม่ถูกต้อง",
    ),
    "slug too long for a file name": (  # used to stop the build with OSError
        {"documents/a.md": announcement(slug="a" * 300)},
        "documents/a.md:4:", "ชื่อในลิงก์ยาว 300 ตัวอักษร เกิน 100",
    ),
    "year out of any plausible range": (
        {"documents/a.md": announcement(date="0100-01-01")},
        "documents/a.md:5:", "ต้องอยู่ระหว่าง พ.ศ. 2400 ถึง 2700",
    ),
    "a year in CE far ahead, meant as BE": (
        {"documents/a.md": announcement(date="1 มกราคม 2068")},
        "documents/a.md:5: ช่อง date (วันที่ออกเอกสาร): ปี 2068 ใน \"1 มกราคม 2068\" "
        "ไม่น่าจะถูกต้อง: อ่านเป็นปี ค.ศ. ตรงกับ พ.ศ. 2611",
        "วิธีแก้ (fix): หมายถึง พ.ศ. 2568 หรือไม่",
    ),
    "bad signatory": (
        {"documents/a.md": announcement(signatories="\n  - name: นายก\n    postion: ปลัด")},
        "documents/a.md:8:", "ไม่รู้จักช่องย่อย \"postion\"",
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input_is_reported_with_file_line_and_thai_text(site, case):
    files, location, thai = CASES[case]
    site.add(GOOD)
    assert site.build().ok  # a previous, good site is online
    before = sorted(p.relative_to(site.output) for p in site.output.rglob("*"))

    site.add(files)
    result = site.build()

    assert not result.ok
    assert location in result.message, result.message
    assert thai in result.message, result.message
    assert "วิธีแก้" in result.message  # every error says how to fix it
    assert "Traceback" not in result.message
    # nothing was published and nothing was lost: the old site is intact ...
    after = sorted(p.relative_to(site.output) for p in site.output.rglob("*"))
    assert after == before
    assert "announcement-2568-099" in site.read("index.html")
    # ... and no half-written staging folder is left beside it
    assert os.listdir(site.output.parent) == ["output"]


def test_all_errors_of_a_run_are_reported_at_once(site):
    site.add({
        "documents/a.md": announcement(type="ประกาศศ"),
        "documents/b.md": announcement(slug="b-1", date="๓๑ เมษายน ๒๕๖๘"),
        "documents/c.md": announcement(slug="c-1", ita="\n  2569: O99"),
    })
    result = site.build()
    assert not result.ok
    assert len(result.errors) == 3
    assert "พบข้อผิดพลาด 3 รายการ" in result.message
    lines = [line for line in result.message.splitlines() if ".md:" in line]
    assert [line.split(": ")[0].rsplit("/", 1)[-1] for line in lines] == [
        "a.md:3", "b.md:5", "c.md:7"]


def test_failed_first_build_leaves_no_output_at_all(site):
    site.add({"documents/a.md": announcement(type="ประกาศศ")})
    assert not site.build().ok
    assert not site.output.exists()
    assert os.listdir(site.output.parent) == []


def test_broken_ita_catalog_is_a_content_error(site, tmp_path):
    catalogs = tmp_path / "ita"
    catalogs.mkdir()
    (catalogs / "2569.yaml").write_text("year: 2569\nindicators:\n  - code: '9'\n    groups:\n"
                                        "      - items:\n          - {code: X1, period: current}\n",
                                        encoding="utf-8")
    site.add({"documents/a.md": announcement(ita="\n  2569: [O1]")})
    result = site.build(ITA_CATALOG_DIR=str(catalogs))
    assert not result.ok
    assert "2569.yaml:6:" in result.message
    assert "รหัสข้อ \"X1\" ต้องอยู่ในรูป O1" in result.message


def test_an_optional_field_written_as_yaml_null_is_left_out(site):
    site.add({"documents/a.md": announcement(division="~", number="null")})
    result = site.build()
    assert result.ok, result.message
    page = site.read("documents/announcement-2568-001/index.html")
    assert "ส่วนราชการ" not in page and ">~<" not in page and ">null<" not in page
