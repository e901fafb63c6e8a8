"""Disk errors of a build, told as staff read them: what failed, which file, what to do.

A full disk, a quota, a read-only file system, a missing permission or a file
size limit stop a build wherever it writes (Pelican, a plugin, Pagefind's
copy); site_build turns them into a failed build with this message instead of
a traceback.
"""

from __future__ import annotations

import errno
import io
import os

_WRITE = "เขียนไฟล์ไม่สำเร็จ"
_THEN = "แล้วสร้างเว็บไซต์ใหม่"
# errno: (what failed, the reason in Thai, what to do); the reason in English
# beside it is the system's own (os.strerror), as staff may search for it.
_KNOWN = {
    errno.ENOSPC: (_WRITE, "พื้นที่ดิสก์เต็ม",
                   f"ลบไฟล์ที่ไม่ใช้หรือเพิ่มพื้นที่ดิสก์ {_THEN} "
                   "(free some disk space, then build again)"),
    errno.EDQUOT: (_WRITE, "ใช้พื้นที่เกินโควตาของบัญชีผู้ใช้",
                   f"ลบไฟล์ที่ไม่ใช้ หรือขอให้ผู้ดูแลระบบเพิ่มโควตา {_THEN} "
                   "(free some space or ask the administrator for a larger quota, "
                   "then build again)"),
    errno.EROFS: (_WRITE, "ดิสก์นี้อ่านได้อย่างเดียว",
                  f"ขอให้ผู้ดูแลระบบเปิดให้เขียนดิสก์นี้ได้ {_THEN} "
                  "(ask the administrator to make the disk writable, then build again)"),
    # Permission denied may also be a file that cannot be read: "เข้าถึง", not "เขียน".
    errno.EACCES: ("เข้าถึงไฟล์ไม่สำเร็จ", "ไม่มีสิทธิ์",
                   f"ให้บัญชีผู้ใช้ที่สร้างเว็บไซต์มีสิทธิ์อ่านและเขียนไฟล์และโฟลเดอร์นี้ {_THEN} "
                   "(let the user who builds the site read and write it, then build again)"),
    errno.EFBIG: (_WRITE, "ไฟล์ใหญ่เกินขีดจำกัด",
                  f"ลดขนาดไฟล์ หรือขอให้ผู้ดูแลระบบเพิ่มขนาดไฟล์ที่ยอมให้เขียน (ulimit -f) {_THEN} "
                  "(make the file smaller or ask the administrator to raise the file size "
                  "limit, then build again)"),
}


def explains(error: OSError) -> bool:
    return error.errno in _KNOWN


def message(error: OSError, base: str | None = None) -> str:
    """What staff see; the file is shown relative to ``base`` when inside it."""
    failed, reason, hint = _KNOWN[error.errno]
    line = f"{failed}: {reason} ({os.strerror(error.errno)})"
    path = failed_file(error)
    if path:
        relative = os.path.relpath(path, base) if base else path
        line += f": {path if relative.startswith('..') else relative}"
    return "\n".join([
        line,
        f"    วิธีแก้ (fix): {hint}",
        "ยังไม่ได้เผยแพร่เว็บไซต์ เว็บไซต์เดิมยังอยู่เหมือนเดิม "
        "(nothing was published; the previous site is unchanged)",
    ])


def failed_file(error: OSError) -> str | None:
    """The file ``error`` could not write or open.

    open(), mkdir() and rename() name it (a copy or a rename second: its
    target). write() and close() name none: the file is then the one open for
    writing nearest to the failure, among the variables of the failing frames
    and their attributes (Pelican's writer holds it inside a wrapper).
    """
    for named in (error.filename2, error.filename):
        if isinstance(named, (str, bytes)):
            return os.fsdecode(named)
    frames = []
    trace = error.__traceback__
    while trace is not None:
        frames.append(trace.tb_frame)
        trace = trace.tb_next
    for frame in reversed(frames):
        for value in frame.f_locals.values():
            path = _written_file(value)
            if path:
                return path
    return None


def _written_file(value) -> str | None:
    """The path of ``value``, or of one of its attributes, if it is a file open for writing."""
    attributes = getattr(value, "__dict__", None)
    candidates = [value, *(attributes.values() if isinstance(attributes, dict) else ())]
    for candidate in candidates:
        if isinstance(candidate, io.IOBase):
            name, mode = getattr(candidate, "name", None), getattr(candidate, "mode", "")
            if isinstance(name, str) and isinstance(mode, str) and set(mode) & set("wax+"):
                return name
    return None
