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
letter is followed by a WORD JOINER (U+2060) standing as a word of its own
(" JOINER "), which search.js drops with its space, so the reader sees the
sentence as written. The rarer kind carries the mark, and the mark is a word
of its own rather than attached to the word before it: Pagefind indexes a
word with a mark attached twice (as written, and without it), a distinct
word more for its time and memory (docs/performance.md); a joiner alone
normalises to no word and only takes a position, which search.js allows for
when it ranks words side by side first. Keeping the whole original
text as a metadata field was rejected: it would double every fragment that a
query downloads and give no excerpt around the match.

The query side is theme/static/js/search.js: it splits the query with
``Intl.Segmenter('th')``, also tries the last word joined up again (a word
still being typed is cut into fragments), searches with ``exactDiacritics``
and checks Thai terms without vowel or tone marks against the matched words,
since Pagefind lets ขาว match ข้าว and ข่าว otherwise.

Documents (Pelican articles) are indexed, and the pages other plugins give
with ``index_also`` (procurement summaries, the organisation's pages); of each only what a reader
reads as the document: its title, its number (weighted first), its summary and
its own text (``<div class="doc-body">``), without the labels, metadata panel,
signatories, navigation, phone cards or download links around it. Each result
carries metadata (title, type, date in the Buddhist Era) and filters (ITA item,
document type, fiscal year, division) written as attributes, which Pagefind
stores verbatim.

Numbers and compounds: each number is also indexed as the query side writes it
(Arabic digits, no thousands commas), so ๒๕๖๘ and 2568 find each other, and a
long word ICU keeps whole (ปีงบประมาณ) also by its finer reading when the site
uses each part as a word of its own (``Vocabulary``, from a first pass over the
pages). These other forms follow their word between INVISIBLE PLUS marks (ALT);
search.js removes them from excerpts and marks the word they belong to.
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
JOINER = "\u2060"  # a word of its own after a space of the page that follows a Thai letter
# The joiner is a word of its own: Pagefind indexes a word that carries a mark
# twice (with the mark and without), a distinct word more.
MARKED_SPACE = " " + JOINER
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


# Words the index also holds in another form, for matching only: a number as the
# query side writes it (Arabic digits, no thousands commas: ๒๕๖๘ -> 2568, 1,234,000 ->
# 1234000) and the parts of a long compound that ICU keeps whole (ปีงบประมาณ ->
# งบประมาณ). Each follows its word as " ALT form ALT "; search.js removes it from
# excerpts and marks the word instead when the match was on the other form.
# The marks stay attached to the form: as words of their own, an excerpt could
# end or start between them, and one mark alone cannot tell which end it is.
ALT = "\u2064"  # INVISIBLE PLUS: in no Thai text, dropped by Pagefind from the word
NUMBER = re.compile(r"[0-9๐-๙]+(?:[,.][0-9๐-๙]+)*")
COMPOUND_LETTERS = 8  # a word ICU keeps whole this long may be read as several (ปีงบประมาณ)
_MARK_START = re.compile("[\u0e30-\u0e3a\u0e45-\u0e4e]")  # cannot start a Thai word


def canonical_number(text: str) -> str:
    """A number as the query side writes it: Arabic digits, no thousands commas."""
    arabic = thai_format.arabic_digits(text)
    return arabic.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", arabic) \
        else arabic


def _alternate(form: str) -> str:
    return f" {ALT}{form}{ALT} "


def _number_alternates(text: str) -> str:
    def add(match):
        form = canonical_number(match[0])
        return match[0] + (_alternate(form) if form != match[0] else "")
    return NUMBER.sub(add, text)


class Vocabulary:
    """The words the site's own text uses on their own (as ICU splits its Thai runs),
    and with them the finer reading of the long words ICU keeps whole: ปีงบประมาณ is
    also ปี งบ ประมาณ when the site uses each of those alone. A part the site never
    uses alone (รมณ์ of เจตนารมณ์) is not indexed, so parts add matches, not noise."""

    def __init__(self):
        self.words: set[str] = set()
        self._parts: dict[str, tuple[str, ...]] = {}
        self._split_runs: dict[str, str] = {}  # runs recur: a site's phrases repeat

    def add(self, text: str) -> None:
        for run in THAI_RUN.findall(text):
            self.words.update(thai_words(run))

    def parts(self, word: str) -> tuple[str, ...]:
        if len(word) < COMPOUND_LETTERS:
            return ()
        found = self._parts.get(word)
        if found is None:
            found = self._parts[word] = self._split(word)
        return found

    def _split(self, word: str) -> tuple[str, ...]:
        for cut in range(1, len(word) - 1):  # the shortest known beginning first
            head, tail = word[:cut], word[cut:]
            if _MARK_START.match(tail) or head not in self.words:
                continue
            rest = thai_words(tail)
            if all(part in self.words for part in rest):
                return (head, *rest)
        return ()

    def split_run(self, run: str) -> str:
        """The words of a Thai run, each long one followed by its parts (once
        every page was added: the parts depend on all the site's words)."""
        split = self._split_runs.get(run)
        if split is None:
            split = self._split_runs[run] = self._split_words(run)
        return split

    def _split_words(self, run: str) -> str:
        out = []
        for word in thai_words(run):
            parts = self.parts(word)
            out.append(word + (_alternate(" ".join(parts)) if parts else ""))
        return " ".join(out)


def split_thai(text: str) -> str:
    """``text`` with a space between the Thai words of each unspaced run, and
    JOINER after each of its own spaces that follows a Thai letter."""
    text = text.replace(JOINER, "").replace(BLOCK_END, "")
    text = _PAGE_SPACE_AFTER_THAI.sub(MARKED_SPACE, text)
    return THAI_RUN.sub(lambda run: " ".join(thai_words(run[0])), text)


def indexed_text(text: str, vocabulary: Vocabulary | None = None) -> str:
    """``text`` as the index copy holds it: Thai split into words, and the other forms
    of its numbers (and, with a vocabulary, of its long compounds) beside them."""
    text = text.replace(JOINER, "").replace(BLOCK_END, "").replace(ALT, "")
    text = _PAGE_SPACE_AFTER_THAI.sub(MARKED_SPACE, text)
    split = vocabulary.split_run if vocabulary else lambda run: " ".join(thai_words(run))
    return _number_alternates(THAI_RUN.sub(lambda run: split(run[0]), text))


_ALTERNATE = re.compile(f" ?{ALT}[^{ALT}]*{ALT} ?")


def restore_text(text: str) -> str:
    """The original of split text (what search.js does to excerpts)."""
    text = _ALTERNATE.sub("", text)
    text = _INSERTED_SPACE.sub("", text)
    text = text.replace(" " + BLOCK_END, "").replace(BLOCK_END, "")
    return text.replace(MARKED_SPACE, "").replace(JOINER, "")


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


# Our pages are generated and validated HTML, so a tokenizer that splits tags
# from text (quoted attribute values may hold ">") does what html.parser did,
# at a fraction of its cost on pages with large tables. Comments are dropped.
_TOKEN = re.compile(r"""<!--.*?-->|</?[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>""", re.S)
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


class _IndexCopy:
    """Re-writes the document's own text (the element ``<div class="doc-body">``) for
    the index: Thai split into words with the other forms of numbers beside them, and
    what readers do not read as the document's text left out: elements marked
    ``data-pagefind-ignore`` or ``aria-hidden`` (the phone cards that repeat a table,
    the scroll hint), headings only screen readers hear.

    Pagefind joins the text of neighbouring elements without a space unless
    one of them is a paragraph-like block, so a space is added at every other
    block boundary (``<dt>ที่</dt><dd>...``), and a space between Thai
    letters on both sides of an inline tag (``เป็น<strong>เว็บไซต์``).
    """

    def __init__(self, vocabulary: Vocabulary | None = None):
        self.vocabulary = vocabulary
        self.raw_depth = 0
        self.div_depth = 0
        self.parts: list[str] = []
        self.last_char = " "
        self.block_boundary = False

    def feed(self, page: str, start: int) -> None:
        """From ``start`` (the body element's start tag) to the end of that element."""
        position = start
        while (token := _TOKEN.search(page, position)) is not None:
            if token.start() > position:
                self.handle_data(page[position:token.start()])
            position, text = token.end(), token[0]
            if text.startswith("<!--"):
                continue
            tag = _TAG_NAME.match(text)[1].lower()
            if text[1] != "/" and _left_out(tag, text):
                # Jumped over in one search: a table's phone cards are a large
                # part of its page, and tokenising them was most of the work.
                if tag not in _VOID and not text.endswith("/>"):
                    position = _element_end(page, tag, position)
            elif self.handle_markup(tag, text):
                return

    def handle_markup(self, tag: str, text: str) -> bool:
        """Copies a tag; True once the body element has ended."""
        closing = text[1] == "/"
        if tag == "div":
            self.div_depth += -1 if closing else 1
        if closing:
            self.handle_endtag(tag)
        else:
            self.handle_starttag(tag, text)
        return tag == "div" and closing and self.div_depth == 0

    def _tag(self, tag, text):
        if tag in _BLOCKS:
            self.block_boundary = True
        self.parts.append(text)

    def handle_starttag(self, tag, text):
        if tag in _RAW_TEXT and not text.endswith("/>"):
            self.raw_depth += 1
        self._tag(tag, _plain_start_tag(tag, text))

    def handle_endtag(self, tag):
        if tag in _RAW_TEXT and self.raw_depth:
            self.raw_depth -= 1
        if tag in _BLOCKS and THAI_RUN.match(self.last_char):
            self.parts.append(" " + BLOCK_END)  # a token of its own: no word carries it
            self.last_char = BLOCK_END
        self._tag(tag, f"</{tag}>")

    def handle_data(self, text):
        if not self.raw_depth:
            text = indexed_text(html.unescape(text), self.vocabulary)
            text = html.escape(text, quote=False)
        if not text:
            return
        after_thai = THAI_RUN.match(self.last_char)
        if text[0].isspace() and after_thai and not self.raw_depth:
            text = MARKED_SPACE + text  # the page's own space, after Thai text before a tag
        elif not self.last_char.isspace() and not text[0].isspace():
            if self.block_boundary:
                text = (MARKED_SPACE + " " if after_thai else " ") + text
            elif after_thai and THAI_RUN.match(text[0]):
                text = " " + text  # inserted: search.js removes it from excerpts
        self.block_boundary = False
        self.last_char = text[-1]
        self.parts.append(text)


_HIDDEN = re.compile(r"""\s(?:data-pagefind-ignore|aria-hidden\s*=\s*["']?true)""")


_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@functools.cache
def _same_element(tag: str) -> re.Pattern:
    return re.compile(f"<(/?){tag}(?=[\\s/>])", re.I)


def _element_end(page: str, tag: str, position: int) -> int:
    """Where the element whose start tag ends at ``position`` ends (after its end tag)."""
    depth = 1
    for found in _same_element(tag).finditer(page, position):
        depth += -1 if found[1] else 1
        if depth == 0:
            return page.index(">", found.end()) + 1
    return len(page)


def _left_out(tag: str, text: str) -> bool:
    """Elements that are not the document's text as a reader reads it."""
    if _HIDDEN.search(text):
        return True
    return tag in _HEADINGS and "visually-hidden" in _classes(text)


def _plain_start_tag(tag: str, text: str) -> str:
    """The tag without its attributes (ids, classes, headers: nothing Pagefind reads),
    except a table cell's spans, which keep a table's text in its cells."""
    if tag in ("td", "th"):
        spans = re.findall(r"""\s(?:rowspan|colspan)\s*=\s*["']?\d+["']?""", text)
        return f"<{tag}{''.join(spans)}>"
    return f"<{tag}>"


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
    number: str = ""  # the document's number (ที่ ...), found like its title
    summary: str = ""


DOC_BODY = '<div class="doc-body">'
NUMBER_WEIGHT = 10  # a document-number match ranks first (a title is an h1: weight 7)


def index_copy(page: str, document: IndexedDocument,
               vocabulary: Vocabulary | None = None) -> str:
    """The index-only version of a written document page: its title and number
    (weighted), its summary and its own text; no labels, navigation or breadcrumbs."""
    start = page.find(DOC_BODY)
    if start < 0:
        raise SearchIndexError(
            f"{document.save_as}: no {DOC_BODY} element to index "
            "(the theme's page template must keep one)")
    parser = _IndexCopy(vocabulary)
    parser.feed(page, start)
    lead = [f"<h1>{_indexed_html(document.title, vocabulary)}</h1>"]
    if document.number:
        lead.append(f'<p data-pagefind-weight="{NUMBER_WEIGHT}">'
                    f"{_indexed_html(document.number, vocabulary)}</p>")
    if document.summary:
        lead.append(f"<p>{_indexed_html(document.summary, vocabulary)}</p>")
    # Attribute values are stored verbatim by Pagefind; an empty element
    # carries each one without adding words to the indexed text.
    fields = [("data-pagefind-meta", f"title:{document.title}")]
    fields += [("data-pagefind-meta", f"{name}:{value}") for name, value in document.meta.items()]
    fields += [("data-pagefind-filter", f"{key}:{value}") for key, value in document.filters]
    hidden = "".join(f'<span {attribute}="{html.escape(value)}"></span>'
                     for attribute, value in fields)
    return (f'<!doctype html><html lang="und"><head><meta charset="utf-8"></head><body>'
            f"<article data-pagefind-body>{''.join(lead)}{''.join(parser.parts)}{hidden}"
            "</article></body></html>")


def _indexed_html(text: str, vocabulary: Vocabulary | None) -> str:
    return html.escape(indexed_text(text, vocabulary), quote=False) + " " + BLOCK_END


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
    return IndexedDocument(article.save_as, article.title, meta, filters,
                           article.metadata.get("number") or "",
                           article.metadata.get("summary") or "")


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

DOCUMENTS = "search.documents"


def collect_documents(generator):
    """article_generator_finalized: the documents the index will hold (this build's)."""
    digits = generator.settings.get("NUMERALS", "thai")
    current().value(DOCUMENTS, list)[:] = [
        describe(article, digits) for article in generator.articles if article.save_as
    ]


def index_also(page: IndexedDocument) -> None:
    """A page another plugin generates (a procurement summary, the contact page), to be
    found like a document; called in its generate_context, after the documents are
    collected. Its template must give the text in a ``<div class="doc-body">``."""
    current().value(DOCUMENTS, list).append(page)


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
    vocabulary = Vocabulary()
    for document in documents:  # first the words the site uses, for reading compounds
        page = _read_page(output_path, document)
        vocabulary.add(page[page.find(DOC_BODY):page.rfind("</article>")])
        vocabulary.add(document.title)
    with WorkFolder.make(work_folders.INDEX_COPY, os.path.dirname(output_path)) as copy:
        for document in documents:
            page = _read_page(output_path, document)
            target = os.path.join(copy.path, document.save_as)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(index_copy(page, document, vocabulary))
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


def _read_page(output_path: str, document: IndexedDocument) -> str:
    with open(os.path.join(output_path, document.save_as), encoding="utf-8") as handle:
        return handle.read()


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
    documents = build.value(DOCUMENTS, list)
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
            search_documents=len(current().value(DOCUMENTS, list)),  # pages index_also gave too
            page_name="search",
        )


def get_generators(pelican):
    return SearchPageGenerator


def register():
    signals.article_generator_finalized.connect(collect_documents)
    signals.get_generators.connect(get_generators)
