"""Front matter: reads every Markdown document and checks it against the schema.

Owns the ``.md`` reader (YAML front matter between ``---`` lines, then the
Markdown body), turning the schema's typed values into Pelican metadata, the
checks that need the file itself (encoding, local links and attachments that
must exist, pages in the right folder), the cross-document check that no two
documents claim the same URL, and copying each document's own files
(attachments, linked files) next to its page so relative links keep working
under any sub-path. Every mistake goes to ``content_errors`` with file and line.
In `invoke serve` rebuilds the reader keeps each parse (``rebuild.kept``), and
Pelican's generators get the documents an earlier build made when nothing they
came from changed (portal/rebuild/documents.py).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import urllib.parse
from datetime import date, datetime

from markdown import Markdown
from pelican import signals
from pelican.readers import BaseReader

from portal import (
    content_errors,
    ita_catalog,
    outputs,
    rebuild,
    safe_html,
    safe_paths,
    thai_format,
    yaml_source,
)

from . import schema
from .validate import Problem, split_front_matter, validate

UNDATED_SORT_DAY = date(1900, 1, 1)
# What rebuild.kept keeps of each document for serve rebuilds (the parse),
# and of each folder (the stamp of its other files); the settings a parse uses:
PARSES, FOLDERS = "front_matter.parses", "front_matter.folders"
_PARSE_SETTINGS = ("PATH", "ARTICLE_PATHS", "PAGE_PATHS", "MARKDOWN", "ITA_CATALOG_DIR")


def _stamps(source: str, paths) -> tuple:
    """rebuild.file_stamp of the source and of each path (None for a missing one)."""
    return tuple(rebuild.file_stamp(path) for path in (source, *paths))


_PELICAN_LINK = re.compile(r"^\{(filename|static|attach)\}(.*)$", re.S)
# Characters no text needs, which a browser shows as boxes or not at all
# (C0 controls but tab and newline, DEL, C1 controls): a NUL pasted from a
# PDF would reach the page.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UNSAFE_HTML_HINT = ("เนื้อหาเขียนได้ด้วย Markdown และแท็กจัดรูปแบบ เช่น <u> <br> <sup> <sub> "
                     "เท่านั้น: ลบส่วนนั้นออกจากไฟล์")


def decode_source(raw: bytes):
    """Text of a source file, or a Problem when it is not UTF-8."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        hint = "เปิดไฟล์ด้วยโปรแกรมแก้ไขข้อความแล้วบันทึกใหม่เป็น UTF-8"
        try:
            if re.search("[\u0e01-\u0e5b]", raw.decode("cp874")):
                hint = ("ไฟล์นี้น่าจะบันทึกด้วยรหัสภาษาไทยแบบเก่า (TIS-620/Windows-874): "
                        + hint)
        except UnicodeDecodeError:
            pass
        return Problem(line, "ไฟล์ไม่ได้บันทึกเป็นรหัส UTF-8 (file is not UTF-8)", hint)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_characters(body: str, first_line: int) -> list[Problem]:
    problems = []
    for number, line in enumerate(body.split("\n")):
        found = _CONTROL.search(line)
        if found:
            problems.append(Problem(
                first_line + number,
                f"มีอักขระควบคุมที่มองไม่เห็น (รหัส U+{ord(found[0]):04X}) ในบรรทัดนี้ "
                "(a control character)",
                "ลบอักขระนั้นออก แล้วพิมพ์ข้อความส่วนนั้นใหม่ "
                "(มักติดมาเมื่อคัดลอกข้อความจากไฟล์ PDF หรือโปรแกรมอื่น)"))
    return problems


class _BodyLinks:
    """The href and src values of one document's body, as the sanitiser meets them.

    ``filter`` answers the value to write (None removes the attribute) and
    records the files copied beside the page and the problems, each as
    (target as written, message, hint).
    """

    def __init__(self, reader, source_path):
        self.root = reader.settings["PATH"]
        self.folder = os.path.dirname(source_path)
        self.depends_on = reader.__dict__.setdefault("_checked", set())
        self.copied, self.problems, self.answers = [], [], {}

    def filter(self, _tag, _attribute, value):
        if value not in self.answers:
            self.answers[value] = self._answer(value)
        return self.answers[value]

    def _answer(self, written):
        target = written.strip()
        pelican_link = _PELICAN_LINK.match(target)
        if pelican_link:
            path, _rest = _split_url(pelican_link[2])
            base = self.root if path.startswith("/") else self.folder
            # {attach} publishes the file beside this page: one of its own files.
            boundary = self.folder if pelican_link[1] == "attach" else self.root
            published = pelican_link[1] != "filename"  # {filename} names a document
            found = self._file(written, path.lstrip("/"), base, boundary, published)
            return written if found else None
        if not target or target.startswith(("/", "#", "?")) or safe_html.SCHEME.match(target):
            return written  # the site's own address, or another site's
        path, rest = _split_url(target)
        if not path or path.endswith("/"):
            return written  # a page of the site: site_integrity checks the written site
        found = self._file(written, path, self.folder, self.root)
        if found is None:
            return None
        relative = os.path.relpath(found, self.folder)
        if relative.startswith(os.pardir + os.sep):
            return written  # another document's file: the written site has it or not
        if not self._publishable(written, relative):
            return None
        relative = relative.replace(os.sep, "/")
        self.copied.append(relative)
        return safe_html.url_path(relative) + rest

    def _publishable(self, written, relative) -> bool:
        """A file copied beside the page must be of a type published as it is."""
        try:
            safe_paths.check_published_type(relative)
        except safe_paths.PathRefused as refused:
            self._refused(written, refused)
            return False
        return True

    def _refused(self, written, refused):
        self.problems.append((written, f"ลิงก์ \"{written}\" ใช้ไม่ได้: {refused.message}",
                              refused.hint))

    def _file(self, written, name, base, boundary, published=False):
        """The file a link names (as written, or percent-decoded), else None and a problem."""
        resolve = safe_paths.resolve_published if published else safe_paths.resolve
        close = ""
        for candidate in dict.fromkeys([urllib.parse.unquote(name), name]):
            self.depends_on.add(os.path.normpath(os.path.join(base, candidate)))
            try:
                return resolve(candidate, base, boundary, self.root)
            except safe_paths.FileMissing as missing:
                close = close or missing.did_you_mean()
                continue
            except safe_paths.PathRefused as refused:
                self._refused(written, refused)
                return None
        self.problems.append((
            written, f"ลิงก์ไปยังไฟล์ที่ไม่มีอยู่: \"{written}\" (link to a missing file)",
            close + "ตรวจชื่อไฟล์ให้ตรงทุกตัวอักษร และวางไฟล์ไว้ในโฟลเดอร์เดียวกับเอกสาร"))
        return None


def _split_url(target):
    """(path, "?query#fragment" as written) of a relative URL."""
    cut = min((index for index in (target.find("?"), target.find("#")) if index >= 0),
              default=len(target))
    return target[:cut], target[cut:]


class FrontMatterReader(BaseReader):
    """Reads ``.md`` files: YAML front matter validated by the schema, Markdown body."""

    enabled = True
    file_extensions = ["md", "markdown", "mkd", "mdown"]

    def read(self, source_path):
        # Pelican logs an exception raised by a reader and goes on without the
        # file, so the build would succeed with the document silently missing:
        # any failure here is reported as a content error of that file instead.
        try:
            return self._read(source_path)
        except Exception as error:
            content_errors.report(
                source_path, 1,
                f"อ่านไฟล์นี้ไม่สำเร็จ (could not read this file: {type(error).__name__}: {error})",
                "ตรวจส่วนข้อมูลเอกสารและเนื้อหาของไฟล์นี้ ถ้าไม่พบสิ่งผิดปกติ ให้แจ้งผู้ดูแลระบบ "
                "พร้อมไฟล์นี้",
            )
            return "", {"status": "skip"}

    def _read(self, source_path):
        self._catalogs()  # reports a broken catalog even when every document is kept
        problems, values, located, content, _paths = rebuild.kept(
            PARSES, os.path.abspath(source_path), lambda: self._parse_file(source_path),
            self._parse_stamp)
        for problem in problems:
            tell = content_errors.warn if problem.warning else content_errors.report
            tell(source_path, problem.line, problem.message, problem.hint)
        if any(not problem.warning for problem in problems):
            self._withhold(source_path, values)
            # Pelican drops "skip" content without writing anything for it.
            return "", {"status": "skip"}
        return content, self._metadata(values, located)

    def _withhold(self, source_path, values):
        """Links to this document's page are no broken links of their own: its errors say why."""
        slug = values.get("slug")
        if slug:
            doc_type = values.get("type")
            is_page = doc_type.is_page if doc_type else self._in_pages(source_path)
            content_errors.withhold(self.settings["PAGE_URL" if is_page else "ARTICLE_URL"]
                                    .format(slug=slug))

    def _in_pages(self, source_path) -> bool:
        relative = os.path.relpath(source_path, self.settings["PATH"])
        return relative.replace(os.sep, "/").split("/")[0] in self.settings["PAGE_PATHS"]

    def _parse_file(self, source_path):
        """_parse of the file, and the paths whose state the result depends on."""
        self._checked = set()
        with open(source_path, "rb") as handle:
            decoded = decode_source(handle.read())
        problems, values, located, content = self._parse(source_path, decoded)
        data = located.data if located is not None else None
        attachments = data.get("attachments") if isinstance(data, dict) else None
        for record in attachments if isinstance(attachments, list) else ():
            if isinstance(record, dict) and isinstance(record.get("file"), str):
                self._checked.add(os.path.join(os.path.dirname(source_path),
                                               record["file"].strip()))
        return problems, values, located, content, tuple(sorted(self._checked))

    def _parse_stamp(self, path, parse) -> tuple:
        """What the parse of ``path`` depends on (serve rebuilds keep it while
        this is equal): the file, the files it attaches or links (present or
        missing), the other files of its folder, the ITA catalogs and the
        settings used."""
        return self._build_key(path), _stamps(path, parse[4])

    def unchanged_parse(self, source_path):
        """The kept parse of ``source_path`` when nothing it depends on changed, else None."""
        return rebuild.held(PARSES, os.path.abspath(source_path), self._parse_stamp)

    def _build_key(self, key):
        if getattr(self, "_build_stamp", None) is None:  # once per build
            self._build_stamp = (ita_catalog.directory_stamp(self.settings["ITA_CATALOG_DIR"]),
                                 repr([self.settings.get(name) for name in _PARSE_SETTINGS]))
        return (*self._build_stamp, self._folder_stamp(os.path.dirname(key)))

    def _folder_stamp(self, folder):
        """Every file beside the documents of ``folder`` except the documents themselves,
        once per build: an attachment or a table file (read by another plugin while
        the body is converted) edited in place makes the folder's documents read again.
        """
        stamps = self.__dict__.setdefault("_folder_stamps", {})
        if folder not in stamps:
            entries = []
            with os.scandir(folder) as listing:
                for entry in listing:
                    if entry.name.rsplit(".", 1)[-1] in self.file_extensions:
                        continue
                    try:
                        state = entry.stat()
                    except OSError:
                        continue
                    entries.append((entry.name, state.st_mtime_ns, state.st_size))
            stamp = tuple(sorted(entries))
            # In a rebuild, the previous build's object when equal: each of the folder's
            # documents then compares its stamp by identity, not entry by entry.
            stamps[folder] = rebuild.kept(FOLDERS, folder, lambda: stamp, lambda _f, _s: stamp)
        return stamps[folder]

    def _convert(self, body):
        # One Markdown converter per reader (that is, per build), reset for each
        # document: building one costs about as much as converting a document.
        if getattr(self, "_markdown", None) is None:
            self._markdown = Markdown(**self.settings["MARKDOWN"])
        self._markdown.reset()
        return self._markdown.convert(body)

    def _parse(self, source_path, decoded):
        """(problems, values, located, HTML of the body); values are typed by the schema."""
        if isinstance(decoded, Problem):
            return [decoded], {}, None, ""
        parts = split_front_matter(decoded)
        if isinstance(parts, Problem):
            return [parts], {}, None, ""
        yaml_text, yaml_line, body, body_line = parts
        try:
            located = yaml_source.load(yaml_text, yaml_line)
        except yaml_source.YamlSourceError as error:
            return [Problem(error.line, error.message, error.hint)], {}, None, ""
        document_dir = os.path.dirname(source_path)
        ctx = schema.ParseContext(document_dir, self._catalogs, self.settings["PATH"])
        values, problems = validate(located, ctx)
        problems += self._folder_problems(source_path, values, located)
        problems += _control_characters(body, body_line)
        content, linked, body_problems = self._safe_body(
            source_path, body, body_line, self._convert(body))
        problems += body_problems
        values["document_files"] = tuple(
            dict.fromkeys([a.file for a in values.get("attachments", ())] + linked)
        )
        return problems, values, located, content

    def _catalogs(self):
        # Loaded once per reader, that is once per build (a new build, such as
        # a rebuild of `invoke serve`, makes new readers and sees edited files).
        if getattr(self, "_loaded_catalogs", None) is None:
            self._loaded_catalogs = ita_catalog.load_catalogs_or_report(
                self.settings["ITA_CATALOG_DIR"], content_errors.report)
        return self._loaded_catalogs

    def _folder_problems(self, source_path, values, located):
        doc_type = values.get("type")
        if doc_type is None:
            return []
        in_pages = self._in_pages(source_path)
        if doc_type.is_page and not in_pages:
            folder = self.settings["PAGE_PATHS"][0]
            return [Problem(located.line("type"),
                            f"หน้าประเภท{doc_type.label}ต้องอยู่ในโฟลเดอร์ content/{folder} "
                            "(information pages belong in the pages folder)",
                            f"ย้ายไฟล์ไปไว้ที่ content/{folder}/ หรือเปลี่ยนประเภทเอกสาร")]
        if in_pages and not doc_type.is_page:
            folder = self.settings["ARTICLE_PATHS"][0]
            return [Problem(located.line("type"),
                            f"เอกสารประเภท{doc_type.label}ต้องอยู่ในโฟลเดอร์ content/{folder} "
                            "(documents belong in the documents folder)",
                            f"ย้ายไฟล์ไปไว้ที่ content/{folder}/ หรือใช้ type: page")]
        return []

    def _safe_body(self, source_path, body, first_line, html_text):
        """(sanitised HTML, files it links that are copied beside the page, problems).

        Raw HTML outside the allow-list is removed (safe_html), each removal a
        warning. Every href/src is looked at as the parser reads it (never a
        code sample such as `<a href="x">`, which is text): a file it names
        must pass safe_paths' rule, else the link is removed and the clerk is
        told; a file in the document's folder is copied beside its page, and
        the link written as a valid URL path. The line is the first body line
        where the target is written.
        """
        links = _BodyLinks(self, source_path)
        clean, dropped = safe_html.sanitise(html_text, links.filter)
        lines = body.split("\n")

        def line_of(needle):
            return first_line + next((n for n, line in enumerate(lines) if needle in line), 0)

        problems = [Problem(line_of(target), message, hint)
                    for target, message, hint in links.problems]
        problems += [Problem(line_of(item.needle), safe_html.removal_warning(item, "เนื้อหา"),
                             _UNSAFE_HTML_HINT, warning=True)
                     for item in dict.fromkeys(dropped)]
        return clean, links.copied, problems

    def _metadata(self, values, located):
        doc_type = values["type"]
        metadata = {key: value for key, value in values.items() if key != "type"}
        metadata["doc_type"] = doc_type
        metadata["template"] = "page" if doc_type.is_page else "document"
        metadata["category"] = self.process_metadata("category", doc_type.label)
        metadata.setdefault("organisation", self.settings.get("ORGANISATION", ""))
        metadata.setdefault("status", "published")
        metadata["field_lines"] = located.lines
        # `issued` is the date printed on the document, None when it has none;
        # Pelican's `date` only orders listings, so an undated document sorts at
        # the start of its fiscal year, and an undated standing document (a
        # manual with no year) after everything dated. Templates show `issued`.
        metadata["issued"] = values.get("date")
        metadata.setdefault("fiscal_year", None)
        sort_day = values.get("date")
        if sort_day is None and values.get("data_period"):
            sort_day = values["data_period"].start
        if sort_day is None and values.get("fiscal_year"):
            sort_day = thai_format.fiscal_year_bounds(values["fiscal_year"].first)[0]
        if sort_day is None and not doc_type.is_page:
            sort_day = UNDATED_SORT_DAY
        if sort_day is not None:
            metadata["date"] = datetime.combine(sort_day, datetime.min.time())
        if "summary" in values:
            metadata["summary"] = html.escape(values["summary"])
        return metadata


def add_reader(readers):
    # Markdown with our front matter is the only source format: an .html or
    # .rst file would bypass every check, so those readers are switched off.
    # The "static" reader only records files to copy (images/); without it
    # any file there stops the build with a traceback.
    for extension in list(readers.reader_classes):
        if extension != "static":
            readers.reader_classes[extension] = None
    for extension in FrontMatterReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterReader


def fix_urls(generator):
    """Each document's URL and output file, computed once.

    Pelican formats them again on every access (a template expansion and a
    relative path each time), and plugins and templates ask tens of thousands
    of times; Pelican's ``override_url`` and ``override_save_as`` hold them
    instead. Once its generator is finalized, nothing changes a document's
    slug, date or status any more. (Pelican would also let a document with
    ``override_save_as`` overwrite another page; site_integrity's writer lets
    no output overwrite another.)
    """
    for content in outputs.written_contents(generator):
        content.override_url = content.url
        content.override_save_as = content.save_as
        rebuild.keep_urls(content)


def check_unique_urls(generators):
    """Two documents must never write the same page, nor one the system writes
    (outputs.reserve): report the files and the slug line."""
    claimed = {}
    for generator in generators:
        for content in outputs.written_contents(generator):
            save_as = content.save_as
            if not save_as:
                continue
            line = content.metadata.get("field_lines", {}).get(("slug",), 1)
            system = outputs.reserved_by(generator.settings, content.url)
            if system:
                content_errors.report(
                    content.source_path, line,
                    f"ชื่อในลิงก์ \"{content.slug}\" ทำให้ลิงก์ {content.url} ซ้ำกับ{system}"
                    "ที่ระบบสร้าง (the address is used by the system)",
                    f"เปลี่ยน slug เป็นชื่ออื่น เช่น {content.slug}-info")
                _not_written(content)
                continue
            first = claimed.setdefault(save_as, content)
            if first is content:
                continue
            _not_written(content)
            content_errors.report(
                content.source_path, line,
                f"ลิงก์ {content.url} ซ้ำกับเอกสาร {os.path.basename(first.source_path)} "
                "(two documents claim the same URL)",
                "เปลี่ยน slug ของเอกสารใหม่ให้ไม่ซ้ำ (อย่าเปลี่ยนของเอกสารที่เผยแพร่ไปแล้ว)",
            )


def _not_written(content):
    """A document reported for its address: the build goes on to find other
    errors, without writing over the page that owns the address (Pelican's
    writer skips an empty file name); the menus' links to it are no broken
    links of their own."""
    content_errors.withhold(content.url)
    content.override_save_as = ""


def copy_document_files(generator, writer=None):
    """Copy each document's attachments and linked files beside its page.

    Each file passes safe_paths' rule again as it is copied (it was checked
    when read). A file that cannot be copied (deleted meanwhile, disk full) is
    left to site_integrity, which reports every attachment missing from the
    written site, with the reason.
    """
    output = generator.output_path
    root = generator.settings["PATH"]
    for content in outputs.written_contents(generator):
        files = content.metadata.get("document_files", ())
        if not files or not content.save_as:
            continue
        source_dir = os.path.dirname(content.source_path)
        target_dir = os.path.join(output, os.path.dirname(content.save_as))
        for relative in files:
            target = os.path.join(target_dir, relative)
            try:
                source = safe_paths.resolve_published(relative, source_dir, source_dir, root)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                if os.path.lexists(target):
                    # Another output's file (a collision, reported by site_integrity)
                    # may be a hard link to the online site: replace, never write into it.
                    os.unlink(target)
                shutil.copy2(source, target)
            except (safe_paths.PathRefused, OSError):
                continue


def add_filters(pelican):
    """``url_path``: an attachment's name as the path of its link (safe_html.url_path)."""
    pelican.settings.setdefault("JINJA_FILTERS", {})["url_path"] = safe_html.url_path


def register():
    signals.initialized.connect(add_filters)
    signals.readers_init.connect(add_reader)
    signals.article_generator_finalized.connect(fix_urls)
    signals.page_generator_finalized.connect(fix_urls)
    signals.all_generators_finalized.connect(check_unique_urls)
    signals.article_writer_finalized.connect(copy_document_files)
    signals.page_writer_finalized.connect(copy_document_files)
