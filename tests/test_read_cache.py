"""`invoke serve` re-reads only what changed (a rebuild.Session), and never shows a stale
page."""

import os
import shutil
import time

import pytest
from conftest import ROOT, announcement

WARM = {"warm": True}  # a build of the site's serve session (conftest.Site.build)


def touch_later(path):
    """Make sure the file's stamp differs from the one the cache saw."""
    later = time.time() + 5
    os.utime(path, (later, later))


def table_file(caption):
    return (f"caption: {caption}\ncolumns:\n  - {{key: name, label: ช่องทาง}}\n"
            "rows:\n  - {name: โทรศัพท์}\n")


def test_an_edited_document_is_read_again(site):
    site.add({"documents/a.md": announcement(title="ฉบับแรก")})
    assert site.build(**WARM).ok
    site.add({"documents/a.md": announcement(title="ฉบับแก้ไข")})
    touch_later(site.content / "documents/a.md")
    result = site.build(**WARM)
    assert result.ok, result.message
    assert "<h1>ฉบับแก้ไข</h1>" in site.read("documents/announcement-2568-001/index.html")


def test_errors_of_an_unchanged_document_are_reported_on_every_build(site):
    site.add({"documents/a.md": announcement(type="ประกาศศ")})
    first = site.build(**WARM)
    second = site.build(**WARM)
    assert not first.ok and not second.ok
    assert "documents/a.md:3: ช่อง type" in second.message


def test_an_attachment_added_or_replaced_is_seen(site):
    doc = announcement(attachments="\n  - file: ฉบับลงนาม.pdf\n    title: ฉบับลงนาม")
    site.add({"documents/a.md": doc})
    assert "ไม่พบไฟล์แนบ" in site.build(**WARM).message
    site.add({"documents/ฉบับลงนาม.pdf": b"%PDF-1.4 " + b"x" * 100})
    result = site.build(**WARM)
    assert result.ok, result.message
    assert "(PDF, 109 ไบต์)" in site.read("documents/announcement-2568-001/index.html")
    site.add({"documents/ฉบับลงนาม.pdf": b"%PDF-1.4 " + b"x" * 5000})
    touch_later(site.content / "documents/ฉบับลงนาม.pdf")
    assert site.build(**WARM).ok
    assert "(PDF, 4.9 KB)" in site.read("documents/announcement-2568-001/index.html")


def test_a_linked_file_outside_the_folder_is_seen(site):
    site.add({"documents/2568/a.md": announcement(body="[ผัง]({static}/images/ผัง.png)")})
    assert "ลิงก์ไปยังไฟล์ที่ไม่มีอยู่" in site.build(**WARM).message
    site.add({"images/ผัง.png": b"\x89PNG"})
    assert site.build(**WARM).ok


def test_an_edited_ita_catalog_is_seen(site, tmp_path):
    # The real catalogs (the complaints section cites their items), with an item added later.
    catalogs = tmp_path / "ita"
    shutil.copytree(os.path.join(ROOT, "data", "ita"), catalogs)
    catalog = catalogs / "2569.yaml"
    site.add({"documents/a.md": announcement(ita="\n  2569: [O27]")})
    assert "ไม่มีข้อ \"O27\"" in site.build(ITA_CATALOG_DIR=str(catalogs), **WARM).message
    with open(catalog, "a", encoding="utf-8") as extended:
        extended.write("          - code: O27\n            name: ข้อที่เพิ่มภายหลัง\n"
                       "            period: current\n")
    touch_later(catalog)
    result = site.build(ITA_CATALOG_DIR=str(catalogs), **WARM)
    assert result.ok, result.message
    assert "ITA 2569 ข้อ O27 ข้อที่เพิ่มภายหลัง" in site.read(
        "documents/announcement-2568-001/index.html")


@pytest.fixture
def parsed(monkeypatch):
    """The names of the documents the reader parses (not served from the cache), in order."""
    from portal import front_matter

    names = []
    original = front_matter.FrontMatterReader._parse

    def counting(self, source_path, decoded):
        names.append(os.path.basename(source_path))
        return original(self, source_path, decoded)

    monkeypatch.setattr(front_matter.FrontMatterReader, "_parse", counting)
    return names


def test_only_the_changed_document_is_parsed_again(site, parsed):
    site.add({"documents/a.md": announcement(slug="a-1"),
              "documents/b.md": announcement(slug="b-1")})
    assert site.build(**WARM).ok
    assert sorted(parsed) == ["a.md", "b.md"]
    parsed.clear()
    site.add({"documents/b.md": announcement(slug="b-1", title="แก้ชื่อเรื่อง")})
    touch_later(site.content / "documents/b.md")
    assert site.build(**WARM).ok
    assert parsed == ["b.md"]
    parsed.clear()
    assert site.build().ok  # a one-off build (invoke build, check, publish) reads everything
    assert sorted(parsed) == ["a.md", "b.md"]


def test_a_file_beside_the_document_edited_in_place_reads_the_folder_again(site, parsed):
    # e.g. a table file (docs/tables.md) that another plugin reads while the body is
    # converted: the cache cannot know it, so any file beside the documents counts.
    site.add({"documents/a.md": announcement(slug="a-1", body="::: table t1.table.yaml"),
              "documents/t1.table.yaml": table_file("ช่องทาง ก")})
    assert site.build(**WARM).ok
    parsed.clear()
    (site.content / "documents/t1.table.yaml").write_text(table_file("ช่องทาง ข"), encoding="utf-8")
    touch_later(site.content / "documents/t1.table.yaml")
    assert site.build(**WARM).ok
    assert parsed == ["a.md"]
    assert ">ช่องทาง ข</caption>" in site.read("documents/a-1/index.html")
    parsed.clear()
    site.add({"documents/b.md": announcement(slug="b-1")})  # a new document beside it
    assert site.build(**WARM).ok
    assert parsed == ["b.md"]


@pytest.fixture
def tables_loaded(monkeypatch):
    """The names of the table files the tables plugin loads (not served from its cache)."""
    from portal import tables

    names = []
    original = tables.load_table

    def counting(path):
        names.append(os.path.basename(path))
        return original(path)

    monkeypatch.setattr(tables, "load_table", counting)
    return names


def test_an_unchanged_table_is_not_loaded_again_and_one_off_builds_load_it(site, tables_loaded):
    site.add({"documents/a.md": announcement(slug="a-1", body="::: table t1.table.yaml"),
              "documents/t1.table.yaml": table_file("ช่องทาง ก")})
    assert site.build(**WARM).ok
    first_html = site.read("documents/a-1/index.html")
    first_csv = site.read("documents/a-1/t1.csv")
    site.add({"documents/b.md": announcement(slug="b-1")})  # reads a.md again (same folder)
    tables_loaded.clear()
    assert site.build(**WARM).ok
    assert tables_loaded == []
    assert site.read("documents/a-1/index.html") == first_html
    assert site.read("documents/a-1/t1.csv") == first_csv
    assert site.build().ok  # a one-off build (invoke build, check, publish) loads every table
    assert tables_loaded == ["t1.table.yaml"]


def test_errors_of_an_unchanged_table_are_reported_on_every_build(site, tables_loaded):
    broken = "caption: ช่องทาง\ncolumns:\n  - {key: name, label: ช่องทาง, type: nummber}\nrows: []\n"
    site.add({"documents/a.md": announcement(slug="a-1", body="::: table t1.table.yaml"),
              "documents/t1.table.yaml": broken})
    first = site.build(**WARM)
    site.add({"documents/b.md": announcement(slug="b-1")})
    second = site.build(**WARM)
    assert tables_loaded == ["t1.table.yaml"]
    assert not first.ok and not second.ok
    assert "documents/t1.table.yaml:3: ไม่รู้จักชนิดคอลัมน์" in first.message
    assert "documents/t1.table.yaml:3: ไม่รู้จักชนิดคอลัมน์" in second.message
