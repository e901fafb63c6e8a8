"""The staff guide is generated from the schema and must match it."""

import os
import re

from conftest import ROOT

from portal.front_matter import scaffold
from portal.front_matter.schema import DOCUMENT_TYPES, FIELDS


def test_staff_guide_is_up_to_date():
    with open(os.path.join(ROOT, "docs", "front-matter.md"), encoding="utf-8") as handle:
        committed = handle.read()
    assert committed == scaffold.staff_guide(), "run: invoke docs"


def test_staff_guide_lists_every_field_and_type():
    guide = scaffold.staff_guide()
    for field in FIELDS:
        assert f"| `{field.key}` | {field.label} |" in guide
    for doc_type in DOCUMENT_TYPES:
        assert f"| {doc_type.label} | `{doc_type.key}` |" in guide


def test_field_table_names_every_type_that_needs_the_field():
    # The date rule is stated once, in the schema: the field table must not say that
    # only ข่าวประชาสัมพันธ์ needs a date while the type table says ประกาศ does too.
    row = next(line for line in scaffold.staff_guide().splitlines()
               if line.startswith("| `date` |"))
    needed = row.split(" | ")[2]
    assert needed.split(", ") == [t.label for t in DOCUMENT_TYPES if "date" in t.requires]
    assert needed.startswith("ประกาศ, คำสั่ง, บันทึกข้อความ")


def test_readme_has_the_two_setup_commands_and_ci_runs_the_test_one():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    commands = re.findall(r"```sh\n(.+?)\n```", readme)
    assert commands[:2] == ["bash scripts/bootstrap && .venv/bin/invoke serve",
                            "bash scripts/bootstrap && .venv/bin/invoke test"]
    with open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8") as handle:
        assert commands[1] in handle.read()
