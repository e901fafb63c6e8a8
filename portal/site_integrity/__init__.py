"""Site integrity: nothing the staff wrote is lost, nothing in the built site is broken.

Owns the checks that need the written site, run at the end of every build on
the staging folder (signal ``finalized``), each failure a content error with
file and line:

* every published Markdown document has its page, and no file that looks like
  a document was silently skipped (``ประกาศ.MD``, a ``.txt`` with front matter);
* no two outputs write the same file: pages written by Pelican's writer,
  documents' attachments and linked files, static files, the theme's files,
  and files other plugins declare with ``claim(...)``;
* every internal link (``href``, ``src``, ``action``) in every written HTML
  page, read by an HTML5 parser (safe_html.scan_page), reaches a file of the
  site, its ``#fragment`` an ``id`` there, and its ``%`` escapes are valid
  (a web server answers 400 to ``ผลงาน100%.pdf``); no page has one ``id`` twice;
* every attachment and every static file was copied.

It also keeps the register of the addresses the system writes itself
(``reserve``: the search bundle, the ITA section, the listings ...), which
no document's slug may take; front_matter checks every document against it
as soon as they are read, so the clerk is told which file to change.

Reports made here come after Pelican has written into the staging folder;
``site_build`` raises them after the run, so the build fails and the previous
site stays online. Other plugins write the files they make themselves with
``write_output(settings, output_relpath, data, source_path, line, what)``,
which claims each (``claim``), so that collisions with them are reported too.

The writer is this plugin's too. It parses each page's links and ids as it
writes the page, so the link check does not read the site back; in `invoke
serve` rebuilds it hard-links the online pages whose inputs did not change
instead of rendering them (reuse.py), and the link check then reuses what it
found in them.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import urllib.parse
from typing import NamedTuple

from portal import content_errors
from portal import safe_html
from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from portal.site_integrity import reuse

CONTENT_LISTS = ("articles", "drafts", "pages", "hidden_pages", "draft_pages")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
DEVELOPER_HINT = ("ข้อผิดพลาดนี้มาจากธีมหรือปลั๊กอิน ไม่ใช่จากเอกสาร: แจ้งผู้ดูแลระบบ "
                  "(a theme or plugin bug: tell the maintainers)")


class _Run:
    """What one build has seen; reset when the next build starts."""

    def __init__(self):
        self.generators = []
        self.claims = []  # (output relpath, source path, line, what)
        self.writes = {}  # output relpath -> (source path, line, what)
        self.parsed = {}  # output relpath -> its links and ids, parsed as it was written
        self.collided = set()  # output relpaths two sources write (reported once, as such)


_run = _Run()


RESERVED_SETTING = "PORTAL_RESERVED_URLS"  # url -> (what, exact): see reserve()


def reserve(settings, url: str, what: str, exact: bool = False) -> None:
    """Declare that the system writes ``url`` (relative to the site, e.g.
    "pagefind/"), and with ``exact=False`` everything under it; ``what`` names
    it for the clerk. Plugins call it before the documents are checked (in
    their generator's ``generate_context``)."""
    settings.setdefault(RESERVED_SETTING, {})[url] = (what, exact)


def reserved(settings) -> dict:
    """Every address the system writes: the plugins' (``reserve``), and Pelican's
    own folders (the theme's files, the static folders, drafts)."""
    found = {settings.get("THEME_STATIC_DIR", "theme") + "/": ("ไฟล์ของธีม", False)}
    for folder in settings.get("STATIC_PATHS", ()):
        found[folder.strip("/") + "/"] = (f"โฟลเดอร์ไฟล์ {folder}", False)
    for key in ("DRAFT_URL", "DRAFT_PAGE_URL"):
        first = settings.get(key, "").split("/")[0]
        if first and "{" not in first:  # drafts live below it; a page may not be it
            found[first + "/"] = ("หน้าฉบับร่าง", True)
    return {**found, **settings.get(RESERVED_SETTING, {})}


def reserved_by(settings, url: str):
    """What the system writes at ``url`` (a document's address), or None."""
    for taken, (what, exact) in reserved(settings).items():
        if url == taken or (not exact and url.startswith(taken)):
            return what
    return None


def claim(output_relpath: str, source_path: str, line: int = 1, what: str = "") -> None:
    """Declare that ``source_path`` (line ``line``) makes the output file ``output_relpath``."""
    _run.claims.append((reuse.relative_name(output_relpath), str(source_path), int(line), what))


def write_output(settings, output_relpath: str, data: bytes, source_path: str, line: int = 1,
                 what: str = "") -> None:
    """Write a file a plugin makes itself: ``claim`` it, then write it
    (reuse.write_bytes: serve rebuilds link it when unchanged)."""
    claim(output_relpath, source_path, line, what)
    reuse.write_bytes(settings, output_relpath, data)


# ---------------------------------------------------------------- the writer


class IntegrityWriter(Writer):
    """Pelican's writer, remembering who writes each file.

    Pelican's own writer stops the whole build with a traceback when a second
    template writes a file already written; this one reports a content error
    naming both sources instead, and the build fails cleanly. In `invoke
    serve` rebuilds it writes an unchanged page without rendering it (reuse.py).
    """

    _signatures = None  # reuse.Build of this writer's build, made on first use

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        self._current = _writer_source(name, template, kwargs)
        # No output may overwrite another, whatever Pelican's override_save_as
        # would allow (front_matter sets it on every document to fix its file).
        override_output = False
        options = (relative_urls, paginated, template_name, override_output, url)
        if name and reuse.enabled(self.settings) and not self._paginates(options, kwargs):
            if self._reuse(name, template, context, options, kwargs):
                return None
        return super().write_file(name, template, context, *options, **kwargs)

    def _paginates(self, options, kwargs):
        """Pelican writes several files from one call: never reused."""
        paginated, template_name = options[1], options[2]
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in ("articles", "dates")}
        return bool(paginated) and template_name in self.settings["PAGINATED_TEMPLATES"]

    def _reuse(self, name, template, context, options, kwargs) -> bool:
        """Take the online page when its signature did not change (reuse.py)."""
        if self._signatures is None:
            self._signatures = reuse.Build(self.settings)
        relative = reuse.relative_name(name)
        signature = self._signatures.page_signature(relative, template, context, options,
                                                    kwargs)
        reuse.remember(relative, signature)
        online = reuse.online_copy(relative, signature)
        if online is None:
            return False
        path = sanitised_join(self.output_path, name)
        if self._first_write(path):
            self._written_files.add(path)
            reuse.link_or_copy(relative, online, path)
            reuse.count_reused()
        return True

    def _open_w(self, filename, encoding, override=False):
        if not self._first_write(filename):
            return open(os.devnull, "w", encoding=encoding)
        handle = super()._open_w(filename, encoding, override)
        if filename.endswith((".html", ".htm")):
            return _ParsedAsWritten(handle, self._relative(filename))
        return handle

    def _relative(self, filename) -> str:
        base = self.output_path.rstrip(os.sep) + os.sep
        return (filename[len(base):].replace(os.sep, "/") if filename.startswith(base)
                else reuse.relative_name(os.path.relpath(filename, self.output_path)))

    def _first_write(self, filename) -> bool:
        """Records who writes ``filename``; False (and a report) when it was written already."""
        relative = self._relative(filename)
        source = getattr(self, "_current", ("", 1, relative))
        if filename in self._written_files:
            first = _run.writes.get(relative, ("", 1, relative))
            _report_collision(relative, first, source)
            return False
        _run.writes.setdefault(relative, source)
        return True


class _ParsedAsWritten:
    """A page's file: its links and ids are parsed from the text written, so
    that the link check need not read 50 MB of pages back (5,000 documents)."""

    def __init__(self, handle, relative):
        self.handle, self.relative, self.written = handle, relative, []

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self.handle.close()
        _run.parsed[self.relative] = safe_html.scan_page("".join(self.written))

    def write(self, text):
        self.handle.write(text)
        self.written.append(text)


def _writer_source(name, template, kwargs):
    for key in ("article", "page"):
        content = kwargs.get(key)
        if content is not None and getattr(content, "source_path", None):
            return (content.source_path, _slug_line(content),
                    _Later(lambda content=content: f"หน้า {content.url or name}"))
    template_name = getattr(template, "name", None) or getattr(template, "filename", "") or ""
    return ("", 1, f"หน้า {name} (แม่แบบ {template_name})")


class _Later:
    """Text computed only if shown: a page's URL costs Pelican a template expansion."""

    def __init__(self, make):
        self.make = make

    def __str__(self):
        return self.make()


def _slug_line(content) -> int:
    return content.metadata.get("field_lines", {}).get(("slug",), 1)


def _report_collision(relative, first, second):
    _run.collided.add(relative)
    path, line, what = second
    other_path, other_line, other_what = first
    if not path:
        path, line, what, other_path, other_line, other_what = first + second
    if not path:
        path = relative
    where = os.path.basename(other_path) + f" บรรทัด {other_line}" if other_path else "ระบบ"
    content_errors.report(
        path, line,
        f"{what} เขียนไฟล์ {relative} ซ้ำกับ {other_what} จาก {where} "
        "(two outputs write the same file)",
        "เปลี่ยน slug หรือชื่อไฟล์ให้ไม่ซ้ำกัน" if other_path else DEVELOPER_HINT,
    )


# ---------------------------------------------------------------- receivers


def start(*_args, **_kwargs):
    global _run
    _run = _Run()


def remember_generators(generators):
    _run.generators = list(generators)


def provide_writer(pelican):
    return IntegrityWriter


def check_site(pelican):
    """All checks on the written staging folder; reports then raises content errors."""
    output = pelican.output_path
    settings = pelican.settings
    try:
        contents = _contents(_run.generators)
        listing = site_listing(output)  # walked once for the checks below
        _check_outputs_unique(settings, contents, _run.generators)
        _check_every_document_published(settings, listing[0], contents, _run.generators)
        _check_attachments_copied(output, contents)
        _check_static_files_copied(output, _run.generators)
        LinkChecker(settings, output, contents, listing).check()
    finally:
        start()  # let this build's content go before the next build (invoke serve)
    content_errors.raise_if_any()


def written_contents(generator):
    """Every article or page a generator will write, drafts included."""
    for name in CONTENT_LISTS:
        yield from getattr(generator, name, [])


def _contents(generators):
    """(content, save_as) pairs; Pelican computes save_as anew on every access."""
    return [(content, content.save_as)
            for generator in generators for content in written_contents(generator)]


# ---------------------------------------------------------------- one file, one source


def _check_outputs_unique(settings, contents, generators):
    owners = dict(_run.writes)  # what the writer wrote first
    planned = []
    for content, save_as in contents:
        if not save_as:
            continue
        page_dir = os.path.dirname(save_as)
        lines = content.metadata.get("field_lines", {})
        for relative in content.metadata.get("document_files", ()):
            line = _attachment_line(content, relative, lines)
            planned.append((reuse.relative_name(os.path.join(page_dir, relative)),
                            content.source_path, line, f"ไฟล์ {relative} ของเอกสาร"))
    for generator in generators:
        for static in getattr(generator, "staticfiles", []):
            planned.append((reuse.relative_name(static.save_as), static.source_path, 1,
                            "ไฟล์ static"))
    theme_dir = settings.get("THEME_STATIC_DIR", "theme")
    for static_path in settings.get("THEME_STATIC_PATHS", ["static"]):
        base = os.path.join(settings["THEME"], static_path)
        for folder, _dirs, files in os.walk(base):
            for name in files:
                source = os.path.join(folder, name)
                relative = os.path.relpath(source, base) if os.path.isdir(base) else name
                planned.append((reuse.relative_name(os.path.join(theme_dir, relative)), source, 1,
                                "ไฟล์ของธีม"))
    planned += _run.claims
    for relative, source, line, what in planned:
        first = owners.setdefault(relative, (source, line, what))
        if first[:2] != (source, line):
            _report_collision(relative, first, (source, line, what))


def _attachment_line(content, relative, lines):
    for index, attachment in enumerate(content.metadata.get("attachments", ()) or ()):
        if attachment.file == relative:
            return lines.get(("attachments", index, "file"), 1)
    return content_errors.line_containing(content.source_path, relative)


# ---------------------------------------------------------------- nothing lost


def _check_every_document_published(settings, site_files, contents, generators):
    read = {os.path.abspath(c.source_path) for c, _save_as in contents}
    # Left out because of their errors, which say so.
    read |= {os.path.abspath(path) for path in content_errors.paths_with_errors()}
    for content, save_as in contents:
        if getattr(content, "status", "published") != "published" or not save_as:
            continue
        if reuse.relative_name(save_as) not in site_files:
            content_errors.report(
                content.source_path, _slug_line(content),
                f"เอกสารนี้ไม่มีหน้าเว็บ {save_as} ในเว็บไซต์ที่สร้าง "
                "(a published document has no page)",
                DEVELOPER_HINT,
            )
    reader_extensions = _reader_extensions(generators)
    roots = [os.path.join(settings["PATH"], p)
             for p in settings.get("ARTICLE_PATHS", []) + settings.get("PAGE_PATHS", [])]
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                path = os.path.abspath(os.path.join(folder, name))
                if path in read or name.startswith("."):
                    continue
                if os.path.splitext(name)[1][1:] in reader_extensions:
                    # A reader failed and Pelican went on without the file.
                    content_errors.report(
                        path, 1,
                        "ระบบอ่านเอกสารนี้ไม่สำเร็จ จึงไม่มีหน้าเว็บ (a document was not read)",
                        DEVELOPER_HINT,
                    )
                elif _looks_like_unread_document(path, name, reader_extensions):
                    content_errors.report(
                        path, 1,
                        "ไฟล์นี้ดูเหมือนเอกสาร แต่ระบบไม่ได้อ่าน เพราะนามสกุลไฟล์ไม่ใช่ .md "
                        "(looks like a document but was not read: not a .md file)",
                        "เปลี่ยนชื่อไฟล์ให้ลงท้ายด้วย .md (ตัวพิมพ์เล็ก) "
                        "หรือถ้าเป็นไฟล์แนบ ให้ระบุในช่อง attachments ของเอกสาร",
                    )


def _reader_extensions(generators):
    for generator in generators:
        readers = getattr(generator, "readers", None)
        if readers is not None:
            return set(readers.extensions)
    return {"md"}


def _looks_like_unread_document(path, name, extensions):
    extension = os.path.splitext(name)[1][1:]
    if extension.lower() in extensions:
        return True  # ประกาศ.MD
    if extension.lower() not in ("txt", "text", ""):
        return False
    try:
        with open(path, "rb") as handle:
            first_line = handle.readline(64)
    except OSError:
        return False
    return first_line.removeprefix(b"\xef\xbb\xbf").strip() == b"---"  # front matter


def _check_attachments_copied(output, contents):
    for content, save_as in contents:
        if not save_as:
            continue
        page_dir = os.path.join(output, os.path.dirname(save_as))
        source_dir = os.path.dirname(content.source_path)
        for relative in content.metadata.get("document_files", ()):
            target = os.path.join(page_dir, relative)
            source = os.path.join(source_dir, relative)
            written_over = reuse.relative_name(os.path.join(os.path.dirname(save_as), relative))
            if _same_size(source, target) or written_over in _run.collided:
                continue
            line = _attachment_line(content, relative, content.metadata.get("field_lines", {}))
            if not os.path.isfile(source):
                content_errors.report(
                    content.source_path, line,
                    f"ไฟล์ {relative} หายไประหว่างสร้างเว็บไซต์ (a file was deleted during the build)",
                    "วางไฟล์กลับไว้ในโฟลเดอร์ของเอกสาร แล้วสร้างเว็บไซต์ใหม่")
            else:
                content_errors.report(
                    content.source_path, line,
                    f"คัดลอกไฟล์ {relative} ไปไว้ข้างหน้าเว็บของเอกสารไม่สำเร็จ "
                    "(attachment missing from the built site)", _COPY_HINT)


_COPY_HINT = "ตรวจว่าเปิดอ่านไฟล์ได้และพื้นที่ดิสก์ไม่เต็ม แล้วสร้างเว็บไซต์ใหม่"


def _same_size(source, target) -> bool:
    try:
        return os.path.isfile(target) and os.path.getsize(target) == os.path.getsize(source)
    except OSError:
        return False


def _check_static_files_copied(output, generators):
    """Pelican only logs a warning when it cannot copy a static file."""
    for generator in generators:
        for static in getattr(generator, "staticfiles", []):
            target = os.path.join(output, static.save_as)
            source = os.path.join(generator.path, static.source_path)
            if not _same_size(source, target):
                content_errors.report(
                    source, 1,
                    f"คัดลอกไฟล์นี้ไปไว้ที่ {static.save_as} ไม่สำเร็จ (a static file was not copied)",
                    _COPY_HINT)


# ---------------------------------------------------------------- links


class _Origin(NamedTuple):
    """A written page, as its relative links are resolved from it."""

    page: str
    folder: str
    climb: str  # "../" once per folder level: from the page's folder to the site's root

    @classmethod
    def of(cls, page: str) -> _Origin:
        folder = posixpath.dirname(page)
        return cls(page, folder, "../" * (folder.count("/") + 1) if folder else "")


class LinkChecker:
    """Every href/src/action of every written HTML page that points inside the site."""

    def __init__(self, settings, output, contents, listing):
        self.output = output
        self.by_page = {reuse.relative_name(save_as): c for c, save_as in contents if save_as}
        siteurl = (settings.get("SITEURL") or "").rstrip("/")
        self.siteurl = siteurl if safe_html.SCHEME.match(siteurl) else ""
        self.site_path = urllib.parse.urlsplit(siteurl).path.rstrip("/")
        self.parsed = {}  # relative -> (links, ids), see parse()
        self.answers = {}  # (page, its folder, or "" for the root, url) -> problem or None
        # Every file and folder of the written site (site_listing): a link is
        # checked against these sets, not with a system call per link.
        self.files, self.folders = listing

    def check(self):
        global _parsed_pages, _previous_check
        self.withheld = content_errors.withheld()
        site = (self.siteurl, self.site_path, self.files, self.folders, self.withheld)
        same_files = _previous_check[0] == site
        # A rebuild whose site has the same files: a link without #fragment
        # reaches what it reached before (a fragment depends on the target's text),
        # and a page reused unchanged whose links all did is fine again.
        self.answers = _previous_check[1] if same_files else {}
        self.answers = {key: answer for key, answer in self.answers.items() if "#" not in key[1]}
        fine = set()
        for relative in sorted(self.files):
            if not relative.endswith((".html", ".htm")):
                continue
            signature = reuse.signature_of(relative)
            if same_files and signature in _previous_check[2]:
                self.parsed[relative] = _parsed_pages[signature]
                fine.add(signature)
            elif self.check_page(relative) and signature:
                fine.add(signature)
        # Kept for the next rebuild: pages it reuses unchanged need no reading.
        _parsed_pages = {reuse.signature_of(page): parsed for page, parsed in self.parsed.items()
                         if reuse.signature_of(page)}
        _previous_check = (site, self.answers, fine) if _parsed_pages else (None, {}, set())

    def check_page(self, relative) -> bool:
        """Reports the page's broken links; True when it has none and its links
        stay fine while the site has the same files (no #fragment in another page)."""
        scanned = self.parse(relative)
        reported = set()
        lasting = True
        origin = _Origin.of(relative)
        for url in scanned.links:
            problem = self.problem(origin, url)
            if problem and url not in reported:
                reported.add(url)
                self.report(relative, url, problem)
            lasting = lasting and ("#" not in url or url.strip().startswith("#"))
        for ident in dict.fromkeys(scanned.duplicate_ids):
            self.report_duplicate_id(relative, ident)
        return lasting and not reported and not scanned.duplicate_ids

    def parse(self, relative) -> safe_html.ScannedPage:
        """The links and ids of a written page.

        A page the writer wrote was parsed as it was written
        (``_ParsedAsWritten``). A page that a rebuild reused unchanged (same
        signature, reuse.py) is not read either: its links and ids are those
        of the previous build.
        """
        if relative not in self.parsed:
            found = _run.parsed.get(relative)
            signature = reuse.signature_of(relative) if found is None else None
            if signature:
                found = _parsed_pages.get(signature)
            if found is None:
                with open(os.path.join(self.output, relative), encoding="utf-8",
                          errors="replace") as handle:
                    found = safe_html.scan_page(handle.read())
            self.parsed[relative] = found
        return self.parsed[relative]

    def html_line(self, relative, value):
        """Line of the written page where ``value`` first appears (1 when not found)."""
        return content_errors.line_containing(os.path.join(self.output, relative),
                                html.escape(value), value) or 1

    def problem(self, origin, url):
        """None when ``url``, written in the page ``origin``, is fine or outside
        the site, else a Thai description.

        The same link in pages of one folder means the same target: it is
        looked at once. So is a link that first climbs to the site's root, as
        the menu's do ("../../../ita/" from documents/2568/slug/): it is the
        link "ita/" of the home page, whatever folder it is written in.
        """
        url = url.strip()
        climb = origin.climb
        if url[:1] in ("", "#", "?"):
            key, page = origin.page, origin.page
        elif climb and url.startswith(climb) and url[len(climb):len(climb) + 1].isalnum():
            key, page, url = "", "index.html", url[len(climb):]
        else:
            key, page = origin.folder, origin.page
        if (key, url) not in self.answers:
            self.answers[key, url] = self._problem(page, url)
        return self.answers[key, url]

    def _problem(self, page, url):
        if not url:
            return None
        if self.siteurl and (url == self.siteurl or url.startswith(self.siteurl + "/")):
            url = self.site_path + (url[len(self.siteurl):] or "/")
        elif url.startswith("//") or safe_html.SCHEME.match(url):
            return None  # another site, mailto:, tel:, data:
        if _BAD_ESCAPE.search(url):
            return ("มีเครื่องหมาย % ที่ไม่ได้ตามด้วยรหัสเลขฐานสิบหกสองหลัก เว็บเซิร์ฟเวอร์จะตอบว่า "
                    "400 Bad Request (invalid % in the address)")
        split = urllib.parse.urlsplit(url)
        target_path = urllib.parse.unquote(split.path)
        fragment = urllib.parse.unquote(split.fragment)
        if not target_path:
            target = page
        elif target_path.startswith("/"):
            if self.site_path and not (target_path + "/").startswith(self.site_path + "/"):
                return None  # same host, outside this portal (the organisation's own site)
            target = posixpath.normpath(target_path[len(self.site_path):]).lstrip("/")
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), target_path))
        if target == ".." or target.startswith("../"):
            return "ชี้ออกนอกเว็บไซต์ (points above the site's root)"
        if target in ("", "."):
            target = "index.html"
        elif target in self.folders:
            target = posixpath.join(target, "index.html")
        if target not in self.files:
            if any((target + "/").startswith(url) for url in self.withheld):
                return None  # a document left out for its errors: they say so
            return "ไม่มีไฟล์นี้ในเว็บไซต์ที่สร้าง (target not in the site)"
        if fragment and target.endswith((".html", ".htm")):
            if fragment not in self.parse(target).ids:
                return f"ไม่มีตำแหน่ง #{fragment} ในหน้าปลายทาง (no such anchor)"
        return None

    def report(self, page, shown, problem):
        content = self.by_page.get(page)
        if content is not None:
            # Pelican rewrites {attach} links: their file's name is what the source has.
            name = posixpath.basename(urllib.parse.urlsplit(shown).path)
            line = content_errors.line_containing(content.source_path, shown, html.escape(shown),
                                                  urllib.parse.unquote(shown), name)
            if line:
                content_errors.report(
                    content.source_path, line,
                    f"ลิงก์เสีย \"{shown}\": {problem} (broken link)",
                    "ตรวจชื่อไฟล์หรือลิงก์ให้ตรงทุกตัวอักษร ลิงก์ไปยังเอกสารอื่นให้ใช้ "
                    "../<slug ของเอกสารนั้น>/ และวางไฟล์ไว้ในโฟลเดอร์เดียวกับเอกสาร",
                )
                return
            path = content.source_path
            where = f"หน้า {page} บรรทัด {self.html_line(page, shown)} ของ HTML ที่สร้าง"
            content_errors.report(path, 1, f"ลิงก์เสีย \"{shown}\" ใน{where}: {problem} "
                                           "(broken link made by the theme)", DEVELOPER_HINT)
            return
        content_errors.report(
            os.path.join("output", page), self.html_line(page, shown),
            f"ลิงก์เสีย \"{shown}\" ในหน้า {page} ที่ธีมหรือปลั๊กอินสร้าง: {problem} "
            "(broken link in a generated page; line of the generated HTML)",
            DEVELOPER_HINT,
        )

    def report_duplicate_id(self, page, ident):
        """One id twice on a page: a link to it, and aria-labelledby, reach the first only."""
        content = self.by_page.get(page)
        message = (f"จุดอ้างอิง (id) \"{ident}\" มีซ้ำกันในหน้า {page} เช่น หัวข้อ {{#{ident}}} "
                   "หรือ id ของตาราง ซ้ำกับส่วนอื่นของหน้า (duplicate id on the page)")
        if content is not None:
            line = content_errors.line_containing(content.source_path, "#" + ident, ident) or 1
            content_errors.report(content.source_path, line, message,
                                  "ตั้งชื่อ id ของหัวข้อหรือตารางนั้นใหม่ให้ไม่ซ้ำ "
                                  "(ชื่อที่ระบบใช้ในทุกหน้า เช่น main, attachments ใช้ไม่ได้)")
            return
        content_errors.report(os.path.join("output", page), self.html_line(page, ident),
                              message, DEVELOPER_HINT)


def site_listing(output: str) -> tuple[set, set]:
    """(files, folders) of a written site, as "/"-separated names relative to
    it; the site's root is the folder "". Symbolic links are not followed. A
    folder with no file below it is not listed: it is no page, and serve's
    staging folders hold such folders until the build ends (site_build)."""
    files, folders = set(), {""}

    def walk(path, prefix) -> bool:
        found = False
        with os.scandir(path) as entries:
            for entry in entries:
                if not entry.is_dir():
                    files.add(prefix + entry.name)
                    found = True
                elif entry.is_symlink() or walk(entry.path, prefix + entry.name + "/"):
                    folders.add(prefix + entry.name)
                    found = True
        return found

    walk(output, "")
    return files, folders


_parsed_pages = {}  # signature -> parse of the page, from the latest check (reuse.py)
# (the site checked, its answers, signatures of its pages found fine for good),
# in `invoke serve` only
_previous_check = (None, {}, set())


def register():
    signals.initialized.connect(start)
    signals.generator_init.connect(reuse.keep_compiled_templates)
    signals.all_generators_finalized.connect(remember_generators)
    signals.get_writer.connect(provide_writer)
    signals.finalized.connect(check_site)
