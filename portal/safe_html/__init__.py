"""Safe HTML: the HTML that content may carry, and the parser that reads written pages.

Not a Pelican plugin: a library for the front-matter reader (document
bodies) and the tables (text cells, section rows, notes), and for the site's
link check.

Markdown lets staff write raw HTML, and its attribute lists (``{: ...}``) let
them add any attribute. A document must not be able to run a script on the
site (``<script>``, ``onclick=``, ``javascript:`` links), send visitors
elsewhere (``<meta http-equiv=refresh>``, ``<base>``, ``<form action>``),
or frame another site (``<iframe>``). ``sanitise`` keeps the formatting that
real documents use (the elements Markdown writes, and ``u``, ``br``, ``sup``,
``sub`` ... written by hand) and removes everything else with nh3, a binding
to the Ammonia sanitiser (a maintained allow-list sanitiser on a real HTML5
parser), never with regular expressions of our own. What it removed is
listed (``Dropped``), so that the clerk is told, with the file and line.

``TextNotTags`` is a Python-Markdown extension: Markdown takes any
``<word ...>`` for an inline tag, so the text ``x<y และ y>z`` would lose
``<y และ y>``. With the extension, only names of real HTML elements are
tags; anything else stays text.

``scan_page`` reads a written page with a real HTML5 parser (lexbor, through
selectolax): its links and its ids, as a browser would see them.
"""

from __future__ import annotations

import contextvars
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import HTML_RE, HtmlInlineProcessor
from selectolax.lexbor import LexborHTMLParser

# The elements content may use: what Markdown (with "extra") writes, and the
# inline formatting that Thai official documents need when typed by hand.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
# Elements removed together with their text (a script's code is no reading matter).
REMOVED_WITH_TEXT = frozenset({"script", "style"})
_EVERY_ELEMENT = frozenset({"id", "title", "lang", "dir"})
ATTRIBUTES = {
    "*": set(_EVERY_ELEMENT),
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    # The place of a data table in a document (tables.markdown_ext).
    "div": {"data-table-source"},
}
# Classes our own Markdown extensions and Python-Markdown's footnotes write;
# other classes are removed silently (they could dress content as the site's menus).
CLASSES = {
    "ol": {"numerals-thai"},
    "div": {"footnote"},
    "a": {"footnote-ref", "footnote-backref"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_URL_ATTRIBUTES = frozenset({"href", "src"})
# The scheme of an absolute URL ("https", "mailto", "javascript"); a relative URL has none.
SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
# selectolax names the nodes that are not elements with these first characters.
_NOT_ELEMENT = ("-", "_", "!")
# The wrapper a parser puts around a fragment.
_DOCUMENT_PARTS = frozenset({"html", "head", "body"})


@dataclass(frozen=True)
class Dropped:
    """One thing ``sanitise`` removed: ``what`` for the clerk (Thai, ending in
    a space), and ``needle``, a piece of the source to find its line with."""

    what: str
    needle: str


# The url_filter of the sanitise() call running in this thread (see below).
_URL_FILTER: contextvars.ContextVar = contextvars.ContextVar("url_filter", default=None)


def _attribute_filter(tag, attribute, value):
    if tag == "img" and attribute == "src" and from_another_host(value):
        return None  # the site loads nothing from another host (find_dropped says so)
    url_filter = _URL_FILTER.get()
    # nh3 asks about the attributes of elements it then removes, too.
    if url_filter is not None and attribute in _URL_ATTRIBUTES and tag in TAGS:
        return url_filter(tag, attribute, value)
    return value


# Made once, with one attribute filter that hands each call's href and src to
# that call's url_filter: building a cleaner cost as much as cleaning a document.
_CLEANER = nh3.Cleaner(
    tags=set(TAGS), clean_content_tags=set(REMOVED_WITH_TEXT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute_filter, url_schemes=set(URL_SCHEMES),
    allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
    link_rel=None, strip_comments=True,
)


def sanitise(html: str, url_filter: Callable[[str, str, str], str | None] | None = None
             ) -> tuple[str, list[Dropped]]:
    """(``html`` with only the allowed elements, attributes and URLs, what was dropped).

    ``url_filter(tag, attribute, value)`` sees each allowed href/src and
    returns the value to write, or None to remove the attribute.
    """
    token = _URL_FILTER.set(url_filter)
    try:
        clean = _CLEANER.clean(html)
    finally:
        _URL_FILTER.reset(token)
    # What Markdown writes comes out of the cleaner unchanged; only a text
    # that changed is read again to tell what was removed.
    return clean, ([] if clean == html else find_dropped(html))


def find_dropped(html: str) -> list[Dropped]:
    """What ``sanitise`` removes from ``html`` (classes excepted: not worth a word)."""
    if "<" not in html:
        return []
    found = []
    tree = LexborHTMLParser(html)
    for node in tree.root.traverse(include_text=False):
        tag = node.tag
        if tag.startswith(_NOT_ELEMENT):
            continue
        if tag in _DOCUMENT_PARTS:
            if node.attributes:  # <body onload=...> written by hand
                found.append(Dropped(f"แท็ก <{tag}> ", f"<{tag}"))
            continue
        if tag not in TAGS:
            found.append(Dropped(f"แท็ก <{tag}> ", f"<{tag}"))
            continue
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in node.attributes.items():
            if name == "class":
                continue
            if name not in allowed:
                found.append(Dropped(f"แอตทริบิวต์ {name} ของแท็ก <{tag}> ", name))
            elif name in _URL_ATTRIBUTES and not url_allowed(value or ""):
                found.append(Dropped(f"ลิงก์ \"{value}\" ", value or name))
            elif tag == "img" and name == "src" and from_another_host(value or ""):
                found.append(Dropped(f"ภาพที่โหลดจากเว็บไซต์อื่น \"{value}\" (เว็บไซต์นี้ไม่โหลดไฟล์"
                                     "จากที่อื่น และไม่ให้เว็บไซต์อื่นรู้ว่าใครเปิดหน้านี้) ", value))
    return found


def url_allowed(value: str) -> bool:
    scheme = SCHEME.match(value)
    return scheme is None or scheme[1].lower() in URL_SCHEMES


def from_another_host(value: str) -> bool:
    """An absolute (https:...) or protocol-relative (//host/...) URL."""
    return bool(SCHEME.match(value)) or value.strip().startswith("//")


def removal_warning(item: Dropped, place: str) -> str:
    """The clerk's warning for one thing removed from ``place`` (เนื้อหา, ตาราง)."""
    return (f"ลบ{item.what}ออกจาก{place} เพราะอาจเป็นอันตรายต่อผู้เข้าชม "
            "(unsafe HTML removed)")


def url_path(name: str) -> str:
    """A file name as the path of a URL: "ผลงาน 100%.pdf" -> "ผลงาน%20100%25.pdf".

    Without it, a name holding % # ? or a space is a different or invalid
    address, and web servers answer 400 Bad Request. Letters beyond ASCII
    (Thai) stay as they are: browsers encode them when they ask, and the
    page's source stays readable."""
    return "".join(char if ord(char) > 127 else urllib.parse.quote(char, safe="/")
                   for char in name)


# ---------------------------------------------------------------- Markdown


class _KnownTagsOnly(HtmlInlineProcessor):
    """Markdown's inline raw HTML, for names of real HTML elements only."""

    def handleMatch(self, m, data):
        name = re.match(r"</?([a-zA-Z][a-zA-Z0-9-]*)", m.group(1))
        if name and name[1].lower() not in KNOWN_ELEMENTS:
            return None, None, None  # not a tag: the text stays, escaped
        return super().handleMatch(m, data)


class TextNotTags(Extension):
    def extendMarkdown(self, md):
        # Replaces Markdown's own "html" pattern, at its priority.
        md.inlinePatterns.register(_KnownTagsOnly(HTML_RE, md), "html", 90)


def makeExtension(**kwargs):
    return TextNotTags(**kwargs)


# Every element name of HTML (WHATWG), obsolete ones included: a clerk who
# writes one means a tag, and the sanitiser then keeps or removes it.
KNOWN_ELEMENTS = frozenset([
    "a", "abbr", "acronym", "address", "applet", "area", "article", "aside", "audio", "b",
    "base", "basefont", "bdi", "bdo", "bgsound", "big", "blink", "blockquote", "body", "br",
    "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "data",
    "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em",
    "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i",
    "iframe", "image", "img", "input", "ins", "isindex", "kbd", "keygen", "label", "legend",
    "li", "link", "listing", "main", "map", "mark", "marquee", "math", "menu", "menuitem",
    "meta", "meter", "multicol", "nav", "nextid", "nobr", "noembed", "noframes", "noscript",
    "object", "ol", "optgroup", "option", "output", "p", "param", "picture", "plaintext",
    "portal", "pre", "progress", "q", "rb", "rp", "rt", "rtc", "ruby", "s", "samp", "script",
    "search", "section", "select", "slot", "small", "source", "spacer", "span", "strike",
    "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template",
    "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var",
    "video", "wbr", "xmp"
])


# ---------------------------------------------------------------- written pages


@dataclass
class ScannedPage:
    """What the link check needs of a written page."""

    links: list  # values of href, src and action, in document order
    ids: set
    duplicate_ids: list  # ids that appear more than once, in document order


def scan_page(text: str) -> ScannedPage:
    """Links and ids of an HTML page, read by an HTML5 parser as a browser would."""
    links, ids, duplicates = [], set(), []
    tree = LexborHTMLParser(text)
    for node in tree.root.traverse(include_text=False):
        attributes = node.attributes
        if not attributes:
            continue
        for name in ("href", "src", "action"):
            value = attributes.get(name, False)
            if value is not False:
                links.append(value or "")
        ident = attributes.get("id")
        if ident:
            if ident in ids:
                duplicates.append(ident)
            ids.add(ident)
        if node.tag == "a" and attributes.get("name"):  # an anchor of old HTML
            ids.add(attributes["name"])
    return ScannedPage(links, ids, duplicates)
