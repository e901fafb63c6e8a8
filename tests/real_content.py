"""Build documents of the real example content (content/documents/...) into a temporary site.

The seed tests check the published pages of real documents, not test fixtures: each copies the
document's own folder, unchanged, into a fresh content folder and runs the real build.
"""

import html
import os
import re
import shutil

from conftest import ROOT, Site


def build_real_documents(base, *folders) -> Site:
    """Copy content/documents/<folder> for each folder into a Site under `base` and build it."""
    site = Site(base)
    for folder in folders:
        shutil.copytree(os.path.join(ROOT, "content", "documents", folder),
                        site.content / "documents" / folder)
    result = site.build()
    assert result.ok, result.message
    return site


def body_of(page: str) -> str:
    """The rendered Markdown body of a document page (between its metadata and its end matter)."""
    match = re.search(r'<div class="doc-body">(.*?)</div>\s*(?:<section|</article>)', page, re.S)
    assert match, "the page has no document body"
    return match.group(1)


def text_of(fragment: str) -> str:
    """Visible text of an HTML fragment: tags removed, entities decoded, whitespace collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


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
