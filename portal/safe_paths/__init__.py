"""Safe paths: the one rule for every file that content names, and the walk of content/.

A document names files in several ways: its ``attachments``, the links and
images of its body (plain relative links, and Pelican's ``{attach}``,
``{static}`` and ``{filename}`` links), its table files. Whoever can commit a
document must not be able to publish a file of the build machine (the
repository's ``.git/config`` may hold a token; ``/etc/passwd``), nor make the
build read a pipe or a device. ``resolve`` is the rule every one of them goes
through:

* the name is relative (no ``/...``, no ``C:\\...``) and has no NUL byte;
* written relative to a folder (the document's own, or content/), it stays
  inside its *boundary*: the document's folder for the files published with
  it, content/ for links between documents and to the site's own files;
* no part of it below content/ is a symbolic link (so it cannot lead outside
  however content/ itself is reached), and none starts with a dot (``.git``,
  ``.env``, ``.htaccess``: files of tools, never publications);
* it is a regular file: not a folder, a pipe or a device.

A file published as it is (an attachment, a file a link copies beside its
page, a static file) must also be of a type that browsers show or download
but never run (``resolve_published``): an attached ``.html``, ``.svg`` or
``.js`` would run as a page of the portal itself (the site's own
Content-Security-Policy allows its own scripts), and a ``.php`` (even
``scan.php.pdf``, which some Apache set-ups run) on a web server that also
runs the vendor's PHP CMS.

As a Pelican plugin it also walks content/ before Pelican does (Pelican's
walk follows symbolic links and would read a linked folder, or loop in one):
every symbolic link and every special file is a content error, and each is
kept out of Pelican's walk (``*_EXCLUDES`` for folders, ``IGNORE_FILES`` for
files). Files of the static folders (``images/``) are checked with the same
rule before they are copied.
"""

from __future__ import annotations

import difflib
import glob
import os
import re
import stat

from pelican import signals

from portal import content_errors

_DRIVE = re.compile(r"^[A-Za-z]:")
HIDDEN_HINT = "เปลี่ยนชื่อไฟล์หรือโฟลเดอร์ให้ไม่ขึ้นต้นด้วยจุด (.)"
LINK_HINT = ("วางไฟล์จริงไว้แทนทางลัด (symbolic link): ระบบไม่เผยแพร่ทางลัด "
             "เพราะอาจชี้ไปยังไฟล์นอกโฟลเดอร์ content")


# Types published as they are: documents, data, images, archives, sound and video.
PUBLISHED_TYPES = frozenset([
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt",
    "csv", "json", "jpg", "jpeg", "png", "gif", "webp", "avif", "bmp", "tif", "tiff", "zip",
    "7z", "rar", "mp3", "m4a", "wav", "mp4", "webm"
])
# Extensions web servers run as programs, wherever they stand in a name.
SERVER_SCRIPTS = frozenset([
    "php", "php3", "php4", "php5", "php7", "php8", "phtml", "pht", "phar", "phps", "inc",
    "cgi", "fcgi", "pl", "py", "rb", "asp", "aspx", "ashx", "asmx", "jsp", "jspx", "shtml",
    "sh"
])


class PathRefused(ValueError):
    """A name that must not be used; ``message`` and ``hint`` are Thai first."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


class FileMissing(PathRefused):
    """A name that is allowed but names no file (callers say what was missing).
    ``close`` is the name as it would be written if it meant a file that is there
    under a close name (a typing slip such as hr.tabel.yaml), else ""."""

    def __init__(self, message: str, hint: str = "", close: str = ""):
        super().__init__(message, hint)
        self.close = close

    def did_you_mean(self) -> str:
        """The Thai hint that names the close file, or ""."""
        return did_you_mean(self.close)


def did_you_mean(close: str) -> str:
    """ "หมายถึง "NAME" หรือไม่ " to put before a hint, or "" when there is no ``close`` name."""
    return f"หมายถึง \"{close}\" หรือไม่ " if close else ""


def resolve(name: str, base: str, boundary: str, root: str) -> str:
    """Absolute path of the file ``name``, written relative to the folder ``base``.

    It must stay inside ``boundary`` (a folder at or below ``root``, the
    content folder). Raises PathRefused (FileMissing when nothing is there).
    """
    shown = name
    name = name.replace("\\", "/")
    if "\0" in name:
        raise PathRefused(f"ชื่อไฟล์ \"{shown!r}\" มีอักขระ NUL (a NUL byte in a file name)",
                          "พิมพ์ชื่อไฟล์ใหม่")
    if name.startswith("/") or _DRIVE.match(name):
        raise PathRefused(
            f"\"{shown}\" เป็นที่อยู่เต็มของไฟล์ในเครื่อง ใช้ไม่ได้ (an absolute path)",
            "วางไฟล์ไว้ในโฟลเดอร์เดียวกับเอกสาร แล้วเขียนเฉพาะชื่อไฟล์")
    path = os.path.normpath(os.path.join(base, name))
    boundary = os.path.normpath(boundary)
    if not path.startswith(boundary + os.sep):
        raise PathRefused(_outside_message(shown, boundary, root), _outside_hint(boundary, root))
    state = _checked_parts(path, root, shown)
    if not stat.S_ISREG(state.st_mode):
        raise PathRefused(f"\"{shown}\" ไม่ใช่ไฟล์ธรรมดา (not a regular file)",
                          "ระบุไฟล์ เช่น ฉบับสแกน.pdf ไม่ใช่โฟลเดอร์")
    return path


def resolve_published(name: str, base: str, boundary: str, root: str) -> str:
    """``resolve``, for a file published as it is: its type must be one of PUBLISHED_TYPES."""
    path = resolve(name, base, boundary, root)
    check_published_type(name)
    return path


def check_published_type(name: str) -> None:
    parts = os.path.basename(name.replace("\\", "/")).lower().split(".")
    scripts = [part for part in parts[1:] if part in SERVER_SCRIPTS]
    if scripts:
        raise PathRefused(
            f"\"{name}\" มีนามสกุล .{scripts[0]} ซึ่งเว็บเซิร์ฟเวอร์อาจเรียกใช้เป็นโปรแกรม "
            "จึงไม่เผยแพร่ (a server script is never published)",
            "แปลงเอกสารเป็น PDF แล้วตั้งชื่อไฟล์ใหม่โดยไม่มีนามสกุลนี้")
    extension = parts[-1] if len(parts) > 1 else ""
    if extension not in PUBLISHED_TYPES:
        shown = f".{extension}" if extension else "ที่ไม่มีนามสกุล"
        raise PathRefused(
            f"\"{name}\" เป็นไฟล์ชนิด {shown} ซึ่งเว็บไซต์ไม่เผยแพร่ เพราะเบราว์เซอร์อาจเรียกใช้"
            "เป็นโปรแกรมหรือหน้าเว็บ (file type not published)",
            "แปลงเป็น PDF หรือภาพ (PNG, JPG) หรือบีบอัดเป็น .zip ชนิดที่เผยแพร่ได้: "
            + ", ".join(sorted(PUBLISHED_TYPES)))


def _checked_parts(path: str, root: str, shown: str) -> os.stat_result:
    """lstat of ``path``, after checking each of its parts below ``root``."""
    current = os.path.normpath(root)
    state = None
    for part in os.path.relpath(path, current).split(os.sep):
        if part.startswith("."):
            raise PathRefused(
                f"\"{shown}\" เป็นไฟล์หรืออยู่ในโฟลเดอร์ที่ชื่อขึ้นต้นด้วยจุด ({part}) "
                "ซึ่งเป็นไฟล์ของระบบ ไม่เผยแพร่ (hidden files and folders are never published)",
                HIDDEN_HINT)
        folder, current = current, os.path.join(current, part)
        try:
            state = os.lstat(current)
        except FileNotFoundError:
            close = close_name(folder, part)
            raise FileMissing(f"ไม่พบไฟล์ \"{shown}\" (file not found)",
                              "ตรวจชื่อไฟล์ให้ตรงทุกตัวอักษร",
                              _replace_last(shown, part, close) if close else "") from None
        except OSError as error:
            raise PathRefused(f"อ่านไฟล์ \"{shown}\" ไม่ได้ (cannot read: {error.strerror})",
                              "ตรวจสิทธิ์การอ่านไฟล์") from None
        if stat.S_ISLNK(state.st_mode):
            raise PathRefused(
                f"\"{shown}\" เป็นทางลัด (symbolic link) ไม่ใช่ไฟล์จริง "
                "(symbolic links are never published)", LINK_HINT)
    return state


def close_name(folder: str, name: str) -> str:
    """The visible entry of ``folder`` closest to ``name``, if close enough to be a slip."""
    try:
        entries = [entry for entry in os.listdir(folder) if not entry.startswith(".")]
    except OSError:
        return ""
    close = difflib.get_close_matches(name, entries, n=1, cutoff=0.75)
    return close[0] if close else ""


def _replace_last(shown: str, part: str, close: str) -> str:
    """``shown`` with its last occurrence of ``part`` written as ``close``."""
    head, found, tail = shown.rpartition(part)
    return head + close + tail if found else close


def _outside_message(shown: str, boundary: str, root: str) -> str:
    if os.path.normpath(boundary) == os.path.normpath(root):
        return f"\"{shown}\" ชี้ออกนอกโฟลเดอร์ content (points outside the content folder)"
    return (f"\"{shown}\" ชี้ออกนอกโฟลเดอร์ของเอกสาร "
            "(must be a file in the document's own folder)")


def _outside_hint(boundary: str, root: str) -> str:
    if os.path.normpath(boundary) == os.path.normpath(root):
        return "ลิงก์ได้เฉพาะไฟล์และเอกสารในโฟลเดอร์ content"
    return "วางไฟล์ไว้ในโฟลเดอร์เดียวกับเอกสาร (หรือโฟลเดอร์ย่อย) แล้วเขียนชื่อไฟล์ตามตำแหน่งนั้น"


# ---------------------------------------------------------------- the walk


def unsafe_entries(root: str):
    """(relative path, is a folder, message) of every symbolic link and special
    file under ``root``, without following links. Hidden entries (Pelican
    ignores them, IGNORE_FILES) are not looked into."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in list(dirs):
            if os.path.islink(os.path.join(folder, name)):
                dirs.remove(name)
                yield _relative(root, folder, name), True, _LINK_MESSAGE
        for name in files:
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue
            if stat.S_ISLNK(mode):
                yield _relative(root, folder, name), os.path.isdir(path), _LINK_MESSAGE
            elif not stat.S_ISREG(mode):
                yield _relative(root, folder, name), False, _SPECIAL_MESSAGE


_LINK_MESSAGE = ("ไฟล์นี้เป็นทางลัด (symbolic link) ระบบไม่อ่านและไม่เผยแพร่ "
                 "(symbolic links in content are refused)")
_SPECIAL_MESSAGE = ("ไฟล์นี้ไม่ใช่ไฟล์ธรรมดา (เช่น pipe หรือ device) ระบบไม่อ่าน "
                    "(not a regular file)")


def _relative(root, folder, name):
    return os.path.relpath(os.path.join(folder, name), root)


def keep_out_of_pelicans_walk(pelican) -> None:
    """initialized: report and exclude what Pelican's walk must not follow or read."""
    settings = pelican.settings
    root = settings["PATH"]
    for relative, is_folder, message in unsafe_entries(root):
        content_errors.report(os.path.join(root, relative), 1, message,
                              LINK_HINT if message is _LINK_MESSAGE else
                              "ลบไฟล์นี้ออกจากโฟลเดอร์ content")
        if is_folder:
            # Pelican's excludes are folders relative to the content folder.
            for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
                settings[key] = [*settings.get(key, []), relative]
        else:
            settings["IGNORE_FILES"] = [*settings.get("IGNORE_FILES", []),
                                        glob.escape(os.path.basename(relative))]


def check_static_files(generator) -> None:
    """static_generator_finalized: only regular files inside content/ are copied."""
    root = generator.settings["PATH"]
    kept = []
    for static in generator.staticfiles:
        source = os.path.join(root, static.source_path)  # Pelican's may be absolute
        try:
            resolve_published(os.path.relpath(source, root), root, root, root)
        except PathRefused as refused:
            content_errors.report(source, 1, refused.message, refused.hint)
            continue
        kept.append(static)
    generator.staticfiles[:] = kept  # the context's "staticfiles" is this list


def register():
    signals.initialized.connect(keep_out_of_pelicans_walk)
    signals.static_generator_finalized.connect(check_static_files)
