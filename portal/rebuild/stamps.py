"""File stamps: how the caches of `invoke serve` know that a file is still the same."""

from __future__ import annotations

import os


def file_stamp(path: str):
    """(mtime, size, inode) of a file, None when it cannot be read."""
    try:
        state = os.stat(path)
    except (OSError, ValueError):
        return None
    return state.st_mtime_ns, state.st_size, state.st_ino
