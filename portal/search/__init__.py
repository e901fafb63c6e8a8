"""Search: a Pagefind index of the documents, with Thai words split for it.

Owns the full-text search of the site: the search page (``search/``, template
``search.html``, with the filter choices shaped here) and the search bundle
(``pagefind/``), made after the site is written (signal ``finalized``).

Thai is written without spaces, and Pagefind only splits words at spaces, so
it would take a whole Thai phrase for one word. The bundle is therefore built
from an *index-only copy* of the document pages, made in a work folder beside
the output (``.search-index-copy-*``). In the copy, every run of Thai letters
is split into words with ICU (the dictionary that browsers use for
``Intl.Segmenter``, which splits the query the same way in search.js) and the
words are separated by a space. The copy is deleted afterwards (by the next
build if this one is killed: portal/work_folders.py); the pages people read
stay exactly as Pelican wrote them.

Excerpts in the original text: Pagefind shows the indexed text in excerpts,
spaces included. Between two Thai letters a plain space is one the copy
inserted, and search.js removes it; a space that was in the page after a Thai
letter is written after a WORD JOINER (U+2060), which search.js keeps as a
space (it drops the joiner), so the reader sees the sentence as written. The
rarer kind carries the mark: Pagefind indexes a word with a joiner attached
twice (as written, and without it), so marking every inserted space cost it
an eighth of its time and a quarter of its memory. Keeping the
whole original text as a metadata field was rejected: it would double every
fragment that a query downloads and give no excerpt around the match.

The query side is theme/static/js/search.js: it splits the query with
``Intl.Segmenter('th')``, also tries the last word joined up again (a word
still being typed is cut into fragments), searches with ``exactDiacritics``
and checks Thai terms without vowel or tone marks against the matched words,
since Pagefind lets ขาว match ข้าว and ข่าว otherwise.

Only documents (Pelican articles) are indexed, and in each only its
``<article>`` element (``data-pagefind-body`` is added in the copy). Each
result carries metadata (title, type, date in the Buddhist Era) and filters
(ITA item, document type, fiscal year, division) written as attributes, which
Pagefind stores verbatim.
"""

from __future__ import annotations

import functools
import html
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from pelican import signals
from pelican.generators import Generator

from portal import content_errors, outputs, thai_format, work_folders
from portal.build_state import current
from portal.work_folders import WorkFolder

BUNDLE_DIR = "pagefind"
LATER_SETTING = "PORTAL_SEARCH_LATER"  # invoke serve: see LaterIndex
JOINER = "\u2060"  # before a space of the page that follows a Thai letter
# Pagefind ends a block whose text ends in a letter with "." in excerpts; an
# invisible separator after Thai text at a block's end prevents that.
BLOCK_END = "\u2063"
THAI_RUN = re.compile("[\u0e01-\u0e5b]+")
_PAGE_SPACE_AFTER_THAI = re.compile("(?<=[\u0e01-\u0e5b])(?=\\s)")
_INSERTED_SPACE = re.compile("(?<=[\u0e01-\u0e5b]) (?=[\u0e01-\u0e5b])")
# Text inside these elements is no prose: leave it alone.
_RAW_TEXT = {"script", "style", "textarea", "pre", "code"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}

# The filters, in the order the search page shows them: (key, label).
FILTERS = (
    ("ita", "ข้อ ITA"),
    ("type", "ประเภทเอกสาร"),
    ("fiscal_year", "ปีงบประมาณ"),
    ("division", "ส่วนราชการ"),
)


class SearchIndexError(RuntimeError):
    """Pagefind could not build the bundle."""


# --------------------------------------------------------------- Thai words

@functools.cache
def _word_breaker():
    import icu  # PyICU; imported late so that a build without search needs no ICU

    return icu.BreakIterator.createWordInstance(icu.Locale("th"))


@functools.lru_cache(maxsize=65536)
def thai_words(run: str) -> tuple[str, ...]:
    """The words of a run of Thai letters, as ICU's Thai dictionary splits them."""
    breaker = _word_breaker()
    breaker.setText(run)
    words, start = [], 0
    for end in breaker:
        words.append(run[start:end])
        start = end
    return tuple(words)


def split_thai(text: str) -> str:
    """``text`` with a space between the Thai words of each unspaced run, and
    JOINER before each of its own spaces that follows a Thai letter."""
    text = text.replace(JOINER, "").replace(BLOCK_END, "")
    text = _PAGE_SPACE_AFTER_THAI.sub(JOINER, text)
    return THAI_RUN.sub(lambda run: " ".join(thai_words(run[0])), text)


def restore_text(text: str) -> str:
    """The original of split text (what search.js does to excerpts)."""
    text = _INSERTED_SPACE.sub("", text)
    return text.replace(" " + BLOCK_END, "").replace(BLOCK_END, "").replace(JOINER, "")


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


# Our pages are generated and validated HTML, so a tokenizer that splits tags
# from text (quoted attribute values may hold ">") does what html.parser did,
# at a fraction of its cost on pages with large tables. Comments are dropped.
_TOKEN = re.compile(r"""<!--.*?-->|</?[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>""", re.S)
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


class _IndexCopy:
    """Re-writes a page: Thai split in text, data-pagefind-body on the body element.

    Pagefind joins the text of neighbouring elements without a space unless
    one of them is a paragraph-like block, so a space is added at every other
    block boundary (``<dt>ที่</dt><dd>...``), and a space between Thai
    letters on both sides of an inline tag (``เป็น<strong>เว็บไซต์``).
    """

    def __init__(self, body_tag: str):
        self.body_tag = body_tag
        self.marked = False
        self.raw_depth = 0
        self.parts: list[str] = []
        self.last_char = " "
        self.block_boundary = False

    def feed(self, page: str) -> None:
        position = 0
        for token in _TOKEN.finditer(page):
            if token.start() > position:
                self.handle_data(page[position:token.start()])
            position = token.end()
            self.handle_markup(token[0])
        if position < len(page):
            self.handle_data(page[position:])

    def handle_markup(self, text: str) -> None:
        if text.startswith("<!--"):
            return
        tag = _TAG_NAME.match(text)[1].lower()
        if text.startswith("</"):
            self.handle_endtag(tag)
        else:
            self.handle_starttag(tag, text)

    def _tag(self, tag, text):
        if tag in _BLOCKS:
            self.block_boundary = True
        self.parts.append(text)

    def handle_starttag(self, tag, text):
        if tag == self.body_tag and not self.marked:
            text = re.sub(r"^<\w+", lambda m: m[0] + " data-pagefind-body", text)
            self.marked = True
        elif tag in _HEADINGS and "visually-hidden" in _classes(text):
            # Headings only screen readers hear ("ข้อมูลเอกสาร") are not document text.
            text = re.sub(r"^<\w+", lambda m: m[0] + " data-pagefind-ignore", text)
        if tag in _RAW_TEXT and not text.endswith("/>"):
            self.raw_depth += 1
        self._tag(tag, text)

    def handle_endtag(self, tag):
        if tag in _RAW_TEXT and self.raw_depth:
            self.raw_depth -= 1
        if tag in _BLOCKS and THAI_RUN.match(self.last_char):
            self.parts.append(" " + BLOCK_END)  # a token of its own: no word carries it
            self.last_char = BLOCK_END
        self._tag(tag, f"</{tag}>")

    def handle_data(self, text):
        if not self.raw_depth:
            text = split_thai(text)
        if not text:
            return
        after_thai = THAI_RUN.match(self.last_char)
        if text[0].isspace() and after_thai and not self.raw_depth:
            text = JOINER + text  # the page's own space, after Thai text before a tag
        elif not self.last_char.isspace() and not text[0].isspace():
            if self.block_boundary:
                text = (JOINER + " " if after_thai else " ") + text
            elif after_thai and THAI_RUN.match(text[0]):
                text = " " + text  # inserted: search.js removes it from excerpts
        self.block_boundary = False
        self.last_char = text[-1]
        self.parts.append(text)


def _classes(tag_text: str) -> list[str]:
    found = _CLASS.search(tag_text)
    return (found[1] or found[2] or found[3] or "").split() if found else []


@dataclass
class IndexedDocument:
    """What the index knows of one document besides its text."""

    save_as: str
    title: str
    meta: dict = field(default_factory=dict)  # name -> text shown in results
    filters: list = field(default_factory=list)  # (key, value)


def index_copy(page: str, document: IndexedDocument) -> str:
    """The index-only version of a written document page."""
    body_tag = "article" if re.search(r"<article\b", page) else "main"
    start = page.find(f"<{body_tag}")
    close = f"</{body_tag}>"
    end = page.rfind(close)
    if start < 0 or end < start:
        raise SearchIndexError(
            f"{document.save_as}: no <article> or <main> element to index "
            "(the theme's document template must keep one)")
    # Only the body element is indexed: the header, menu and footer around it
    # are left out of the copy (less for Pagefind to read).
    parser = _IndexCopy(body_tag)
    parser.feed(page[start:end])
    # Attribute values are stored verbatim by Pagefind; an empty element
    # carries each one without adding words to the indexed text.
    fields = [("data-pagefind-meta", f"title:{document.title}")]
    fields += [("data-pagefind-meta", f"{name}:{value}") for name, value in document.meta.items()]
    fields += [("data-pagefind-filter", f"{key}:{value}") for key, value in document.filters]
    hidden = "".join(f'<span {attribute}="{html.escape(value)}"></span>'
                     for attribute, value in fields)
    body = page.find("<body", 0, start)
    head = page[:body if body >= 0 else start]
    return f"{head}<body>{''.join(parser.parts)}{hidden}{close}</body></html>"


# ------------------------------------------------------- documents and filters

def ita_value(item) -> str:
    """Filter value of an ITA item; the same text is its label."""
    return f"ITA {item.year} ข้อ {item.code} {item.name}"


def describe(article, digits: str) -> IndexedDocument:
    """Metadata and filters of one document, shaped for the search results."""
    meta = {"type": article.doc_type.label}
    if article.issued:
        meta["date"] = thai_format.thai_date(article.issued, digits=digits)
    elif article.fiscal_year:
        meta["date"] = "ปีงบประมาณ " + thai_format.numerals(article.fiscal_year, digits)
    else:
        meta["date"] = "ไม่ระบุวันที่"
    filters = [("ita", ita_value(item)) for item in (article.metadata.get("ita") or ())]
    filters.append(("type", article.doc_type.label))
    if article.fiscal_year:
        # A five-year plan is found under each of its years.
        filters += [("fiscal_year", str(year)) for year in article.fiscal_year]
    if article.metadata.get("division"):
        filters.append(("division", article.division))
    return IndexedDocument(article.save_as, article.title, meta, filters)


def filter_choices(articles, digits: str) -> list[dict]:
    """The search page's filters: [{key, label, options: [(value, label)]}]."""
    values = {key: {} for key, _ in FILTERS}
    order = {}
    for article in articles:
        for item in article.metadata.get("ita") or ():
            value = ita_value(item)
            values["ita"][value] = value
            order[value] = (-item.year, item.number)
        values["type"][article.doc_type.label] = article.doc_type.label
        for year in article.fiscal_year or ():
            values["fiscal_year"][str(year)] = thai_format.numerals(year, digits)
            order[str(year)] = -year
        if article.metadata.get("division"):
            values["division"][article.division] = article.division
    choices = []
    for key, label in FILTERS:
        options = sorted(values[key].items(), key=lambda pair: (order.get(pair[0], 0), pair[0]))
        if options:
            choices.append({"key": key, "label": label, "options": options})
    return choices


# ------------------------------------------------------------- the build step

def collect_documents(generator):
    """article_generator_finalized: the documents the index will hold (this build's)."""
    digits = generator.settings.get("NUMERALS", "thai")
    current().value("search.documents", list)[:] = [
        describe(article, digits) for article in generator.articles if article.save_as
    ]


def build_index(output_path: str, documents: list[IndexedDocument],
                bundle: str | None = None) -> dict:
    """Write the Pagefind bundle of the pages in ``output_path``; returns measurements.

    The bundle goes to ``output_path``/pagefind unless ``bundle`` names another folder.
    """
    started = time.monotonic()
    bundle = bundle or os.path.join(output_path, BUNDLE_DIR)
    shutil.rmtree(bundle, ignore_errors=True)
    if not documents:  # nothing to search: the search page says so
        return {"documents": 0, "seconds": time.monotonic() - started, "bytes": 0}
    with WorkFolder.make(work_folders.INDEX_COPY, os.path.dirname(output_path)) as copy:
        for document in documents:
            with open(os.path.join(output_path, document.save_as), encoding="utf-8") as handle:
                page = handle.read()
            target = os.path.join(copy.path, document.save_as)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(index_copy(page, document))
        # Language "und": Pagefind would split Thai queries again itself
        # (search.js does it, keeping a half-typed word whole) and has no Thai stemmer.
        command = [sys.executable, "-m", "pagefind", "--site", copy.path,
                   "--output-path", bundle, "--force-language", "und", "--quiet"]
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0:
            raise SearchIndexError(
                f"สร้างดัชนีค้นหาไม่สำเร็จ (Pagefind failed, exit code {run.returncode}): "
                + (run.stderr or run.stdout).strip())
    _remove_unused_ui(bundle)
    size = sum(os.path.getsize(os.path.join(folder, name))
               for folder, _, names in os.walk(bundle) for name in names)
    return {"documents": len(documents), "seconds": time.monotonic() - started, "bytes": size}


def _remove_unused_ui(bundle: str) -> None:
    """Pagefind ships ready-made interfaces; the site uses its own (search.js)."""
    for name in os.listdir(bundle):
        if name.startswith(("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui",
                            "pagefind-highlight")):
            os.remove(os.path.join(bundle, name))


def index_site(pelican):
    """The build's search stage (site_build), once the written site passed its checks.

    With LATER_SETTING (serve rebuilds) the new site gets the online bundle,
    and the session's LaterIndex makes the new one after the swap."""
    build = current()
    output_path = os.path.abspath(pelican.output_path)
    documents = build.value("search.documents", list)
    if content_errors.errors():  # the build fails: its pages may be missing or overwritten
        return
    if pelican.settings.get(LATER_SETTING) and build.session is not None:
        later_index(build.session).defer(build.published_path, output_path, documents)
        return
    try:
        # documents, seconds and bytes of the index (BuildResult.search_index)
        build.value("search.index", dict).update(build_index(output_path, documents))
    except SearchIndexError as error:
        # Not the clerk's mistake, but a site without its search must not go online.
        content_errors.report(
            BUNDLE_DIR + "/", 1, str(error),
            "ตรวจพื้นที่ดิสก์และหน่วยความจำของเครื่อง แล้วสร้างเว็บไซต์ใหม่ ถ้ายังไม่สำเร็จ "
            "ให้แจ้งผู้ดูแลระบบพร้อมข้อความนี้ (check disk space and memory, then build again)")


class LaterIndex:
    """The search index of `invoke serve` rebuilds, made after the site is online.

    With the setting PORTAL_SEARCH_LATER a build does not run Pagefind: it
    gives the new site the bundle of the site now online (hard links: bundle
    files are never changed in place), so search keeps working and may miss
    the latest edit for a few seconds. ``run()``, called by `invoke serve` in
    a thread once the new site is online, indexes the online pages into a new
    folder and swaps it in for the online bundle. Only the latest request
    runs; an older one still running does not swap its bundle in.
    """

    def __init__(self):
        self.swap_lock = threading.RLock()  # serve holds it while a build swaps sites
        self.run_lock = threading.Lock()  # one Pagefind at a time
        self.requested = 0
        self.documents: list[IndexedDocument] = []

    def defer(self, online: str, staging: str, documents) -> None:
        with self.swap_lock:
            bundle = os.path.join(online, BUNDLE_DIR)
            if os.path.isdir(bundle):
                shutil.copytree(bundle, os.path.join(staging, BUNDLE_DIR), copy_function=os.link,
                                dirs_exist_ok=True)  # a spare's empty folders (site_build)
        self.requested += 1
        self.documents = documents

    def run(self, online: str) -> dict | None:
        """Index the online site; None when a newer build asked meanwhile."""
        number, documents = self.requested, self.documents
        with self.run_lock:
            if number != self.requested:
                return None
            # Pagefind writes the bundle inside a work folder (it makes its
            # output folder anew, which would lose a lock on that folder itself).
            with WorkFolder.make(work_folders.BUNDLE, os.path.dirname(online)) as work:
                fresh = os.path.join(work.path, BUNDLE_DIR)
                try:
                    figures = build_index(online, documents, bundle=fresh)
                except OSError:  # a newer site replaced a page being read: it asks again
                    return None
                with self.swap_lock:
                    if number != self.requested:
                        return None
                    _replace_dir(fresh, os.path.join(online, BUNDLE_DIR))
            return figures


def _replace_dir(fresh: str, target: str) -> None:
    old = fresh + ".old"  # beside ``fresh``: in its work folder
    if os.path.isdir(target):
        os.rename(target, old)
    if os.path.isdir(fresh):  # no documents left: no bundle
        os.rename(fresh, target)
        os.chmod(target, 0o755)  # mkdtemp makes it private; a web server must read it
    shutil.rmtree(old, ignore_errors=True)


def later_index(session) -> LaterIndex:
    """The LaterIndex of an `invoke serve` session (rebuild.Session)."""
    return session.value("search.later", LaterIndex)


# ------------------------------------------------------------ the search page

class SearchPageGenerator(Generator):
    """Writes the search page, with the filter choices of the published documents."""

    def generate_context(self):
        # The header's search box is shown only when this page exists.
        self.context["search_page_url"] = self.settings["SEARCH_URL"]
        outputs.reserve(self.settings["SEARCH_URL"], "หน้าค้นหา")
        outputs.reserve(BUNDLE_DIR + "/", "ดัชนีค้นหา")

    def generate_output(self, writer):
        save_as = self.settings["SEARCH_SAVE_AS"]
        url = self.settings["SEARCH_URL"]
        digits = self.settings.get("NUMERALS", "thai")
        articles = [a for a in self.context.get("articles", []) if a.save_as]
        writer.write_file(
            save_as, self.get_template("search"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], url=url,
            search_filters=filter_choices(articles, digits),
            search_documents=len(articles),
            page_name="search",
        )


def get_generators(pelican):
    return SearchPageGenerator


def register():
    signals.article_generator_finalized.connect(collect_documents)
    signals.get_generators.connect(get_generators)
