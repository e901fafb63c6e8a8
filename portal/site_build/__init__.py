"""Site build: one whole Pelican run that publishes everything or nothing.

Not a Pelican plugin: the entry point of ``invoke build``, ``check``, ``serve``
and ``publish``. Pelican writes into a fresh staging folder beside the output
folder; only when the whole run succeeded is the staging folder swapped in for
the old site, in one step (``swap``): ``output/`` names a whole site at every
moment, even if the build is killed. A failed run (content errors, or any
other failure) removes the staging folder, so the previous site stays exactly
as it was. Content errors reported after writing (checks of the written site,
such as site_integrity's) fail the run the same way, and so does a disk that
cannot be written (full, read-only, ...): a message, not a traceback
(``disk_errors``).

Every work folder beside the output (staging, retired site, spare, search's)
is locked by the process that made it (``work_folders``). Each build first
puts back a site that a killed build left retired with no ``output/``, then
removes the work folders no live process owns.

In `invoke serve` the site replaced by a rebuild is emptied of its files in a
thread and kept: the next rebuild writes into its folders (a spare), instead
of making some 5,000 folders again. A staging folder made from a spare holds
folders only, and those the build did not fill are removed before the swap,
so it ends exactly as a fresh one would. Spares stay locked by serve until
it stops, so that other commands' builds leave them alone.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import logging
import os
import sys
import threading
import time
from dataclasses import dataclass

from portal import content_errors, settings_schema
from pelican import Pelican
from pelican.contents import Content
from pelican.settings import read_settings
from portal.site_build import disk_errors, swap, work_folders
from portal.site_build.work_folders import SPARE, STAGING, WorkFolder
from portal.site_integrity import reuse

# Set on each build's settings: the output folder now online (plugins that
# reuse the previous site read it there; OUTPUT_PATH is the staging folder).
PUBLISHED_PATH_SETTING = "PORTAL_PUBLISHED_PATH"


@dataclass
class BuildResult:
    ok: bool
    output_path: str
    seconds: float
    errors: list  # content_errors.ContentError
    message: str = ""  # what the staff see, Thai first: the errors, or the warnings


def load_settings(settings_file: str, overrides: dict | None = None) -> dict:
    return read_settings(settings_file, override=overrides or {})


def build(settings_file: str, overrides: dict | None = None, keep: bool = True,
          inspect=None) -> BuildResult:
    """Build the site described by ``settings_file``.

    With ``keep=False`` (``invoke check``) the finished staging folder is
    discarded instead of swapped in. ``inspect(pelican)`` is called after a
    successful run, before the swap, for checks that need the built site.
    Content errors and a disk that cannot be written give a failed result
    whose message staff read; other exceptions are bugs and propagate.
    """
    started = time.monotonic()
    _quiet_logging()
    settings = load_settings(settings_file, overrides)
    output = os.path.abspath(settings["OUTPUT_PATH"])
    wrong = settings_schema.check(settings, settings_file, overrides)
    if wrong:  # nothing is read or written with settings that are wrong
        return BuildResult(False, output, time.monotonic() - started, wrong.errors,
                           wrong.format(base=os.getcwd()))
    first_serve_build = reuse.enabled(settings) and gc.get_freeze_count() == 0
    try:
        with _collector_paused(not first_serve_build):
            result = _build(settings, keep, inspect, started)
    except OSError as error:
        if not disk_errors.explains(error):
            raise
        return BuildResult(False, output, time.monotonic() - started, [],
                           disk_errors.message(error, base=os.getcwd()))
    if result.ok and reuse.enabled(settings):
        _freeze_what_stays()
        result.seconds = time.monotonic() - started  # the freeze too: serve reloads after it
    return result


def _build(settings: dict, keep: bool, inspect, started: float) -> BuildResult:
    output = os.path.abspath(settings["OUTPUT_PATH"])
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    swap.restore_retired(output)  # first: even a build that fails leaves a site online
    work_folders.remove_abandoned(parent)
    serve = reuse.enabled(settings)
    spare = _spares.take(parent) if serve else None
    staging = spare or WorkFolder.make(STAGING, parent)
    settings["OUTPUT_PATH"] = staging.path
    settings[PUBLISHED_PATH_SETTING] = output
    try:
        pelican = Pelican(settings)
        with _copy_failures() as failed:
            pelican.run()
        if failed:
            raise failed[0]
        if spare:
            _remove_empty_folders(staging.path)
        if inspect is not None:
            inspect(pelican)
        # Checks of the written site (site_integrity, on `finalized`, and
        # ``inspect``) report content errors after Pelican has written into
        # the staging folder; they fail the build here, before the swap.
        content_errors.raise_if_any()
        if keep:
            # A rebuild of `invoke serve` returns as soon as the new site is online;
            # the old one is emptied meanwhile, for the next rebuild (a spare).
            _swap_in(staging, output, wait=not serve)
    except content_errors.ContentErrorsFound as found:
        reuse.discard()
        staging.remove()
        return BuildResult(False, output, time.monotonic() - started, found.errors,
                           found.format(base=os.getcwd()))
    except BaseException:
        reuse.discard()
        staging.remove()  # a failed swap changed nothing: the new site is still there
        raise
    finally:
        _forget_pelican_memos()
    if keep and serve:
        reuse.commit(output)  # the next rebuild may reuse this site's unchanged pages
    elif not keep:
        reuse.discard()
        staging.remove()
    # A successful build's message holds its warnings, if any.
    return BuildResult(True, output, time.monotonic() - started, [],
                       content_errors.format_warnings(base=os.getcwd()))


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


def _freeze_what_stays() -> None:
    """`invoke serve`: what a build leaves to the next (caches of documents,
    pages and tables, half a million objects at 5,000 documents) is moved out
    of the cycle collector's sight, so that the collections during the next
    build scan only that build's own objects (0.5-1 s less at 5,000).

    This build's garbage is collected first. What is frozen is still freed
    when nothing refers to it any more; only a cycle among frozen objects
    stays, so every 20th build collects everything.
    """
    _builds[0] += 1
    if _builds[0] % 20 == 0:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


_builds = [0]  # warm builds of this process


def _swap_in(staging: WorkFolder, output: str, wait: bool = True) -> None:
    """Replace ``output`` by ``staging``; if this raises, nothing changed.

    The replaced site is deleted, or with ``wait=False`` (serve) a thread
    makes a spare of it, or after the first build, of the new site's folders.
    """
    old = swap.swap_in(staging, output)
    if wait:
        if old is not None:
            old.remove()
    else:
        _spares.make_from(old, output)


class _Spares:
    """`invoke serve`: the folders of earlier sites without their files, for
    the next rebuild to write into; this process owns them until it stops."""

    def __init__(self):
        self.ready: list[WorkFolder] = []
        self.making: list[threading.Thread] = []

    def make_from(self, old: WorkFolder | None, output: str) -> None:
        """A thread: ``old`` loses its files and keeps its folders. After the
        first build, which replaced no site, the new site's folders are copied."""
        making = threading.Thread(target=self._make, args=(old, output), daemon=True)
        making.start()
        self.making.append(making)

    def _make(self, old: WorkFolder | None, output: str) -> None:
        try:
            spare = _emptied(old) if old is not None else _folders_of(output)
        except OSError:  # a folder went meanwhile (the next build swapped the site)
            return
        self.ready.append(spare)

    def take(self, parent: str) -> WorkFolder | None:
        """A spare of this output folder's parent, renamed as a staging folder; None if there is none."""
        while self.ready:
            spare = self.ready.pop()
            if os.path.dirname(spare.path) == parent:
                try:
                    spare.retag(STAGING)
                    return spare
                except OSError:
                    pass
            spare.remove()
        return None

    def settle(self) -> None:
        while self.making:
            self.making.pop().join()

    def remove(self) -> None:
        while self.ready:
            self.ready.pop().remove()


_spares = _Spares()
atexit.register(_spares.remove)  # when `invoke serve` stops, its spares go too


def _emptied(old: WorkFolder) -> WorkFolder:
    try:
        _delete_files(old.path)
        old.retag(SPARE)
        return old
    except OSError:
        old.remove()
        raise


def _folders_of(site: str) -> WorkFolder:
    spare = WorkFolder.make(SPARE, os.path.dirname(site))
    try:
        _copy_folders(site, spare.path)
        return spare
    except OSError:
        spare.remove()
        raise


def _delete_files(folder: str) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _delete_files(entry.path)
            else:
                os.unlink(entry.path)


def _copy_folders(source: str, target: str) -> None:
    with os.scandir(source) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                os.mkdir(os.path.join(target, entry.name))
                _copy_folders(entry.path, os.path.join(target, entry.name))


def _remove_empty_folders(folder: str) -> bool:
    """Remove the folders under ``folder`` that hold no file; True when it is empty itself."""
    empty = True
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and _remove_empty_folders(entry.path):
                os.rmdir(entry.path)
            else:
                empty = False
    return empty


def settle() -> None:
    """Wait until the spares of earlier builds are made (the benchmark: a staff
    member saves again seconds later, not while the disk is busy)."""
    _spares.settle()


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
