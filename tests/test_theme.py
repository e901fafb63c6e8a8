"""The theme's pages, listings, feed, sitemap and last-change dates, in the built HTML."""

import datetime
import html
import os
import re
import subprocess
import urllib.parse
from pathlib import Path

from conftest import PUBLISH_SETTINGS, announcement, document
from selectolax.lexbor import LexborHTMLParser

SUB_PATH_URL = "https://example.go.th/ita-portal"
# Pages other parts of the portal build (ITA pages, search): links to them are
# checked by those parts' tests.
BUILT_ELSEWHERE = ()

REPORT = announcement(type="รายงาน", date=None, fiscal_year="2566", slug="report-2566-001",
                      title="รายงานผลการดำเนินงานประจำปี", division="กองคลัง")
PLAN = announcement(type="แผน", date=None, fiscal_year="๒๕๖๖-๒๕๗๐", slug="plan-2566-2570",
                    title="แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖-๒๕๗๐)", division="สำนักปลัด")
ANNOUNCEMENT = announcement(division="สำนักปลัด", summary="ประกาศใช้แผนพัฒนาท้องถิ่นฉบับใหม่")


def listing_links(page):
    return re.findall(r'<a href="[^"]*/documents/([a-z0-9-]+)/">', page)


def test_listings_by_type_year_and_division(site):
    site.add({"documents/a.md": ANNOUNCEMENT, "documents/r.md": REPORT, "documents/p.md": PLAN})
    assert site.build().ok
    by_type = site.read("documents/type/announcement/index.html")
    assert "<h1>ประกาศ</h1>" in by_type
    assert listing_links(by_type) == ["announcement-2568-001"]
    assert not (site.output / "documents/type/order").exists()  # no empty listings
    # A five-year plan is listed in every fiscal year it covers.
    assert sorted(listing_links(site.read("documents/year/2566/index.html"))) == [
        "plan-2566-2570", "report-2566-001"]
    assert listing_links(site.read("documents/year/2570/index.html")) == ["plan-2566-2570"]
    assert "<h1>เอกสารปีงบประมาณ พ.ศ. ๒๕๗๐</h1>" in site.read("documents/year/2570/index.html")
    overview = site.read("documents/index.html")
    divisions = re.findall(r'<a href="\.\./documents/division/(d[0-9a-f]{8})/">([^<]+)</a>',
                           overview)
    assert [name for _key, name in divisions] == ["กองคลัง", "สำนักปลัด"]
    office = site.read(f"documents/division/{divisions[1][0]}/index.html")
    assert "<h1>เอกสารของสำนักปลัด</h1>" in office
    assert sorted(listing_links(office)) == ["announcement-2568-001", "plan-2566-2570"]
    assert ('<a href="../documents/type/announcement/">ประกาศ</a> '
            '<span class="count">(๑ ฉบับ)</span>') in overview


def test_home_page_entries_and_latest_announcements(site):
    site.add({
        "documents/a.md": ANNOUNCEMENT,
        "documents/r.md": REPORT,
    })
    assert site.build().ok
    home = site.read("index.html")
    # the complaints section is generated from data/complaints.yaml and linked by name
    assert '<a href="./ita/">ข้อมูลตามเกณฑ์ ITA</a>' in home
    assert '<a href="./complaints/">ช่องทางร้องเรียน</a>' in home
    assert '<form class="search-form" role="search" action="./search/" method="get">' in home
    assert '<a href="./documents/#by-type">ตามประเภท</a>' in home
    announcements = home.split('id="announcements-heading"')[1].split("</section>")[0]
    assert "ประกาศใช้แผนพัฒนาท้องถิ่น" in announcements
    assert "รายงานผลการดำเนินงานประจำปี" not in announcements


def test_document_page_has_breadcrumbs_skip_link_and_landmarks(site):
    site.add({"documents/a.md": ANNOUNCEMENT})
    assert site.build().ok
    page = site.read("documents/announcement-2568-001/index.html")
    assert '<a class="skip-link" href="#main">ข้ามไปยังเนื้อหาหลัก</a>' in page
    assert '<main id="main" tabindex="-1">' in page
    crumbs = page.split('aria-label="ตำแหน่งของหน้านี้"')[1].split("</nav>")[0]
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == [
        "หน้าแรก", "เอกสาร", "ประกาศ", "ประกาศใช้แผนพัฒนาท้องถิ่น"]
    assert '<a href="../../documents/type/announcement/">ประกาศ</a>' in crumbs
    assert '<span aria-current="page">ประกาศใช้แผนพัฒนาท้องถิ่น</span>' in crumbs
    assert "<title>ประกาศใช้แผนพัฒนาท้องถิ่น | ศูนย์ข้อมูลข่าวสาร" in page
    assert '<meta name="description" content="ประกาศใช้แผนพัฒนาท้องถิ่นฉบับใหม่">' in page


def test_last_change_comes_from_git_in_thai_buddhist_era(site, tmp_path):
    site.add({"documents/a.md": ANNOUNCEMENT, "documents/r.md": REPORT,
              "documents/2567/plan/plan.md": ANNOUNCEMENT.replace(
                  "slug: announcement-2568-001", "slug: plan-2567")})

    def commit(when, *paths):
        env = {**os.environ, "GIT_AUTHOR_NAME": "staff", "GIT_AUTHOR_EMAIL": "staff@example.go.th",
               "GIT_COMMITTER_NAME": "staff", "GIT_COMMITTER_EMAIL": "staff@example.go.th",
               "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
        for args in (["add", *paths], ["commit", "-q", "-m", "documents"]):
            subprocess.run(["git", *args], cwd=site.content, env=env, check=True)

    subprocess.run(["git", "init", "-q"], cwd=site.content, check=True)
    commit("2025-06-01T23:30:00+00:00", ".")
    announcement = site.content / "documents/a.md"
    announcement.write_text(announcement.read_text(encoding="utf-8") + "\nแก้คำผิด\n",
                            encoding="utf-8")
    commit("2025-08-10T03:00:00+00:00", "documents/a.md")
    # An uncommitted edit is newer than the last commit: its file time counts.
    edited = site.content / "documents/r.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nแก้ไขเพิ่มเติม\n", encoding="utf-8")
    moment = datetime.datetime(2025, 7, 20, 12, 0, tzinfo=datetime.UTC).timestamp()
    os.utime(edited, (moment, moment))
    assert site.build().ok
    # 23:30 UTC on 1 June is 2 June in Bangkok; the plan, in a folder of its
    # own, was committed then and not since.
    assert ('<p class="last-changed">ปรับปรุงข้อมูลหน้านี้ล่าสุด '
            '<time datetime="2025-06-02">๒ มิถุนายน ๒๕๖๘</time></p>') in site.read(
        "documents/plan-2567/index.html")
    assert '<time datetime="2025-08-10">๑๐ สิงหาคม ๒๕๖๘</time></p>' in site.read(
        "documents/announcement-2568-001/index.html")
    assert '<time datetime="2025-07-20">๒๐ กรกฎาคม ๒๕๖๘</time></p>' in site.read(
        "documents/report-2566-001/index.html")
    # Edited after that build, as in `invoke serve`: the next build in the same
    # process asks git again, and the edit's file time counts.
    plan = site.content / "documents/2567/plan/plan.md"
    plan.write_text(plan.read_text(encoding="utf-8") + "\nแก้ไขภายหลัง\n", encoding="utf-8")
    moment = datetime.datetime(2025, 9, 15, 12, 0, tzinfo=datetime.UTC).timestamp()
    os.utime(plan, (moment, moment))
    assert site.build().ok
    assert '<time datetime="2025-09-15">๑๕ กันยายน ๒๕๖๘</time></p>' in site.read(
        "documents/plan-2567/index.html")


def test_last_change_outside_git_is_the_file_time(site):
    site.add({"documents/a.md": ANNOUNCEMENT})
    moment = datetime.datetime(2024, 12, 31, 20, 0, tzinfo=datetime.UTC).timestamp()
    os.utime(site.content / "documents/a.md", (moment, moment))
    assert site.build().ok
    assert '<time datetime="2025-01-01">๑ มกราคม ๒๕๖๘</time></p>' in site.read(
        "documents/announcement-2568-001/index.html")


def test_atom_feed_lists_announcements_only_with_absolute_links(site):
    site.add({"documents/a.md": ANNOUNCEMENT, "documents/r.md": REPORT})
    assert site.build(PUBLISH_SETTINGS, SITEURL=SUB_PATH_URL).ok
    feed = site.read("feeds/announcements.atom.xml")
    assert feed.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert "<title>ประกาศใช้แผนพัฒนาท้องถิ่น</title>" in feed
    assert f'href="{SUB_PATH_URL}/documents/announcement-2568-001/"' in feed
    assert "<published>2025-07-17T00:00:00+07:00</published>" in feed
    assert "รายงานผลการดำเนินงานประจำปี" not in feed
    home = site.read("index.html")
    assert (f'<link rel="alternate" type="application/atom+xml" title="ประกาศล่าสุด" '
            f'href="{SUB_PATH_URL}/feeds/announcements.atom.xml">') in home


def test_sitemap_and_canonical_urls_under_a_sub_path(site):
    site.add({"documents/a.md": ANNOUNCEMENT, "documents/d.md": REPORT.replace(
        "slug: report-2566-001", "slug: report-draft\nstatus: draft")})
    assert site.build(PUBLISH_SETTINGS, SITEURL=SUB_PATH_URL).ok
    sitemap = site.read("sitemap.xml")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{SUB_PATH_URL}/" in locations
    assert f"{SUB_PATH_URL}/documents/announcement-2568-001/" in locations
    assert f"{SUB_PATH_URL}/documents/type/announcement/" in locations
    assert f"{SUB_PATH_URL}/privacy/" not in locations  # the test site has no such page
    assert not any("draft" in loc or "404" in loc for loc in locations)
    assert all(loc.startswith(SUB_PATH_URL + "/") for loc in locations)
    page = site.read("documents/announcement-2568-001/index.html")
    assert f'<link rel="canonical" href="{SUB_PATH_URL}/documents/announcement-2568-001/">' in page


def test_dev_build_has_no_canonical_link(site):
    site.add({"documents/a.md": ANNOUNCEMENT})
    assert site.build().ok
    assert 'rel="canonical"' not in site.read("documents/announcement-2568-001/index.html")


def test_every_link_works_under_a_sub_path(site):
    """Our documents plus the real information pages (accessibility, privacy, ...)."""
    pages = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                         "content", "pages")
    site.add({f"pages/{name}": Path(pages, name).read_text(encoding="utf-8")
              for name in os.listdir(pages) if name.endswith(".md")})
    site.add({
        "documents/a.md": ANNOUNCEMENT, "documents/r.md": REPORT, "documents/p.md": PLAN,
        "pages/contact.md": document(title="ข้อมูลการติดต่อ", type="page", slug="contact"),
    })
    assert site.build(PUBLISH_SETTINGS, SITEURL=SUB_PATH_URL).ok
    assert (site.output / "privacy/index.html").exists()
    checked = 0
    for folder, _dirs, files in os.walk(site.output):
        for name in files:
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            text = Path(path).read_text(encoding="utf-8")
            # A hyperlink may lead to another site (the NACC's complaint channel,
            # mailto:, tel:): following it is the reader's choice, not a request
            # the page makes. Everything the page loads (src, stylesheets) and
            # every other link must stay under the sub-path.
            for tag, target in re.findall(r'<(\w+)[^>]*?\b(?:href|src|action)="([^"]+)"', text):
                target = html.unescape(target).split("#")[0]
                if not target:
                    continue
                if tag == "a" and not target.startswith(("https://example.go.th", "/", ".")) \
                        and re.match(r"^(https?:|mailto:|tel:)", target):
                    continue
                assert target.startswith(SUB_PATH_URL + "/"), f"{path}: {target}"
                relative = urllib.parse.unquote(target[len(SUB_PATH_URL) + 1:])
                if relative.startswith(BUILT_ELSEWHERE):
                    continue
                local = site.output / relative
                if relative == "" or relative.endswith("/"):
                    local = local / "index.html"
                assert local.is_file(), f"{path} links to a missing {target}"
                checked += 1
    assert checked > 50


def test_404_page_uses_absolute_links(site):
    site.add({"documents/a.md": ANNOUNCEMENT})
    assert site.build(PUBLISH_SETTINGS, SITEURL=SUB_PATH_URL).ok
    page = site.read("404.html")
    assert "<h1>ไม่พบหน้าที่ต้องการ</h1>" in page
    assert f'<link rel="stylesheet" href="{SUB_PATH_URL}/theme/css/portal.css">' in page
    assert f'<a href="{SUB_PATH_URL}/documents/">' in page


def test_fonts_are_shipped_with_the_site_with_their_licence(site):
    assert site.build().ok
    fonts = sorted(os.listdir(site.output / "theme/fonts"))
    assert fonts == ["OFL.txt", "sarabun-latin-400-normal.woff2", "sarabun-latin-700-normal.woff2",
                     "sarabun-thai-400-normal.woff2", "sarabun-thai-700-normal.woff2"]
    css = site.read("theme/css/portal.css")
    assert "url(" in css and "//" not in re.sub(r"/\*.*?\*/", "", css, flags=re.S).replace(
        "url(\"../fonts/", "")


# Documents that give the ITA item page ita/2569/o16/ an evidence table, and a
# document with a data table, for the checks over every built page.
EVERY_KIND = {
    "documents/a.md": ANNOUNCEMENT, "documents/r.md": REPORT, "documents/p.md": PLAN,
    "documents/m.md": document(title="คู่มือการจัดการเรื่องร้องเรียน", type="คู่มือ",
                               slug="manual-2569-001", fiscal_year="2569",
                               ita="\n  2569: [O16]", body="::: table t.table.yaml"),
    "documents/t.table.yaml": "caption: ช่องทางรับเรื่อง\ncolumns:\n  - {key: name, label: ช่องทาง}\n"
                              "rows:\n  - {name: โทรศัพท์}\n",
}


def built_pages(site):
    """{path relative to the output: parsed page} of every HTML page built."""
    return {path.relative_to(site.output).as_posix():
            LexborHTMLParser(path.read_text(encoding="utf-8"))
            for path in sorted(site.output.rglob("*.html"))}


def test_every_page_has_one_breadcrumb_ending_at_itself(site):
    site.add(EVERY_KIND)
    assert site.build().ok
    pages = built_pages(site)
    assert {"ita/index.html", "ita/2569/index.html", "ita/2569/o16/index.html", "search/index.html",
            "complaints/index.html", "complaints/form/index.html", "404.html"} <= set(pages)
    for name, tree in pages.items():
        trails = [nav for nav in tree.css("nav")
                  if "breadcrumb" in (nav.attributes.get("class") or "")]
        if name == "index.html":
            assert trails == [], "the home page needs no breadcrumb"
            continue
        assert len(trails) == 1, f"{name}: {len(trails)} breadcrumbs"
        assert trails[0].attributes["class"] == "breadcrumbs"
        items = trails[0].css("li")
        assert items[0].text(strip=True) == "หน้าแรก"
        assert len(items) >= 2, f"{name}: the breadcrumb does not name the page"
        current = trails[0].css('[aria-current="page"]')
        assert len(current) == 1 and current[0].parent == items[-1], name

    item = pages["ita/2569/o16/index.html"]
    trail = item.css_first("nav.breadcrumbs")
    labels = [li.text(strip=True) for li in trail.css("li")]
    assert labels == ["หน้าแรก", "ข้อมูลตามเกณฑ์ ITA", "ปี ๒๕๖๙", "ข้อ O16"]
    assert [a.attributes["href"] for a in trail.css("a")] == [
        "../../../", "../../../ita/", "../../../ita/2569/"]
    assert trail.css_first('[aria-current="page"]').text() == "ข้อ O16"
    # The text assessors copy says the same path as the breadcrumb.
    path = item.css_first('section[aria-labelledby="path"] p').text(strip=True)
    assert path == " › ".join(labels)
    complaint = pages["complaints/form/index.html"].css_first("nav.breadcrumbs")
    assert [a.attributes["href"] for a in complaint.css("a")] == ["../../", "../../complaints/"]


def test_every_table_has_a_caption_and_its_scroll_box_a_name(site):
    site.add(EVERY_KIND)
    assert site.build().ok
    pages = built_pages(site)
    assert pages["ita/2569/o16/index.html"].css("#evidence-table table")
    tables = 0
    for name, tree in pages.items():
        for table in tree.css("table"):
            tables += 1
            caption = table.css_first("caption")
            assert caption is not None and caption.text(strip=True), \
                f"{name}: a table without a caption"
        for box in tree.css('[role="region"]'):
            label = box.attributes.get("aria-label") or ""
            if "aria-labelledby" in box.attributes:
                named = tree.css_first(f'[id="{box.attributes["aria-labelledby"]}"]')
                label = named.text(strip=True) if named else ""
            assert label, f"{name}: a scroll box without a name"
    assert tables > 20
    evidence = pages["ita/2569/o16/index.html"].css_first("#evidence-table caption")
    # The guideline, and the complaints hub and process pages of data/complaints.yaml.
    assert evidence.text(strip=True) == "เอกสารหลักฐานของข้อ O16 ITA ปี ๒๕๖๙ (๓ ฉบับ)"
