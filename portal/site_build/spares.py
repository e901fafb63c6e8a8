"""Spares of `invoke serve`: the folders of earlier sites, without their files.

The site a rebuild replaces is emptied of its files in a thread and kept: the
next rebuild writes into its folders instead of making some 5,000 folders
again. A staging folder made from a spare holds folders only, and those the
build did not fill are removed before the swap (``remove_empty_folders``), so
it ends exactly as a fresh one would. Spares stay locked by serve until it
stops, so that other commands' builds leave them alone.
"""

from __future__ import annotations

import atexit
import os
import threading

from portal.work_folders import SPARE, STAGING, WorkFolder


class Spares:
    """`invoke serve`: the folders of earlier sites without their files, for
    the next rebuild to write into; this process owns them until it stops."""

    def __init__(self):
        self.ready: list[WorkFolder] = []
        self.making: list[threading.Thread] = []
        atexit.register(self.remove)  # when `invoke serve` stops, its spares go too

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
        """A spare of this output folder's parent, renamed as a staging folder;
        None if there is none."""
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


def remove_empty_folders(folder: str) -> bool:
    """Remove the folders under ``folder`` that hold no file; True when it is empty itself."""
    empty = True
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and remove_empty_folders(entry.path):
                os.rmdir(entry.path)
            else:
                empty = False
    return empty
