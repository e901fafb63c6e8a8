"""The real example content (content/), built once per test run, and helpers to read its text.

Seed tests import from here instead of sharing a conftest fixture, so that they
check the pages staff would publish, not a copy of them. Tables are read with table_html.
"""

import atexit
import functools
import os
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from conftest import DEV_SETTINGS, ROOT, Site

from portal import site_build

CONTENT = Path(ROOT) / "content"


@functools.cache
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
