"""ita_catalog.coverage indexes the documents by item once: same evidence, same order."""

import datetime as dt

from portal.ita_catalog import Item
from portal.ita_catalog import coverage as cov


def _item(code, period="current"):
    return Item(2569, code, f"ข้อ {code}", period, ("1", "ตัวชี้วัด"), ("1.1", "กลุ่ม"))


class _Document:
    """A Pelican content object as coverage sees it; counts reads of ``url``."""

    def __init__(self, title, ita, issued=None):
        self.title, self.ita, self.issued = title, ita, issued
        self.fiscal_year = None
        self.url_reads = 0

    @property
    def url(self):
        self.url_reads += 1
        return f"documents/{self.title}/"


def test_each_document_counts_once_per_item_in_document_order_and_url_is_read_once():
    o1, o2 = _item("O1"), _item("O2")
    first = _Document("a", (o1, o2, _item("O1")))  # names O1 twice, via an equal copy
    second = _Document("b", (o1,))
    ignored = _Document("c", None)
    naming = cov.documents_by_item([first, ignored, second])
    assert [f.title for f in naming[o1]] == ["a", "b"]
    assert [f.title for f in naming[o2]] == ["a"]
    assert (first.url_reads, second.url_reads, ignored.url_reads) == (1, 1, 0)


def test_item_coverage_from_the_index_matches_a_scan_of_every_document():
    o1 = _item("O1", "first_half")
    documents = [_Document(t, (o1,), dt.date(2025, m, 1)) for t, m in (("x", 5), ("y", 11))]
    row = cov.item_coverage(o1, 2569, cov.documents_by_item(documents)[o1])
    assert row.status == cov.WRONG_PERIOD  # no fiscal year: nothing fits
    assert [e.title for e in row.evidence] == ["y", "x"]  # newest first among non-fitting
    assert all(e.url == f"documents/{e.title}/" for e in row.evidence)
