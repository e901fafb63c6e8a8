"""Importing a PDF: the Thai repair rules, and PDFs read back into paragraphs and tables.

The damaged fragments are real: seed 002's text as a PDF extractor gave it. The PDFs
are made here: the project's own complaint form (a real build), a ruled table and a
paragraph drawn with fpdf2 and the project's Sarabun font, a scan, a locked file.
"""

import os

import pytest
from conftest import Site
from fpdf import FPDF

from portal.importer import pdf as pdf_reader
from portal.importer import thai_repair
from portal.importer.pdf import PdfUnreadable, read_pdf
from portal.importer.source import Cell
from portal.thai_format import normalise_text

FONTS = os.path.join(os.path.dirname(pdf_reader.__file__), "..", "complaints", "fonts")
FORM_PDF = "complaints/form/complaint-form.pdf"

# Correct Thai that each rule must leave alone: ั closed by a final that carries a
# silent vowel (ปฏิบัติ), ัวะ, ำ with a tone, thanthakhat before a leading vowel,
# ฤๅ, ฯ, ๆ, Thai and Arabic digits, Latin text.
CORRECT = (
    "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่",
    "องค์การบริหารส่วนตำบลโคกแย้ อำเภอหนองแค จังหวัดสระบุรี",
    "ประวัติ สมบัติ ญาติ ชาติ สัตว์ จันทร์ ศุกร์ สิทธิ์ ผัวะ ตัวอย่าง ทั่วไป",
    "กองยุทธศาสตร์และงบประมาณ ริเวอร์ไซด์ ประโยชน์อื่นใด",
    "น้ำ ค่ำ ซ้ำ สม่ำเสมอ คำนำ ตำบล อำเภอ ทำให้ จำนวน",
    "ผู้บังคับบัญชา บัญชี สัญญา วัฒนธรรม อัธยาศัย ภัตตาคาร สวัสดี หนังสือ",
    "ฤๅษี ฯพณฯ ฯลฯ ต่าง ๆ เป็นต้น ก็ได้ เสร็จสิ้น เปลี่ยนแปลง เลี้ยงดู",
    "ปีงบประมาณ พ.ศ. ๒๕๖๘ วันที่ 16 พ.ค. 2568 (CPI: Corruption Perception Index)",
    "๑. หลักการและเหตุผล (๒) วัตถุประสงค์ 3) เป้าหมาย - กิจกรรม",
    "พระราชบัญญัติ กฤษฎีกา พฤติกรรม อุปกรณ์ บริหาร กิจกรรม ศึกษา เกี่ยวกับ",
    "มั่นใจ ตั้งแต่ ขั้นตอน ครั้งที่ สั่งการ ทั้งนี้ ดังนั้น ยั่งยืน สังกัด จัดซื้อ",
)


def assert_unchanged(function, sentences=CORRECT):
    for sentence in sentences:
        assert function(sentence) == sentence, sentence


# ---------------------------------------------------------------- repair rules

# (rule, damaged text, what the rule makes of it): each damage the rule mends, and
# the cases it must leave because Thai spelling cannot decide them.
MENDS = [
    # Private Use Area glyphs of old Thai fonts
    ("map_private_use_glyphs", "\uf700าน", "ฐาน"),
    ("map_private_use_glyphs", "ป\uf70fญา", "ปญญา"),
    ("map_private_use_glyphs", "ท\uf702\uf70a", "ที่"),
    ("map_private_use_glyphs", "บ\uf710ญช\uf702", "บัญชี"),
    ("map_private_use_glyphs", "ก\uf712\uf70b", "ก็้"),
    ("map_private_use_glyphs", "ส\uf718ข ค\uf719", "สุข คู"),
    ("map_private_use_glyphs", "สงค\uf717", "สงค์"),
    # sara am's nikhahit without a Unicode mapping; any other unmapped glyph stays
    ("drop_cid_before_sara_am", "ต(cid:16)ำบล", "ตำบล"),
    ("drop_cid_before_sara_am", "ก(cid:7)าร", "ก(cid:7)าร"),
    # a space before a mark
    ("join_space_before_mark", "โคกแย ้", "โคกแย้"),
    ("join_space_before_mark", "วัตถุประสงค ์", "วัตถุประสงค์"),
    ("join_space_before_mark", "ถ ึง", "ถึง"),
    ("join_space_before_mark", "กรณ ี และ", "กรณี และ"),
    ("join_space_before_mark", " ้", " ้"),  # no letter to carry it
    # sara am lost to a space
    ("restore_sara_am_from_space", "ต าบล", "ตำบล"),
    ("restore_sara_am_from_space", "อ าเภอ", "อำเภอ"),
    ("restore_sara_am_from_space", "ค าน า", "คำนำ"),
    ("restore_sara_am_from_space", "น้ า", "น้ำ"),
    ("restore_sara_am_from_space", "A า", "A า"),  # not after a Thai letter
    # a tone mark after a spacing vowel
    ("move_mark_off_spacing_vowel", "เจา้หนา้ที่", "เจ้าหน้าที่"),
    ("move_mark_off_spacing_vowel", "ต่อตา้น", "ต่อต้าน"),
    ("move_mark_off_spacing_vowel", "ไมเ่ป็น", "ไม่เป็น"),
    ("move_mark_off_spacing_vowel", "สมำ่เสมอ", "สม่ำเสมอ"),
    # a mark on a consonant that sara aa follows
    ("move_mark_before_spacing_vowel", "องคก์าร", "องค์การ"),
    ("move_mark_before_spacing_vowel", "บรหิาร", "บริหาร"),
    # mai han-akat without a final consonant
    ("move_han_akat_to_its_syllable", "จงัหวดั", "จังหวัด"),
    ("move_han_akat_to_its_syllable", "หนังสือจังหวดั/อำเภอ", "หนังสือจังหวัด/อำเภอ"),
    ("move_han_akat_to_its_syllable", "จดัการ", "จัดการ"),  # ก before า starts a syllable
    ("move_han_akat_to_its_syllable", "ผู้บญัชา", "ผู้บัญชา"),
    ("move_han_akat_to_its_syllable", "ตงั้ ", "ตั้ง "),  # the tone mark goes with it
    ("move_han_akat_to_its_syllable", "จงัหวดัสระบุรี", "จังหวดัสระบุรี"),  # ส can close ดัส
    # two vowels above one letter
    ("split_two_upper_vowels", "แนวปฏิบติัการ", "แนวปฏิบัติการ"),
    ("split_two_upper_vowels", "ปฏิบติั", "ปฏิบัติ"),  # ั at the end has no final
    ("split_two_upper_vowels", "กติัน", "กติัน"),  # กัติน and กิตัน both spellable
    ("split_two_upper_vowels", "กติี", "กติี"),  # neither is ั: no rule decides
]


@pytest.mark.parametrize(("rule", "damaged", "mended"), MENDS)
def test_each_repair_rule_mends_only_what_spelling_decides(rule, damaged, mended):
    assert getattr(thai_repair, rule)(damaged) == mended


@pytest.mark.parametrize("rule", sorted({rule for rule, _damaged, _mended in MENDS}))
def test_each_repair_rule_leaves_correct_thai_alone(rule):
    assert_unchanged(getattr(thai_repair, rule))


def test_every_private_use_glyph_of_old_thai_fonts_is_mapped():
    assert sorted(thai_repair.PRIVATE_USE_THAI) == list(range(0xF700, 0xF71B))
    assert thai_repair.repair("ส\uf711\uf706า") == "ส้ำ"
    assert thai_repair.repair("น ้ า") == "น้ำ"


def test_seed_fragments_are_repaired_as_far_as_spelling_is_certain():
    assert thai_repair.repair("องคก์ารบริหารส่วนต าบลโคกแย ้") == "องค์การบริหารส่วนตำบลโคกแย้"
    # รอ้ง stays: อ can carry the tone mark, only a dictionary knows ร้อง.
    assert (thai_repair.repair("แนวปฏิบติัการจดัการเร่ืองรอ้งเรียนการทุจริต")
            == "แนวปฏิบัติการจัดการเรื่องรอ้งเรียนการทุจริต")
    assert (thai_repair.repair("และประพฤติมิชอบของเจา้หนา้ท่ี")
            == "และประพฤติมิชอบของเจ้าหน้าที่")
    # วดัส stays: ส can close ดัส (see the rule's docstring).
    assert (thai_repair.repair("อ าเภอหนองแค จงัหวดัสระบุรี")
            == "อำเภอหนองแค จังหวดัสระบุรี")
    assert thai_repair.repair("2. วัตถุประสงค ์") == "2. วัตถุประสงค์"
    assert thai_repair.repair("เพ่ือให้การดำเนินงาน") == "เพื่อให้การดำเนินงาน"
    assert thai_repair.repair("เก่ียวกับ") == "เกี่ยวกับ"
    assert thai_repair.repair("พ้ืนฐาน") == "พื้นฐาน"
    assert thai_repair.repair("จงัหวดั") == "จังหวัด"
    assert thai_repair.repair("ค าน า") == "คำนำ"


def test_repair_leaves_correct_thai_as_it_is():
    assert_unchanged(thai_repair.repair)
    assert thai_repair.repair("\n".join(CORRECT)) == "\n".join(CORRECT)


def test_repair_works_line_by_line_and_normalises_spaces():
    assert thai_repair.repair("ต าบล  โคกแย ้\nอ าเภอ ") == "ตำบล โคกแย้\nอำเภอ"
    assert thai_repair.repair("ส\u0e4dา") == normalise_text("ส\u0e4dา") == "สำ"


# ---------------------------------------------------------------- PDFs made here

@pytest.fixture(scope="module")
def form(tmp_path_factory):
    """The complaint form PDF of a real build, read back."""
    site = Site(tmp_path_factory.mktemp("form"))
    assert site.build().ok
    return read_pdf(str(site.output / FORM_PDF))


def thai_pdf() -> FPDF:
    """An A4 PDF with Sarabun as fpdf2 draws it: HarfBuzz shaping, no correction
    (sara am's nikhahit glyph carries the character, sara aa has no mapping)."""
    document = FPDF(format="A4")
    document.set_margins(30, 20, 20)
    document.add_font("Sarabun", "", os.path.join(FONTS, "Sarabun-Regular.ttf"))
    document.add_font("Sarabun", "B", os.path.join(FONTS, "Sarabun-Bold.ttf"))
    document.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
    document.set_font("Sarabun", "", 14)
    document.add_page()
    return document


def test_form_reads_as_its_paragraphs_with_thai_intact(form):
    text = "\n".join(form.paragraphs)
    assert form.has_text and form.kind == "PDF" and not form.tables
    assert form.paragraphs[0] == "## แบบคำร้องเรียนการทุจริตและประพฤติมิชอบ"
    for expected in ("องค์การบริหารส่วนตำบลตัวอย่าง",
                     "เรียน นายกองค์การบริหารส่วนตำบลตัวอย่าง",
                     "สำหรับเจ้าหน้าที่"):
        assert expected in form.paragraphs
    assert ("มีความประสงค์ขอร้องเรียน/แจ้งเบาะแสการทุจริตและประพฤติมิชอบ เพื่อให้"
            "องค์การบริหารส่วนตำบลตัวอย่าง พิจารณาดำเนินการตรวจสอบหรือช่วยเหลือและ"
            "แก้ไขปัญหา") in form.paragraphs
    for damaged in ("(cid:", "สว่ น", "ร้ อง", "รอ้", "ที ่", "ท่ี", "เรยี", pdf_reader.UNREADABLE):
        assert damaged not in text, damaged


def test_form_lines_ending_in_a_fill_in_stay_apart(form):
    assert "ข้าพเจ้า อายุ ปี อยู่บ้านเลขที่ หมู่ที่" in form.paragraphs
    assert "ตำบล อำเภอ จังหวัด โทรศัพท์" in form.paragraphs
    items = [paragraph for paragraph in form.paragraphs if paragraph.endswith("จำนวน ชุด")]
    assert items == ["๑) จำนวน ชุด", "๒) จำนวน ชุด", "๓) จำนวน ชุด"]
    assert not [note for note in form.notes if "ไม่บอกว่าเป็นตัวอะไร" in note]


def budget_table_pdf(path):
    """A PDF page with a title line, a ruled table (a cell over two rows, one over two
    columns, Thai digits) and a note under it, as fpdf2 draws it with Sarabun."""
    document = thai_pdf()
    document.cell(0, 10, "รายงานผลการดำเนินงานประจำปี", new_x="LMARGIN", new_y="NEXT")
    with document.table(col_widths=(60, 45, 45), text_align="LEFT", num_heading_rows=2) as table:
        row = table.row()
        row.cell("โครงการ", rowspan=2)
        row.cell("งบประมาณ (บาท)", colspan=2)
        row = table.row()
        row.cell("ตั้งไว้")
        row.cell("ใช้จริง")
        for values in (("ซ่อมถนนหมู่ที่ ๑", "๑๒๐,๐๐๐", "๑๑๕,๕๐๐"),
                       ("จัดซื้อวัสดุสำนักงาน", "๕๐,๐๐๐", "๔๙,๘๐๐")):
            row = table.row()
            for value in values:
                row.cell(value)
    document.cell(0, 10, "หมายเหตุ ข้อมูล ณ วันที่ ๓๐ กันยายน ๒๕๖๘")
    document.output(str(path))
    return path


def test_ruled_table_becomes_a_grid_with_its_merged_cells(tmp_path):
    path = budget_table_pdf(tmp_path / "table.pdf")

    source = read_pdf(str(path))
    assert [type(block).__name__ for block in source.blocks] == ["str", "Grid", "str"]
    assert source.blocks[0] == "รายงานผลการดำเนินงานประจำปี"
    assert source.blocks[2] == "หมายเหตุ ข้อมูล ณ วันที่ ๓๐ กันยายน ๒๕๖๘"
    grid = source.tables[0]
    assert grid.where == "หน้า 1"
    assert grid.rows == [
        [Cell("โครงการ", rowspan=2, bold=True), Cell("งบประมาณ (บาท)", colspan=2, bold=True)],
        [Cell("ตั้งไว้", bold=True), Cell("ใช้จริง", bold=True)],
        [Cell("ซ่อมถนนหมู่ที่ ๑"), Cell("๑๒๐,๐๐๐"), Cell("๑๑๕,๕๐๐")],
        [Cell("จัดซื้อวัสดุสำนักงาน"), Cell("๕๐,๐๐๐"), Cell("๔๙,๘๐๐")],
    ]
    assert not source.notes


def test_wrapped_thai_lines_join_into_paragraphs(tmp_path):
    document = thai_pdf()
    lines = (  # (indent in mm, text): a paragraph of two lines, then a numbered item
        (15, "องค์การบริหารส่วนตำบลตัวอย่างมีบทบาทหน้าที่หลักในการกำหนดทิศทางการ"),
        (0, "ป้องกันและปราบปรามการทุจริตและประพฤติมิชอบของเจ้าหน้าที่ทุกระดับอย่างต่อเนื่อง"),
        (0, "ตามแผนงานที่วางไว้"),
        (0, "๑. หลักการและเหตุผล"),
        (0, "2. Objectives of the plan"),
    )
    for number, (indent, text) in enumerate(lines):
        document.text(30 + indent, 40 + number * 8, text)
    document.text(100, 285, "- 1 -")  # a page number alone: dropped
    path = tmp_path / "wrapped.pdf"
    document.output(str(path))

    source = read_pdf(str(path))
    assert source.paragraphs == [
        "องค์การบริหารส่วนตำบลตัวอย่างมีบทบาทหน้าที่หลักในการกำหนดทิศทางการ"
        "ป้องกันและปราบปรามการทุจริตและประพฤติมิชอบของเจ้าหน้าที่ทุกระดับอย่างต่อเนื่อง"
        "ตามแผนงานที่วางไว้",
        "๑. หลักการและเหตุผล",
        "2. Objectives of the plan",
    ]
    assert any("รวมบรรทัด" in note and "2 แห่ง" in note for note in source.notes)


def test_scan_without_text_layer_gives_no_text_and_says_so(tmp_path):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 550, 120), fill="black")
    path = tmp_path / "scan.pdf"
    image.save(path, "PDF", resolution=72)

    source = read_pdf(str(path))
    assert source.has_text is False
    assert source.blocks == []
    assert len(source.notes) == 1
    assert "ภาพสแกน" in source.notes[0] and "OCR" in source.notes[0]
    assert "แนบไฟล์" in source.notes[0]


def test_locked_pdf_is_refused_with_a_thai_message(tmp_path):
    document = thai_pdf()
    document.cell(0, 10, "ลับ")
    document.set_encryption(owner_password="owner", user_password="user")
    path = tmp_path / "locked.pdf"
    document.output(str(path))
    with pytest.raises(PdfUnreadable) as raised:
        read_pdf(str(path))
    assert "locked.pdf" in str(raised.value) and "รหัสผ่าน" in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_damaged_pdf_is_refused_with_a_thai_message(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really a pdf")
    with pytest.raises(PdfUnreadable) as raised:
        read_pdf(str(path))
    assert "broken.pdf" in str(raised.value) and "ไฟล์เสีย" in str(raised.value)


def glyph(text, x0, width, top=10.0, size=14.0):
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size,
            "size": size, "fontname": "ABCDEF+Sarabun"}


def test_marks_travel_with_their_letter_and_unmapped_glyphs_are_counted():
    # ร้อง as a PDF stores it: the tone mark's x is just past the start of อ.
    chars = [glyph("ร", 0, 7), glyph("\u0e49", 7.3, 0), glyph("อ", 7.0, 8), glyph("ง", 15, 6),
             glyph("(cid:9)", 21, 0), glyph("(cid:12)", 21, 7), glyph("ต", 28, 8),
             glyph("(cid:16)", 35.9, 0), glyph("ำ", 36, 7)]
    counts = pdf_reader._PageCounts()
    lines = pdf_reader._lines(pdf_reader._clusters(chars, counts))
    assert [line.text for line in lines] == [f"ร้อง{pdf_reader.UNREADABLE}ตำ"]
    assert (counts.lost_marks, counts.unreadable) == (1, 1)
