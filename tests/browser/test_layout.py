"""Tables and pages at the widths people read them: a 360 px phone, a 768 px tablet,
a 1280 px desktop, and print. Screenshots of every page kind at every width are
kept in artifacts/screenshots/ for a person to look at."""

import os

import pytest

from .test_pages import PAGE_KINDS

WIDTHS = (360, 768, 1280)
PLAN = "documents/browser-plan/"  # the ten-column table with merged cells
HR = "documents/report-2566-001/"  # seed 001: ten columns, two-level header

# Captions a reader sees, and whether each is cut by the box that scrolls it or by
# the window (a caption that scrolls with its table is cut mid-word on a phone).
CLIPPED_CAPTIONS = """() => {
  const shown = [...document.querySelectorAll('caption, .table-caption')].filter(el =>
    getComputedStyle(el).clipPath === 'none' && el.getBoundingClientRect().width > 1
    && !(el.closest('.table-scroll')?.getBoundingClientRect().width <= 1));
  const cut = [];
  for (const el of shown) {
    const box = el.getBoundingClientRect();
    let limit = {left: 0, right: document.documentElement.clientWidth};
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') {
        const r = up.getBoundingClientRect();
        limit = {left: Math.max(limit.left, r.left), right: Math.min(limit.right, r.right)};
      }
    }
    if (box.left < limit.left - 1 || box.right > limit.right + 1
        || el.scrollWidth > el.clientWidth + 1)
      cut.push(el.textContent.trim().slice(0, 40));
  }
  return cut;
}"""

# No table cell a reader sees is narrower than a word in it: such a cell breaks the
# word inside (งบประ/มาณ). Words are those of the browser's Thai dictionary, and
# the compounds a user saw split in narrow cells between their dictionary words
# (งบ/ประมาณ); a compound may still wrap at a line's end in a cell wide enough for it.
BROKEN_WORDS = """() => {
  const compounds = ['งบประมาณ', 'ส่งเสริม', 'ลงวันที่'];
  const segmenter = new Intl.Segmenter('th', {granularity: 'word'});
  const broken = [];
  const cells = [...document.querySelectorAll('td, th')].filter(cell =>
    cell.getClientRects().length && cell.getBoundingClientRect().width > 2
    && !cell.closest('.visually-hidden'));
  const widthOf = (text, parent) => {
    const probe = document.createElement('span');
    probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
    probe.textContent = text;
    parent.appendChild(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  };
  for (const cell of cells) {
    const style = getComputedStyle(cell);
    const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.visually-hidden')) continue;
      const parts = [...segmenter.segment(node.data)].filter(part => part.isWordLike);
      for (const word of compounds)
        for (let at = node.data.indexOf(word); at >= 0; at = node.data.indexOf(word, at + 1))
          parts.push({index: at, segment: word});
      for (const part of parts) {
        const range = document.createRange();
        range.setStart(node, part.index);
        range.setEnd(node, part.index + part.segment.length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                .map(r => Math.round(r.bottom)));
        if (lines.size > 1 && widthOf(part.segment, node.parentElement) > room + 1)
          broken.push(part.segment);
      }
    }
  }
  return broken;
}"""

PAGE_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def open_page(visit, site_url, path, width, height=900):
    page = visit(width=width, height=height).page
    response = page.goto(f"{site_url}/{path}")
    assert response.ok, f"{path}: HTTP {response.status}"
    page.evaluate("document.fonts.ready")
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_pages_fit_the_screen_with_whole_captions_and_unbroken_words(
        site_url, visit, screenshots, kind, width):
    page = open_page(visit, site_url, PAGE_KINDS[kind], width)
    page.screenshot(path=os.path.join(screenshots, f"{kind.replace(' ', '-')}-{width}.png"))
    assert page.evaluate(PAGE_OVERFLOW) <= 0, f"{kind}: the page scrolls sideways at {width} px"
    assert page.evaluate(CLIPPED_CAPTIONS) == [], f"{kind} at {width} px"
    assert page.evaluate(BROKEN_WORDS) == [], f"{kind} at {width} px"


CARDS = """tid => {
  const block = document.getElementById(tid);
  const region = block.querySelector('.table-scroll');
  const cards = [...block.querySelectorAll('.table-card')].map(card =>
    [...card.querySelectorAll(':scope > div')].map(entry =>
      [entry.querySelector('dt').textContent.trim(), entry.querySelector('dd').innerText.trim()]));
  return {
    cards, cardsShown: block.querySelector('.table-cards').getBoundingClientRect().width,
    tableShown: region.getBoundingClientRect().width,
  };
}"""


@pytest.mark.parametrize("width", [360, 390])
def test_a_phone_reads_every_value_of_a_ten_column_table_with_its_header(
        site_url, visit, screenshots, width):
    page = open_page(visit, site_url, PLAN, width)
    page.screenshot(path=os.path.join(screenshots, f"ten-column-table-{width}.png"),
                    full_page=True)
    assert page.evaluate(PAGE_OVERFLOW) <= 0
    found = page.evaluate(CARDS, "plan")
    assert found["cardsShown"] > width * 0.8 and found["tableShown"] <= 1
    first, second, total = found["cards"]
    assert first == [
        ["มิติ", "๑. การสร้างสังคมที่ไม่ทนต่อการทุจริต"],
        ["ภารกิจ/ โครงการ/ กิจกรรม",
         "โครงการส่งเสริมคุณธรรมจริยธรรมแก่ผู้บริหาร พนักงานส่วนตำบล และพนักงานจ้าง"],
        ["งบประมาณ (บาท) › ปี ๒๕๖๖", "๒๐,๐๐๐"],
        ["งบประมาณ (บาท) › ปี ๒๕๖๗, ปี ๒๕๖๘", "๔๐,๐๐๐"],
        ["งบประมาณ (บาท) › ปี ๒๕๖๙", "๒๐,๐๐๐"],
        ["เป้าหมาย", "ผู้บริหาร พนักงานส่วนตำบล และพนักงานจ้าง จำนวน ๔๐ คน"],
        ["ตัวชี้วัด", "ร้อยละของผู้เข้าร่วมโครงการ"],
        ["ผลที่คาดว่าจะได้รับ", "บุคลากรมีจิตสำนึกในการปฏิบัติงานด้วยความซื่อสัตย์สุจริต"],
        ["หน่วยงานรับผิดชอบ", "สำนักปลัด"],
    ]
    # The mission merged over both projects is read with the second one too.
    assert second[0] == ["มิติ", "๑. การสร้างสังคมที่ไม่ทนต่อการทุจริต"]
    assert total[0] == ["มิติ", "รวม"]
    # Every card entry fits the screen: nothing to scroll sideways.
    wider = page.evaluate("""w => [...document.querySelectorAll('#plan .table-card dd')]
        .filter(dd => dd.getBoundingClientRect().right > w).length""", width)
    assert wider == 0


# Each body row of a table shown as cards, and the values of the row missing
# from its card (a cell's text, ✓ for a tick), for every such table on the page.
VALUES_MISSING_FROM_CARDS = """() => {
  const squash = text => text.replace(/\\s+/g, ' ').trim();
  const missing = [];
  for (const block of document.querySelectorAll('.table-block.has-cards')) {
    const rows = [...block.querySelectorAll('tbody tr:not(.section), tfoot tr')];
    const cards = [...block.querySelectorAll('.table-card')];
    if (rows.length !== cards.length) missing.push(block.id + ': ' + rows.length + ' rows, '
                                                   + cards.length + ' cards');
    rows.forEach((row, n) => {
      const card = cards[n] ? squash(cards[n].textContent) : '';
      for (const cell of row.cells) {
        const copy = cell.cloneNode(true);
        copy.querySelectorAll('.visually-hidden').forEach(hidden => hidden.remove());
        const text = squash(copy.textContent);
        if (text && !card.includes(text)) missing.push(block.id + ' row ' + (n + 1) + ': ' + text);
      }
    });
  }
  return missing;
}"""

PHONE_PAGES = [PLAN, HR, "documents/report-2568-001/", "documents/plan-2566-001/",
               "ita/2569/", "ita/2569/o16/", "complaints/channels/", "procurement/2568/11/",
               "procurement/2568/"]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_at_390_px_every_table_value_is_in_its_row_card(site_url, visit, path):
    page = open_page(visit, site_url, path, 390)
    assert page.evaluate("document.querySelectorAll('.table-block.has-cards').length") > 0
    assert page.evaluate(VALUES_MISSING_FROM_CARDS) == []
    assert page.evaluate(PAGE_OVERFLOW) <= 0


def test_a_phone_keyboard_user_tabbing_into_a_carded_table_sees_the_real_table(
        site_url, visit):
    page = open_page(visit, site_url, PLAN, 390)
    region = page.locator("#plan .table-scroll")
    assert region.bounding_box()["width"] <= 1
    region.focus()
    assert region.bounding_box()["width"] > 300  # shown while it has focus
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


@pytest.mark.parametrize("path, tid", [(PLAN, "plan"), (HR, "hr-policy-2566")])
def test_at_1280_px_a_ten_column_table_is_shown_whole(site_url, visit, path, tid):
    page = open_page(visit, site_url, path, 1280)
    shown = page.evaluate("""tid => {
      const region = document.querySelector('#' + tid + ' .table-scroll');
      const table = region.querySelector('table');
      return [region.scrollWidth - region.clientWidth, table.getBoundingClientRect().right,
              document.querySelector('#' + tid + ' .table-cards').getBoundingClientRect().width,
              getComputedStyle(region.querySelector('.scroll-hint')).display];
    }""", tid)
    overflow, right, cards_width, hint = shown
    assert overflow <= 0 and right <= 1280
    assert cards_width == 0 and hint == "none"  # no cards and no hint on a wide screen


def test_a_table_too_wide_for_the_window_scrolls_with_a_hint_and_its_first_column_stays(
        site_url, visit):
    # Seed 003's housing projects: twelve columns, too many for 1030 px (no cards from 1025).
    page = open_page(visit, site_url, "documents/plan-2566-001/", 1030)
    region = page.locator("#projects-housing .table-scroll")
    assert page.evaluate("r => r.scrollWidth > r.clientWidth", region.element_handle())
    hint = page.locator("#projects-housing .scroll-hint")
    assert hint.is_visible()
    assert hint.inner_text().startswith("เลื่อนตารางไปทางขวา")
    lead = page.locator("#projects-housing tbody tr:first-child .lead")
    other = page.locator("#projects-housing tbody tr:first-child > :nth-child(3)")
    before = lead.bounding_box()["x"], other.bounding_box()["x"]
    scrolled = region.evaluate("r => { r.scrollLeft = r.scrollWidth; return r.scrollLeft; }")
    assert scrolled > 50
    after = lead.bounding_box()["x"], other.bounding_box()["x"]
    assert abs(after[0] - before[0]) <= 1  # the first column stayed at the left edge
    assert abs(after[1] - (before[1] - scrolled)) <= 1  # while the others scrolled under it
    assert page.evaluate(PAGE_OVERFLOW) <= 0


@pytest.mark.parametrize("path, tid", [(PLAN, "plan"), (HR, "hr-policy-2566")])
def test_a_wide_table_prints_whole_on_a4_landscape(site_url, visit, path, tid):
    # A4 landscape less the @page margins (12 mm each side) is 273 mm: 1032 CSS px.
    page = open_page(visit, site_url, path, 1032)
    page.emulate_media(media="print")
    fits = page.evaluate("""tid => {
      const table = document.querySelector('#' + tid + ' table');
      const caption = table.querySelector('caption');
      return [table.getBoundingClientRect().right, document.documentElement.clientWidth,
              caption.getBoundingClientRect().width > 100,
              getComputedStyle(document.querySelector('#' + tid + ' .table-cards')).display];
    }""", tid)
    right, printable, caption_shown, cards = fits
    assert right <= printable, f"the table is {right - printable:.0f} px wider than the page"
    assert caption_shown and cards == "none"  # print keeps the real table and its caption
    pdf = page.pdf(prefer_css_page_size=True)
    assert b"/MediaBox [0 0 841.92 595.92]" in pdf or b"841.9" in pdf  # a landscape page
