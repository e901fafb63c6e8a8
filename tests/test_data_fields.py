"""yaml_source.Fields, the one reader of the data files staff edit, and the
ITA catalogs read with it: every mistake with its line, all at once."""

import pytest

from portal import ita_catalog, yaml_source
from portal.yaml_source import FieldError, Fields


def fields(text: str) -> Fields:
    return Fields(yaml_source.load(text))


def test_text_trims_and_names_what_is_missing_empty_or_not_text():
    reader = fields("a: '  ก ข  '\nb:\nc: [x]\nd:\n  - ข้อ\n  -\n")
    assert reader.text(("a",)) == "ก ข"
    assert reader.text(("b",), required=False) == "" and reader.text(("z",), required=False) == ""
    with pytest.raises(FieldError) as empty:
        reader.text(("b",), label="ชื่อ")
    assert empty.value.message == "ช่อง b (ชื่อ) ไม่มีค่า (empty value)"
    assert reader.line(empty.value.where) == 2
    with pytest.raises(FieldError) as missing:
        reader.text(("z",))
    assert missing.value.message == "ไม่มีช่อง z (missing field)" and missing.value.where == ()
    with pytest.raises(FieldError) as listed:
        reader.text(("c",))
    assert "ต้องเป็นข้อความ" in listed.value.message
    with pytest.raises(FieldError) as entry:
        reader.texts(("d",))
    assert entry.value.message == "รายการที่ 2 ของช่อง d ไม่มีค่า (empty value)"
    assert reader.line(entry.value.where) == 6


def test_attempt_records_the_mistake_with_its_line_and_goes_on():
    reader = fields("a: x\nb: [1]\n")
    assert reader.attempt(reader.text, ("b",), default="?") == "?"
    assert reader.attempt(reader.text, ("a",), default="?") == "x"
    assert [(problem.line, problem.message[:6]) for problem in reader.problems] == [(2, "ช่อง b")]


def test_mapping_records_each_unknown_key_and_suggests_the_closest():
    reader = fields("top:\n  name: ก\n  nmae: ข\n  zzz: ค\n")
    assert reader.mapping(("top",), ("name", "code"), "ตัวอย่าง")["name"] == "ก"
    assert [(p.line, p.message, p.hint) for p in reader.problems] == [
        (3, "ไม่รู้จักช่อง \"nmae\" ในตัวอย่าง (unknown field)", "หมายถึง name หรือไม่"),
        (4, "ไม่รู้จักช่อง \"zzz\" ในตัวอย่าง (unknown field)", "ช่องที่ใช้ได้: name, code"),
    ]
    with pytest.raises(FieldError):
        reader.mapping(("top", "name"), ("x",), "ตัวอย่าง")
    assert reader.mapping(("nothing",), ("x",), "ตัวอย่าง", required=False) == {}


def test_items_and_flags():
    reader = fields("list: [a, b]\nempty: []\non: ใช่\ncheck: All\n")
    assert reader.items(("list",), "ข้อ") == ["a", "b"]
    assert reader.items(("none",), "ข้อ", required=False) == []
    with pytest.raises(FieldError) as empty:
        reader.items(("empty",), "ข้อ")
    assert "ต้องเป็นรายการข้ออย่างน้อยหนึ่งรายการ" in empty.value.message
    assert reader.flag(("on",)) is True and reader.flag(("off",), default=None) is None
    assert reader.flag(("check",), extra=("all",)) == "all"
    with pytest.raises(FieldError) as wrong:
        reader.flag(("list",))
    assert wrong.value.message.startswith("ช่อง list: รายการ ใช้ไม่ได้")


# ------------------------------------------------------------------ catalogs

GOOD = """\
year: 2569
indicators:
  - code: "9"
    name: การเปิดเผยข้อมูล
    groups:
      - code: "9.1"
        name: ข้อมูลพื้นฐาน
        items:
          - {code: O1, name: โครงสร้าง, period: current}
          - {code: O2, name: ผู้บริหาร, period: previous, confirmed: ไม่}
"""


def catalogs(tmp_path, **files):
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return ita_catalog.load_catalogs(str(tmp_path))


def problems(tmp_path, **files):
    with pytest.raises(ita_catalog.CatalogError) as error:
        catalogs(tmp_path, **files)
    return [(path.rsplit("/", 1)[-1], problem.line, problem.message)
            for path, problem in error.value.problems]


def test_a_catalog_and_one_that_takes_its_items_from_it(tmp_path):
    found = catalogs(tmp_path, **{"2569": GOOD, "2570": "year: 2570\nitems_from: 2569\n"})
    assert [item.code for item in found[2570].items.values()] == ["O1", "O2"]
    assert found[2570].items["O1"].year == 2570 and found[2569].items["O1"].year == 2569
    assert found[2570].items["O2"].confirmed is False
    assert found[2570].evaluates_fiscal_year == 2570


def test_every_mistake_of_every_catalog_file_at_once(tmp_path):
    broken = GOOD.replace("period: previous", "period: last")
    broken = broken.replace("    name: การ", "    nmae: การ")
    assert problems(tmp_path, **{"2569": broken, "2570": "year: 2571\n",
                                 "2571": "year: 2571\nitems_from: 2500\n"}) == [
        ("2569.yaml", 4, "ไม่รู้จักช่อง \"nmae\" ในตัวชี้วัด (unknown field)"),
        ("2569.yaml", 3, "ไม่มีช่อง name (missing field)"),
        ("2569.yaml", 10, "ข้อ O2: period \"last\" ไม่ถูกต้อง (unknown period)"),
        ("2570.yaml", 1, "ช่อง year ต้องเป็นปี พ.ศ. เดียวกับชื่อไฟล์ (2570) (year must match file name)"),
        ("2571.yaml", 2, "items_from: 2500 ต้องชี้ไปยังไฟล์ของปีที่มีรายการข้ออยู่จริง "
                         "(items_from must name a catalog with its own items)"),
    ]


@pytest.mark.parametrize("text, line, message", [
    ("year: 2569\nindicators: [x]\n", 2, "ตัวชี้วัดต้องเป็นชุดของ ชื่อช่อง: ค่า"),
    ("year: 2569\nindicators:\n  - {code: '9', name: ก, groups: x}\n", 3,
     "ช่อง groups ต้องเป็นรายการกลุ่มข้ออย่างน้อยหนึ่งรายการ"),
    ("- year: 2569\n", 1, "ไฟล์ ITA ต้องเป็นชุดของ ชื่อช่อง: ค่า"),
    ("year: 2569\nevaluates_fiscal_year: สองห้า\nitems_from: 2569\n", 2,
     "evaluates_fiscal_year \"สองห้า\" ต้องเป็นปี พ.ศ. 4 หลัก"),
    (GOOD.replace("O2", "O1"), 10, "รหัส O1 ซ้ำในปี 2569 (duplicate item code)"),
])
def test_a_catalog_of_the_wrong_shape_is_a_mistake_not_a_traceback(tmp_path, text, line, message):
    found = problems(tmp_path, **{"2569": text})
    assert any(at == line and message in said for _name, at, said in found), found


def test_a_catalog_that_is_not_utf8_is_a_mistake(tmp_path):
    (tmp_path / "2569.yaml").write_bytes(GOOD.encode("tis-620"))
    with pytest.raises(ita_catalog.CatalogError) as error:
        ita_catalog.load_catalogs(str(tmp_path))
    assert "UTF-8" in error.value.message


def test_one_function_reports_the_catalog_mistakes(tmp_path):
    (tmp_path / "2569.yaml").write_text(GOOD.replace("O2", "X2"), encoding="utf-8")
    told = []
    assert ita_catalog.load_catalogs_or_report(str(tmp_path), lambda *args: told.append(args)) == {}
    assert [(path.rsplit("/", 1)[-1], line) for path, line, _message, _hint in told] == [
        ("2569.yaml", 10)]


def test_evidence_items_name_the_year_and_code_that_are_wrong(tmp_path):
    found = catalogs(tmp_path, **{"2569": GOOD})
    assert [item.code for item in ita_catalog.evidence_items({"๒๕๖๙": ["o1", "O 2"]}, found)] \
        == ["O1", "O2"]
    with pytest.raises(FieldError) as error:
        ita_catalog.evidence_items({"2569": ["O3"]}, found)
    assert error.value.where == ("2569",) and "รหัสข้อของปี 2569 คือ O1 ถึง O2" in error.value.hint
