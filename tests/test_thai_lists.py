"""Ordered lists numbered with Thai digits keep Thai markers and a valid start number."""

import re

from conftest import announcement

BODY = """ข้อความนำ

๑. ข้อแรก
๒. ข้อสอง

ย่อหน้าคั่น

๓. ข้อสาม
๔. ข้อสี่

An English list:

1. first
2. second
"""


def test_thai_numbered_lists_are_marked_and_start_where_the_source_starts(site):
    site.add({"documents/a.md": announcement(body=BODY)})
    result = site.build()
    assert result.ok, result.message
    page = site.read("documents/announcement-2568-001/index.html")
    body = page.split('<div class="doc-body">', 1)[1]
    lists = re.findall(r"<ol([^>]*)>(.*?)</ol>", body, re.S)
    assert [attrs for attrs, _ in lists] == [
        ' class="numerals-thai"', ' class="numerals-thai" start="3"', "",
    ]
    assert re.findall(r"<li>(.*?)</li>", lists[1][1]) == ["ข้อสาม", "ข้อสี่"]
    assert 'start="๑"' not in page and 'start="๓"' not in page


def test_the_theme_draws_thai_markers_for_marked_lists(site):
    site.add({"documents/a.md": announcement()})
    assert site.build().ok
    css = site.read("theme/css/portal.css")
    assert re.search(r"ol\.numerals-thai\s*{\s*list-style-type:\s*thai;", css)
