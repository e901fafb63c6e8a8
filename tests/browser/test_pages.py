"""The published site in a real browser: accessibility, keyboard, network, cookies, layout."""

import os
import re
import urllib.parse

import pytest

AXE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vendor", "axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# One page of every kind the theme draws (path under the site).
PAGE_KINDS = {
    "home": "",
    "announcement": "documents/browser-announcement/",
    "report with a wide table": "documents/browser-report/",
    "memo with an attachment": "documents/browser-memo/",
    "ten-column plan with merged cells": "documents/browser-plan/",
    "all documents": "documents/",
    "listing by type": "documents/type/announcement/",
    "listing by fiscal year": "documents/year/2566/",
    "listing by type in one fiscal year": "documents/type/announcement/2566/",
    "organisation": "about/",
    "structure chart": "about/structure/",
    "legal duties": "about/duties/",
    "executives": "about/executives/",
    "contact": "contact/",
    "procurement years": "procurement/",
    "procurement yearly report with chart": "procurement/2568/",
    "procurement month (สขร.๑)": "procurement/2568/11/",
    "procurement month without any": "procurement/2568/12/",
    "information page": "accessibility/",
    "privacy notice": "privacy/",
    "not found": "404.html",
    "ITA years": "ita/",
    "ITA year checklist": "ita/2569/",
    "ITA item": "ita/2569/o16/",
    "seed memo and risk tables (000)": "documents/report-2568-001/",
    "seed HR report, two-level header (001)": "documents/report-2566-001/",
    "seed plan with totals (003)": "documents/plan-2566-001/",
    "complaints hub": "complaints/",
    "complaint channels": "complaints/channels/",
    "complaint process with diagram": "complaints/process/",
    "complaint form": "complaints/form/",
    "complaint statistics years": "complaints/statistics/",
    "complaint statistics with chart": "complaints/statistics/2568/",
    "complaint statistics of a year without complaints": "complaints/statistics/2567/",
}


def axe_violations(page):
    page.add_script_tag(path=AXE)  # inlined: no request leaves the page
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", [360, 768, 1280])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_wcag_22_aa_or_best_practice_violations(site_url, visit, kind, width):
    page = visit(width=width).page
    response = page.goto(f"{site_url}/{PAGE_KINDS[kind]}")
    assert response.ok, f"{kind}: HTTP {response.status}"
    page.evaluate("document.fonts.ready")
    assert axe_violations(page) == []


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_fits_a_320_px_screen_without_sideways_scrolling(site_url, visit, kind):
    page = visit(width=320, height=640).page
    page.goto(f"{site_url}/{PAGE_KINDS[kind]}")
    page.evaluate("document.fonts.ready")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{kind}: the page is {overflow} px wider than the screen"


def test_every_request_stays_on_127_0_0_1_and_no_cookie_is_set(site_url, visit):
    v = visit()
    for path in PAGE_KINDS.values():
        v.page.goto(f"{site_url}/{path}")
        v.page.evaluate("document.fonts.ready")
        assert v.page.evaluate("document.cookie") == ""
    hosts = {urllib.parse.urlsplit(url).hostname for url in v.requests}
    assert hosts == {"127.0.0.1"}, v.requests
    assert v.context.cookies() == []
    # The vendored Thai font was really used, from this site.
    assert f"{site_url}/theme/fonts/sarabun-thai-400-normal.woff2" in v.requests
    assert v.page.evaluate("document.fonts.check('16px Sarabun', 'ภาษาไทย')")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(site_url, visit):
    page = visit().page
    page.goto(f"{site_url}/documents/browser-report/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip-link", "ข้ามไปยังเนื้อหาหลัก"]
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0 and box["height"] > 0  # visible while focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def tab_to(page, href_part, limit=80):
    """Press Tab until a link whose address contains ``href_part`` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.href || ''")
        if href_part in href:
            outline = page.evaluate(
                "getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"focus on {href} is not visible"
            return href
    raise AssertionError(f"no link to {href_part} within {limit} Tab presses")


def test_keyboard_only_from_home_to_a_document(site_url, visit):
    page = visit().page
    page.goto(f"{site_url}/")
    tab_to(page, "/documents/browser-announcement/")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}/documents/browser-announcement/")
    assert page.locator("h1").inner_text() == (
        "ประกาศเจตนารมณ์การป้องกันและต่อต้านการทุจริตคอร์รัปชัน")
    # The wide table is reachable and scrollable with the keyboard alone.
    page.goto(f"{site_url}/documents/browser-report/")
    page.locator(".table-scroll").focus()
    assert page.evaluate("document.activeElement.classList.contains('table-scroll')")


def test_keyboard_only_from_home_to_the_ita_section(site_url, visit):
    page = visit().page
    page.goto(f"{site_url}/")
    tab_to(page, f"{site_url}/ita/")
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert page.url == f"{site_url}/ita/"
    if navigation.value is not None and navigation.value.ok:
        # With the ITA pages built, go on to one ITA item the same way.
        href = tab_to(page, f"{site_url}/ita/2")
        page.keyboard.press("Enter")
        page.wait_for_url(href)
        assert page.locator("h1").count() == 1


@pytest.mark.parametrize("kind", ["home", "report with a wide table"])
@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots(site_url, visit, screenshots, kind, width):
    page = visit(width=width).page
    page.goto(f"{site_url}/{PAGE_KINDS[kind]}")
    page.evaluate("document.fonts.ready")
    name = f"{'home' if kind == 'home' else 'document'}-{width}.png"
    path = os.path.join(screenshots, name)
    page.screenshot(path=path, full_page=True)
    assert os.path.getsize(path) > 10_000


def test_print_is_a4_with_wide_tables_in_landscape(site_url, visit, screenshots):
    page = visit().page
    page.goto(f"{site_url}/documents/browser-report/")
    page.evaluate("document.fonts.ready")
    pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    with open(os.path.join(screenshots, "document-print.pdf"), "wb") as handle:
        handle.write(pdf)
    boxes = [[float(n) for n in box.split()]
             for box in re.findall(rb"/MediaBox\s*\[([^\]]+)\]", pdf)]
    sizes = [(round((b[2] - b[0]) * 25.4 / 72), round((b[3] - b[1]) * 25.4 / 72)) for b in boxes]
    portrait, landscape = (210, 297), (297, 210)  # A4 in millimetres
    assert sizes and all(size in (portrait, landscape) for size in sizes), sizes
    assert sizes[0] == portrait  # the document starts on an upright page
    assert landscape in sizes  # its wide table is printed sideways


@pytest.mark.parametrize("width", [360, 1280])
def test_a_draft_page_says_it_is_one_without_axe_violations(browser, tmp_path, width):
    """Drafts are seen only in the preview (`invoke serve`, `invoke edit`): the notice
    must be read first and pass the same checks as published pages."""
    from conftest import Site, announcement

    site = Site(tmp_path)
    site.add({"documents/2569/draft.md": announcement(slug="announcement-2569-099",
                                                      status="draft")})
    result = site.build()
    assert result.ok, result.message
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto((site.output / "drafts" / "announcement-2569-099" / "index.html").as_uri())
        notice = page.locator("p.draft-notice")
        assert notice.inner_text().startswith("ฉบับร่าง ยังไม่เผยแพร่")
        # Right under the title, before the document's facts.
        assert page.evaluate("document.querySelector('h1').nextElementSibling.className") \
            == "draft-notice"
        assert axe_violations(page) == []
    finally:
        context.close()
