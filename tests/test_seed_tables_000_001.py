"""The tables of seeds 000 (seven แบบ บส.๔ tables) and 001 (HR policy report).

Two kinds of checks:
- the data files themselves, read with yaml_source exactly as docs/tables.md defines them
  (keys, header grid, cell types): these need nothing but the files;
- the published result described in docs/tables.md: an accessible HTML table
  (<caption>, th with scope, colspan/rowspan as in the source) and <id>.csv (UTF-8 with BOM,
  Arabic digits, amounts as numbers) beside the page. These need the tables plugin.
"""

import csv
import io
import json
import re

import pytest
from example_site import CONTENT, built_example
from table_html import head_rows, span, tables, words

from portal import thai_format, yaml_source

SEED_000 = CONTENT / "documents" / "2568" / "report-2568-001"
SEED_001 = CONTENT / "documents" / "2566" / "report-2566-001"
DIVISIONS = {  # table id -> (caption ends with, data rows)
    "bs4-office": ("สำนักปลัด เทศบาลตำบลเทพนคร", 1),
    "bs4-finance": ("กองคลัง เทศบาลตำบลเทพนคร", 1),
    "bs4-engineering": ("กองช่าง เทศบาลตำบลเทพนคร", 2),
    "bs4-health": ("กองสาธารณสุขและสิ่งแวดล้อม เทศบาลตำบลเทพนคร", 1),
    "bs4-education": ("กองการศึกษา เทศบาลตำบลเทพนคร", 1),
    "bs4-strategy": ("กองยุทธศาสตร์และงบประมาณ เทศบาลตำบลเทพนคร", 1),
    "bs4-audit": ("หน่วยตรวจสอบภายใน เทศบาลตำบลเทพนคร", 1),
}
BS4_CAPTION = "แบบ บส.๔ รายงานการติดตามผลการบริหารความเสี่ยง ประจำปีงบประมาณ พ.ศ.๒๕๖๘ "
BS4_COLUMNS = ["code", "activity", "method", "period", "owner", "result", "evidence", "progress",
               "issues"]
HR_CAPTION = ("รายงานผลการดำเนินงานตามนโยบายการบริหารทรัพยากรบุคคลองค์การบริหารส่วนตำบลไผ่สิงห์ "
              "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖")
HR_LEAVES = ["ลำดับที่", "กิจกรรม", "เป้าหมาย ปี ๒๕๖๖", "ผลการดำเนินงาน", "ข้อบัญญัติ ปี ๒๕๖๖",
             "เบิกจ่ายจริง", "ตามนโยบาย", "ไม่เป็นไปตามนโยบาย", "แล้วเสร็จ",
             "-ความเสี่ยงปัญหา/อุปสรรค -แนวทางแก้ไข"]
POLICIES = [
    "๑. นโยบายการวางแผนกำลังคน",
    "๒. นโยบายการสรรหาคนดีคนเก่งเพื่อปฏิบัติงานตามภารกิจของหน่วยงาน",
    "๓. นโยบายการบรรจุ และแต่งตั้งบุคลากร",
    "๔. นโยบายการพัฒนาบุคลากร",
    "๕. นโยบายการประเมินผลการปฏิบัติงาน",
    "๖. นโยบายการส่งเสริมจริยธรรมและรักษาวินัยของบุคลากรในหน่วยงาน",
    "๗. นโยบายการสร้างความก้าวหน้าในสายอาชีพ",
    "๘. นโยบายการพัฒนาคุณภาพชีวิต",
]
TICKS_001 = 17  # "/" marks in the source table


def load(path):
    return yaml_source.load(path.read_text("utf-8")).data


def leaf_labels(header) -> list:
    """Lay out a multi-row header like HTML does; return the leaf cells' labels left to right."""
    taken, leaves = set(), []
    for r, row in enumerate(header):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            rows, cols = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            taken |= {(r + dr, c + dc) for dr in range(rows) for dc in range(cols)}
            if cols == 1 and r + rows == len(header):
                leaves.append((c, cell["label"]))
            c += cols
    width = 1 + max(c for _, c in taken)
    assert taken == {(r, c) for r in range(len(header)) for c in range(width)}, "header has holes"
    return [label for _, label in sorted(leaves)]


def check_cells(table):
    """Every row key is a column key and every value fits its column's type (docs/tables.md)."""
    types = {column["key"]: column.get("type", "text") for column in table["columns"]}
    for row in table["rows"]:
        if "section" in row:
            assert set(row) == {"section"}
            continue
        assert set(row) <= set(types), set(row) - set(types)
        for key, value in row.items():
            digits = thai_format.arabic_digits(value)
            if types[key] == "tick":
                assert value == "true", (key, value)
            elif types[key] == "money":
                assert value == "-" or re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", digits), (
                    key, value)
            elif types[key] == "percent":
                assert re.fullmatch(r"\d+(\.\d+)?%?", digits), (key, value)


def data_rows(table):
    return [row for row in table["rows"] if "section" not in row]


# ------------------------------------------------------------------ the data files


@pytest.mark.parametrize("table_id", DIVISIONS)
def test_bs4_table_file_follows_the_format(table_id):
    table = load(SEED_000 / f"{table_id}.table.yaml")
    assert table["caption"] == BS4_CAPTION + DIVISIONS[table_id][0]
    assert [column["key"] for column in table["columns"]] == BS4_COLUMNS
    labels = [column["label"] for column in table["columns"]]
    assert [label.split(")")[0] + ")" for label in labels] == [f"({thai_format.thai_digits(n)})"
                                                              for n in range(3, 12)]
    assert "header" not in table  # one row of column labels, as the source draws it
    assert len(data_rows(table)) == DIVISIONS[table_id][1]
    check_cells(table)


def test_bs4_engineering_is_one_table_across_the_source_page_break():
    rows = load(SEED_000 / "bs4-engineering.table.yaml")["rows"]
    assert [row["code"] for row in rows] == ["๐๑", "๐๒"]
    assert rows[0]["result"] == "ยังไม่ได้ดำเนินการ"
    assert not {"evidence", "progress", "issues"} & set(rows[0])  # empty in the source
    assert rows[1]["progress"] == "๑๐๐%"


def test_bs4_cells_keep_lists_and_underlined_labels():
    finance = load(SEED_000 / "bs4-finance.table.yaml")["rows"][0]
    assert finance["issues"].startswith("<u>ปัญหา อุปสรรค</u>\n\n- มีการแก้ไขเพิ่มเติมกฎ ระเบียบ")
    assert "\n\n<u>แนวทางแก้ไข</u>\n\n- ผู้ปฏิบัติงานควรหมั่น" in finance["issues"]
    strategy = load(SEED_000 / "bs4-strategy.table.yaml")["rows"][0]
    assert strategy["issues"].startswith("**ปัญหา อุปสรรค**\n\n- ผู้ปฏิบัติงานยังขาดความรู้")
    assert strategy["method"].count("\n- ") == 2


def test_hr_table_file_follows_the_format():
    table = load(SEED_001 / "hr-policy-2566.table.yaml")
    assert table["caption"] == HR_CAPTION
    assert [column["label"] for column in table["columns"]] == HR_LEAVES
    assert leaf_labels(table["header"]) == HR_LEAVES
    assert [row["section"] for row in table["rows"] if "section" in row] == POLICIES
    assert len(data_rows(table)) == 16
    check_cells(table)
    ticks = sum(value == "true" for row in data_rows(table) for value in row.values())
    assert ticks == TICKS_001


def test_hr_table_budgets_and_ticks_as_in_the_source():
    rows = data_rows(load(SEED_001 / "hr-policy-2566.table.yaml"))
    budgets = [(row.get("budget_bylaw"), row.get("budget_spent")) for row in rows]
    assert budgets.count(("-", "-")) == 14
    assert ("๑๔๐,๐๐๐", "๒๒,๔๖๐") in budgets and ("๔๖๕,๘๐๐", "๒๔๓,๑๗๐") in budgets
    placement = rows[3]  # ๓. การบรรจุและแต่งตั้ง: the row with two marks
    assert placement["activity"].startswith("การดำเนินการบรรจุและแต่งตั้งบุคลากร")
    marks = (placement.get("per_policy"), placement["not_per_policy"], placement["done"])
    assert marks == (None, "true", "true")


# ------------------------------------------------------------------ the published tables


@pytest.fixture(scope="module")
def page_000():
    return (built_example() / "documents" / "report-2568-001" / "index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def page_001():
    return (built_example() / "documents" / "report-2566-001" / "index.html").read_text("utf-8")


def head(found) -> list:
    """The rows of the table's <thead>, each a list of cells."""
    return [row["cells"] for row in head_rows(found)]


def body(found) -> list:
    """Every other row of the table (each <tbody>, <tfoot>, rows outside a section)."""
    return [row["cells"] for row in found["rows"] if row["part"] != "thead"]


def text(cell) -> str:
    return words(cell["text"])


def published_csv(slug, table_id) -> list:
    raw = (built_example() / "documents" / slug / f"{table_id}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM (for Excel)"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_bs4_tables_are_rendered_with_captions_and_column_headers(page_000):
    found = tables(page_000)
    assert [words(table["caption"]) for table in found] == [BS4_CAPTION + end
                                                            for end, _ in DIVISIONS.values()]
    for table_id, table in zip(DIVISIONS, found, strict=True):
        assert f'id="{table_id}"' in page_000
        columns = load(SEED_000 / f"{table_id}.table.yaml")["columns"]
        labels = [column["label"] for column in columns]
        assert len(head(table)) == 1
        assert [text(cell) for cell in head(table)[0]] == labels
        assert {(cell["tag"], cell["attrs"].get("scope")) for cell in head(table)[0]} == {
            ("th", "col")}
        assert len(body(table)) == DIVISIONS[table_id][1]
        for row in body(table):
            # (๓) รหัสความเสี่ยง
            assert (row[0]["tag"], row[0]["attrs"].get("scope")) == ("th", "row")
            assert len(row) == 9


def test_bs4_sample_cells(page_000):
    # not strict: the length check below says what is missing
    found = dict(zip(DIVISIONS, tables(page_000), strict=False))
    assert len(found) == len(DIVISIONS), "the แบบ บส.๔ tables are not rendered"
    office = body(found["bs4-office"])[0]
    assert text(office[0]) == "๐๑"
    assert text(office[1]) == "การบริหารงาน บุคคล"
    assert text(office[3]) == "๑ ต.ค.๖๗ ถึง ๓๐ ก.ย.๖๘"
    assert text(office[7]) == "๕๐%"
    assert "<li>ประกาศ เรื่องการรับ สมัครบุคคลเพื่อสรรหา" in office[6]["markup"]
    assert "<u>ปัญหา อุปสรรค</u>" in office[8]["markup"]
    assert "<u>แนวทางแก้ไข</u>" in office[8]["markup"]
    engineering = body(found["bs4-engineering"])
    assert text(engineering[0][5]) == "ยังไม่ได้ดำเนินการ"
    assert [text(cell) for cell in engineering[0][6:]] == ["", "", ""]
    assert text(engineering[1][0]) == "๐๒" and text(engineering[1][7]) == "๑๐๐%"
    strategy = body(found["bs4-strategy"])[0]
    assert "<strong>ปัญหา อุปสรรค</strong>" in strategy[8]["markup"]
    assert strategy[8]["markup"].count("<li>") == 4
    education = body(found["bs4-education"])[0]
    assert text(education[7]) == "๓๐%"


def test_bs4_csv_beside_the_page_in_arabic_digits():
    rows = published_csv("report-2568-001", "bs4-engineering")
    data = [row for row in rows if "02" in row]
    assert len(data) == 1, rows
    row = data[0]
    code = row.index("02")
    assert row[code + 7] == "100"  # (๑๐) ร้อยละความคืบหน้า as a number
    assert row[code + 3] == "1 ต.ค.67 ถึง 30 ก.ย.68"
    assert not re.search("[๐-๙]", "".join(row))
    assert all("<u>" not in cell and "**" not in cell for row in rows for cell in row)
    json.loads((built_example() / "documents" / "report-2568-001" / "bs4-engineering.json")
               .read_text("utf-8"))


def test_hr_table_has_one_two_level_header(page_001):
    found = tables(page_001)
    assert [words(table["caption"]) for table in found] == [HR_CAPTION]
    rows = head(found[0])
    assert len(rows) == 2
    top = [(text(cell), span(cell, "rowspan"), span(cell, "colspan")) for cell in rows[0]]
    assert top == [
        ("ลำดับที่", 2, 1), ("กิจกรรม", 2, 1), ("เป้าหมาย ปี ๒๕๖๖", 2, 1), ("ผลการดำเนินงาน", 2, 1),
        ("งบประมาณ (บาท)", 1, 2), ("ผลการดำเนินงาน", 1, 3),
        ("-ความเสี่ยงปัญหา/อุปสรรค -แนวทางแก้ไข", 2, 1),
    ]
    assert [text(cell) for cell in rows[1]] == ["ข้อบัญญัติ ปี ๒๕๖๖", "เบิกจ่ายจริง", "ตามนโยบาย",
                                               "ไม่เป็นไปตามนโยบาย", "แล้วเสร็จ"]
    for cell in rows[0] + rows[1]:
        assert cell["tag"] == "th"
        assert cell["attrs"].get("scope") == ("colgroup" if span(cell, "colspan") > 1 else "col")


def test_hr_table_sections_rows_ticks_and_money(page_001):
    rows = body(tables(page_001)[0])
    sections = [row for row in rows if len(row) == 1]
    assert [text(row[0]) for row in sections] == POLICIES
    assert all(span(row[0], "colspan") == 10 for row in sections)
    data = [row for row in rows if len(row) > 1]
    assert len(data) == 16 and all(len(row) == 10 for row in data)
    first = data[0]
    assert text(first[0]) == "๑"
    assert text(first[1]) == "ปรับปรุงแผนอัตรากำลัง ๓ ปี ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ - ๒๕๖๖"
    assert [text(cell) for cell in first[4:6]] == ["-", "-"]
    ticked = [cell for row in data for cell in row[6:9] if "✓" in text(cell)]
    assert len(ticked) == TICKS_001
    assert not any("✓" in text(cell) for row in data for cell in row[:6] + row[9:])
    # a tick is read aloud with its column's label: said in the cell, or tied to the
    # column's <th> through the cell's headers attribute
    done = first[8]
    done_th = head(tables(page_001)[0])[1][4]
    assert text(done_th) == "แล้วเสร็จ"
    assert "✓" in text(done)
    assert ("แล้วเสร็จ" in text(done) + " ".join(done["spoken"])
            or done_th["attrs"].get("id") in done["attrs"].get("headers", "").split())
    training = next(row for row in data if text(row[4]) == "๑๔๐,๐๐๐")
    assert text(training[5]) == "๒๒,๔๖๐"
    assert ["✓" in text(cell) for cell in training[6:9]] == [True, False, False]
    assert "<u>สังกัด กองช่าง</u>" in data[1][3]["markup"]


def test_hr_csv_has_numbers_ticks_and_empty_amounts():
    rows = published_csv("report-2566-001", "hr-policy-2566")
    text = "".join(cell for row in rows[1:] for cell in row)
    assert not re.search("[๐-๙]", text)
    training = next(row for row in rows if "140000" in row)
    at = training.index("140000")
    assert training[at + 1:at + 5] == ["22460", "true", "false", "false"]
    placement = next(row for row in rows
                     if any(cell.startswith("การดำเนินการบรรจุและแต่งตั้งบุคลากร ตามแผน")
                            for cell in row))
    at = next(i for i, cell in enumerate(placement) if cell.startswith("การดำเนินการบรรจุ"))
    assert placement[at + 3:at + 8] == ["", "", "false", "true", "true"]
    assert any("สังกัด กองช่าง" in cell and "<u>" not in cell for row in rows for cell in row)
