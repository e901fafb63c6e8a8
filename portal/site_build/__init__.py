"""Site build: the pipeline of one build, which publishes everything or nothing.

Not a Pelican plugin: the entry point of ``invoke build``, ``check``, ``serve``
and ``publish``. ``build()`` runs these stages, in this order:

1. settings: read the settings file and check it against settings_schema;
2. folders: put back a site a killed build left retired, remove abandoned work
   folders, and make a staging folder beside the output folder (work_folders);
3. Pelican (``PortalPelican.run``): read every document and validate it
   (front_matter), make the model (tables, ITA coverage, complaints,
   listings), then write every page into the staging folder (site_integrity's
   writer);
4. sitemap: discovery lists the pages written (``discovery.write_sitemap``);
5. check: site_integrity checks the written site (``check_site``), then the
   caller's ``inspect``; content errors fail the build here;
6. search index: Pagefind indexes the pages (``search.index_site``);
7. swap: the staging folder becomes the site online in one step (swap).

A failed build removes its staging folder: the previous site stays exactly as
it was. Content errors give a result whose message staff read, Thai first; so
does a disk that cannot be written (disk_errors). Other exceptions are bugs.

What one build finds is held on a ``build_state.Build``, what `invoke serve`
keeps from build to build on a ``rebuild.Session`` (passed as ``session``):
with a session, unchanged documents and pages are taken from the previous
build (portal/rebuild), the replaced site becomes a spare (spares.py), and the
search index may follow later (``search.LATER_SETTING``).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import time
from dataclasses import dataclass

from pelican import Pelican, signals
from pelican.contents import Content
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.settings import read_settings

from portal import (
    build_state,
    content_errors,
    discovery,
    rebuild,
    search,
    settings_schema,
    site_integrity,
    work_folders,
)
from portal.listings import SkipsCategoryPages
from portal.site_build import disk_errors, swap
from portal.site_build.spares import Spares, remove_empty_folders
from portal.work_folders import STAGING, WorkFolder


@dataclass
class BuildResult:
    ok: bool
    output_path: str
    seconds: float
    errors: list  # content_errors.ContentError
    message: str = ""  # what the staff see, Thai first: the errors, or the warnings
    search_index: dict | None = None  # documents, seconds and bytes of the index made


def load_settings(settings_file: str, overrides: dict | None = None) -> dict:
    return read_settings(settings_file, override=overrides or {})


def build(settings_file: str, overrides: dict | None = None, keep: bool = True,
          inspect=None, session: rebuild.Session | None = None) -> BuildResult:
    """Build the site described by ``settings_file``.

    With ``keep=False`` (``invoke check``) the finished staging folder is
    discarded instead of swapped in. ``inspect(pelican)`` is called after the
    site's own checks, before the swap, for checks that need the built site.
    ``session``: the `invoke serve` session whose caches this build may use.
    """
    started = time.monotonic()
    _quiet_logging()
    try:
        settings = load_settings(settings_file, overrides)
    except Exception as error:  # the staff edit this file: a message, not a traceback
        wrong = settings_schema.unreadable(error, settings_file)
        return BuildResult(False, "", time.monotonic() - started, wrong.errors,
                           wrong.format(base=os.getcwd()))
    output = os.path.abspath(settings["OUTPUT_PATH"])
    wrong = settings_schema.check(settings, settings_file, overrides)
    if wrong:  # nothing is read or written with settings that are wrong
        return BuildResult(False, output, time.monotonic() - started, wrong.errors,
                           wrong.format(base=os.getcwd()))
    try:
        result = _build_in_state(settings, keep, inspect, started, session, output)
    except OSError as error:
        if not disk_errors.explains(error):
            raise
        return BuildResult(False, output, time.monotonic() - started, [],
                           disk_errors.message(error, base=os.getcwd()))
    # The build's state is gone by now: frozen, its cycles would stay in memory.
    if result.ok and session is not None:
        _freeze_what_stays(session)
        result.seconds = time.monotonic() - started  # the freeze too: serve reloads after it
    return result


def _build_in_state(settings, keep, inspect, started, session, output) -> BuildResult:
    with build_state.opened(session, output) as state:
        first_serve_build = session is not None and gc.get_freeze_count() == 0
        with _collector_paused(not first_serve_build):
            return _build(state, settings, keep, inspect, started)


def _build(state, settings: dict, keep: bool, inspect, started: float) -> BuildResult:
    output = state.published_path
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    swap.restore_retired(output)  # first: even a build that fails leaves a site online
    work_folders.remove_abandoned(parent)
    session = state.session
    if session is not None:
        session.start_build()
    spare = _spares(session).take(parent) if session is not None else None
    staging = spare or WorkFolder.make(STAGING, parent)
    settings["OUTPUT_PATH"] = staging.path
    try:
        pelican = _write_site(settings)
        _check_and_index(pelican, state, inspect)
        if spare:
            remove_empty_folders(staging.path)
        if keep:
            # A rebuild of `invoke serve` returns as soon as the new site is online;
            # the old one is emptied meanwhile, for the next rebuild (a spare).
            _swap_in(staging, output, session)
    except content_errors.ContentErrorsFound:
        _discard(staging)
        return _failed(state, output, started)
    except BaseException:
        _discard(staging)  # a failed swap changed nothing: the new site is still there
        raise
    finally:
        _forget_pelican_memos()
    if keep and session is not None:
        rebuild.pages.commit(output)  # the next rebuild may reuse this site's unchanged pages
    elif not keep:
        _discard(staging)
    # A successful build's message holds its warnings, if any.
    return BuildResult(True, output, time.monotonic() - started, [],
                       content_errors.format_warnings(base=os.getcwd()),
                       state.value("search.index", dict))


def _write_site(settings: dict) -> PortalPelican:
    """Stage 3: Pelican reads, validates and writes the site into the staging folder."""
    pelican = PortalPelican(settings)
    with _copy_failures() as failed:
        pelican.run()
    if failed:
        raise failed[0]
    return pelican


def _check_and_index(pelican: PortalPelican, state, inspect) -> None:
    """Stages 4-6 on the written staging folder, each for a build that uses its
    plugin: sitemap, checks (content errors end the build here), search index."""
    if pelican.uses(discovery):
        discovery.write_sitemap(pelican)
    if pelican.uses(site_integrity):
        site_integrity.check_site(pelican)
    if inspect is not None and not state.errors:
        inspect(pelican)
    content_errors.raise_if_any()
    if pelican.uses(search):
        search.index_site(pelican)
        content_errors.raise_if_any()


def _failed(state, output: str, started: float) -> BuildResult:
    found = content_errors.ContentErrorsFound(state.errors, state.warnings)
    return BuildResult(False, output, time.monotonic() - started, found.errors,
                       found.format(base=os.getcwd()))


def _discard(staging: WorkFolder) -> None:
    rebuild.pages.discard()
    staging.remove()


# Serve rebuilds take the templates an earlier build compiled (rebuild/pages.py).
signals.generator_init.connect(rebuild.keep_compiled_templates)


class PortalPelican(Pelican):
    """Pelican, with our subclasses of its article and page generators.

    Pelican has no public way to choose its own generator classes: the private
    ``_get_generator_classes`` is overridden (docs/architecture.md).
    """

    def _get_generator_classes(self):
        ours = {ArticlesGenerator: PortalArticlesGenerator, PagesGenerator: PortalPagesGenerator}
        return [ours.get(generator, generator) for generator in super()._get_generator_classes()]

    def uses(self, plugin) -> bool:
        """Whether ``plugin`` (a module) is one of this build's plugins."""
        return any(getattr(loaded, "__name__", None) == plugin.__name__ for loaded in self.plugins)


class PortalArticlesGenerator(rebuild.KeepsDocuments, SkipsCategoryPages, ArticlesGenerator):
    """Articles: kept between serve rebuilds; no category pages (listings)."""


class PortalPagesGenerator(rebuild.KeepsDocuments, PagesGenerator):
    """Pages: kept between serve rebuilds."""


@contextlib.contextmanager
def _collector_paused(pause: bool):
    """A build runs with Python's cycle collector off, except the first
    build of `invoke serve`. Almost everything a build makes (documents, their
    HTML, the context) lives until it ends, so the collector would scan it
    again and again as it grows, and find little to free: 6 % of a one-off
    build at 5,000 documents (5 % more peak memory), 0.1-0.2 s of a serve
    rebuild. Serve's first build is the exception: paused, it raised serve's
    peak memory by 30 %. Each serve build collects once at its end
    (_freeze_what_stays), which is also how a rebuild tells it is not the
    first: the objects that build kept are frozen."""
    was_on = gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _forget_pelican_memos() -> None:
    """Pelican memoizes every document's HTML and summary in caches of its
    Content class that are never emptied: in `invoke serve` each build's
    documents, and through them its whole context, would stay in memory."""
    for method in (Content.get_content, Content.get_summary):
        method.cache.clear()


def _freeze_what_stays(session: rebuild.Session) -> None:
    """`invoke serve`: what a build leaves to the next (caches of documents,
    pages and tables, half a million objects at 5,000 documents) is moved out
    of the cycle collector's sight, so that the collections during the next
    build scan only that build's own objects (0.5-1 s less at 5,000).

    This build's garbage is collected first. What is frozen is still freed
    when nothing refers to it any more; only a cycle among frozen objects
    stays, so every 20th build collects everything.
    """
    builds = session.value("site_build.builds", lambda: [0])
    builds[0] += 1
    if builds[0] % 20 == 0:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


def _spares(session: rebuild.Session) -> Spares:
    return session.value("site_build.spares", Spares)


def _swap_in(staging: WorkFolder, output: str, session) -> None:
    """Replace ``output`` by ``staging``; if this raises, nothing changed.

    The replaced site is deleted, or in serve a thread makes a spare of it,
    or after the first build, of the new site's folders.
    """
    old = swap.swap_in(staging, output)
    if session is None:
        if old is not None:
            old.remove()
    else:
        _spares(session).make_from(old, output)


def settle(session: rebuild.Session) -> None:
    """Wait until the spares of earlier builds are made (the benchmark: a staff
    member saves again seconds later, not while the disk is busy)."""
    _spares(session).settle()


@contextlib.contextmanager
def _copy_failures():
    """The disk errors of the files Pelican copies (theme, static files).

    Pelican only warns when it cannot copy one (pelican.utils.copy_file) and
    carries on: a full disk would publish a site without its fonts or style
    sheets. The build fails on them instead (disk_errors); other copy
    problems stay warnings, as Pelican made them.
    """
    failed: list[OSError] = []

    def note(record: logging.LogRecord) -> bool:
        error = record.args[-1] if isinstance(record.args, tuple) and record.args else None
        if isinstance(error, OSError) and disk_errors.explains(error):
            failed.append(error)
        return True

    logger = logging.getLogger("pelican.utils")
    logger.addFilter(note)
    try:
        yield failed
    finally:
        logger.removeFilter(note)


def _quiet_logging() -> None:
    """Pelican's own warnings stay visible, as plain lines staff can read."""
    logger = logging.getLogger("pelican")
    if not any(getattr(h, "_portal", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler._portal = True
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False
