"""The real example content (content/), built once per test run, and a small HTML reader.

Seed tests import from here instead of sharing a conftest fixture, so that they
check the pages staff would publish, not a copy of them.
"""

import atexit
import functools
import html
import os
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from conftest import DEV_SETTINGS, ROOT, Site

from portal import site_build

CONTENT = Path(ROOT) / "content"


@functools.lru_cache(maxsize=None)
def built_example() -> Path:
    """Output folder of a real build of content/ with the development settings."""
    parent = tempfile.mkdtemp(prefix="example-site-")
    atexit.register(shutil.rmtree, parent, True)
    output = os.path.join(parent, "output")
    result = site_build.build(DEV_SETTINGS, overrides={"PATH": str(CONTENT),
                                                       "OUTPUT_PATH": output})
    assert result.ok, result.message
    return Path(output)


def document_body(page: str) -> str:
    """The HTML of the document's own text (without metadata, signatories, change log)."""
    body = page.split('<div class="doc-body">', 1)[1]
    return body.split("<section aria-labelledby=", 1)[0]


def text_of(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    parser = _Text()
    parser.feed(fragment)
    return " ".join("".join(parser.parts).split())


def build_real_documents(base, *folders) -> Site:
    """Copy content/documents/<folder> for each folder into a Site under `base` and build it:
    the real document folder, unchanged, alone in a fresh site."""
    site = Site(base)
    for folder in folders:
        shutil.copytree(CONTENT / "documents" / folder, site.content / "documents" / folder)
    result = site.build()
    assert result.ok, result.message
    return site


def headings(fragment: str) -> list[tuple[int, str]]:
    """(level, text) of every h2-h6 in document order."""
    return [(int(level), text_of(inner))
            for level, inner in re.findall(r"<h([2-6])[^>]*>(.*?)</h\1>", fragment, re.S)]


def list_after(fragment: str, heading: str, tag: str = "ol") -> list[str]:
    """Texts of the items of the first <ol>/<ul> that directly follows the heading `heading`."""
    match = re.search(r"<h[2-6][^>]*>" + re.escape(heading) + r"</h[2-6]>\s*<" + tag
                      + r"[^>]*>(.*?)</" + tag + ">", fragment, re.S)
    assert match, f"no <{tag}> right after the heading {heading!r}"
    return [text_of(item) for item in re.findall(r"<li>(.*?)</li>", match.group(1), re.S)]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


class Cell:
    """One th/td: its tag, attributes, visible text, and its inner markup (tags without attributes)."""

    def __init__(self, tag, attrs):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parts = []  # text and bare tags, for .markup
        self.spoken = []  # aria-label / title values inside the cell

    @property
    def text(self) -> str:
        return " ".join("".join(p for p in self.parts if not p.startswith("\0")).split())

    @property
    def markup(self) -> str:
        return " ".join("".join(p.lstrip("\0") for p in self.parts).split())

    def span(self, name) -> int:
        return int(self.attrs.get(name) or 1)

    def __repr__(self):
        return f"<{self.tag} {self.attrs} {self.text!r}>"


class Table:
    def __init__(self, attrs):
        self.attrs = dict(attrs)
        self.caption = ""
        self.head = []  # rows of Cells
        self.body = []  # rows of Cells (every tbody, and rows outside thead)


class _Tables(HTMLParser):
    INLINE = {"u", "strong", "b", "em", "i", "li", "ul", "ol", "p"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.stack = [], []
        self.section = None
        self.cell = None
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.stack.append(Table(attrs))
            self.tables.append(self.stack[-1])
        elif not self.stack:
            return
        elif tag == "caption":
            self.in_caption = True
        elif tag in ("thead", "tbody", "tfoot"):
            self.section = tag
        elif tag == "tr":
            rows = self.stack[-1].head if self.section == "thead" else self.stack[-1].body
            rows.append([])
        elif tag in ("th", "td"):
            self.cell = Cell(tag, attrs)
            rows = self.stack[-1].head if self.section == "thead" else self.stack[-1].body
            rows[-1].append(self.cell)
        elif self.cell is not None:
            values = dict(attrs)
            for name in ("aria-label", "title"):
                if values.get(name):
                    self.cell.spoken.append(values[name])
            if tag in self.INLINE:
                self.cell.parts.append(f"\0<{tag}>")

    def handle_endtag(self, tag):
        if not self.stack:
            return
        if tag == "table":
            self.stack.pop()
        elif tag == "caption":
            self.in_caption = False
        elif tag in ("thead", "tbody", "tfoot"):
            self.section = None
        elif tag in ("th", "td"):
            self.cell = None
        elif self.cell is not None and tag in self.INLINE:
            self.cell.parts.append(f"\0</{tag}>")

    def handle_data(self, data):
        if self.in_caption:
            self.stack[-1].caption += data
        elif self.cell is not None:
            self.cell.parts.append(data)


def tables_in(page: str) -> list:
    parser = _Tables()
    parser.feed(page)
    for table in parser.tables:
        table.caption = " ".join(html.unescape(table.caption).split())
    return parser.tables
