"""The ITA section: item statuses, permanent pages, exports and the staff report."""

import csv
import io
import json
import re
import shutil

from conftest import PUBLISH_SETTINGS, document, invoke, write_files
from table_html import body_rows, table, tables

SUB_PATH_SITE = "https://example.go.th/ita-portal"
# The complaint pages are ITA evidence too (tests/test_organisation.py): these
# tests build without them, to see the rules for documents alone.
DOCUMENTS_ONLY = {"COMPLAINTS_DATA": ""}

# ITA 2569 evaluates fiscal year 2569. O16 and O4 want data of that year, O14
# and O18 of the year before, O5 is a multi-year plan covering it.
GUIDELINE = document(
    title="คู่มือแนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต",
    type="คู่มือ", slug="manual-2569-001", fiscal_year="2569",
    ita="\n  2569: [O16]")
OLD_NEWS = document(
    title="ข่าวกิจกรรมวันเด็ก", type="news", slug="news-2568-001",
    date="11 มกราคม 2568", ita="\n  2569: [O4]")
HR_REPORT = document(
    title="รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปี 2568",
    type="รายงาน", slug="report-2568-001", fiscal_year="๒๕๖๘",
    ita="\n  2569: [O14]")
NO_COMPLAINTS = document(
    title="ประกาศ ไม่มีเรื่องร้องเรียนการทุจริต ปีงบประมาณ 2568",
    type="ประกาศ", slug="announcement-2568-009", date="2 ตุลาคม 2568", fiscal_year="2568",
    nothing_to_report="true", ita="\n  2569: [O18]")
PLAN = document(
    title="แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)", type="แผน", slug="plan-2566-001",
    fiscal_year="2566-2570", ita="\n  2569: [O5]\n  2566: [O4]")
DRAFT = document(
    title="ร่างโครงสร้างองค์กร", type="ประกาศ", slug="announcement-2569-002",
    date="1 ธันวาคม 2568", status="draft", ita="\n  2569: [O1]")

CONTENT = {
    "documents/2569/guideline.md": GUIDELINE,
    "documents/2568/news.md": OLD_NEWS,
    "documents/2568/hr.md": HR_REPORT,
    "documents/2568/none.md": NO_COMPLAINTS,
    "documents/plans/plan.md": PLAN,
    "documents/2569/draft.md": DRAFT,
}


def year_rows(page: str) -> dict:
    """{code: (status text, [evidence hrefs])} from the tables of an ITA year page."""
    rows = {}
    for found in tables(page):
        for row in body_rows(found):
            code, _name, _period, status, evidence = row["cells"]
            assert code["tag"] == "th" and code["attrs"]["scope"] == "row"
            rows[code["text"]] = (status["text"],
                                  re.findall(r'<li><a href="([^"]+)">', evidence["html"]))
    return rows


def test_statuses_follow_the_period_rules(site):
    site.add(CONTENT)
    result = site.build(**DOCUMENTS_ONLY)
    assert result.ok, result.message
    rows = year_rows(site.read("ita/2569/index.html"))
    assert len(rows) == 26
    assert rows["O16"] == ("เผยแพร่แล้ว", ["../../documents/manual-2569-001/"])
    # The news of FY2568 (its listing is evidence of O4 too) is of the wrong year.
    assert rows["O4"] == ("หลักฐานไม่ตรงช่วงเวลา", ["../../documents/news-2568-001/",
                                                    "../../documents/type/news/2568/"])
    assert rows["O14"] == ("เผยแพร่แล้ว", ["../../documents/report-2568-001/"])
    assert rows["O18"] == ("เผยแพร่แล้ว", ["../../documents/announcement-2568-009/"])
    assert rows["O5"] == ("เผยแพร่แล้ว", ["../../documents/plan-2566-001/"])
    # A draft is never evidence.
    assert rows["O1"] == ("ยังไม่มีหลักฐาน", [])
    assert rows["O26"] == ("ยังไม่มีหลักฐาน", [])
    # The same plan is tagged for ITA 2566 O4 (current): FY2566 is in its span.
    assert year_rows(site.read("ita/2566/index.html"))["O4"][0] == "เผยแพร่แล้ว"


def test_item_page_shows_what_it_asks_its_evidence_and_the_path(site):
    site.add(CONTENT)
    assert site.build(**DOCUMENTS_ONLY).ok
    page = site.read("ita/2569/o16/index.html")
    assert "<h1>ITA ปี ๒๕๖๙ ข้อ O16 แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ</h1>" \
        in page
    assert '<strong class="ita-status ita-status-published">เผยแพร่แล้ว</strong>' in page
    assert "<dt>ช่วงเวลาของข้อมูล</dt><dd>ข้อมูลของปีงบประมาณที่ประเมิน</dd>" in page
    assert "<dt>ข้อมูลที่ต้องการ</dt><dd>ข้อมูลของปีงบประมาณ ๒๕๖๙</dd>" in page
    assert "<dd>ข้อมูลของปีงบประมาณ ๒๕๖๘</dd>" in site.read("ita/2569/o14/index.html")
    checklist = re.search(r'<ul class="ita-checklist">(.*?)</ul>', page, re.S)[1]
    assert checklist.count("<li>") >= 1
    evidence = body_rows(table(page, "เอกสารหลักฐานของข้อ O16 ITA ปี ๒๕๖๙ (๑ ฉบับ)"))
    document, year, date, fits = evidence[0]["cells"]
    assert (document["tag"], document["attrs"]["scope"], document["html"]) == (
        "th", "row", '<a href="../../../documents/manual-2569-001/">'
                     "คู่มือแนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต</a>")
    assert (year["text"], date["text"]) == ("๒๕๖๙", "ไม่ได้ลงวันที่")
    assert fits["text"].startswith("ตรง: ")
    assert "<p>หน้าแรก › ข้อมูลตามเกณฑ์ ITA › ปี ๒๕๖๙ › ข้อ O16</p>" in page
    crumbs = re.search(r'<nav class="breadcrumbs"[^>]*>(.*?)</nav>', page, re.S)[1]
    assert re.findall(r'href="([^"]+)"', crumbs) == [
        "../../../", "../../../ita/", "../../../ita/2569/"]
    assert '<span aria-current="page">ข้อ O16</span>' in crumbs

    wrong = site.read("ita/2569/o4/index.html")
    assert "หลักฐานไม่ตรงช่วงเวลา" in wrong
    assert "เป็นข้อมูลของปีงบประมาณ ๒๕๖๘ แต่ข้อนี้ต้องการปีงบประมาณ ๒๕๖๙" in wrong
    assert '<time datetime="2025-01-11">๑๑ มกราคม ๒๕๖๘</time>' in wrong

    none = site.read("ita/2569/o18/index.html")
    assert "(แจ้งว่าไม่มีเรื่องที่ต้องรายงาน)" in none
    missing = site.read("ita/2569/o1/index.html")
    assert "ยังไม่มีเอกสารที่เผยแพร่แล้วระบุข้อนี้" in missing
    assert "ร่างโครงสร้างองค์กร" not in missing


def test_navigation_from_home_to_items_and_back(site):
    site.add(CONTENT)
    assert site.build(**DOCUMENTS_ONLY).ok
    home = site.read("index.html")
    assert '<a href="./ita/">ข้อมูลตามเกณฑ์ ITA</a>' in home
    years = site.read("ita/index.html")
    for year in (2566, 2567, 2568, 2569):
        assert f'href="../ita/{year}/"' in years
    assert 'href="../ita/2569/oit.json"' in years
    # Home -> ITA -> year -> item is three clicks.
    o16 = [row for found in tables(site.read("ita/2569/index.html"))
           for row in body_rows(found) if row["cells"][0]["text"] == "O16"]
    assert o16[0]["cells"][1]["html"] == (
        '<a href="../../ita/2569/o16/">แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ</a>')
    document_page = site.read("documents/manual-2569-001/index.html")
    assert ('<a href="../../ita/2569/o16/">ITA 2569 ข้อ O16 '
            "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ</a>") in document_page
    assert "แจ้งว่าไม่มีเรื่องที่ต้องรายงาน" in site.read(
        "documents/announcement-2568-009/index.html")


def test_first_half_items_use_the_date_or_else_the_fiscal_year(site):
    # ITA 2568 O12 wants data of 1 Oct 2567 - 31 Mar 2568.
    def procurement(slug, **when):
        return document(title=f"รายการจัดซื้อจัดจ้าง {slug}", type="รายงาน", slug=slug,
                        ita="\n  2568: [O12]", **when)

    site.add({"documents/a.md": procurement("report-2568-101", date="15 มีนาคม 2568")})
    assert site.build(**DOCUMENTS_ONLY).ok
    assert year_rows(site.read("ita/2568/index.html"))["O12"][0] == "เผยแพร่แล้ว"

    site.add({"documents/a.md": procurement("report-2568-101", date="15 พฤษภาคม 2568")})
    assert site.build(**DOCUMENTS_ONLY).ok
    assert year_rows(site.read("ita/2568/index.html"))["O12"][0] == "หลักฐานไม่ตรงช่วงเวลา"
    assert "นอกช่วง ๖ เดือนแรกของปีงบประมาณ" in site.read("ita/2568/o12/index.html")

    site.add({"documents/a.md": procurement("report-2568-101", fiscal_year="2568")})
    assert site.build(**DOCUMENTS_ONLY).ok
    assert year_rows(site.read("ita/2568/index.html"))["O12"][0] == "เผยแพร่แล้ว"


def test_year_page_lists_the_best_three_and_links_to_the_rest(site):
    # Five announcements name O4 of ITA 2569: four of fiscal year 2569 and one of 2568.
    days = {"announcement-2569-011": "5 ตุลาคม 2568", "announcement-2569-012": "5 พฤศจิกายน 2568",
            "announcement-2569-013": "5 ธันวาคม 2568", "announcement-2569-014": "5 มกราคม 2569",
            "announcement-2568-015": "5 กันยายน 2568"}
    site.add({f"documents/{slug}.md": document(title=f"ประชาสัมพันธ์ {slug}", type="ประกาศ",
                                               slug=slug, date=day, ita="\n  2569: [O4]")
              for slug, day in days.items()})
    assert site.build(**DOCUMENTS_ONLY).ok
    year_page = site.read("ita/2569/index.html")
    # The fitting ones first, the newest first; the wrong-period one only on the item's page.
    assert year_rows(year_page)["O4"] == ("เผยแพร่แล้ว", [
        "../../documents/announcement-2569-014/", "../../documents/announcement-2569-013/",
        "../../documents/announcement-2569-012/"])
    assert ('<p class="more"><a href="../../ita/2569/o4/">ดูหลักฐานทั้งหมด ๕ ฉบับ'
            '<span class="visually-hidden"> ของข้อ O4</span></a></p>') in year_page
    more = [row for found in tables(year_page) for row in body_rows(found)
            if '<p class="more">' in row["cells"][4]["html"]]
    assert len(more) == 1  # items with three or fewer have no link
    item_page = site.read("ita/2569/o4/index.html")
    for slug in days:
        assert f'href="../../../documents/{slug}/"' in item_page


def test_exports_match_the_pages_with_absolute_urls_under_a_sub_path(site):
    site.add(CONTENT)
    result = site.build(PUBLISH_SETTINGS, SITEURL=SUB_PATH_SITE, **DOCUMENTS_ONLY)
    assert result.ok, result.message
    for year in (2566, 2567, 2568, 2569):
        page_rows = year_rows(site.read(f"ita/{year}/index.html"))
        data = json.loads(site.read(f"ita/{year}/oit.json"))
        assert data["ita_year"] == year and data["site_url"] == SUB_PATH_SITE
        labels = {item["code"]: item["status_label"] for item in data["items"]}
        assert labels == {code: status for code, (status, _links) in page_rows.items()}
        for item in data["items"]:
            assert [e["url"] for e in item["evidence"]] == page_rows[item["code"]][1]

    data = json.loads(site.read("ita/2569/oit.json"))
    items = {item["code"]: item for item in data["items"]}
    assert [i["code"] for i in data["items"]] == [f"O{n}" for n in range(1, 27)]
    assert items["O16"]["status"] == "published"
    assert items["O16"]["indicator"]["code"] == "9"
    assert items["O16"]["evidence"] == [{
        "title": "คู่มือแนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต",
        "url": f"{SUB_PATH_SITE}/documents/manual-2569-001/",
        "fiscal_year": "2569", "issued": None, "confirmed": None, "nothing_to_report": False,
        "fits_period": True,
    }]
    assert items["O4"]["status"] == "wrong-period"
    assert items["O1"]["status"] == "missing" and items["O1"]["evidence"] == []
    assert items["O5"]["evidence"][0]["fiscal_year"] == "2566-2570"
    assert items["O14"]["evidence"][0]["fiscal_year"] == "2568"  # written ๒๕๖๘
    assert items["O18"]["evidence"][0]["nothing_to_report"] is True
    assert items["O16"]["page_url"] == f"{SUB_PATH_SITE}/ita/2569/o16/"

    raw = (site.output / "ita" / "2569" / "oit.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert not re.search("[๐-๙]", text)
    table = list(csv.DictReader(io.StringIO(text)))
    assert [row["code"] for row in table] == list(items)
    for row in table:
        item = items[row["code"]]
        assert row["status"] == item["status"] and row["name"] == item["name"]
        assert row["period"] == item["period"]
        assert int(row["evidence_count"]) == len(item["evidence"])
        for n, evidence in enumerate(item["evidence"], start=1):
            assert row[f"evidence_{n}_url"] == evidence["url"]
            assert row[f"evidence_{n}_title"] == evidence["title"]
            assert row[f"evidence_{n}_fiscal_year"] == evidence["fiscal_year"]
    o5 = next(row for row in table if row["code"] == "O5")
    assert o5["sub_indicator"] == "9.2 การบริหารงานและการให้บริการ"
    assert o5["evidence_1_url"] == f"{SUB_PATH_SITE}/documents/plan-2566-001/"
    # Every exported evidence URL is a page the build wrote.
    for item in items.values():
        for evidence in item["evidence"]:
            path = evidence["url"].removeprefix(SUB_PATH_SITE + "/") + "index.html"
            assert (site.output / path).is_file()


def test_development_exports_use_urls_relative_to_the_site_root(site):
    site.add(CONTENT)
    assert site.build(**DOCUMENTS_ONLY).ok
    data = json.loads(site.read("ita/2569/oit.json"))
    assert data["site_url"] is None
    o16 = next(item for item in data["items"] if item["code"] == "O16")
    assert o16["evidence"][0]["url"] == "documents/manual-2569-001/"


def test_csv_quotes_a_title_a_spreadsheet_would_run_and_json_keeps_it(site):
    title = '=HYPERLINK("http://evil","x")'
    site.add({"documents/2569/guideline.md": GUIDELINE.replace(
        "title: คู่มือแนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต", f"title: '{title}'")})
    assert site.build(**DOCUMENTS_ONLY).ok
    text = (site.output / "ita" / "2569" / "oit.csv").read_bytes().decode("utf-8-sig")
    o16 = next(row for row in csv.DictReader(io.StringIO(text)) if row["code"] == "O16")
    assert o16["evidence_1_title"] == "'" + title
    assert o16["evidence_count"] == "1"
    data = json.loads(site.read("ita/2569/oit.json"))
    o16 = next(item for item in data["items"] if item["code"] == "O16")
    assert o16["evidence"][0]["title"] == title


def test_unknown_item_code_fails_with_file_and_line(site):
    site.add({"documents/2569/x.md": document(
        title="ประกาศ", type="ประกาศ", slug="announcement-2569-001", date="1 ธันวาคม 2568",
        ita="\n  2568: [O3]\n  2569: [O16, O27]")})
    result = site.build(**DOCUMENTS_ONLY)
    assert not result.ok
    assert "documents/2569/x.md:8: ช่อง ita (หลักฐานตัวชี้วัด ITA): " \
           "ITA ปี 2569 ไม่มีข้อ \"O27\"" in result.message
    assert "รหัสข้อของปี 2569 คือ O1 ถึง O26" in result.message
    assert not site.output.exists()


def test_nothing_to_report_needs_an_item_and_a_yes_or_no(site):
    site.add({
        "documents/a.md": document(title="ไม่มีเรื่องร้องเรียน", type="ประกาศ",
                                   slug="announcement-2569-001", date="1 ธันวาคม 2568",
                                   nothing_to_report="true"),
        "documents/b.md": document(title="ไม่มีเรื่องร้องเรียน", type="ประกาศ",
                                   slug="announcement-2569-002", date="1 ธันวาคม 2568",
                                   nothing_to_report="บางที", ita="\n  2569: [O18]"),
    })
    result = site.build(**DOCUMENTS_ONLY)
    assert not result.ok
    assert "documents/a.md:6: คำแจ้งว่าไม่มีเรื่องที่ต้องรายงานต้องระบุข้อ ITA" in result.message
    assert "documents/b.md:6: ช่อง nothing_to_report" in result.message
    assert "ต้องเป็น true หรือ false" in result.message


CURRENT_ITEMS = [n for n in range(1, 27) if n not in (7, 12, 14, 18, 22, 24, 26)]
PREVIOUS_ITEMS = [7, 12, 14, 18, 22, 24, 26]


def test_check_ita_prints_the_coverage_and_strict_fails_until_complete(repo):
    # Only this test's documents, whatever example content the repository holds.
    shutil.rmtree(repo / "content" / "documents", ignore_errors=True)
    write_files(repo / "content", {
        "documents/ita-test/guideline.md": GUIDELINE,
        "documents/ita-test/news.md": OLD_NEWS,
    })
    run = invoke(repo, "check", "--ita", "2569")
    assert run.returncode == 0, run.stderr
    assert "ไม่พบข้อผิดพลาด" in run.stdout
    lines = run.stdout.splitlines()
    o16 = lines.index(next(line for line in lines if line.startswith("O16 ")))
    assert lines[o16].split()[:2] == ["O16", "published"]
    assert "- [ตรงช่วงเวลา] คู่มือแนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต (ปีงบประมาณ 2569) " \
           "documents/manual-2569-001/" in run.stdout
    # The complaint pages of data/complaints.yaml answer it too, as standing information.
    assert "- [ตรงช่วงเวลา] ขั้นตอนการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ" in run.stdout
    o4 = next(line for line in lines if line.startswith("O4 "))
    assert o4.split()[:2] == ["O4", "wrong-period"]

    strict = invoke(repo, "check", "--ita", "2569", "--strict")
    assert strict.returncode == 1
    assert "O4" in strict.stderr and "ยังไม่ครบ" in strict.stderr

    codes = ", ".join(f"O{n}" for n in CURRENT_ITEMS)
    previous = ", ".join(f"O{n}" for n in PREVIOUS_ITEMS)
    write_files(repo / "content", {
        "documents/ita-test/current.md": document(
            title="หลักฐานปีงบประมาณ 2569", type="รายงาน", slug="ita-test-2569",
            fiscal_year="2569", ita=f"\n  2569: [{codes}]"),
        "documents/ita-test/previous.md": document(
            title="หลักฐานปีงบประมาณ 2568", type="รายงาน", slug="ita-test-2568",
            fiscal_year="2568", ita=f"\n  2569: [{previous}]"),
    })
    complete = invoke(repo, "check", "--ita", "2569", "--strict")
    assert complete.returncode == 0, complete.stdout + complete.stderr
    assert "เผยแพร่แล้ว 26" in complete.stdout

    assert invoke(repo, "check", "--ita", "2599").returncode == 2
    assert invoke(repo, "check", "--strict").returncode == 2
