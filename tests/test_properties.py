"""Property-based: whatever staff put in the content folder, the build ends cleanly.

Hypothesis writes malformed front matter (random YAML-ish text, random keys
and values, nested values of the wrong shape, broken fences, tabs, invalid
UTF-8) and random Thai/ASCII file names with spaces, on top of a site that was
built before. Every build must end either ok, with a page for every published
document, or not ok with only ``path:line: `` errors (each with its hint) in
the message: never an exception, never a traceback, and the output folder is
always the previous site, with no staging folder left beside it.
"""

import os
import re
import shutil
import string
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import Site, announcement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal import yaml_source
from portal.front_matter import decode_source
from portal.front_matter.schema import FIELDS
from portal.front_matter.validate import split_front_matter

settings.register_profile(
    "portal", max_examples=60, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# A longer hunt, run by hand: HYPOTHESIS_PROFILE=deep .venv/bin/pytest tests/test_properties.py
settings.register_profile("deep", parent=settings.get_profile("portal"), max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "portal"))

THAI = "".join(chr(c) for c in range(0x0E01, 0x0E5B) if chr(c).isprintable())
YAML_SPECIAL = ":-[]{}#&*!|>'\"%@`,?\\"
INVISIBLE = "\x00\x07\u200b\ufeff"  # as copied from PDFs
TEXT = st.text(alphabet=(THAI + string.ascii_letters + string.digits + YAML_SPECIAL + " \t"
                         + INVISIBLE),
               max_size=40)
KEYS = st.one_of(st.sampled_from([f.key for f in FIELDS] + ["name", "position", "file", "title"]),
                 st.text(alphabet=THAI + string.ascii_lowercase + "_", min_size=1, max_size=12))
SCALARS = st.one_of(TEXT, st.sampled_from([
    "2569", "๒๕๖๘", "2566-2570", "16 พฤษภาคม 2568", "31/09/2568", "2025-02-30", "O16", "[O1, O99]",
    "ประกาศ", "page", "draft", "published", "null", "~", "", "yes", "072", "1e3", ".nan",
    "&a [*a]", "*a", "[[[[[[[[", "0001-01-01", "1/1/0100", "a" * 300, '"\\ud800"', "!!binary x",
]))
NESTED = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(KEYS, children, max_size=3)),
    max_leaves=8,
)
GOOD_FIELDS = {
    "title": "ประกาศใช้แผนพัฒนาท้องถิ่น",
    "type": "ประกาศ",
    "slug": "announcement-2568-001",
    "date": "๑๗ กรกฎาคม ๒๕๖๘",
}
LINE_ERROR = re.compile(r"^(?P<path>.+?):(?P<line>\d+): \S")


def _yaml_value(value) -> str:
    if isinstance(value, str):
        return value
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=None).rstrip("\n")
    return "\n" + "\n".join("  " + line for line in dumped.split("\n"))


@st.composite
def front_matter_lines(draw):
    """Front matter lines: a valid document's fields, mutated at random."""
    fields = dict(GOOD_FIELDS)
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["replace", "remove", "add", "nested"]))
        key = draw(KEYS)
        if action == "remove":
            fields.pop(draw(st.sampled_from(sorted(fields))), None)
        elif action == "nested":
            fields[key] = _yaml_value(draw(NESTED))
        else:
            fields[key] = draw(SCALARS)
    lines = []
    for key, value in fields.items():
        lines += f"{key}:{'' if value.startswith(chr(10)) else ' '}{value}".split("\n")
    for _ in range(draw(st.integers(0, 2))):  # stray lines: indentation, tabs, fences
        position = draw(st.integers(0, len(lines)))
        lines.insert(position, draw(st.one_of(
            TEXT, st.sampled_from(["---", "...", "  - ", "\t", "- name: ก", ":", "&a [*a]"]))))
    return lines


@st.composite
def documents(draw):
    """The bytes of one Markdown file, malformed in any of several ways."""
    lines = draw(front_matter_lines())
    opening = draw(st.sampled_from(["---", "---", "---", "--- ", "--", "", "\ufeff---"]))
    closing = draw(st.sampled_from(["---", "---", "...", "--- x", ""]))
    body = draw(st.sampled_from([
        "เนื้อหาของเอกสาร", "ดู [ไฟล์](ไม่มี.pdf)", "[ลิงก์](../ไม่มี/)", "<script>alert(1)</script>",
        "ดู [ข้อ](#ไม่มี)", "![ภาพ]({static}/images/x.png)", "[a]: <b c>",
    ]))
    text = "\n".join([opening, *lines, closing, "", body, ""]) if opening else "\n".join(lines)
    raw = text.encode("utf-8")
    if draw(st.booleans()) and draw(st.booleans()):  # one in four: damage the bytes
        position = draw(st.integers(0, len(raw)))
        raw = raw[:position] + draw(st.binary(min_size=1, max_size=4)) + raw[position:]
    return raw


FILE_NAMES = st.text(alphabet=THAI + string.ascii_letters + string.digits + " -_()",
                     min_size=1, max_size=24).filter(lambda n: n.strip() and n[0] != "-")
EXTENSIONS = st.sampled_from([".md", ".md", ".md", ".MD", ".txt", ".markdown", ""])


class PreviousSite:
    """One good site built once; each example starts from a copy of it."""

    def __init__(self, base: Path):
        self.base = base
        site = Site(base)
        site.add({"documents/good.md": announcement(slug="announcement-2568-099")})
        result = site.build()
        assert result.ok, result.message
        self.files = sorted(p.relative_to(site.output) for p in site.output.rglob("*"))

    def copy(self) -> Site:
        base = Path(tempfile.mkdtemp(prefix="portal-prop-"))
        shutil.copytree(self.base / "content", base / "content")
        shutil.copytree(self.base / "site", base / "site")
        site = Site.__new__(Site)
        site.content, site.output = base / "content", base / "site" / "output"
        site.root = base
        return site


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory):
    return PreviousSite(tmp_path_factory.mktemp("previous"))


def check_outcome(site, previous, result, written):
    """The property every build must have, whatever the input."""
    parent = site.output.parent
    assert os.listdir(parent) == ["output"], "a staging folder was left behind"
    if result.ok:
        for path in written:
            if path.suffix != ".md":
                continue
            text = decode_source(path.read_bytes())
            yaml_text, first_line, _body, _ = split_front_matter(text)
            data = yaml_source.load(yaml_text, first_line).data
            folder = "drafts" if data.get("status") in ("draft", "ร่าง") else "documents"
            page = site.output / folder / data["slug"] / "index.html"
            assert page.is_file(), f"{path.name} has no page"
        return
    assert "Traceback" not in result.message
    lines = result.message.split("\n")
    assert lines[-1].startswith("พบข้อผิดพลาด "), result.message
    in_hint = False
    for line in lines[:-1]:
        if line.startswith("    วิธีแก้ (fix): ") or (in_hint and line.startswith(" ")):
            in_hint = True  # a hint, and the lines of its YAML example
            continue
        in_hint = False
        match = LINE_ERROR.match(line)
        assert match, f"not a path:line: error: {line!r}\n{result.message}"
        assert int(match["line"]) >= 1
        assert os.path.isabs(match["path"]) or os.path.exists(match["path"]), line
    assert result.errors
    # the previous site is online, untouched
    after = sorted(p.relative_to(site.output) for p in site.output.rglob("*"))
    assert after == previous.files


def build_with(previous, files: dict):
    site = previous.copy()
    written = []
    for relative, raw in files.items():
        path = site.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        written.append(path)
    try:
        result = site.build()
        check_outcome(site, previous, result, written)
    finally:
        shutil.rmtree(site.root, ignore_errors=True)
    return result


@given(document=documents())
def test_any_front_matter_builds_or_fails_with_file_and_line(previous_site, document):
    build_with(previous_site, {"documents/2568/new.md": document})


@given(name=FILE_NAMES, extension=EXTENSIONS, folder=st.sampled_from(["", "2568/", "ปี 2568/"]),
       document=st.one_of(documents(),
                          st.just(announcement(slug="announcement-2568-002").encode())))
def test_any_file_name_builds_or_fails_with_file_and_line(previous_site, name, extension,
                                                         folder, document):
    build_with(previous_site, {f"documents/{folder}{name}{extension}": document})


@given(raw=st.binary(max_size=200))
def test_random_bytes_as_a_document(previous_site, raw):
    build_with(previous_site, {"documents/สุ่ม.md": b"---\n" + raw})


@given(first=documents(), second=documents())
def test_two_malformed_documents_at_once(previous_site, first, second):
    build_with(previous_site, {"documents/a.md": first, "pages/b.md": second})


# ---------------------------------------------------------------- table data (docs/tables.md)
# Without the tables plugin the ::: line is a paragraph and the YAML file is
# ignored; with it, the same property covers every mistake in table files.

VALID_TABLE = {
    "caption": "รายงานผลการใช้จ่ายงบประมาณ",
    "columns": [
        {"key": "no", "label": "ลำดับ", "type": "number"},
        {"key": "project", "label": "โครงการ", "row_header": "true"},
        {"key": "budget", "label": "งบประมาณ (บาท)", "type": "money"},
        {"key": "done", "label": "ดำเนินการแล้ว", "type": "tick"},
    ],
    "rows": [
        {"section": "๑. ยุทธศาสตร์การพัฒนา"},
        {"no": "๑", "project": "ซ่อมถนน **หมู่ ๓**", "budget": "๑,๒๐๐,๐๐๐", "done": "true"},
        {"no": "2", "project": "ขุดลอกคลอง", "budget": "300000.50", "done": ""},
        {"total": "รวม", "values": {"budget": "1,500,000.50"}, "check": "true"},
    ],
    "notes": ["หมายเหตุ ข้อมูล ณ ๓๐ กันยายน ๒๕๖๘"],
}
TABLE_PATHS = st.sampled_from([
    ("caption",), ("columns",), ("columns", 0, "type"), ("columns", 1, "key"), ("columns", 2),
    ("rows",), ("rows", 1, "budget"), ("rows", 2, "no"), ("rows", 3, "values", "budget"),
    ("rows", 3, "check"), ("rows", 0), ("rows", 1, "unknown"), ("header",), ("notes",), ("id",),
])


@st.composite
def table_files(draw):
    import copy

    table = copy.deepcopy(VALID_TABLE)
    for _ in range(draw(st.integers(0, 3))):
        path = draw(TABLE_PATHS)
        parent = table
        try:
            for step in path[:-1]:
                parent = parent[step]
            value = draw(st.one_of(NESTED, st.sampled_from(["-", "๕๐%", "1e9", "-5", "๑,๒๓๔"])))
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            pass
    text = yaml.safe_dump(table, allow_unicode=True, sort_keys=False)
    if draw(st.booleans()) and draw(st.booleans()):
        lines = text.split("\n")
        lines.insert(draw(st.integers(0, len(lines))), draw(TEXT))
        text = "\n".join(lines)
    return text.encode("utf-8")


@given(table=table_files(), name=st.sampled_from(["ตาราง.table.yaml", "t1.table.yaml"]),
       missing=st.booleans())
def test_malformed_table_data(previous_site, table, name, missing):
    body = f"ย่อหน้าแรก\n\n::: table {name}\n\nย่อหน้าสุดท้าย"
    files = {"documents/a.md": announcement(slug="announcement-2568-002", body=body).encode()}
    if not missing:
        files[f"documents/{name}"] = table
    build_with(previous_site, files)
