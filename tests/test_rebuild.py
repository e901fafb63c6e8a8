"""`invoke serve` rebuilds reuse the pages whose inputs did not change, and never a stale one.

The guarantee checked here: after any edit, the site a rebuild makes is byte for
byte the site a one-off build of the same content makes.
"""

import datetime
import filecmp
import gc
import os
import shutil
import weakref
import zoneinfo

import pytest
from conftest import DEV_SETTINGS, ROOT, announcement
from pelican import signals
from test_read_cache import WARM, table_file, touch_later

from portal import search, site_build

# The search bundle is Pagefind's: test_search checks it.
VARIES = ("pagefind/",)


def site_files(folder, folders=False):
    """The site's files (or with ``folders``, its folders), but the search bundle's."""
    found = set()
    for base, dirs, names in os.walk(folder):
        for name in dirs if folders else names:
            relative = os.path.relpath(os.path.join(base, name), folder).replace(os.sep, "/")
            if not (relative + "/").startswith(VARIES):
                found.add(relative)
    return found


def assert_same_as_one_off_build(site, tmp_path, **settings):
    fresh = tmp_path / "one-off"
    result = site_build.build(DEV_SETTINGS, overrides={
        "PATH": str(site.content), "OUTPUT_PATH": str(fresh), "ORGANISATION_DATA": "",
        **settings})
    assert result.ok, result.message
    rebuilt, expected = site_files(site.output), site_files(fresh)
    assert rebuilt == expected
    # A rebuild writes into the folders of an earlier site (site_build's spare):
    # none that the one-off build lacks may stay, even empty.
    assert site_files(site.output, folders=True) == site_files(fresh, folders=True)
    differ = [name for name in sorted(expected)
              if not filecmp.cmp(site.output / name, fresh / name, shallow=False)]
    assert differ == []
    shutil.rmtree(fresh)


def html_pages(site):
    return [name for name in site_files(site.output) if name.endswith(".html")]


@pytest.fixture
def three_documents(site):
    site.add({
        "documents/a.md": announcement(slug="a-1", title="ประกาศฉบับหนึ่ง"),
        "documents/b.md": announcement(slug="b-1", title="ประกาศฉบับสอง", date="17/05/2568"),
        "documents/c.md": announcement(slug="c-1", title="ประกาศฉบับสาม", date="18/05/2568"),
    })
    assert site.build(**WARM).ok
    return site


def edit(site, relative, text):
    site_build.settle(site.session)  # the earlier site is a spare again, as seconds after a save
    site.add({relative: text})
    touch_later(site.content / relative)
    result = site.build(**WARM)
    assert result.ok, result.message


def test_a_body_edit_renders_its_page_and_reuses_the_others(three_documents, tmp_path):
    site = three_documents
    edit(site, "documents/b.md", announcement(slug="b-1", title="ประกาศฉบับสอง", date="17/05/2568",
                                              body="ย่อหน้าที่แก้ไขใหม่"))
    assert "ย่อหน้าที่แก้ไขใหม่" in site.read("documents/b-1/index.html")
    # Rendered again: the edited page, and the home page (Pelican's paginated index).
    assert site.session.pages_reused == len(html_pages(site)) - 2
    assert_same_as_one_off_build(site, tmp_path)


def test_the_first_edit_of_an_old_document_renders_only_its_own_page(site, tmp_path):
    # Committed long ago: the first save moves its "last changed" day to today,
    # which only its own page shows (portal/rebuild/pages.py). Saved with no
    # change, so that only the day tells the page must be rendered again.
    site.add({
        "documents/a.md": announcement(slug="a-1", title="ประกาศฉบับหนึ่ง"),
        "documents/b.md": announcement(slug="b-1", title="ประกาศฉบับสอง", date="17/05/2568"),
    })
    long_ago = datetime.datetime(2025, 1, 10, 12, tzinfo=datetime.UTC).timestamp()
    for name in ("documents/a.md", "documents/b.md"):
        os.utime(site.content / name, (long_ago, long_ago))
    assert site.build(**WARM).ok
    assert 'datetime="2025-01-10"' in site.read("documents/b-1/index.html")
    edit(site, "documents/b.md", announcement(slug="b-1", title="ประกาศฉบับสอง", date="17/05/2568"))
    today = datetime.datetime.fromtimestamp(os.stat(site.content / "documents/b.md").st_mtime,
                                            zoneinfo.ZoneInfo("Asia/Bangkok")).date()
    page = site.read("documents/b-1/index.html")
    assert f'datetime="{today.isoformat()}"' in page and "2025-01-10" not in page
    assert site.session.pages_reused == len(html_pages(site)) - 2  # b's page and the home page
    assert_same_as_one_off_build(site, tmp_path)


def test_a_rebuild_makes_again_only_the_edited_document(three_documents, tmp_path):
    site = three_documents
    edit(site, "documents/c.md", announcement(slug="c-1", title="ประกาศฉบับสาม", date="18/05/2568",
                                              body="เนื้อหาใหม่ของฉบับสาม"))
    # a and b: their objects are copies of the previous build's
    assert site.session.documents_reused == 2
    assert "เนื้อหาใหม่ของฉบับสาม" in site.read("documents/c-1/index.html")
    assert_same_as_one_off_build(site, tmp_path)
    edit(site, "documents/a.md", announcement(slug="a-1", title="ประกาศฉบับหนึ่ง",
                                              body="เนื้อหาใหม่ของฉบับหนึ่ง"))
    assert site.session.documents_reused == 2  # b and c: the count is this build's own


def test_a_table_file_edited_alone_reaches_its_page(site, tmp_path):
    site.add({"documents/a.md": announcement(slug="a-1", body="::: table hr.table.yaml"),
              "documents/hr.table.yaml": table_file("ช่องทางเดิม")})
    assert site.build(**WARM).ok
    edit(site, "documents/hr.table.yaml", table_file("ช่องทางที่แก้ไขแล้ว"))
    assert "ช่องทางที่แก้ไขแล้ว" in site.read("documents/a-1/index.html")
    export = site.read("documents/a-1/hr.json")
    assert "ช่องทางที่แก้ไขแล้ว" in export and "ช่องทางเดิม" not in export
    assert_same_as_one_off_build(site, tmp_path)


def test_a_changed_setting_makes_every_document_again(three_documents, tmp_path):
    site = three_documents
    assert site.build(SITENAME="เทศบาลตำบลทดสอบใหม่", **WARM).ok
    assert site.session.documents_reused == 0 and site.session.pages_reused == 0
    assert_same_as_one_off_build(site, tmp_path, SITENAME="เทศบาลตำบลทดสอบใหม่")


def test_a_title_edit_reaches_every_page_that_lists_it(three_documents, tmp_path):
    site = three_documents
    edit(site, "documents/a.md", announcement(slug="a-1", title="ชื่อเรื่องที่แก้ไขแล้ว"))
    assert "ชื่อเรื่องที่แก้ไขแล้ว" in site.read("documents/type/announcement/index.html")
    assert "ประกาศฉบับหนึ่ง" not in site.read("documents/type/announcement/index.html")
    assert_same_as_one_off_build(site, tmp_path)


def test_added_and_removed_documents_and_a_failed_rebuild_leave_no_stale_page(
        three_documents, tmp_path):
    site = three_documents
    edit(site, "documents/d.md", announcement(slug="d-1", title="ประกาศฉบับสี่"))
    os.remove(site.content / "documents/a.md")
    assert site.build(**WARM).ok
    assert not (site.output / "documents/a-1/index.html").exists()
    site.add({"documents/c.md": announcement(slug="c-1", type="ประกาศศ")})  # an error
    touch_later(site.content / "documents/c.md")
    assert not site.build(**WARM).ok
    edit(site, "documents/c.md", announcement(slug="c-1", title="ประกาศฉบับสามแก้แล้ว"))
    assert_same_as_one_off_build(site, tmp_path)


def test_a_template_edit_renders_every_page_again(three_documents, tmp_path):
    site = three_documents
    theme = tmp_path / "theme"
    shutil.copytree(os.path.join(ROOT, "theme"), theme)
    assert site.build(THEME=str(theme), **WARM).ok
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace(
        "</footer>", "<p>ข้อความท้ายหน้าที่เพิ่มใหม่</p></footer>"), encoding="utf-8")
    touch_later(base)
    assert site.build(THEME=str(theme), **WARM).ok
    assert site.session.pages_reused == 0
    assert "ข้อความท้ายหน้าที่เพิ่มใหม่" in site.read("documents/c-1/index.html")
    assert_same_as_one_off_build(site, tmp_path, THEME=str(theme))


def test_a_page_written_over_by_another_build_is_not_reused(three_documents, tmp_path):
    site = three_documents
    # `invoke build` in another terminal while `invoke serve` runs: same folder.
    page = site.output / "documents/b-1/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("ประกาศฉบับสอง", "เขียนทับ"),
                    encoding="utf-8")
    assert site.build(**WARM).ok
    assert "เขียนทับ" not in site.read("documents/b-1/index.html")


def test_a_broken_link_in_a_reused_page_is_still_reported(three_documents):
    site = three_documents
    edit(site, "documents/a.md", announcement(slug="a-1", body="ดู[ประกาศฉบับสาม](../c-1/)"))
    # c is renamed: the link in a's unchanged body now points to nothing.
    site.add({"documents/c.md": announcement(slug="c-2", title="ประกาศฉบับสาม")})
    touch_later(site.content / "documents/c.md")
    result = site.build(**WARM)
    assert not result.ok
    assert "documents/a.md:" in result.message and "ลิงก์เสีย \"../c-1/\"" in result.message


def test_a_link_to_a_heading_of_an_edited_page_is_checked_again(three_documents):
    site = three_documents
    edit(site, "documents/c.md", announcement(slug="c-1", title="ประกาศฉบับสาม", date="18/05/2568",
                                              body="## ช่องทางร้องเรียน {#channels}\n\nข้อความ"))
    edit(site, "documents/a.md", announcement(slug="a-1", body="ดู[ช่องทาง](../c-1/#channels)"))
    assert site.build(**WARM).ok  # nothing changed: a's page is reused and still fine
    # The heading goes; a's page is reused unchanged, but its link must fail now.
    site.add({"documents/c.md": announcement(slug="c-1", title="ประกาศฉบับสาม",
                                             date="18/05/2568", body="ข้อความ")})
    touch_later(site.content / "documents/c.md")
    result = site.build(**WARM)
    assert not result.ok
    assert "documents/a.md:" in result.message and "ไม่มีตำแหน่ง #channels" in result.message


def test_search_is_updated_after_the_rebuild_is_online(three_documents):
    site = three_documents
    bundle = site.output / "pagefind"
    assert (bundle / "pagefind.js").exists()
    site.add({"documents/b.md": announcement(slug="b-1", title="ประกาศฉบับสอง", date="17/05/2568",
                                             body="คำค้นใหม่ zebrawordxyz")})
    touch_later(site.content / "documents/b.md")
    result = site.build(**WARM, **{search.LATER_SETTING: True})
    assert result.ok, result.message
    assert site.session.pages_reused == len(html_pages(site)) - 2  # as without the setting
    # Online at once with the previous bundle, so search keeps working ...
    assert (bundle / "pagefind.js").exists()
    before = sorted(os.listdir(bundle / "fragment"))
    # ... and the thread that `invoke serve` starts replaces it with a new one.
    figures = search.later_index(site.session).run(str(site.output))
    assert figures["documents"] == 3
    assert sorted(os.listdir(bundle / "fragment")) != before
    assert not [name for name in os.listdir(site.output.parent) if name.startswith(".search")]


def test_the_documents_of_earlier_builds_are_freed(three_documents):
    # `invoke serve` runs for hours: a build's documents must not stay in memory.
    site = three_documents
    made = []

    def remember(generator):
        made.extend(weakref.ref(article) for article in generator.articles)

    signals.article_generator_finalized.connect(remember)
    try:  # b's page is rendered: Pelican memoizes its HTML
        edit(site, "documents/b.md", announcement(slug="b-1", title="ประกาศฉบับสอง",
                                                  date="17/05/2568", body="ย่อหน้าที่แก้ไขใหม่"))
    finally:
        signals.article_generator_finalized.disconnect(remember)
    assert len(made) == 3
    assert site.build(**WARM).ok
    gc.unfreeze()  # serve freezes what a build leaves; what is still referred to stays
    gc.collect()
    assert [ref() for ref in made if ref() is not None] == []


def test_ita_pages_follow_an_evidence_edit_and_keep_their_coverage_otherwise(site, tmp_path):
    evidence = {"slug": "a-1", "title": "ประกาศฉบับหนึ่ง", "ita": "\n  2569: [O4]"}
    site.add({"documents/a.md": announcement(**evidence),
              "documents/b.md": announcement(slug="b-1", title="ประกาศฉบับสอง")})
    assert site.build(**WARM).ok
    coverages = []

    def remember(generators):
        coverages.append(generators[0].context["ita_years"])

    signals.all_generators_finalized.connect(remember)
    try:
        # A body edit changes no fact the ITA pages show: the previous build's
        # coverage is handed out again, and every ITA page is reused.
        edit(site, "documents/a.md", announcement(**evidence, body="ย่อหน้าที่แก้ไขใหม่"))
        assert site.session.pages_reused == len(html_pages(site)) - 2  # a's page, the home page
        edit(site, "documents/b.md", announcement(slug="b-1", title="ประกาศฉบับสอง",
                                                  body="แก้ไขอีกฉบับ"))
        assert coverages[1] is coverages[0]
        # A title edit of the evidence reaches the item's page and the year page.
        edit(site, "documents/a.md", announcement(**{**evidence, "title": "ชื่อหลักฐานใหม่"}))
        assert coverages[2] is not coverages[1]
    finally:
        signals.all_generators_finalized.disconnect(remember)
    for page in ("ita/2569/o4/index.html", "ita/2569/index.html"):
        assert "ชื่อหลักฐานใหม่" in site.read(page) and "ประกาศฉบับหนึ่ง" not in site.read(page)
    assert_same_as_one_off_build(site, tmp_path)
