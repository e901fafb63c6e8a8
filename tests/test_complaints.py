"""The complaints section: real builds from data/complaints.yaml, read back as a visitor would."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, Site, document
from table_html import body_rows, head_rows, tables, texts

from portal import thai_format
from portal.complaints import linebreak

DATA = os.path.join(ROOT, "data", "complaints.yaml")
ARTIFACTS = os.path.join(ROOT, "artifacts")
PAGES_WITH_CHANNELS = ("complaints/index.html", "complaints/channels/index.html",
                       "complaints/form/index.html")
ALL_PAGES = PAGES_WITH_CHANNELS + ("complaints/process/index.html",)
PDF = "complaints/form/complaint-form.pdf"

# Seed 002, section 9: the channels, in the manual's order.
CHANNELS = ("ร้องเรียนด้วยตนเอง", "ทางไปรษณีย์", "โทรศัพท์และโทรสาร",
            "ตู้รับเรื่องร้องเรียน/ร้องทุกข์", "เว็บไซต์", "Facebook",
            "สายตรงนายกองค์การบริหารส่วนตำบลตัวอย่าง")

# Seed 002, sections 6, 8 and 12: the steps and their time limits, with the manual's digits.
STEPS = (
    ("รับเรื่องร้องเรียนการทุจริตจากทุกช่องทาง", None),
    ("ลงทะเบียนหนังสือรับขององค์การบริหารส่วนตำบลตัวอย่าง", "ระยะเวลา ๓ ชั่วโมง"),
    ("ลงทะเบียนรับเรื่องร้องเรียนการทุจริตของศูนย์ปฏิบัติการต่อต้านการทุจริต "
     "และเสนอผู้บัญชาการสั่งการ", "ระยะเวลา ๑ วัน"),
    ("แจกจ่ายให้หน่วยงานที่เกี่ยวข้องไปดำเนินการตามคำสั่งของผู้บังคับบัญชา", "ระยะเวลา 3 ชั่วโมง"),
    ("ตรวจสอบข้อเท็จจริง", None),
    ("แจ้งผลให้ผู้ร้องเรียนทราบ", "ภายใน 7 วัน หรือภายใน ๑๕ วัน"),
    ("รายงานผลการจัดการเรื่องร้องเรียนให้ผู้บริหารทราบ", "ทุกไตรมาส"),
)

# Seed 002, appendix: the form's printed labels, top to bottom.
FORM_LABELS = (
    "แบบคำร้องเรียนการทุจริตและประพฤติมิชอบ", "องค์การบริหารส่วนตำบลตัวอย่าง",
    "วันที่", "เดือน", "พ.ศ.", "เรื่อง", "เรียน นายกองค์การบริหารส่วนตำบลตัวอย่าง",
    "ข้าพเจ้า", "อายุ", "ปี อยู่บ้านเลขที่", "หมู่ที่", "ตำบล", "อำเภอ", "จังหวัด", "โทรศัพท์",
    "มีความประสงค์ขอร้องเรียน/แจ้งเบาะแสการทุจริตและประพฤติมิชอบ",
    "พิจารณาดำเนินการตรวจสอบหรือช่วยเหลือและแก้ไขปัญหา",
    "ข้อกล่าวหา/ข้อร้องเรียน (เรื่อง)",
    "ทั้งนี้เพื่อให้นายกองค์การบริหารส่วนตำบลตัวอย่าง พิจารณาดำเนินการ ดังนี้",
    "โดยข้าพเจ้าขอรับรองว่า", "ตามข้อความข้างต้นเป็นจริงทุกประการ", "(ถ้ามี) ได้แก่",
    "๑)", "จำนวน", "ชุด", "๒)", "จำนวน", "ชุด", "๓)", "จำนวน", "ชุด",
    "ลงชื่อ", "ผู้ร้อง", "เลขที่รับ", "วันที่", "เวลา", "น.", "ลงชื่อ", "ผู้รับคำร้อง", "ตำแหน่ง",
)


def data_text() -> str:
    with open(DATA, encoding="utf-8") as handle:
        return handle.read()


def build_with(tmp_path, text=None, files=None, **settings):
    """Build an empty content folder with ``text`` as the complaints data file."""
    site = Site(tmp_path)
    if files:
        site.add(files)
    path = tmp_path / "complaints.yaml"
    path.write_text(data_text() if text is None else text, encoding="utf-8")
    return site, site.build(COMPLAINTS_DATA=str(path), **settings), str(path)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site, result, _ = build_with(tmp_path_factory.mktemp("complaints"))
    assert result.ok, result.message
    return site


def squeeze(value: str) -> str:
    """``value`` without any whitespace: Thai lines wrap between words."""
    return re.sub(r"\s+", "", value)


def in_order(text: str, needles) -> None:
    """Every needle occurs in ``text``, each after the one before."""
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        assert found >= 0, f"{needle!r} missing (or out of order) after position {position}"
        position = found + len(needle)


def ordered_list(page: str) -> str:
    match = re.search(r'<ol class="complaints-steps[^"]*">(.*?)</ol>', page, re.S)
    assert match, "no ordered list of steps"
    return match[1]


# ------------------------------------------------------------------ channels


def test_every_page_with_channels_lists_all_channels(built):
    for page_path in PAGES_WITH_CHANNELS:
        page = built.read(page_path)
        in_order(page, [f"{name}</" for name in CHANNELS])
        assert "0-0000-0000 ต่อ 17 (ตัวอย่าง)" in page, page_path


def test_one_edit_of_a_phone_number_changes_every_page(tmp_path):
    old = "0-0000-0000 ต่อ 17 (ตัวอย่าง)"
    site, result, _ = build_with(tmp_path, data_text().replace(old, "0-3637-4047 ต่อ 17"))
    assert result.ok, result.message
    for page_path in PAGES_WITH_CHANNELS:
        page = site.read(page_path)
        assert '<a href="tel:036374047">0-3637-4047 ต่อ 17</a>' in page, page_path
        assert old not in page, page_path


def test_channels_table_has_headers_and_one_row_per_channel(built):
    page = built.read("complaints/channels/index.html")
    [found] = [found for found in tables(page)
               if found["caption"].startswith("ช่องทางรับเรื่องร้องเรียนการทุจริตและประพฤติมิชอบของ")]
    assert texts(head_rows(found)[0]) == [
        "ช่องทาง", "รายละเอียดการติดต่อ", "ความถี่ในการตรวจสอบช่องทาง",
        "ระยะเวลาดำเนินการรับข้อร้องเรียนเพื่อประสานหาทางแก้ไขปัญหา", "หมายเหตุ"]
    assert all(cell["attrs"]["scope"] == "col" for cell in head_rows(found)[0]["cells"])
    rows = body_rows(found)
    assert all(row["cells"][0]["attrs"]["scope"] == "row" for row in rows)
    assert [row["cells"][0]["text"] for row in rows] == list(CHANNELS)
    cells = {row["cells"][0]["text"]: [cell["html"] for cell in row["cells"][1:]] for row in rows}
    assert cells["ทางไปรษณีย์"][1:] == ["ทุกวันทำการ", "ภายใน ๑๕ วันทำการ", "เว้นวันหยุดราชการ"]
    assert cells["ตู้รับเรื่องร้องเรียน/ร้องทุกข์"][3] == "-"
    assert '<a href="https://www.example.org/">https://www.example.org/</a>' in cells["เว็บไซต์"][0]


def test_online_channel_and_email_come_from_the_settings(tmp_path):
    site, result, _ = build_with(
        tmp_path, COMPLAINTS_ONLINE_URL="https://eservice.example.org/complaint",
        COMPLAINTS_ONLINE_LABEL="ระบบรับเรื่องร้องเรียนออนไลน์", COMPLAINTS_EMAIL="report@example.org")
    assert result.ok, result.message
    for page_path in PAGES_WITH_CHANNELS:
        page = site.read(page_path)
        assert ('<a href="https://eservice.example.org/complaint">ระบบรับเรื่องร้องเรียนออนไลน์</a>'
                in page), page_path
        assert '<a href="mailto:report@example.org">report@example.org</a>' in page, page_path


def test_pages_say_the_site_stores_nothing_and_which_values_are_examples(built):
    for page_path in ALL_PAGES:
        page = built.read(page_path)
        assert "ไม่เก็บเรื่องร้องเรียน" in page and "ไม่บันทึกข้อมูลส่วนบุคคล" in page, page_path
        assert "เป็นค่าตัวอย่าง" in page and "องค์การบริหารส่วนตำบลโคกแย้" in page, page_path
        # no form to send a complaint: the only form is the site's search box
        forms = re.findall(r"<form[^>]*>", page)
        assert all('role="search"' in form and 'method="get"' in form for form in forms), page_path


def test_how_to_complain_what_is_refused_and_protection_are_on_the_hub(built):
    page = built.read("complaints/index.html")
    in_order(page, ["สิ่งที่ควรระบุในคำร้องเรียน", "ชื่อ นามสกุล ตำแหน่ง และสังกัดของผู้ถูกร้องเรียน",
                    "เรื่องที่ไม่รับพิจารณา", "บัตรสนเท่ห์",
                    "การคุ้มครองผู้ร้องเรียน", "ถูกเก็บเป็นความลับ"])
    assert "ITA 2569 ข้อ O16" in page and "ITA 2569 ข้อ O17" in page
    for page_path in ("complaints/index.html", "complaints/process/index.html"):
        assert ("<dt>หน่วยรับเรื่อง</dt><dd>ศูนย์ปฏิบัติการต่อต้านการทุจริต"
                "องค์การบริหารส่วนตำบลตัวอย่าง</dd>") in built.read(page_path), page_path
    assert "ITA 2569 ข้อ O17" in built.read("complaints/channels/index.html")
    assert "ITA 2569 ข้อ O16" in built.read("complaints/process/index.html")


# ------------------------------------------------------------------ process


def test_process_steps_and_time_limits_in_order(built):
    steps = ordered_list(built.read("complaints/process/index.html"))
    expected = []
    for step, time in STEPS:
        expected.append(f"<strong>{step}</strong>")
        if time:
            expected.append(f'<span class="complaints-time">{time}</span>')
    in_order(steps, expected)
    assert steps.count("<strong>") == len(STEPS)
    in_order(steps, ["ภายใน 7 วัน", "ภายใน ๑๕ วัน นับแต่วันที่ได้รับเรื่อง"])
    hub = ordered_list(built.read("complaints/index.html"))
    in_order(hub, [f"{step} ({time})" if time else step for step, time in STEPS])


def test_the_chart_is_an_accessible_svg_of_the_same_steps(built):
    page = built.read("complaints/process/index.html")
    svg = re.search(r"<svg .*?</svg>", page, re.S)[0]
    assert 'role="img"' in svg
    assert 'aria-labelledby="complaints-flow-title complaints-flow-desc"' in svg
    assert ('<title id="complaints-flow-title">'
            'ขั้นตอนการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ</title>') in svg
    description = re.search(r'<desc id="complaints-flow-desc">(.*?)</desc>', svg, re.S)[1]
    in_order(description, [part for step in STEPS for part in step if part])
    drawn = "".join(re.findall(r"<text [^>]*>(.*?)</text>", svg))
    in_order(drawn, [time for _, time in STEPS if time])
    assert svg.count("<rect ") == len(STEPS)
    assert "ข้อความแทนภาพ" in page  # the caption points to the ordered list


def test_a_time_limit_edited_once_changes_the_list_and_the_chart(tmp_path):
    text = data_text().replace("time: ระยะเวลา ๑ วัน", "time: ระยะเวลา ๒ วัน")
    site, result, _ = build_with(tmp_path, text)
    assert result.ok, result.message
    page = site.read("complaints/process/index.html")
    svg = re.search(r"<svg .*?</svg>", page, re.S)[0]
    assert "ระยะเวลา ๒ วัน" in ordered_list(page) and "ระยะเวลา ๒ วัน" in svg
    assert "ระยะเวลา ๑ วัน" not in page


# ------------------------------------------------------------------ the form


def test_printable_form_page_has_the_labels_and_dotted_fill_in_spaces(built):
    page = built.read("complaints/form/index.html")
    form = re.search(r'<section class="complaint-form".*?</section>', page, re.S)[0]
    text = re.sub(r"<[^>]+>", "", form)
    in_order(text, FORM_LABELS)
    assert form.count('class="blank') >= 30
    assert '<span class="blank w6"></span>' in form  # วันที่ [6]
    widths = built.read("complaints/form/form-widths.css")
    assert ".complaint-form .blank.w6 { width: 6ch; }" in widths
    assert re.search(r'<link rel="stylesheet" href="[./]*/complaints/form/form-widths.css">', page)
    css = Path(ROOT, "theme", "static", "css", "complaints.css").read_text(encoding="utf-8")
    assert "dotted" in css and "@media print" in css and "size: A4" in css


def test_download_links_show_type_and_size(built):
    for page_path in ("complaints/index.html", "complaints/form/index.html"):
        page = built.read(page_path)
        for extension, kind, title in (
                ("pdf", "PDF", "แบบคำร้องเรียนการทุจริตและประพฤติมิชอบ"),
                ("docx", "DOCX", "แบบคำร้องเรียนการทุจริตและประพฤติมิชอบ (แก้ไขได้)")):
            form = built.output / f"complaints/form/complaint-form.{extension}"
            size = thai_format.file_size(os.path.getsize(form))
            assert re.search(rf'<a href="[./]*complaints/form/complaint-form\.{extension}" '
                             "download>" + re.escape(f"{title}</a> ({kind}, {size})"),
                             page), (page_path, kind)


def test_docx_is_an_editable_a4_form_with_the_labels_in_order_and_dotted_tabs(built):
    import zipfile

    with zipfile.ZipFile(built.output / "complaints/form/complaint-form.docx") as archive:
        parts = {"[Content_Types].xml", "_rels/.rels", "word/document.xml"}
        assert parts <= set(archive.namelist())
        document = archive.read("word/document.xml").decode("utf-8")
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in document  # A4 in twentieths of a point
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", document))
    in_order(squeeze(text), [squeeze(label) for label in FORM_LABELS])
    assert document.count('w:leader="dot"') >= 30


def test_pdf_is_one_a4_page_with_the_font_embedded_and_thai_text_in_order(built):
    path = str(built.output / PDF)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info
    assert "595.28 x 841.89 pts (A4)" in info
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
    sarabun = [line.split() for line in fonts.splitlines() if "Sarabun" in line]
    assert len(sarabun) == 2 and all(row[-5] == "yes" for row in sarabun)  # "emb" column
    text = subprocess.run(["pdftotext", "-raw", path, "-"], capture_output=True, text=True,
                          check=True).stdout
    # Shaping must not corrupt the text: SARA AM, tone marks, no split clusters.
    for word in ("การทุจริต", "ตำบลตัวอย่าง", "ดำเนินการ", "ผู้ร้อง", "อยู่บ้านเลขที่", "ทั้งนี้"):
        assert word in text, word
    # Lines wrap between Thai words, so compare without line breaks and spaces.
    in_order(squeeze(text), [squeeze(label) for label in FORM_LABELS])


def test_pdf_renders_to_png_for_a_person_to_look_at(built):
    """artifacts/complaint-form-1.png (gitignored) is the page as a person sees it."""
    from PIL import Image

    os.makedirs(ARTIFACTS, exist_ok=True)
    prefix = os.path.join(ARTIFACTS, "complaint-form")
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(built.output / PDF), prefix], check=True)
    image = Image.open(prefix + "-1.png").convert("L")
    width, height = image.size
    assert abs(height / width - 297 / 210) < 0.01
    dark = sum(1 for value in image.get_flattened_data() if value < 128)
    assert dark > 0.01 * width * height  # text and dotted lines, not a blank page
    assert not os.path.exists(prefix + "-2.png")


def test_thai_text_breaks_between_words_and_not_inside_brackets():
    if not linebreak.available():
        pytest.fail("libthai is missing: "
                    "install the Debian packages in scripts/debian-packages.txt")
    pieces = linebreak.pieces("มีความประสงค์ขอร้องเรียน (ถ้ามี) ได้แก่")
    assert "".join(pieces) == "มีความประสงค์ขอร้องเรียน (ถ้ามี) ได้แก่"
    assert pieces[:3] == ["มี", "ความ", "ประสงค์"]
    assert "(ถ้ามี) " in pieces


# ------------------------------------------------------------------ mistakes in the data file


def _replace_line(text: str, old: str, new: str) -> tuple[str, int]:
    """Replace the first line containing ``old``; return the text and that line's number."""
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if old in line:
            lines[number - 1] = line.replace(old, new)
            return "\n".join(lines), number
    raise AssertionError(f"{old!r} not in the data file")


MISTAKES = {
    "misspelt channel field": ("    checked: ทุกวันทำการ", "    chekced: ทุกวันทำการ",
                               "ไม่รู้จักช่อง \"chekced\"", "หมายถึง checked หรือไม่"),
    "unknown placeholder": ("head: นายก{organisation}", "head: นายก{องค์กร}",
                            "ไม่รู้จัก {องค์กร}", "{organisation}"),
    "bad fill-in space": ("- line: เรื่อง [*]", "- line: เรื่อง [ยาว]",
                          "ช่องกรอก [ยาว] ไม่ถูกต้อง", "[*]"),
    "web address without http": ("website: https://www.example.org/", "website: www.example.org",
                                 "ไม่ใช่ที่อยู่เว็บไซต์", "https://"),
    "ITA items written here, not in the catalog": (
        "reviewed: 3 ธันวาคม 2569", "ita:\n  channels:\n    2569: [O17]\nreviewed: 3 ธันวาคม 2569",
        "ช่อง ita ย้ายไปอยู่ในรายการข้อ ITA แล้ว", "answered_by: [complaints/channels]"),
    "reviewed in the future": ("reviewed: 3 ธันวาคม 2569", "reviewed: 3 ธันวาคม 2570",
                               "ยังมาไม่ถึง", "ต้องไม่หลังวันนี้"),
    "line too long for A4": ("- ลงชื่อ [20] ผู้ร้อง", "- ลงชื่อ [60] ผู้ร้อง [40]",
                             "ยาวเกินความกว้างของกระดาษ A4", "แยกเป็นสองบรรทัด"),
    "YAML syntax": ("    note: เว้นวันหยุดราชการ", "    note: เว้นวันหยุด: ราชการ",
                    "มีเครื่องหมาย : อยู่ในค่าของช่องนี้", "เครื่องหมายคำพูด"),
    "unknown form part option": ("      align: right\n", "      align: rigth\n",
                                 "align ต้องเป็น left, center หรือ right", "align: right"),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_a_mistake_in_the_data_file_names_file_and_line_and_publishes_nothing(tmp_path, name):
    old, new, message, hint = MISTAKES[name]
    if "\n" in old:
        text = data_text()
        line = text[: text.index(old)].count("\n") + 1
        text = text.replace(old, new, 1)
    else:
        text, line = _replace_line(data_text(), old, new)
    site, result, path = build_with(tmp_path, text)
    assert not result.ok
    assert f"{path}:{line}: " in result.message, result.message
    assert message in result.message and hint in result.message, result.message
    assert not os.path.exists(site.output)


def test_a_missing_required_field_is_reported(tmp_path):
    text, line = _replace_line(data_text(), "    response: ภายใน ๑๕ วันทำการ", "    response:")
    site, result, path = build_with(tmp_path, text)
    assert not result.ok
    assert f"{path}:{line}: ช่อง response ไม่มีค่า" in result.message, result.message


def test_a_missing_data_file_is_reported(tmp_path):
    site = Site(tmp_path)
    missing = str(tmp_path / "nowhere.yaml")
    result = site.build(COMPLAINTS_DATA=missing)
    assert not result.ok
    assert f"{missing}:1: ไม่พบไฟล์ข้อมูลช่องทางร้องเรียน" in result.message


def test_a_document_cannot_take_a_complaints_url(tmp_path):
    page = document(title="ร้องเรียน", type="page", slug="complaints")
    site, result, _ = build_with(tmp_path, files={"pages/ร้องเรียน.md": page})
    assert not result.ok
    assert ('pages/ร้องเรียน.md:4: ชื่อในลิงก์ "complaints" ทำให้ลิงก์ complaints/ ซ้ำกับหน้า '
            '"การร้องเรียนการทุจริตและประพฤติมิชอบ" (จาก data/complaints.yaml)') in result.message, \
        result.message
    assert "พบข้อผิดพลาด 1 รายการ" in result.message


def test_real_data_file_builds_without_copying(tmp_path):
    """The committed data file itself is valid (the other tests use copies of it)."""
    site = Site(tmp_path)
    result = site.build()
    assert result.ok, result.message
    assert shutil.which("pdftotext"), "poppler-utils is missing"
    assert (site.output / PDF).exists()
