"""Site build: one whole Pelican run that publishes everything or nothing.

Not a Pelican plugin: the entry point of ``invoke build``, ``check``, ``serve``
and ``publish``. Pelican writes into a fresh staging folder beside the output
folder; only when the whole run succeeded is the staging folder swapped in for
the old site. A failed run (content errors, or any other failure) removes the
staging folder, so the previous site stays exactly as it was. Content errors
reported after writing (checks of the written site, such as site_integrity's)
fail the run the same way.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass

import content_errors
from pelican import Pelican
from pelican.contents import Content
from pelican.settings import read_settings
from site_integrity import reuse

STAGING_PREFIX = ".output-staging-"
# Set on each build's settings: the output folder now online (plugins that
# reuse the previous site read it there; OUTPUT_PATH is the staging folder).
PUBLISHED_PATH_SETTING = "PORTAL_PUBLISHED_PATH"
RETIRED_PREFIX = ".output-retired-"


@dataclass
class BuildResult:
    ok: bool
    output_path: str
    seconds: float
    errors: list  # content_errors.ContentError
    message: str = ""  # what the staff see, Thai first


def load_settings(settings_file: str, overrides: dict | None = None) -> dict:
    return read_settings(settings_file, override=overrides or {})


def build(settings_file: str, overrides: dict | None = None, keep: bool = True,
          inspect=None) -> BuildResult:
    """Build the site described by ``settings_file``.

    With ``keep=False`` (``invoke check``) the finished staging folder is
    discarded instead of swapped in. ``inspect(pelican)`` is called after a
    successful run, before the swap, for checks that need the built site.
    """
    started = time.monotonic()
    _quiet_logging()
    settings = load_settings(settings_file, overrides)
    output = os.path.abspath(settings["OUTPUT_PATH"])
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    _remove_leftovers(parent)
    staging = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent)
    settings["OUTPUT_PATH"] = staging
    settings[PUBLISHED_PATH_SETTING] = output
    try:
        pelican = Pelican(settings)
        pelican.run()
        if inspect is not None:
            inspect(pelican)
        # Checks of the written site (site_integrity, on `finalized`, and
        # ``inspect``) report content errors after Pelican has written into
        # the staging folder; they fail the build here, before the swap.
        content_errors.raise_if_any()
    except content_errors.ContentErrorsFound as found:
        reuse.discard()
        shutil.rmtree(staging, ignore_errors=True)
        return BuildResult(False, output, time.monotonic() - started, found.errors,
                           found.format(base=os.getcwd()))
    except BaseException:
        reuse.discard()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        _forget_pelican_memos()
    if keep:
        # A rebuild of `invoke serve` returns as soon as the new site is online;
        # the old one is deleted meanwhile.
        _swap_in(staging, output, wait=not reuse.enabled(settings))
        if reuse.enabled(settings):
            reuse.commit(output)  # the next rebuild may reuse this site's unchanged pages
    else:
        reuse.discard()
        shutil.rmtree(staging, ignore_errors=True)
    if reuse.enabled(settings):
        _freeze_what_stays()
    return BuildResult(True, output, time.monotonic() - started, [])


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


def _swap_in(staging: str, output: str, wait: bool = True) -> None:
    """Replace ``output`` by ``staging``; the old site survives any failure here.

    With ``wait=False`` the old site's files are deleted by a thread.
    """
    retired = None
    if os.path.exists(output):
        retired = tempfile.mkdtemp(prefix=RETIRED_PREFIX, dir=os.path.dirname(output))
        os.rmdir(retired)
        os.rename(output, retired)
    try:
        os.rename(staging, output)
    except OSError:
        if retired:
            os.rename(retired, output)
        raise
    if retired and wait:
        shutil.rmtree(retired, ignore_errors=True)
    elif retired:
        deleting = threading.Thread(target=shutil.rmtree, args=(retired, True), daemon=True)
        deleting.start()
        _deleting.append(deleting)
    os.chmod(output, 0o755)  # mkdtemp makes it private; a web server must read it


_deleting: list = []  # threads deleting retired sites (serve rebuilds)


def settle() -> None:
    """Wait until the old sites of earlier rebuilds are deleted (the benchmark:
    a staff member saves again seconds later, not while the disk is busy)."""
    while _deleting:
        _deleting.pop().join()


def _remove_leftovers(parent: str, older_than: float = 3600) -> None:
    """Staging folders of a run that was killed (power cut, Ctrl-C twice).

    Only old ones: a younger one may belong to a build running right now
    (`invoke serve` rebuilding while `invoke check` runs).
    """
    now = time.time()
    for name in os.listdir(parent):
        path = os.path.join(parent, name)
        if name.startswith((STAGING_PREFIX, RETIRED_PREFIX)):
            try:
                if now - os.stat(path).st_mtime > older_than:
                    shutil.rmtree(path, ignore_errors=True)
            except FileNotFoundError:
                pass


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
