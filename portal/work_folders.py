"""Work folders beside the output folder, each owned by the process that made it.

A build works in folders beside ``output/`` (on the same file system, so that
renames are one step): its staging folder, the site it replaced (retired),
the spares of `invoke serve`, and search's index copy and fresh bundle. A
process killed meanwhile (power cut, out of memory, Ctrl-C twice) leaves them
behind, a whole site each. Their age cannot tell a leftover from the folder of
a build running right now, since `invoke serve` and `invoke check` may work on
one checkout at the same time. So the process that makes a work folder holds
an advisory lock (``flock``) on the folder itself while it needs it: the lock
stays with the folder across renames, and the kernel releases it when the
process ends, however it ends. A work folder whose lock can be taken has no
owner any more and is removed (``remove_abandoned``), whatever its age.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile

STAGING = ".output-staging-"  # a site being built
RETIRED = ".output-retired-"  # the site a build replaced
SPARE = ".output-spare-"  # serve: a replaced site's folders, for the next rebuild
INDEX_COPY = ".search-index-copy-"  # search: the pages as Pagefind indexes them
BUNDLE = ".search-bundle-"  # search: a bundle made after the site (serve)
PREFIXES = (STAGING, RETIRED, SPARE, INDEX_COPY, BUNDLE)


class WorkFolder:
    """A folder this process owns through a lock on it (or, unlocked, one it merely names)."""

    def __init__(self, path: str, fd: int | None = None):
        self.path = path
        self._fd = fd

    @classmethod
    def make(cls, prefix: str, parent: str) -> WorkFolder:
        """A new empty folder ``parent/prefix*``, owned by this process."""
        while True:
            path = tempfile.mkdtemp(prefix=prefix, dir=parent)
            try:
                folder = cls.claim(path)
            except OSError:  # a file system without locks (ENOLCK): ours, unprotected
                return cls(path)
            if folder is not None:
                return folder
            # Another process's clean-up took it between mkdtemp and the lock
            # (it saw an unlocked folder): that process removes it. Make another.

    @classmethod
    def claim(cls, path: str) -> WorkFolder | None:
        """Own the folder at ``path``; None when a live process owns it, or it is gone."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        except (FileNotFoundError, NotADirectoryError):
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        except OSError:
            os.close(fd)
            raise
        folder = cls(path, fd)
        if not folder._still_at_its_path():
            folder.release()
            return None
        return folder

    def _still_at_its_path(self) -> bool:
        """False when the folder locked was removed (by the clean-up of the
        process that held the lock just before) or another took its name."""
        try:
            named, locked = os.stat(self.path), os.fstat(self._fd)
        except OSError:
            return False
        return (named.st_dev, named.st_ino) == (locked.st_dev, locked.st_ino)

    def rename(self, path: str) -> None:
        os.rename(self.path, path)
        self.path = path

    def sibling(self, prefix: str) -> str:
        """The path beside this folder with the same random suffix after ``prefix``."""
        folder, name = os.path.split(self.path)
        suffix = next((name[len(known):] for known in PREFIXES if name.startswith(known)), name)
        return os.path.join(folder, prefix + suffix)

    def retag(self, prefix: str) -> None:
        """Rename to its sibling of ``prefix`` (a spare becomes a staging folder)."""
        self.rename(self.sibling(prefix))

    def remove(self) -> None:
        """Delete the folder, then give up its lock (so no other process deletes it too)."""
        shutil.rmtree(self.path, ignore_errors=True)
        self.release()

    def release(self) -> None:
        """Give up the lock: the folder is no work folder any more (it is the site online)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> WorkFolder:
        return self

    def __exit__(self, *_exc) -> None:
        self.remove()


def claim_abandoned(parent: str, prefixes: tuple = PREFIXES) -> list[WorkFolder]:
    """The work folders in ``parent`` that no live process owns, now owned by this one.

    One this process cannot open (another user's) is left alone.
    """
    claimed = []
    for name in sorted(os.listdir(parent)):
        if name.startswith(prefixes):
            try:
                folder = WorkFolder.claim(os.path.join(parent, name))
            except OSError:
                continue
            if folder is not None:
                claimed.append(folder)
    return claimed


def remove_abandoned(parent: str) -> None:
    """Remove the work folders in ``parent`` that no live process owns."""
    for folder in claim_abandoned(parent):
        folder.remove()
