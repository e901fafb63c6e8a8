"""Thai full-text search, checked in the real browser (Debian's chromium).

A small corpus of government-style Thai documents is built with the real
settings, theme and plugins, served from 127.0.0.1 under a sub-path, and
searched through the search page the way a person types. Each query lists the
documents it must return, best first.
"""

import functools
import http.server
import os
import re
import threading

import pytest
from conftest import PUBLISH_SETTINGS, ROOT, Site, deployed_csp, document

from portal import search, site_build

SUB_PATH = "ita-portal"

# ------------------------------------------------------------------ corpus
# Written for this test; each document is a realistic อปท. publication.
CORPUS = {
    "complaint-channels": dict(
        title="ประกาศช่องทางการแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        type="ประกาศ", date="1 ตุลาคม 2568", division="สำนักปลัด",
        ita="\n  2569: O17",
        body=(
            "องค์การบริหารส่วนตำบลตัวอย่างเปิดรับเรื่องร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่"
            "ทุกช่องทาง ผู้ร้องเรียนแจ้งได้ด้วยตนเองที่ตู้รับเรื่องร้องเรียนหน้าที่ทำการ"
            "หรือทางโทรศัพท์หมายเลข ๐ ๓๖๓๗ ๔๐๔๗\n\n"
            "## การคุ้มครองผู้แจ้ง\n\n"
            "หน่วยงานจะเก็บชื่อและที่อยู่ของผู้แจ้งเป็นความลับ และจะตอบรับเรื่องภายในสิบห้าวันทำการ"
        ),
    ),
    "complaint-statistics": dict(
        title="รายงานสถิติเรื่องร้องเรียนประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
        type="รายงาน", date="30 กันยายน 2568", division="สำนักปลัด",
        ita="\n  2569: O18",
        body=(
            "ในรอบปีที่ผ่านมามีผู้ยื่นเรื่องร้องเรียนทั้งสิ้นสิบสองเรื่อง ส่วนใหญ่เป็นเรื่องถนนชำรุด"
            "ไฟฟ้าส่องสว่างดับ และการเก็บขยะมูลฝอยไม่ตรงเวลา\n\n"
            "ไม่มีเรื่องร้องเรียนเกี่ยวกับการทุจริตของเจ้าหน้าที่ ทุกเรื่องได้รับการแก้ไขแล้วเสร็จ"
        ),
    ),
    "risk-assessment": dict(
        title="รายงานการประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๙",
        type="รายงาน", date="15 ตุลาคม 2568", division="สำนักปลัด",
        ita="\n  2569: O21",
        body=(
            "คณะทำงานได้ประเมินความเสี่ยงการทุจริตในกระบวนงานจัดซื้อจัดจ้าง การใช้รถยนต์ส่วนกลาง"
            "และการพิจารณาอนุมัติอนุญาต พบความเสี่ยงระดับสูงหนึ่งกระบวนงาน\n\n"
            "## มาตรการควบคุมความเสี่ยง\n\n"
            "ให้ผู้บังคับบัญชาตรวจสอบสมุดบันทึกการใช้รถยนต์ทุกสัปดาห์ "
            "และเปิดเผยผลประโยชน์ทับซ้อนของกรรมการตรวจรับพัสดุ"
        ),
    ),
    "budget-ordinance": dict(
        title="ประกาศใช้ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. ๒๕๖๙",
        type="ประกาศ", date="20 กันยายน 2568", division="กองคลัง",
        ita="\n  2569: O6",
        body=(
            "สภาองค์การบริหารส่วนตำบลให้ความเห็นชอบข้อบัญญัติงบประมาณรายจ่ายแล้ว "
            "ตั้งงบประมาณรายจ่ายไว้ทั้งสิ้นสี่สิบห้าล้านบาท\n\n"
            "- แผนงานการศึกษา สำหรับอาหารกลางวันของนักเรียน\n"
            "- แผนงานสาธารณสุข สำหรับการป้องกันโรคไข้เลือดออก\n"
            "- แผนงานเคหะและชุมชน สำหรับการขยายเขตประปาหมู่บ้าน"
        ),
    ),
    "local-development-plan": dict(
        title="แผนพัฒนาท้องถิ่น พ.ศ. ๒๕๖๖-๒๕๗๐ เพิ่มเติม ครั้งที่ ๑",
        type="แผน", fiscal_year="2566-2570", division="กองยุทธศาสตร์และงบประมาณ",
        ita="\n  2569: O5",
        body=(
            "แผนพัฒนาฉบับนี้เพิ่มโครงการก่อสร้างถนนคอนกรีตเสริมเหล็กและปรับปรุงระบบประปาหมู่บ้าน"
            "ตามที่ประชาคมเสนอ\n\n"
            "## ยุทธศาสตร์การพัฒนาเศรษฐกิจ\n\n"
            "ส่งเสริมการแปรรูปข้าวหอมมะลิของกลุ่มวิสาหกิจชุมชน เพื่อเพิ่มรายได้ให้ครัวเรือน"
        ),
    ),
    "rice-training-news": dict(
        title="อบรมเกษตรกรผู้ปลูกข้าวเรื่องการลดต้นทุนการผลิต",
        type="ข่าวประชาสัมพันธ์", date="5 พฤศจิกายน 2568", division="สำนักปลัด",
        body=(
            "เมื่อวันที่ห้าพฤศจิกายน องค์การบริหารส่วนตำบลจัดอบรมเกษตรกรผู้ปลูกข้าวจำนวนหกสิบคน "
            "วิทยากรแนะนำการใช้ปุ๋ยอินทรีย์และการเก็บเมล็ดพันธุ์ข้าวไว้ใช้เอง\n\n"
            "ผู้สนใจติดตามกิจกรรมครั้งต่อไปได้ที่บอร์ดประชาสัมพันธ์ของหมู่บ้าน"
        ),
    ),
    "energy-saving-measure": dict(
        title="มาตรการประหยัดพลังงานในสำนักงาน",
        type="มาตรการ", date="3 มีนาคม 2568", division="กองช่าง",
        body=(
            "ให้เจ้าหน้าที่ปิดไฟและเครื่องปรับอากาศในช่วงพักกลางวัน "
            "ตั้งอุณหภูมิเครื่องปรับอากาศไว้ที่ยี่สิบห้าองศา\n\n"
            "อาคารที่ทาสีใหม่ให้ใช้สีขาวเพื่อสะท้อนความร้อน ซึ่งช่วยลดค่าไฟฟ้าได้ทุกเดือน"
        ),
    ),
    "ethics-manual": dict(
        title="คู่มือการป้องกันผลประโยชน์ทับซ้อนและจริยธรรมของเจ้าหน้าที่",
        type="คู่มือ", division="สำนักปลัด",
        ita="\n  2569: [O15, O20]",
        body=(
            "เจ้าหน้าที่ต้องไม่รับของขวัญหรือประโยชน์อื่นใดจากผู้มาติดต่อราชการ "
            "และต้องแยกเรื่องส่วนตัวออกจากตำแหน่งหน้าที่\n\n"
            "## เมื่อพบการกระทำที่อาจเป็นการทุจริต\n\n"
            "ให้รายงานผู้บังคับบัญชาเป็นหนังสือ หรือแจ้งผ่านช่องทางร้องเรียนของหน่วยงาน"
        ),
    ),
    "reserve-fund-report": dict(
        title="รายงานเงินสะสมคงเหลือ", number="กพ ๕๓๓๐๗/๐๗๒",
        type="รายงาน", date="10 ตุลาคม 2568", division="กองคลัง",
        body=(
            "ณ สิ้นปีงบประมาณ องค์การบริหารส่วนตำบลมีเงินสะสมคงเหลือ ๑,๒๓๔,๐๐๐ บาท "
            "ซึ่งจะใช้ตามประกาศเจตนารมณ์ของผู้บริหาร"
        ),
    ),
    "procurement-summary": dict(
        title="สรุปผลการจัดซื้อจัดจ้างประจำเดือนมีนาคม พ.ศ. ๒๕๖๘",
        type="รายงาน", date="5 เมษายน 2568", division="กองคลัง",
        ita="\n  2568: O12",
        body=(
            "เดือนนี้มีการจัดซื้อวัสดุสำนักงานและจ้างเหมาซ่อมแซมถนนลูกรังหมู่ที่สาม "
            "ทุกรายการใช้วิธีเฉพาะเจาะจงตามระเบียบกระทรวงการคลัง"
        ),
    ),
}

# ------------------------------------------------------------------ queries
# (query, documents that must be found, best first). A tuple first names documents
# that are equally good answers (the query is in each one's title).
# Only what a reader reads as the document is indexed (title, number, summary, text),
# not the labels and metadata around it: งบประมาณ finds the budget documents, not every
# page whose division or fiscal-year label says งบประมาณ.
QUERIES = [
    # whole words
    ("ร้องเรียน", [("complaint-channels", "complaint-statistics"), "ethics-manual"]),
    ("ทุจริต", ["risk-assessment", "complaint-channels", "complaint-statistics", "ethics-manual"]),
    ("ความเสี่ยง", ["risk-assessment"]),
    ("งบประมาณ", ["budget-ordinance", "reserve-fund-report"]),
    ("แผนพัฒนา", ["local-development-plan"]),
    ("จัดซื้อจัดจ้าง", ["procurement-summary", "risk-assessment"]),
    ("พลังงาน", ["energy-saving-measure"]),
    ("เครื่องปรับอากาศ", ["energy-saving-measure"]),
    ("จริยธรรม", ["ethics-manual"]),
    ("ผลประโยชน์ทับซ้อน", ["ethics-manual", "risk-assessment"]),
    ("ประปา", ["local-development-plan", "budget-ordinance"]),
    ("เกษตรกร", ["rice-training-news"]),
    ("ขยะมูลฝอย", ["complaint-statistics"]),
    ("ข้อบัญญัติ", ["budget-ordinance"]),
    ("รถยนต์ส่วนกลาง", ["risk-assessment"]),
    ("ไข้เลือดออก", ["budget-ordinance"]),
    ("วิสาหกิจชุมชน", ["local-development-plan"]),
    ("ปุ๋ยอินทรีย์", ["rice-training-news"]),
    ("ของขวัญ", ["ethics-manual"]),
    ("สถิติ", ["complaint-statistics"]),
    # inner words of compounds
    ("เสี่ยง", ["risk-assessment"]),
    ("ประมาณ", ["budget-ordinance"]),
    ("พัฒนา", ["local-development-plan"]),
    ("มิชอบ", ["complaint-channels"]),
    ("ทับซ้อน", ["ethics-manual", "risk-assessment"]),
    ("ประหยัด", ["energy-saving-measure"]),
    ("ซ่อมแซม", ["procurement-summary"]),
    ("สาธารณสุข", ["budget-ordinance"]),
    ("ต้นทุน", ["rice-training-news"]),
    ("อุณหภูมิ", ["energy-saving-measure"]),
    # partial words, as typed while the results update
    ("ร้องเรี", [("complaint-channels", "complaint-statistics"), "ethics-manual"]),
    ("ทุจริ", ["risk-assessment", "complaint-channels", "complaint-statistics", "ethics-manual"]),
    ("ความเสี่", ["risk-assessment"]),
    ("งบประ", ["budget-ordinance"]),
    ("แผนพัฒ", ["local-development-plan"]),
    ("จัดซื้อจัดจ", ["procurement-summary", "risk-assessment"]),
    ("เกษตรก", ["rice-training-news"]),
    ("จริยธ", ["ethics-manual"]),
    ("ประหยัดพลัง", ["energy-saving-measure"]),
    # tone marks that must not collide
    ("ข้าว", ["rice-training-news", "local-development-plan"]),
    ("ข่าว", ["rice-training-news"]),
    ("ขาว", ["energy-saving-measure"]),
    ("ข้าวหอมมะลิ", ["local-development-plan"]),
    ("สีขาว", ["energy-saving-measure"]),
    # numbers in either script, with or without thousands separators: titles and numbers
    # rank first
    ("2568", [("complaint-statistics", "procurement-summary")]),
    ("๒๕๖๙", [("risk-assessment", "budget-ordinance")]),
    ("53307", ["reserve-fund-report"]),
    ("๕๓๓๐๗", ["reserve-fund-report"]),
    ("1234000", ["reserve-fund-report"]),
    ("1,234,000", ["reserve-fund-report"]),
    ("๑๒๓๔๐๐๐", ["reserve-fund-report"]),
    # a part of a long compound that the site uses as a word of its own
    ("ปีงบประมาณ", ["reserve-fund-report"]),
    # several words
    ("ร้องเรียน ทุจริต", ["complaint-channels", "complaint-statistics", "ethics-manual"]),
    ("ความเสี่ยงการทุจริต", ["risk-assessment"]),
    ("งบประมาณรายจ่าย", ["budget-ordinance"]),
]
ABSENT = {
    # The plan's division (กองยุทธศาสตร์และงบประมาณ) is a label of its page, not its text.
    "งบประมาณ": ["local-development-plan"],
    "ข้าว": ["energy-saving-measure"],
    "ข่าว": ["energy-saving-measure", "local-development-plan"],
    "ขาว": ["rice-training-news", "local-development-plan"],
    "สีขาว": ["rice-training-news", "local-development-plan"],
    "ความเสี่ยง": ["energy-saving-measure", "procurement-summary"],
    "ข้อบัญญัติ": ["ethics-manual", "risk-assessment"],
}


def corpus_files():
    return {f"documents/{slug}.md": document(slug=slug, **fields)
            for slug, fields in CORPUS.items()}


# ------------------------------------------------------------------ browser

class Server:
    """A static file server on 127.0.0.1 that records nothing and stops with the test."""

    def __init__(self, root):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# Search is tested under the policy deploy/nginx.conf sends: no inline script
# or style, nothing from another host, 'wasm-unsafe-eval' for Pagefind.
CSP = deployed_csp("nginx")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()


@pytest.fixture(scope="module")
def published(tmp_path_factory, browser):
    """The corpus published under http://127.0.0.1:<port>/ita-portal/."""
    base = tmp_path_factory.mktemp("search")
    www = base / "www"
    www.mkdir()
    server = Server(www)
    site = Site(base)
    site.output = www / SUB_PATH
    site.add(corpus_files())
    siteurl = f"{server.origin}/{SUB_PATH}"
    result = site.build(PUBLISH_SETTINGS, SITEURL=siteurl)
    assert result.ok, result.message
    yield site, server, siteurl, dict(result.search_index)
    server.stop()


class SearchPage:
    """The search page in one browser tab, with its network log."""

    def __init__(self, browser, search_url, javascript=True):
        self.context = browser.new_context(java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.url = search_url
        self.requests = []
        self.errors = []
        self.page.on("requestfinished", lambda request: self.requests.append(request))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error"
                     and "Content Security Policy" in message.text
                     and self.errors.append(message.text))

    def open(self):
        self.page.goto(self.url)
        self.page.wait_for_selector("#search-query", state="visible")

    def search(self, query="", **filters):
        """[(slug, title, meta, excerpt text, excerpt html, href)] for a query typed in the page."""
        self.open()
        for key, value in filters.items():
            self.page.select_option(f"#filter-{key}", value)
        if query:
            self.page.fill("#search-query", query)
            self.page.press("#search-query", "Enter")
        self.wait()
        return self.results()

    def wait(self):
        """Until the page announces how many documents it found."""
        self.page.wait_for_selector("#search-status:not(:empty)")

    def results(self):
        found = []
        for item in self.page.query_selector_all("#search-results > li"):
            href = item.query_selector("h2 a").get_attribute("href")
            # A document's slug; a generated page by its path (about/structure).
            document = re.search(r"/documents/([^/]+)/$", href)
            slug = document[1] if document else href.split(f"/{SUB_PATH}/", 1)[1].strip("/")
            excerpt = item.query_selector(".excerpt")
            found.append((slug, item.query_selector("h2").inner_text(),
                          item.query_selector(".meta").inner_text(),
                          excerpt.inner_text(), excerpt.inner_html(), href))
        return found

    def close(self):
        self.context.close()


def _bytes(request):
    sizes = request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


# ------------------------------------------------------------------ tests

def test_thai_regression_set_finds_every_expected_document(published, browser):
    site, server, siteurl, index = published
    assert len(QUERIES) >= 40
    page = SearchPage(browser, f"{siteurl}/search/")
    page.open()  # load the page and the search engine once
    page.page.wait_for_load_state("networkidle")
    first_load = sum(_bytes(r) for r in page.requests)
    missing, leaked, best_first, per_query = [], [], 0, []
    try:
        for query, expected in QUERIES:
            before = len(page.requests)
            found = [row[0] for row in page.search(query)]
            per_query.append(sum(_bytes(r) for r in page.requests[before:]
                                 if "/pagefind/" in r.url))
            best = expected[0] if isinstance(expected[0], tuple) else (expected[0],)
            wanted = list(best) + expected[1:]
            missing += [(query, slug) for slug in wanted if slug not in found]
            leaked += [(query, slug) for slug in ABSENT.get(query, []) if slug in found]
            best_first += bool(found) and found[0] in best
            if not found or found[0] not in best:
                print(f"ranked: {query!r}: expected {best} first, got {found}")
        hosts = {re.match(r"https?://[^/]+", r.url)[0] for r in page.requests}
    finally:
        page.close()
    print(f"\nsearch index: {index['documents']} documents in {index['seconds']:.2f} s, "
          f"{index['bytes']} bytes; first page load {first_load} bytes; "
          f"pagefind bytes per query: median {sorted(per_query)[len(per_query) // 2]}, "
          f"max {max(per_query)} (browser cache on)")
    assert not page.errors
    assert missing == [], "\n".join(map(str, missing))
    assert leaked == []
    assert best_first / len(QUERIES) >= 0.95, f"best first for {best_first}/{len(QUERIES)}"
    assert hosts == {server.origin}


# Near misses: a query that must find none of these documents.
NEAR_MISSES = {
    "รมณ์": ["reserve-fund-report"],  # a part of เจตนารมณ์ the site never uses alone
    "2567": ["complaint-statistics", "procurement-summary", "risk-assessment"],  # ๒๕๖๘/๙
    "๑๒๓๕": ["reserve-fund-report"],  # another number with the same digits up front
}


def test_near_misses_are_not_found(published, browser):
    _site, _server, siteurl, _ = published
    page = SearchPage(browser, f"{siteurl}/search/")
    try:
        found = {query: [row[0] for row in page.search(query)] for query in NEAR_MISSES}
    finally:
        page.close()
    assert {query: [slug for slug in wrong if slug in found[query]]
            for query, wrong in NEAR_MISSES.items()} == {query: [] for query in NEAR_MISSES}


def test_a_number_match_marks_the_number_as_the_page_writes_it(published, browser):
    _site, _server, siteurl, _ = published
    page = SearchPage(browser, f"{siteurl}/search/")
    try:
        reserve = page.search("1234000")[0]
        compound = [row for row in page.search("งบประมาณ") if row[0] == "reserve-fund-report"][0]
    finally:
        page.close()
    assert reserve[0] == "reserve-fund-report"
    assert "คงเหลือ <mark>๑,๒๓๔,๐๐๐</mark> บาท" in reserve[4]
    assert "1234000" not in reserve[3] and "\u2064" not in reserve[3]
    assert "ณ สิ้นปี<mark>งบประมาณ</mark> องค์การบริหาร" in compound[4].replace("</mark><mark>", "")


def test_excerpts_show_the_original_text_with_the_match_marked(published, browser):
    site, server, siteurl, _ = published
    page = SearchPage(browser, f"{siteurl}/search/")
    try:
        results = {row[0]: row for row in page.search("ร้องเรียน")}
        channels = results["complaint-channels"]
        assert channels[1] == "ประกาศช่องทางการแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
        assert channels[2] == "ประกาศ · ๑ ตุลาคม ๒๕๖๘"
        assert channels[5] == f"{siteurl}/documents/complaint-channels/"
        # no space is added inside the Thai words, the match is marked
        # and the text after the title is the document's own, no label ("ประเภทเอกสาร")
        assert ("แจ้งเรื่อง<mark>ร้องเรียน</mark>การทุจริตและประพฤติมิชอบ "
                "องค์การบริหารส่วนตำบลตัวอย่างเปิดรับเรื่อง<mark>ร้องเรียน</mark>") in channels[4]
        for slug, _, _, text, _, _ in results.values():
            assert search.JOINER not in text and search.BLOCK_END not in text
            original = _article_text(site, slug)
            for before, after in re.findall(r"(\S+) (?=(\S+))", text.replace(".", "")):
                if re.search("[\u0e01-\u0e5b]$", before) and re.match("[\u0e01-\u0e5b]", after):
                    assert f"{before} {after}" in original, (slug, before, after)
        manual = page.search("ผลประโยชน์ทับซ้อน")[0]
        assert manual[0] == "ethics-manual"
        assert manual[2] == "คู่มือ · ไม่ระบุวันที่"
        plan = [row for row in page.search("แผนพัฒนา") if row[0] == "local-development-plan"][0]
        assert plan[2] == "แผน · ปีงบประมาณ ๒๕๖๖-๒๕๗๐"
        # the title's own spaces stay, none is added between its words
        assert "<mark>แผนพัฒนา</mark>ท้องถิ่น พ.ศ. ๒๕๖๖-๒๕๗๐ เพิ่มเติม ครั้งที่ ๑" in plan[4]
    finally:
        page.close()
    assert not page.errors


def _article_text(site, slug):
    """What the index holds of a page: its title, then its own text (doc-body)."""
    page = site.read(f"documents/{slug}/index.html")
    title = re.search(r"<h1>(.*?)</h1>", page)[1]
    body = page[page.index('<div class="doc-body">'):page.index("</article>")]
    body = body.split("<section aria-labelledby=", 1)[0]
    text = re.sub(r"<[^>]+>", " ", (title + " " + body).replace(".", ""))
    return re.sub(r"\s+", " ", text)


def test_filters_narrow_the_results(published, browser):
    site, server, siteurl, _ = published
    page = SearchPage(browser, f"{siteurl}/search/")
    try:
        by_type = {row[0] for row in page.search("ทุจริต", type="รายงาน")}
        assert by_type == {"risk-assessment", "complaint-statistics"}
        by_division = {row[0] for row in page.search("", division="กองคลัง")}
        assert by_division == {"budget-ordinance", "procurement-summary", "reserve-fund-report"}
        # the five-year plan is found under each of its fiscal years
        assert {row[0] for row in page.search("", fiscal_year="2567")} == {"local-development-plan"}
        item = "ITA 2569 ข้อ O21 การประเมินความเสี่ยงการทุจริตในหน่วยงานภาครัฐ"
        assert [row[0] for row in page.search("", ita=item)] == ["risk-assessment"]
        assert page.search("พลังงาน", division="กองคลัง") == []
        assert "ไม่พบเอกสาร" in page.page.inner_text("#search-status")
        # the choices are in Thai, years newest first, with the site's numerals
        years = page.page.locator("#filter-fiscal_year option").all_inner_texts()
        assert years == ["ทั้งหมด", "๒๕๗๐", "๒๕๖๙", "๒๕๖๘", "๒๕๖๗", "๒๕๖๖"]
        # the query and filters are kept in the address, so a result list can be shared
        page.search("งบประมาณ", type="ประกาศ")
        assert "type=" in page.page.url and "q=" in page.page.url
    finally:
        page.close()
    assert not page.errors


def test_search_box_query_opens_results_and_without_javascript_points_to_listings(
        published, browser):
    site, server, siteurl, _ = published
    page = SearchPage(browser, f"{siteurl}/search/?q=ความเสี่ยง")
    try:
        page.page.goto(page.url)
        page.wait()
        assert page.results()[0][0] == "risk-assessment"
        assert page.page.input_value("#search-query") == "ความเสี่ยง"
    finally:
        page.close()
    plain = SearchPage(browser, f"{siteurl}/search/?q=ความเสี่ยง", javascript=False)
    try:
        plain.page.goto(plain.url)
        assert not plain.page.is_visible("#search-query")
        text = plain.page.inner_text("main")
        assert "การค้นหาต้องเปิดใช้ JavaScript" in text
        link = plain.page.get_by_role("link", name="เอกสารตามประเภท")
        assert link.get_attribute("href") == f"{siteurl}/documents/#by-type"
        link = plain.page.get_by_role("link", name="เอกสารตามข้อ ITA")
        assert link.get_attribute("href") == f"{siteurl}/ita/"
    finally:
        plain.close()


def test_relative_urls_work_in_the_development_build(site, browser, tmp_path):
    site.add({k: v for k, v in corpus_files().items() if "risk" in k or "energy" in k})
    assert site.build().ok
    server = Server(site.output)
    page = SearchPage(browser, f"{server.origin}/search/")
    try:
        found = page.search("ความเสี่ยง")
        assert [row[0] for row in found] == ["risk-assessment"]
        assert found[0][5] == f"{server.origin}/documents/risk-assessment/"
    finally:
        page.close()
        server.stop()


# ------------------------------------------------------------------ the build step

def test_served_pages_stay_exactly_as_written(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    indexed, plain = Site(tmp_path / "a"), Site(tmp_path / "b")
    for site in (indexed, plain):
        site.add(corpus_files())
    assert indexed.build().ok
    bundle = indexed.output / "pagefind"
    assert (bundle / "pagefind.js").exists()
    assert not [name for name in os.listdir(bundle) if name.startswith("pagefind-ui")]
    assert not list((tmp_path / "a" / "site").glob(".search-index-copy-*"))
    # the same build with the index step switched off writes the same pages
    monkeypatch.setattr(search, "build_index", lambda output, documents: {})
    assert plain.build().ok
    assert not (plain.output / "pagefind").exists()
    for slug in CORPUS:
        page = f"documents/{slug}/index.html"
        assert indexed.read(page) == plain.read(page)
        assert "data-pagefind" not in indexed.read(page)
        assert search.JOINER not in indexed.read(page)


def test_site_without_documents_has_a_search_page_and_no_bundle(site):
    assert site.build().ok
    assert "ยังไม่มีเอกสารที่เผยแพร่ให้ค้นหา" in site.read("search/index.html")
    assert not (site.output / "pagefind").exists()


def test_thai_runs_are_split_into_words_and_restored():
    split = search.split_thai("ประเมินความเสี่ยงการทุจริต ปี 2569")
    # Inserted spaces are plain; the page's own spaces after Thai are followed by
    # WORD JOINER as a word of its own (attached, it would make Pagefind index the
    # word twice).
    assert split == "ประเมิน ความ เสี่ยง การ ทุจริต \u2060 ปี \u2060 2569"
    assert search.restore_text(split) == "ประเมินความเสี่ยงการทุจริต ปี 2569"


def test_index_copy_holds_the_readers_text_and_keeps_words_apart_across_tags():
    page = ('<html lang="th"><body><nav>เมนูหลัก</nav><main><article><h1>คู่มือ</h1>'
            '<dl class="doc-meta"><dt>ประเภทเอกสาร</dt><dd>คู่มือ</dd></dl>'
            '<div class="doc-body"><h2 class="visually-hidden">ส่วนที่ซ่อน</h2>'
            "<dl><dt>ที่</dt><dd>กค ๐๐๑</dd></dl>"
            "<p>เว็บไซต์นี้เป็น<strong>เว็บไซต์สาธิต</strong>ของระบบ</p>"
            '<div class="table-cards" aria-hidden="true" data-pagefind-ignore><p>บัตรซ้ำ</p>'
            "</div><p>ท้าย</p></div>"
            '<section aria-labelledby="s"><h2 id="s">ผู้ลงนาม</h2></section>'
            "</article></main></body></html>")
    doc = search.IndexedDocument("documents/x/index.html", 'คู่มือ "ก & ข"', {"type": "คู่มือ"},
                                 [("type", "คู่มือ"), ("division", "กองคลัง")],
                                 number="กค ๕๓๓๐๗/๐๗๒")
    copy = search.index_copy(page, doc)
    assert copy.count("data-pagefind-body") == 1
    # Title and number first, the number weighted; then the document's text only.
    assert '<h1>คู่มือ \u2060 "ก \u2060 &amp; ข" \u2063</h1>' in copy
    assert ('<p data-pagefind-weight="10">กค \u2060 ๕๓๓๐๗ \u206453307\u2064 /๐๗๒ '
            "\u2064072\u2064  \u2063</p>") in copy
    for left_out in ("เมนูหลัก", "ประเภทเอกสาร", "ส่วนที่ซ่อน", "บัตรซ้ำ", "ผู้ลงนาม"):
        assert left_out not in copy, left_out
    assert "<dl><dt>ที่ \u2063</dt><dd> กค \u2060 ๐๐๑ \u2064001\u2064 </dd></dl>" in copy
    assert "เป็น<strong> เว็บไซต์ สาธิต</strong> ของ" in copy
    assert "<p> ท้าย \u2063</p>" in copy
    assert '<span data-pagefind-meta="title:คู่มือ &quot;ก &amp; ข&quot;"></span>' in copy
    assert '<span data-pagefind-filter="division:กองคลัง"></span></article>' in copy
    # The other forms go again where excerpts are shown.
    text = search.restore_text(re.sub("<[^>]+>", "", copy))
    assert "กค ๕๓๓๐๗/๐๗๒" in text and "กค ๐๐๑" in text
    # A hidden element without an end tag hides nothing after it.
    icon = page.replace("<p>ท้าย</p>", '<p>ท้าย<img src="i.png" alt="" aria-hidden="true">สุด</p>')
    assert "ท้าย สุด" in search.index_copy(icon, doc)


def test_numbers_are_indexed_also_as_a_query_writes_them():
    assert search.canonical_number("๒๕๖๘") == "2568"
    assert search.canonical_number("1,234,000") == "1234000"
    assert search.canonical_number("๑,๒๓๔.๕๐") == "1234.50"
    assert search.canonical_number("2568") == "2568"
    split = search.indexed_text("ปี ๒๕๖๘ งบ 1,234,000 บาท และ 2568")
    assert split.count("\u2064") == 4  # Arabic 2568 already is the query's form
    assert search.restore_text(split) == "ปี ๒๕๖๘ งบ 1,234,000 บาท และ 2568"


def test_long_compounds_are_indexed_also_by_the_parts_the_site_uses_alone():
    vocabulary = search.Vocabulary()
    vocabulary.add("ใน ปี นี้ มี งบประมาณ และ เจตนา")
    assert vocabulary.parts("ปีงบประมาณ") == ("ปี", "งบ", "ประมาณ")
    assert vocabulary.parts("เจตนารมณ์") == ()  # รมณ์ is never used alone: not a part
    split = search.indexed_text("สิ้นปีงบประมาณ", vocabulary)
    assert "ปีงบประมาณ \u2064ปี งบ ประมาณ\u2064" in split
    assert search.restore_text(split) == "สิ้นปีงบประมาณ"


def test_header_search_box_opens_the_search_page_under_the_sub_path():
    import jinja2
    from conftest import ROOT

    templates = os.path.join(ROOT, "theme", "templates")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True)
    box = env.get_template("includes/search_form.html").render(
        SITEURL="https://example.go.th/ita-portal", search_page_url="search/")
    assert 'action="https://example.go.th/ita-portal/search/" method="get"' in box
    assert '<label for="site-search-query">ค้นหาเอกสาร</label>' in box
    assert '<input type="search" id="site-search-query" name="q">' in box


# ------------------------------------------------------------------ the real example content

# The five words over the published seed documents: who must be found
# (their slugs), and a phrase the excerpt must show untouched.
SEED_QUERIES = {
    "ร้องเรียน": ({"manual-kokyae-complaints"}, "ร้องเรียน"),
    "ทุจริต": ({"manual-kokyae-complaints", "measure-2562-001"}, "ทุจริต"),
    "ความเสี่ยง": ({"report-2568-001", "measure-2562-001"}, "ความเสี่ยง"),
    "งบประมาณ": ({"report-2566-001", "plan-2566-001"}, "งบประมาณ"),
    "แผนพัฒนา": ({"plan-2566-001"}, "แผนพัฒนา"),
}


@pytest.fixture(scope="module")
def published_seeds(tmp_path_factory, browser):
    """The repository's own content/ published under a sub-path."""
    base = tmp_path_factory.mktemp("seed-search")
    www = base / "www"
    www.mkdir()
    server = Server(www)
    siteurl = f"{server.origin}/{SUB_PATH}"
    result = site_build.build(PUBLISH_SETTINGS, overrides={
        "PATH": os.path.join(ROOT, "content"), "OUTPUT_PATH": str(www / SUB_PATH),
        "SITEURL": siteurl})
    assert result.ok, result.message
    yield siteurl
    server.stop()


@pytest.mark.parametrize("query", SEED_QUERIES)
def test_seed_documents_are_found_with_clean_excerpts(published_seeds, browser, query):
    expected, phrase = SEED_QUERIES[query]
    page = SearchPage(browser, f"{published_seeds}/search/")
    try:
        found = page.search(query)
        slugs = {row[0] for row in found}
        assert expected <= slugs, (query, slugs)
        for slug, _title, _meta, excerpt, excerpt_html, _href in found:
            assert search.JOINER not in excerpt and search.BLOCK_END not in excerpt
            if slug in expected:
                assert f"<mark>{phrase}" in excerpt_html.replace("</mark><mark>", ""), \
                    (slug, excerpt_html)
    finally:
        page.close()
    assert not page.errors


def test_procurement_summaries_and_organisation_pages_are_found(tmp_path, browser):
    from test_procurement import AFTER_THE_YEAR, YEAR_2568, save

    save(tmp_path / "procurement", "2568.csv", YEAR_2568, AFTER_THE_YEAR)
    www = tmp_path / "www"
    www.mkdir()
    server = Server(www)
    site = Site(tmp_path)
    site.output = www / SUB_PATH
    siteurl = f"{server.origin}/{SUB_PATH}"
    try:
        result = site.build(PUBLISH_SETTINGS, SITEURL=siteurl,
                            PROCUREMENT_DIR=str(tmp_path / "procurement"),
                            ORGANISATION_DATA=os.path.join(ROOT, "data", "organisation.yaml"))
        assert result.ok, result.message
        page = SearchPage(browser, f"{siteurl}/search/")

        def found(query):
            page.open()
            page.page.fill("#search-query", query)
            page.page.press("#search-query", "Enter")
            page.wait()
            return [(item.query_selector("h2 a").get_attribute("href").split(SUB_PATH, 1)[1],
                     item.query_selector(".meta").inner_text())
                    for item in page.page.query_selector_all("#search-results > li")]

        road = found("ซ่อมถนน")
        assert ("/procurement/2568/11/", "สรุปผลการจัดซื้อจัดจ้าง · ปีงบประมาณ ๒๕๖๘") in road, road
        assert "/procurement/2568/" in [href for href, _ in found("ต่ำกว่าราคากลาง")]
        # The organisation's pages: a division's duty, the office's phone.
        assert "/about/structure/" in [href for href, _ in found("จัดเก็บรายได้")]
        assert "/contact/" in [href for href, _ in found("เวลาทำการ")]
        page.close()
    finally:
        server.stop()
