"""The swap of a finished site for the one online, with never a moment without a site.

``output/`` stays a real folder: a web server or a copy step (deploy/) may be
pointed at it, and a symbolic link flipped to each new site instead would turn
it into a link, which a server may refuse to follow and a copy may copy as a
link. Two renames (old site away, new site in) would leave no ``output/``
between them; a build killed there would leave no site. Linux swaps the
names of two folders in one step: ``renameat2`` with RENAME_EXCHANGE
(Linux 3.15, glibc 2.28). Python's ``os`` has no renameat2,
so it is called from libc through ctypes. Where it is missing (another C
library or system) or the file system cannot exchange (EINVAL, ENOSYS,
ENOTSUP), the two renames are the fallback, and the old site waits under a
retired name meanwhile: the next build puts it back if there is no
``output/`` (``restore_retired``), before anything else.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os

from portal import work_folders
from portal.work_folders import RETIRED, WorkFolder

AT_FDCWD = -100  # paths relative to the working folder, as os.rename
RENAME_EXCHANGE = 2  # <linux/fs.h>
# The file system cannot exchange (ENOTSUP and EOPNOTSUPP are one number on Linux).
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}


def _find_renameat2():
    """libc's renameat2, or None where the C library has none."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint)
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _find_renameat2()


def exchange(first: str, second: str) -> bool:
    """Swap the names of two folders in one step; False (nothing changed) where
    this system or file system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second),
                  RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), first, None, second)


def swap_in(staging: WorkFolder, output: str) -> WorkFolder | None:
    """Put the site in ``staging`` at ``output``; the site it replaced is
    returned, owned by this process and most often under a retired name
    (None if there was none).

    If this raises, ``staging`` and ``output`` hold the sites they held before.
    """
    os.chmod(staging.path, 0o755)  # mkdtemp makes it private; a web server must read it
    if not os.path.lexists(output):
        os.rename(staging.path, output)
        staging.release()  # online now: no work folder
        return None
    old = _locked_before_it_leaves(output)
    try:
        if exchange(staging.path, output):
            old.path = staging.path
            _retire(old)
        else:
            _rename_twice(staging, old, output)
    except BaseException:
        old.release()
        raise
    staging.release()  # online now: no work folder
    return old


def _locked_before_it_leaves(output: str) -> WorkFolder:
    """The old site, locked before it leaves ``output/``, so that no other
    process's clean-up removes it while this one deletes it or, in serve,
    empties it for a spare. Only another build swapping at this very moment
    can hold the lock (or a file system have none): it then goes unowned."""
    try:
        return WorkFolder.claim(output) or WorkFolder(output)
    except OSError:
        return WorkFolder(output)


def _retire(old: WorkFolder) -> None:
    """After the exchange the old site has the staging folder's name: a
    retired one tells what it is (a whole earlier site, no build's output)."""
    # If this fails, it is deleted, or emptied for a spare, under its staging name all the same.
    with contextlib.suppress(OSError):
        old.retag(RETIRED)


def _rename_twice(staging: WorkFolder, old: WorkFolder, output: str) -> None:
    """The fallback: the old site is retired, then the new one takes its name.
    Between the two there is no ``output/``; restore_retired mends a kill there."""
    old.rename(staging.sibling(RETIRED))
    try:
        os.rename(staging.path, output)
    except BaseException:
        old.rename(output)
        raise


def restore_retired(output: str) -> None:
    """With no ``output/`` but a retired site nobody owns (a build was killed
    between the two renames of the fallback), the newest retired site goes
    back online."""
    if os.path.lexists(output):
        return
    parent = os.path.dirname(output)
    if not os.path.isdir(parent):
        return
    retired = work_folders.claim_abandoned(parent, (RETIRED,))
    if retired:
        newest = max(retired, key=lambda folder: os.stat(folder.path).st_mtime)
        os.rename(newest.path, output)
    for folder in retired:
        folder.release()  # the others are leftovers: remove_abandoned deletes them
