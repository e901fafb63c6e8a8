"""The checks of the written site: one file has one source, nothing is lost.

* no two outputs write the same file: pages written by the writer, documents'
  attachments and linked files, static files, the theme's files, and the
  files plugins claim (outputs.claim);
* every published Markdown document has its page, and no file that looks
  like a document was silently skipped (``ประกาศ.MD``, a ``.txt`` with front
  matter);
* every attachment and every static file was copied.
"""

from __future__ import annotations

import os

from portal import content_errors, outputs
from portal.build_state import current

DEVELOPER_HINT = ("ข้อผิดพลาดนี้มาจากธีมหรือปลั๊กอิน ไม่ใช่จากเอกสาร: แจ้งผู้ดูแลระบบ "
                  "(a theme or plugin bug: tell the maintainers)")


def slug_line(content) -> int:
    return content.metadata.get("field_lines", {}).get(("slug",), 1)


def report_collision(relative, first, second):
    current().collided.add(relative)
    path, line, what = second
    other_path, other_line, other_what = first
    if not path:
        path, line, what, other_path, other_line, other_what = first + second
    if not path:
        path = relative
    where = os.path.basename(other_path) + f" บรรทัด {other_line}" if other_path else "ระบบ"
    content_errors.report(
        path, line,
        f"{what} เขียนไฟล์ {relative} ซ้ำกับ {other_what} จาก {where} "
        "(two outputs write the same file)",
        "เปลี่ยน slug หรือชื่อไฟล์ให้ไม่ซ้ำกัน" if other_path else DEVELOPER_HINT,
    )


def check_outputs_unique(settings, contents, generators):
    owners = dict(current().writes)  # what the writer wrote first
    planned = []
    for content, save_as in contents:
        if not save_as:
            continue
        page_dir = os.path.dirname(save_as)
        lines = content.metadata.get("field_lines", {})
        for relative in content.metadata.get("document_files", ()):
            line = _attachment_line(content, relative, lines)
            planned.append((outputs.relative_name(os.path.join(page_dir, relative)),
                            content.source_path, line, f"ไฟล์ {relative} ของเอกสาร"))
    for generator in generators:
        for static in getattr(generator, "staticfiles", []):
            planned.append((outputs.relative_name(static.save_as), static.source_path, 1,
                            "ไฟล์ static"))
    theme_dir = settings.get("THEME_STATIC_DIR", "theme")
    for static_path in settings.get("THEME_STATIC_PATHS", ["static"]):
        base = os.path.join(settings["THEME"], static_path)
        for folder, _dirs, files in os.walk(base):
            for name in files:
                source = os.path.join(folder, name)
                relative = os.path.relpath(source, base) if os.path.isdir(base) else name
                planned.append((outputs.relative_name(os.path.join(theme_dir, relative)), source, 1,
                                "ไฟล์ของธีม"))
    planned += current().claims
    for relative, source, line, what in planned:
        first = owners.setdefault(relative, (source, line, what))
        if first[:2] != (source, line):
            report_collision(relative, first, (source, line, what))


def _attachment_line(content, relative, lines):
    for index, attachment in enumerate(content.metadata.get("attachments", ()) or ()):
        if attachment.file == relative:
            return lines.get(("attachments", index, "file"), 1)
    return content_errors.line_containing(content.source_path, relative)


def check_every_document_published(settings, site_files, contents, generators):
    read = {os.path.abspath(c.source_path) for c, _save_as in contents}
    # Left out because of their errors, which say so.
    read |= {os.path.abspath(path) for path in content_errors.paths_with_errors()}
    for content, save_as in contents:
        if getattr(content, "status", "published") != "published" or not save_as:
            continue
        if outputs.relative_name(save_as) not in site_files:
            content_errors.report(
                content.source_path, slug_line(content),
                f"เอกสารนี้ไม่มีหน้าเว็บ {save_as} ในเว็บไซต์ที่สร้าง "
                "(a published document has no page)",
                DEVELOPER_HINT,
            )
    reader_extensions = _reader_extensions(generators)
    roots = [os.path.join(settings["PATH"], p)
             for p in settings.get("ARTICLE_PATHS", []) + settings.get("PAGE_PATHS", [])]
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                path = os.path.abspath(os.path.join(folder, name))
                if path in read or name.startswith("."):
                    continue
                if os.path.splitext(name)[1][1:] in reader_extensions:
                    # A reader failed and Pelican went on without the file.
                    content_errors.report(
                        path, 1,
                        "ระบบอ่านเอกสารนี้ไม่สำเร็จ จึงไม่มีหน้าเว็บ (a document was not read)",
                        DEVELOPER_HINT,
                    )
                elif _looks_like_unread_document(path, name, reader_extensions):
                    content_errors.report(
                        path, 1,
                        "ไฟล์นี้ดูเหมือนเอกสาร แต่ระบบไม่ได้อ่าน เพราะนามสกุลไฟล์ไม่ใช่ .md "
                        "(looks like a document but was not read: not a .md file)",
                        "เปลี่ยนชื่อไฟล์ให้ลงท้ายด้วย .md (ตัวพิมพ์เล็ก) "
                        "หรือถ้าเป็นไฟล์แนบ ให้ระบุในช่อง attachments ของเอกสาร",
                    )


def _reader_extensions(generators):
    for generator in generators:
        readers = getattr(generator, "readers", None)
        if readers is not None:
            return set(readers.extensions)
    return {"md"}


def _looks_like_unread_document(path, name, extensions):
    extension = os.path.splitext(name)[1][1:]
    if extension.lower() in extensions:
        return True  # ประกาศ.MD
    if extension.lower() not in ("txt", "text", ""):
        return False
    try:
        with open(path, "rb") as handle:
            first_line = handle.readline(64)
    except OSError:
        return False
    return first_line.removeprefix(b"\xef\xbb\xbf").strip() == b"---"  # front matter


def check_attachments_copied(output, contents):
    for content, save_as in contents:
        if not save_as:
            continue
        page_dir = os.path.join(output, os.path.dirname(save_as))
        source_dir = os.path.dirname(content.source_path)
        for relative in content.metadata.get("document_files", ()):
            target = os.path.join(page_dir, relative)
            source = os.path.join(source_dir, relative)
            written_over = outputs.relative_name(os.path.join(os.path.dirname(save_as), relative))
            if _same_size(source, target) or written_over in current().collided:
                continue
            line = _attachment_line(content, relative, content.metadata.get("field_lines", {}))
            if not os.path.isfile(source):
                content_errors.report(
                    content.source_path, line,
                    f"ไฟล์ {relative} หายไประหว่างสร้างเว็บไซต์ (a file was deleted during the build)",
                    "วางไฟล์กลับไว้ในโฟลเดอร์ของเอกสาร แล้วสร้างเว็บไซต์ใหม่")
            else:
                content_errors.report(
                    content.source_path, line,
                    f"คัดลอกไฟล์ {relative} ไปไว้ข้างหน้าเว็บของเอกสารไม่สำเร็จ "
                    "(attachment missing from the built site)", _COPY_HINT)


_COPY_HINT = "ตรวจว่าเปิดอ่านไฟล์ได้และพื้นที่ดิสก์ไม่เต็ม แล้วสร้างเว็บไซต์ใหม่"


def _same_size(source, target) -> bool:
    try:
        return os.path.isfile(target) and os.path.getsize(target) == os.path.getsize(source)
    except OSError:
        return False


def check_static_files_copied(output, generators):
    """Pelican only logs a warning when it cannot copy a static file."""
    for generator in generators:
        for static in getattr(generator, "staticfiles", []):
            target = os.path.join(output, static.save_as)
            source = os.path.join(generator.path, static.source_path)
            if not _same_size(source, target):
                content_errors.report(
                    source, 1,
                    f"คัดลอกไฟล์นี้ไปไว้ที่ {static.save_as} ไม่สำเร็จ (a static file was not copied)",
                    _COPY_HINT)
