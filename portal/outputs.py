"""Outputs: who writes which address and file of the site.

Not a Pelican plugin: the register every plugin uses, so that no address or
file is written twice and no document's slug takes one the system writes.

* ``reserve(url, what)``: the system writes ``url`` (the search
  bundle, the ITA section, the listings ...); front_matter refuses a
  document's slug that takes one, naming the file and line to change.
* ``write_output(settings, relpath, data, source, line, what)``: a plugin
  writes a file it makes itself (table exports, ITA exports, the complaint
  form, the sitemap), claiming it (``claim``) so that site_integrity reports
  a collision with any other output; in serve rebuilds an unchanged file is
  linked from the site online (rebuild.write_bytes).
* ``written_contents(generator)``: the documents a generator writes.
* ``site_listing(folder)``: the files and folders of a written site.

What is registered belongs to the running build (build_state).
"""

from __future__ import annotations

import os

from portal import rebuild
from portal.build_state import current

CONTENT_LISTS = ("articles", "drafts", "pages", "hidden_pages", "draft_pages")


def relative_name(relpath: str) -> str:
    """An output file's name relative to the site, with "/" (how pages are keyed)."""
    return os.path.normpath(str(relpath).replace("\\", "/")).replace(os.sep, "/").lstrip("/")


def reserve(url: str, what: str, exact: bool = False) -> None:
    """Declare that the system writes ``url`` (relative to the site, e.g.
    "pagefind/"), and with ``exact=False`` everything under it; ``what`` names
    it for the clerk. Plugins call it before the documents are checked (in
    their generator's ``generate_context``)."""
    current().reserved[url] = (what, exact)


def reserved(settings) -> dict:
    """Every address the system writes: the plugins' (``reserve``), and Pelican's
    own folders (the theme's files, the static folders, drafts)."""
    found = {settings.get("THEME_STATIC_DIR", "theme") + "/": ("ไฟล์ของธีม", False)}
    for folder in settings.get("STATIC_PATHS", ()):
        found[folder.strip("/") + "/"] = (f"โฟลเดอร์ไฟล์ {folder}", False)
    for key in ("DRAFT_URL", "DRAFT_PAGE_URL"):
        first = settings.get(key, "").split("/")[0]
        if first and "{" not in first:  # drafts live below it; a page may not be it
            found[first + "/"] = ("หน้าฉบับร่าง", True)
    return {**found, **current().reserved}


def reserved_by(settings, url: str):
    """What the system writes at ``url`` (a document's address), or None."""
    for taken, (what, exact) in reserved(settings).items():
        if url == taken or (not exact and url.startswith(taken)):
            return what
    return None


def claim(output_relpath: str, source_path: str, line: int = 1, what: str = "") -> None:
    """Declare that ``source_path`` (line ``line``) makes the output file ``output_relpath``."""
    current().claims.append((relative_name(output_relpath), str(source_path), int(line), what))


def write_output(settings, output_relpath: str, data: bytes, source_path: str, line: int = 1,
                 what: str = "") -> None:
    """Write a file a plugin makes itself: ``claim`` it, then write it."""
    claim(output_relpath, source_path, line, what)
    rebuild.write_bytes(settings, output_relpath, data)


def written_contents(generator):
    """Every article or page a generator will write, drafts included."""
    for name in CONTENT_LISTS:
        yield from getattr(generator, name, [])


def site_listing(output: str) -> tuple[set, set]:
    """(files, folders) of a written site, as "/"-separated names relative to
    it; the site's root is the folder "". Symbolic links are not followed. A
    folder with no file below it is not listed: it is no page, and serve's
    staging folders hold such folders until the build ends (site_build)."""
    files, folders = set(), {""}

    def walk(path, prefix) -> bool:
        found = False
        with os.scandir(path) as entries:
            for entry in entries:
                if not entry.is_dir():
                    files.add(prefix + entry.name)
                    found = True
                elif entry.is_symlink() or walk(entry.path, prefix + entry.name + "/"):
                    folders.add(prefix + entry.name)
                    found = True
        return found

    walk(output, "")
    return files, folders
