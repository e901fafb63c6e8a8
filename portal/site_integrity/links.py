"""The link check: every internal link of every written page reaches its target.

Every ``href``, ``src`` and ``action`` in every written HTML page, read by an
HTML5 parser (safe_html.scan_page), must reach a file of the site, its
``#fragment`` an ``id`` there, and its ``%`` escapes must be valid (a web
server answers 400 to ``ผลงาน100%.pdf``); no page may have one ``id`` twice.
Pages are parsed as the writer writes them (writer.py); a rebuild's unchanged
pages keep what the previous check found (``rebuild.carried``).
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import urllib.parse
from typing import NamedTuple

from portal import content_errors, outputs, rebuild, safe_html
from portal.build_state import current
from portal.rebuild import pages

from .checks import DEVELOPER_HINT

_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
# What a check leaves to the next build's (rebuild.carried): "pages", the
# parse of each page by signature; "site", the site checked, its answers and
# the signatures of its pages found fine for good.
PREVIOUS = "site_integrity.links"


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
        self.by_page = {outputs.relative_name(save_as): c for c, save_as in contents if save_as}
        siteurl = (settings.get("SITEURL") or "").rstrip("/")
        self.siteurl = siteurl if safe_html.SCHEME.match(siteurl) else ""
        self.site_path = urllib.parse.urlsplit(siteurl).path.rstrip("/")
        self.parsed = {}  # relative -> (links, ids), see parse()
        self.answers = {}  # (page, its folder, or "" for the root, url) -> problem or None
        # Every file and folder of the written site (site_listing): a link is
        # checked against these sets, not with a system call per link.
        self.files, self.folders = listing

    def check(self):
        previous = rebuild.carried(PREVIOUS)
        parsed_pages = previous.get("pages", {})
        previous_check = previous.get("site", (None, {}, set()))
        self.parsed_pages = parsed_pages
        self.withheld = content_errors.withheld()
        site = (self.siteurl, self.site_path, self.files, self.folders, self.withheld)
        same_files = previous_check[0] == site
        # A rebuild whose site has the same files: a link without #fragment
        # reaches what it reached before (a fragment depends on the target's text),
        # and a page reused unchanged whose links all did is fine again.
        self.answers = previous_check[1] if same_files else {}
        self.answers = {key: answer for key, answer in self.answers.items() if "#" not in key[1]}
        fine = set()
        for relative in sorted(self.files):
            if not relative.endswith((".html", ".htm")):
                continue
            signature = pages.signature_of(relative)
            if same_files and signature in previous_check[2]:
                self.parsed[relative] = parsed_pages[signature]
                fine.add(signature)
            elif self.check_page(relative) and signature:
                fine.add(signature)
        # Kept for the next rebuild: pages it reuses unchanged need no reading.
        parsed_pages = {pages.signature_of(page): parsed for page, parsed in self.parsed.items()
                        if pages.signature_of(page)}
        previous["pages"] = parsed_pages
        previous["site"] = (site, self.answers, fine) if parsed_pages else (None, {}, set())

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
        signature, rebuild/pages.py) is not read either: its links and ids are those
        of the previous build.
        """
        if relative not in self.parsed:
            found = current().parsed.get(relative)
            signature = pages.signature_of(relative) if found is None else None
            if signature:
                found = self.parsed_pages.get(signature)
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
        if (fragment and target.endswith((".html", ".htm"))
                and fragment not in self.parse(target).ids):
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
