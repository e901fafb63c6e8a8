"""Build state: what one build has found and made, held on one object.

Not a Pelican plugin: the state the plugins share during one build, instead
of module globals. ``site_build.build`` opens a ``Build`` for each run
(``opened``); every plugin reaches the running one with ``current()``:

* the staff's errors and warnings, and the pages withheld for their errors
  (``content_errors``);
* the addresses the system writes and the files each output came from
  (``site_integrity``);
* the `invoke serve` session whose caches the build may reuse (``session``,
  None in a one-off build: see ``portal.rebuild``);
* a plugin's own values for this build (``value``), e.g. git's dates.

A new build starts with nothing of the previous one. Pelican run on its own
(the ``pelican`` command, without ``site_build``) gets one ``Build`` when a
plugin first asks for it.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar


class Build:
    """One build's state; attributes are documented where they are filled."""

    def __init__(self, session=None, published_path: str = ""):
        self.session = session  # portal.rebuild.Session of `invoke serve`, or None
        self.published_path = published_path  # the output folder now online
        # content_errors
        self.errors: list = []
        self.warnings: list = []
        self.withheld: set = set()  # URLs of pages left out because their document has errors
        # site_integrity
        self.reserved: dict = {}  # url -> (what, exact): addresses the system writes
        self.claims: list = []  # (output relpath, source path, line, what)
        self.writes: dict = {}  # output relpath -> (source path, line, what), as written
        self.parsed: dict = {}  # output relpath -> its links and ids, parsed as it was written
        self.collided: set = set()  # output relpaths two sources write
        self.generators: list = []
        self._values: dict = {}

    def value(self, key: str, make):
        """The plugin value ``key`` of this build, made by ``make()`` on first use."""
        if key not in self._values:
            self._values[key] = make()
        return self._values[key]


_running: ContextVar[Build | None] = ContextVar("portal_build", default=None)


def current() -> Build:
    """The running build."""
    build = _running.get()
    if build is None:  # Pelican without site_build: one Build for the process
        build = Build()
        _running.set(build)
    return build


@contextlib.contextmanager
def opened(session=None, published_path: str = ""):
    """A new ``Build`` is the running one inside this block."""
    build = Build(session, published_path)
    token = _running.set(build)
    try:
        yield build
    finally:
        _running.reset(token)
