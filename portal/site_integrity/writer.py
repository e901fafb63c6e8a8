"""The site's writer: Pelican's, remembering who writes each file.

Pelican's own writer stops the whole build with a traceback when a second
template writes a file already written; this one reports a content error
naming both sources instead (checks.report_collision), and the build fails
cleanly. It parses each HTML page's links and ids as it writes the page, so
that the link check does not read the site back, and in `invoke serve`
rebuilds it hard-links an unchanged page from the site online instead of
rendering it (rebuild/pages.py).

Pelican's writer has no public hook for either: ``_open_w`` (which opens each
file) is overridden and ``_written_files`` (the files written) read; both are
listed in docs/architecture.md.
"""

from __future__ import annotations

import os

from pelican.utils import sanitised_join
from pelican.writers import Writer

from portal import outputs, safe_html
from portal.build_state import current
from portal.rebuild import pages

from .checks import report_collision, slug_line


class IntegrityWriter(Writer):
    """Pelican's writer, remembering who writes each file.

    Pelican's own writer stops the whole build with a traceback when a second
    template writes a file already written; this one reports a content error
    naming both sources instead, and the build fails cleanly. In `invoke
    serve` rebuilds it writes an unchanged page without rendering it (rebuild/pages.py).
    """

    _unchanged = None  # rebuild's UnchangedPages of this writer's build, made on first use

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        self._current = _writer_source(name, template, kwargs)
        # No output may overwrite another, whatever Pelican's override_save_as
        # would allow (front_matter sets it on every document to fix its file).
        override_output = False
        options = (relative_urls, paginated, template_name, override_output, url)
        if name and self._reuse(name, template, context, options, kwargs):
            return None
        return super().write_file(name, template, context, *options, **kwargs)

    def _paginates(self, options, kwargs):
        """Pelican writes several files from one call: never reused."""
        paginated, template_name = options[1], options[2]
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in ("articles", "dates")}
        return bool(paginated) and template_name in self.settings["PAGINATED_TEMPLATES"]

    def _reuse(self, name, template, context, options, kwargs) -> bool:
        """In a serve rebuild, take the online page when its signature did not
        change (rebuild/pages.py); False when the page must be rendered."""
        if self._unchanged is None:
            self._unchanged = pages.UnchangedPages(self.settings)
        if not self._unchanged.active or self._paginates(options, kwargs):
            return False
        relative = outputs.relative_name(name)
        online = self._unchanged.online_page(relative, template, context, options, kwargs)
        if online is None:
            return False
        path = sanitised_join(self.output_path, name)
        if self._first_write(path):
            self._written_files.add(path)
            self._unchanged.link(relative, online, path)
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
                else outputs.relative_name(os.path.relpath(filename, self.output_path)))

    def _first_write(self, filename) -> bool:
        """Records who writes ``filename``; False (and a report) when it was written already."""
        relative = self._relative(filename)
        source = getattr(self, "_current", ("", 1, relative))
        if filename in self._written_files:
            first = current().writes.get(relative, ("", 1, relative))
            report_collision(relative, first, source)
            return False
        current().writes.setdefault(relative, source)
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
        current().parsed[self.relative] = safe_html.scan_page("".join(self.written))

    def write(self, text):
        self.handle.write(text)
        self.written.append(text)


def _writer_source(name, template, kwargs):
    for key in ("article", "page"):
        content = kwargs.get(key)
        if content is not None and getattr(content, "source_path", None):
            return (content.source_path, slug_line(content),
                    _Later(lambda content=content: f"หน้า {content.url or name}"))
    template_name = getattr(template, "name", None) or getattr(template, "filename", "") or ""
    return ("", 1, f"หน้า {name} (แม่แบบ {template_name})")


class _Later:
    """Text computed only if shown: a page's URL costs Pelican a template expansion."""

    def __init__(self, make):
        self.make = make

    def __str__(self):
        return self.make()
