"""Documents kept between the builds of `invoke serve` (a ``rebuild.Session``).

On every build Pelican makes a content object of each Markdown file: our
reader's parse (cached by the reader in serve mode), Pelican's metadata
processing, the object itself and its ``content_object_init`` receivers
(tables). With every parse cached that still cost about 2 s per rebuild at
5,000 documents. In serve mode a generator gets instead a copy of the object
an earlier build made, when

* the reader's cache still holds the very parse the object was made from:
  the file, its attachments, the other files of its folder (table files), the
  ITA catalogs and the reader's settings are unchanged (``unchanged_parse``);
* every setting is as it was (``pages.settings_digest``);
* making it reported no content error: errors are reported on every build,
  so a document with an error is made again each time.

The copy is the object as it was right after it was made, before the
generators' finalized receivers (front_matter's ``fix_urls``, git_dates) set
more on it, with this build's settings and context; only the URL and output
file that ``fix_urls`` computed go with it (``keep_urls``), since they depend
on nothing but the document and the settings. It is a shallow copy (its
own attribute dictionary and metadata dictionary): receivers may set
attributes and metadata keys, as every plugin and Pelican do, but must never
change a document's value in place (append to its list of signatories), or
the kept object would change with it.

Pelican's caching generators ask ``get_cached_data(path)`` before reading a
file and give the new object to ``cache_data(path, content)``: the methods of
Pelican's own content cache (which pickles to disk). ``KeepsDocuments``
overrides them in subclasses of Pelican's generators (site_build uses them)
to serve the cache from the session's memory.
"""

from __future__ import annotations

import os
import weakref
from typing import NamedTuple

from portal import content_errors
from portal.build_state import current
from portal.rebuild import pages


class _Kept(NamedTuple):
    parse: tuple  # the reader's cached parse the object was made from
    settings: bytes  # pages.settings_digest of the build that made it
    content: object  # a copy taken right after it was made


class Documents:
    """A serve session's documents, kept from build to build."""

    def __init__(self):
        self.kept: dict = {}  # absolute source path -> _Kept
        # The running build's newly made documents -> their copies in ``kept``.
        self.copies: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self.reused = 0  # documents the latest build took from ``kept`` (tests, benchmark)


class KeepsDocuments:
    """Mixin for Pelican's article and page generators: in serve rebuilds, a
    document whose inputs did not change is a copy of the one an earlier
    build made (see the module's docstring); otherwise Pelican's own cache."""

    def get_cached_data(self, filename, default=None):
        view = self._kept_documents()
        if view is None:
            return super().get_cached_data(filename, default)
        return view.get(filename, default)

    def cache_data(self, filename, data):
        view = self._kept_documents()
        if view is None:
            return super().cache_data(filename, data)
        return view.keep(filename, data)

    def _kept_documents(self):
        if "_kept_view" not in self.__dict__:
            session = current().session
            self._kept_view = _View(self, session.documents) if session is not None else None
        return self._kept_view


def keep_urls(content) -> None:
    """front_matter.fix_urls: a new document's URL and output file go with its
    kept copy, so that later builds need not format them again (a template
    expansion and a relative path each)."""
    session = current().session
    kept = session.documents.copies.get(content) if session is not None else None
    if kept is not None:
        kept.override_url = content.override_url
        kept.override_save_as = content.override_save_as


class _View:
    """One generator's view of the session's documents during one build."""

    def __init__(self, generator, documents: Documents):
        self.generator = generator
        self.documents = documents
        self.settings = pages.settings_digest(generator.settings)
        self.errors_before = {}  # path -> content_errors.count() before it was read

    def get(self, filename, default=None):
        path = os.path.abspath(os.path.join(self.generator.path, filename))
        kept = self.documents.kept.get(path)
        if (kept is not None and self.settings is not None and kept.settings == self.settings
                and self._unchanged_parse(path) is kept.parse):
            self.documents.reused += 1
            return self._copy(kept.content)
        self.errors_before[path] = content_errors.count()
        return default

    def keep(self, filename, content):
        path = os.path.abspath(os.path.join(self.generator.path, filename))
        parse = self._unchanged_parse(path)
        clean = content_errors.count() == self.errors_before.pop(path, None)
        if parse is None or self.settings is None or not clean:
            self.documents.kept.pop(path, None)
            return
        kept = _shallow_copy(content)
        kept.metadata = dict(content.metadata)
        # Pelican's Content keeps the context in a private attribute, which no
        # public API sets: the kept copy must not hold this build's context.
        kept.settings = kept._context = None
        self.documents.kept[path] = _Kept(parse, self.settings, kept)
        self.documents.copies[content] = kept

    def _unchanged_parse(self, path):
        """FrontMatterReader.unchanged_parse of ``path``; None for another reader."""
        reader = self.generator.readers.readers.get(os.path.splitext(path)[1][1:])
        unchanged_parse = getattr(reader, "unchanged_parse", None)
        return unchanged_parse(path) if unchanged_parse is not None else None

    def _copy(self, content):
        """A copy of a kept ``content`` that this build's receivers may change freely."""
        fresh = _shallow_copy(content)
        fresh.metadata = dict(content.metadata)  # git_dates adds to it
        fresh.settings = self.generator.settings
        fresh._context = self.generator.context  # private, see keep()
        return fresh


def _shallow_copy(content):
    """copy.copy of a content object, without copy's generic protocol (5,000 a rebuild)."""
    fresh = object.__new__(type(content))
    fresh.__dict__.update(content.__dict__)
    return fresh
