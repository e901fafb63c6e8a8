"""One list of yes/no words: front matter, complaints data, table files and ITA
catalogs accept the same words and refuse anything else with the same message."""

import os
import shutil

import pytest
from conftest import ROOT, announcement

from portal import build_state, content_errors, ita_catalog, yaml_source
from portal.complaints import data as complaints_data
from portal.front_matter import schema
from portal.front_matter.validate import validate
from portal.tables.model import load_table

CATALOGS = os.path.join(ROOT, "data", "ita")
YES = ["true", "yes", "ใช่", "True", " YES ", "Yes"]
NO = ["false", "no", "ไม่ใช่", "ไม่", "FALSE", " No"]
WRONG = ["flase", "บางที", "1", "y"]
MESSAGE = "ต้องเป็น true หรือ false (must be true or false)"


def test_the_words():
    assert all(yaml_source.flag(word) is True for word in YES)
    assert all(yaml_source.flag(word) is False for word in NO)
    assert all(yaml_source.flag(word) is None for word in WRONG + ["", None, ["yes"]])
    error = yaml_source.flag_error("flase")
    assert error.message == f"\"flase\" ใช้ไม่ได้ {MESSAGE}"
    assert all(word in error.hint for word in ("true", "yes", "ใช่", "false", "no", "ไม่ใช่", "ไม่"))


# ------------------------------------------------------------------ each reader


def front_matter(word, tmp_path):
    text = announcement(nothing_to_report=f'"{word}"', ita="\n  2569: [O18]")
    located = yaml_source.load(text.split("---")[1], 1)  # starts with the fence's line break
    ctx = schema.ParseContext(str(tmp_path), lambda: ita_catalog.load_catalogs(CATALOGS))
    values, problems = validate(located, ctx)
    return values.get("nothing_to_report"), [(p.line, p.message) for p in problems], 6


def complaints(word, tmp_path):
    with open(os.path.join(ROOT, "data", "complaints.yaml"), encoding="utf-8") as handle:
        text = handle.read()
    line = text[: text.index("\n      indent: yes")].count("\n") + 2
    path = tmp_path / "complaints.yaml"
    path.write_text(text.replace("\n      indent: yes", f'\n      indent: "{word}"', 1),
                    encoding="utf-8")
    with build_state.opened():  # the errors of a build of its own
        section = complaints_data.load(str(path), "อบต.")
        errors = [(error.line, error.message) for error in content_errors.errors()]
    part = next((p for p in section.form.parts if p.line == line - 1), None) if section else None
    return (part.indent if part else None), errors, line


TABLE = """\
caption: ตาราง
columns:
  - {key: a, label: ก, row_header: "WORD"}
  - {key: b, label: ข, type: tick}
rows:
  - {a: หนึ่ง, b: "WORD"}
"""


def table(word, tmp_path):
    path = tmp_path / "t.table.yaml"
    path.write_text(TABLE.replace("WORD", word), encoding="utf-8")
    found, problems = load_table(str(path))
    if found is None:
        return None, [(problem.line, problem.message) for problem in problems], 3
    assert found.rows[0].cells["b"].value is found.columns[0].row_header
    return found.columns[0].row_header, [], 3


def edited_catalogs(tmp_path, year: int, old: str, new: str):
    """A copy of the real catalogs with ``old`` replaced by ``new`` in one
    year's file: (the folder, the line of ``old``)."""
    folder = tmp_path / "ita"
    shutil.copytree(CATALOGS, folder)
    path = folder / f"{year}.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder, line


def catalog(word, tmp_path):
    old = "          - code: O1\n"
    folder, line = edited_catalogs(tmp_path, 2569, old,
                                   old + f'            confirmed: "{word}"\n')
    line += 1  # the line added below the code
    try:
        catalogs = ita_catalog.load_catalogs(str(folder))
    except ita_catalog.CatalogError as error:
        return None, [(problem.line, problem.message) for _path, problem in error.problems], line
    return catalogs[2569].items["O1"].confirmed, [], line


READERS = {"front matter": front_matter, "complaints": complaints, "table": table,
           "catalog": catalog}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("word", YES + NO)
def test_every_reader_accepts_the_same_words(reader, word, tmp_path):
    value, problems, _line = READERS[reader](word, tmp_path)
    assert problems == []
    assert value is (word in YES)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("word", WRONG)
def test_every_reader_refuses_anything_else_with_the_same_message(reader, word, tmp_path):
    value, problems, line = READERS[reader](word, tmp_path)
    assert value is None
    found = [(at, message) for at, message in problems if f"\"{word}\" ใช้ไม่ได้" in message]
    assert len(found) == 1, problems
    assert found[0][0] == line and found[0][1].endswith(MESSAGE)


def test_a_catalog_confirmed_misspelt_or_in_thai_no_longer_counts_as_confirmed(tmp_path):
    # Before one list of words, anything but exactly "false" counted as confirmed.
    assert catalog("ไม่ใช่", tmp_path / "a")[0] is False
    value, problems, line = catalog("flase", tmp_path / "b")
    assert value is None
    assert problems == [(line, f"ช่อง confirmed: \"flase\" ใช้ไม่ได้ {MESSAGE}")]


def test_a_misspelt_catalog_confirmed_fails_the_build_with_file_and_line(site, tmp_path):
    folder, line = edited_catalogs(tmp_path, 2568, "        confirmed: false",
                                   "        confirmed: flase")
    site.add({"documents/a.md": announcement()})
    result = site.build(ITA_CATALOG_DIR=str(folder))
    assert not result.ok
    assert f"2568.yaml:{line}: ช่อง confirmed: \"flase\" ใช้ไม่ได้" in result.message, result.message
    assert "Traceback" not in result.message
