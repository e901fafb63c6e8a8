"""Incremental rebuilds of `invoke serve`: what a rebuild may take from the previous build.

Not a Pelican plugin: the one place that knows whether a build is a rebuild.
The switch is a ``Session``: `invoke serve` makes one and passes it to every
``site_build.build`` of its process; one-off builds (`invoke build`, `check`,
`publish`) have none, and then every function here makes, reads and writes
everything anew. The session owns every cache that lives from one build to
the next:

* ``documents``: each document's content object, copied into the next build
  while nothing it was made from changed (documents.py);
* ``pages``: the signature of every page and file the site online was written
  with; a page whose signature did not change is hard-linked from the online
  site instead of rendered (pages.py);
* what plugins keep with ``kept``: a parse, a table, the ITA coverage, each
  with the stamp of what it was made from.

The contract, for every plugin and template (and checked by
tests/test_rebuild.py, which compares rebuilds with full builds):

1. A value handed out by ``kept``, a document, or anything put in the template
   context is never changed in place once made: set a new value instead.
   Kept values are shared with later builds.
2. A page's template shows the body, the tables and the last-change day only
   of the page's own document (``article`` or ``page``); listings show other
   attributes, which are part of every page's signature.
3. Errors are reported by every build, so a value made with a content error is
   never kept (documents) or its errors are part of the value (parses, tables).
4. Anything that cannot be compared is made again: never a stale page.

Plugins use ``kept``, ``held``, ``carried``, ``unchanging`` and
``write_bytes``; none of them asks whether this is a rebuild.
"""

from __future__ import annotations

from portal.build_state import current

from .documents import Documents, KeepsDocuments, keep_urls
from .pages import Pages, keep_compiled_templates, unchanging, write_bytes
from .stamps import file_stamp

__all__ = ["Session", "KeepsDocuments", "keep_urls", "keep_compiled_templates", "kept", "held",
           "carried", "unchanging", "write_bytes", "file_stamp"]


class Session:
    """The caches of one `invoke serve` process, from build to build."""

    def __init__(self):
        self.documents = Documents()
        self.pages = Pages()
        self.memory: dict = {}  # kind -> key -> (stamp, value): see kept()
        self._values: dict = {}

    def start_build(self) -> None:
        """A build of this session begins: the counts below are the new build's."""
        self.documents.reused = 0
        self.pages.reused = 0

    def value(self, key: str, make):
        """A value the session keeps for the pipeline (site_build's spares)."""
        if key not in self._values:
            self._values[key] = make()
        return self._values[key]

    @property
    def documents_reused(self) -> int:
        """Documents the latest build took from the previous one (tests, benchmark)."""
        return self.documents.reused

    @property
    def pages_reused(self) -> int:
        """Pages the latest build linked from the site online (tests, benchmark)."""
        return self.pages.reused


def _memory(kind: str):
    session = current().session
    return session.memory.setdefault(kind, {}) if session is not None else None


def kept(kind: str, key, make, now, made_from=None):
    """``make()``, or in a rebuild the value an earlier build made for ``key``
    while ``now(key, value)`` equals the stamp it was made with.

    ``now(key, value)`` is the state of everything ``value`` was made from
    (file stamps, ...); the stamp stored with a new value is
    ``made_from(key, value)`` when given (taken before reading, so that an
    edit during the read is seen by the next build), else ``now(key, value)``.
    """
    memory = _memory(kind)
    if memory is None:
        return make()
    entry = memory.get(key)
    if entry is not None and now(key, entry[1]) == entry[0]:
        return entry[1]
    value = make()
    memory[key] = ((made_from or now)(key, value), value)
    return value


def carried(kind: str) -> dict:
    """A dict for what a build leaves to the next: the session's in a rebuild,
    a new one (forgotten after the build) otherwise."""
    memory = _memory(kind)
    return memory if memory is not None else {}


def held(kind: str, key, now):
    """The value ``kept`` would hand out for ``key`` without making one; None if none."""
    memory = _memory(kind)
    entry = memory.get(key) if memory is not None else None
    if entry is not None and now(key, entry[1]) == entry[0]:
        return entry[1]
    return None
