"""Staff commands. Run `invoke --list` to see them, `invoke --help NAME` for one.

    invoke new --type ประกาศ --title "ชื่อเอกสาร"   สร้างไฟล์เอกสารใหม่
    invoke import ไฟล์.docx [--type รายงาน]        นำเข้า Word/Excel/CSV/PDF เป็นเอกสารฉบับร่าง
    invoke table ไฟล์.xlsx --to โฟลเดอร์เอกสาร      นำเข้าตารางจาก Excel/CSV เป็นไฟล์ตาราง
    invoke check                                  ตรวจเนื้อหาทั้งหมด
    invoke check --ita 2569 [--strict] [--due]    ตรวจแล้วแสดงสถานะหลักฐานทุกข้อของ ITA ปีนั้น
                                                  (--due: สิ่งที่ยังต้องเผยแพร่ถึงวันนี้)
    invoke serve                                  สร้างและเปิดดูตัวอย่างที่ http://localhost:8000
    invoke edit                                   หน้าแก้ไขเนื้อหาในเบราว์เซอร์ http://127.0.0.1:8000/admin/
    invoke build                                  สร้างเว็บไซต์ไว้ที่ output/
    invoke publish                                สร้างเว็บไซต์สำหรับเผยแพร่จริง
    invoke test                                   รันชุดทดสอบ
"""

import datetime
import json
import os
import signal
import sys
import threading

from invoke import Exit, task

from portal import importer, ita_catalog, rebuild, search, site_build, thai_format
from portal.front_matter import scaffold
from portal.front_matter.schema import DOCUMENT_TYPES, FieldError
from portal.ita_catalog import export as ita_export

ROOT = os.path.dirname(os.path.abspath(__file__))

DEV_SETTINGS = os.path.join(ROOT, "pelicanconf.py")
PUBLISH_SETTINGS = os.path.join(ROOT, "publishconf.py")
STAFF_GUIDE = os.path.join(ROOT, "docs", "front-matter.md")


def _run_build(settings_file, keep=True, inspect=None, overrides=None, session=None):
    result = site_build.build(settings_file, overrides, keep=keep, inspect=inspect,
                              session=session)
    if result.message:
        print(result.message, file=sys.stderr)  # the errors, or the warnings of a good build
    if not result.ok:
        raise Exit(code=1)
    return result


@task
def build(c):
    """สร้างเว็บไซต์ไว้ที่ output/ (build the site into output/)."""
    result = _run_build(DEV_SETTINGS)
    print(f"สร้างเว็บไซต์เสร็จใน {result.seconds:.1f} วินาที: {result.output_path}")


@task(help={
    "ita": "ปี ITA ที่จะแสดงตารางสถานะหลักฐาน เช่น 2569",
    "strict": "ใช้กับ --ita: จบด้วยรหัส 1 ถ้ามีข้อที่ยังไม่มีหลักฐานหรือหลักฐานไม่ตรงช่วงเวลา",
    "due": "ใช้กับ --ita: แสดงสิ่งที่แต่ละข้อยังต้องเผยแพร่ถึงวันนี้ (เช่น สรุปรายเดือนที่ยังขาด)",
})
def check(c, ita="", strict=False, due=False):
    """ตรวจเนื้อหาทั้งหมดโดยไม่เปลี่ยนเว็บไซต์ (validate all content; exit 1 on any error)."""
    if (strict or due) and not ita:
        raise Exit("--strict และ --due ใช้คู่กับ --ita เช่น invoke check --ita 2569 --due", code=2)
    year = None
    if ita:
        year = _ita_year(ita)
    coverage, still_due = {}, []

    def read_coverage(pelican):
        # The coverage table is the build's own export, so it always matches the site.
        url = ita_catalog.YEAR_URL.format(year=year) + ita_export.JSON_NAME
        with open(os.path.join(pelican.output_path, *url.split("/")), encoding="utf-8") as f:
            coverage.update(json.load(f))
        if due:  # the series' own state lives in this build
            still_due.extend(ita_export.due_table(
                coverage, ita_catalog.load_catalogs(pelican.settings["ITA_CATALOG_DIR"])[year],
                datetime.date.today()))

    _run_build(DEV_SETTINGS, keep=False, inspect=read_coverage if year else None)
    print("ตรวจแล้ว ไม่พบข้อผิดพลาด (no errors found)")
    if year is None:
        return
    print()
    print(ita_export.coverage_table(coverage))
    if due:
        print()
        print("\n".join(still_due))
    incomplete = [i["code"] for i in coverage["items"] if i["status"] != "published"]
    if strict and incomplete:
        raise Exit(f"ITA {year}: ยังไม่ครบ {len(incomplete)} ข้อ ({', '.join(incomplete)}) "
                   f"(items missing or of the wrong period)", code=1)


def _ita_year(text):
    digits = thai_format.arabic_digits(str(text)).strip()
    try:
        catalogs = ita_catalog.load_catalogs(os.path.join(ROOT, "data", "ita"))
    except ita_catalog.CatalogError:
        catalogs = None  # the build reports the catalog's mistake with file and line
    if not digits.isdigit() or (catalogs is not None and int(digits) not in catalogs):
        known = ", ".join(str(y) for y in sorted(catalogs or ()))
        raise Exit(f"ไม่มีรายการข้อ ITA ปี {text} (no catalog for that year): ปีที่มี {known}",
                   code=2)
    return int(digits)


@task
def publish(c):
    """สร้างเว็บไซต์สำหรับเผยแพร่ (production build with publishconf.py; set SITEURL)."""
    result = _run_build(PUBLISH_SETTINGS)
    print(f"สร้างเว็บไซต์สำหรับเผยแพร่เสร็จใน {result.seconds:.1f} วินาที: {result.output_path}")
    print("คัดลอกทุกไฟล์ในโฟลเดอร์นี้ขึ้นเว็บเซิร์ฟเวอร์ (copy the folder to the web server)")


@task(help={"host": "ที่อยู่ที่ให้บริการ (default 127.0.0.1)", "port": "พอร์ต (default 8000)"})
def serve(c, host="127.0.0.1", port=8000):
    """สร้างเว็บไซต์แล้วเปิดดูตัวอย่าง โหลดใหม่เองเมื่อแก้ไฟล์ (build, serve, live reload)."""
    _serve(host, int(port))


def _serve(host, port, overrides=None, started=None):
    """Build, then serve output/ and rebuild on every change; ``started()`` is called
    once the first build is online (`invoke edit` prints the editor's address then)."""
    from livereload import Server

    # Rebuilds in this process make again only the documents that changed and
    # reuse the pages whose inputs did not change (portal/rebuild); the search
    # index follows in a thread (search.LaterIndex).
    session = rebuild.Session()
    later = search.later_index(session)
    result = _run_build(DEV_SETTINGS, overrides=overrides, session=session)

    def build_again():
        with later.swap_lock:
            outcome = site_build.build(DEV_SETTINGS, {search.LATER_SETTING: True,
                                                      **(overrides or {})}, session=session)
        if outcome.message:
            print(outcome.message, file=sys.stderr)
        if not outcome.ok:
            print("เว็บไซต์ตัวอย่างยังเป็นฉบับก่อนหน้า จนกว่าจะแก้ข้อผิดพลาด", file=sys.stderr)
            return
        print(f"สร้างใหม่แล้ว ({outcome.seconds:.1f} วินาที) กำลังปรับดัชนีค้นหา...")
        threading.Thread(target=update_search, args=(outcome.output_path,), daemon=True).start()

    def update_search(online):
        try:
            figures = later.run(online)
        except search.SearchIndexError as error:
            print(f"{error}\nการค้นหายังใช้ดัชนีฉบับก่อนหน้า", file=sys.stderr)
            return
        if figures is not None:
            print(f"ปรับดัชนีค้นหาแล้ว ({figures['seconds']:.1f} วินาที)")

    server = Server()
    for watched in ("content", "theme", "portal", "data", "pelicanconf.py"):
        server.watch(os.path.join(ROOT, watched), build_again)
    print(f"เปิดดูได้ที่ http://{host}:{port}/ (กด Ctrl+C เพื่อหยุด)")
    if started:
        started()
    server.serve(host=host, port=port, root=result.output_path, open_url_delay=None)


@task(help={"host": "ที่อยู่ที่ให้บริการ (default 127.0.0.1)",
            "port": "พอร์ตของเว็บตัวอย่างและหน้าแก้ไข (default 8000); ตัวบันทึกลง git ใช้พอร์ตนี้ +81 "
                    "และตัวตรวจเอกสารใช้ +82"})
def edit(c, host="127.0.0.1", port=8000):
    """เปิดหน้าแก้ไขเนื้อหาในเบราว์เซอร์ บันทึกแต่ละครั้งเป็น commit ของ git (browser editor)."""
    from portal.editor import local as editor_session

    port = int(port)
    # A stop by SIGTERM (a service manager, a test) runs the finally below too, so
    # decap-server does not outlive the editor.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        session = editor_session.start(ROOT, host, port)
    except editor_session.EditorUnavailable as error:
        raise Exit(str(error), code=2) from None
    try:
        _serve(host, port, session.overrides,
               started=lambda: print(f"หน้าแก้ไขเนื้อหา: {session.editor_url} "
                                     "(บันทึกแต่ละครั้งเป็น commit ของ git ในโฟลเดอร์นี้)"))
    finally:
        session.stop()


@task(help={
    "type": "ประเภทเอกสาร: " + ", ".join(t.label for t in DOCUMENT_TYPES),
    "title": "ชื่อเรื่องของเอกสาร",
    "date": "วันที่ตามที่ลงในเอกสาร เช่น 16/05/2568 หรือ ตุลาคม 2560 (ไม่ระบุ = ไม่ใส่วันที่ ระบบไม่เดา)",
    "fiscal-year": "ปีงบประมาณ เมื่อต้นฉบับไม่ได้ลงวันที่ เช่น 2568 หรือ 2566-2570 "
                   "(ไม่ระบุทั้งสองอย่าง = โฟลเดอร์ undated)",
    "slug": "ชื่อในลิงก์ (ไม่ระบุ = สร้างให้ เช่น announcement-2569-001)",
})
def new(c, type, title, date="", fiscal_year="", slug=""):
    """สร้างไฟล์เอกสารใหม่พร้อมช่องข้อมูลที่ต้องกรอก (scaffold a new document; no date is guessed)."""
    doc_type = scaffold.resolve_type(type)
    if doc_type is None:
        choices = ", ".join(t.label for t in DOCUMENT_TYPES)
        raise Exit(f"ไม่รู้จักประเภทเอกสาร \"{type}\": ใช้ได้ {choices}", code=2)
    try:
        when = thai_format.parse_date(date) if date else None
    except thai_format.ThaiDateError as error:
        raise Exit(f"{error}\n{error.hint}", code=2) from None
    try:
        year = scaffold.new_year(when, fiscal_year)
    except FieldError as error:
        raise _refused("fiscal-year", "ปีงบประมาณ", error) from None
    try:
        title = scaffold.new_title(title)
    except FieldError as error:
        raise _refused("title", "ชื่อเรื่อง", error) from None
    content_dir = os.path.join(ROOT, "content")
    taken = scaffold.existing_slugs(content_dir)
    slug = slug or scaffold.next_slug(doc_type, year, taken)
    try:
        path = scaffold.new_path(content_dir, doc_type, slug, year)
    except FieldError as error:
        raise _refused("slug", "ชื่อในลิงก์", error) from None
    if slug in taken:
        raise Exit(f"มีเอกสารที่ใช้ slug \"{slug}\" อยู่แล้ว: เลือกชื่ออื่น", code=2)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(scaffold.new_document(doc_type, title, slug, when,
                                               year if fiscal_year else ""))
    except FileExistsError:
        raise Exit(f"มีไฟล์ {os.path.relpath(path, ROOT)} อยู่แล้ว (file exists): ไม่เขียนทับ "
                   "ให้เลือก slug อื่นด้วย --slug หรือเปิดแก้ไฟล์นั้น", code=2) from None
    print(f"สร้างไฟล์ {os.path.relpath(path, ROOT)} แล้ว")
    if not date and not doc_type.is_page:
        print("ยังไม่ได้ใส่วันที่: กรอก date: ตามที่ลงในเอกสาร หรือถ้าต้นฉบับไม่ได้ลงวันที่ "
              "ให้กรอก fiscal_year: แทน (ระบบไม่เดาวันที่ให้)")
    print("ขั้นต่อไป: กรอกช่องข้อมูลและเนื้อหา แล้วรัน invoke check")
    print("เอกสารใหม่มีสถานะ draft (ยังไม่เผยแพร่): เปลี่ยนเป็น status: published เมื่อพร้อม")


@task(name="import", positional=["path"], help={
    "path": "ไฟล์ที่จะนำเข้า (.docx .xlsx .xls .ods .csv .pdf) โฟลเดอร์ หรือรูปแบบชื่อ "
            "เช่น \"เอกสาร/*.docx\" (ใส่เครื่องหมายคำพูด)",
    "type": "ประเภทเอกสาร (ไม่ระบุ = อ่านจากหัวเอกสาร เช่น ประกาศ... คำสั่ง...): "
            + ", ".join(t.label for t in DOCUMENT_TYPES),
})
def import_documents(c, path, type=""):
    """นำเข้าไฟล์ Word, Excel, CSV หรือ PDF เป็นเอกสารฉบับร่าง (import files as draft documents)."""
    doc_type = None
    if type:
        doc_type = scaffold.resolve_type(type)
        if doc_type is None:
            choices = ", ".join(t.label for t in DOCUMENT_TYPES)
            raise Exit(f"ไม่รู้จักประเภทเอกสาร \"{type}\": ใช้ได้ {choices}", code=2)
    paths = importer.expand(path)
    if not paths:
        raise Exit(f"ไม่พบไฟล์ที่นำเข้าได้ใน \"{path}\" (no files): ใช้ได้ {importer.SUPPORTED}",
                   code=2)
    drafts, errors = importer.import_files(paths, os.path.join(ROOT, "content"), doc_type)
    for draft in drafts:
        print(f"นำเข้าแล้ว: {os.path.relpath(draft.folder, ROOT)}/")
        for name in draft.files:
            print(f"  เขียน {name}")
        if draft.to_check:
            print("  ต้องตรวจก่อนเผยแพร่:")
            for line in draft.to_check:
                print(f"  - {line}")
    if drafts:
        print("ขั้นต่อไป: เปิดไฟล์ .md และไฟล์ตาราง ตรวจกับต้นฉบับ แล้วรัน invoke check "
              "(ฉบับร่างดูได้ที่ /drafts/ ของ invoke serve)")
    if errors:
        raise Exit("นำเข้าไม่ได้ (not imported):\n" + "\n".join(f"- {e}" for e in errors), code=1)


@task(positional=["path"], help={
    "path": "ไฟล์ .xlsx .xls .ods หรือ .csv",
    "to": "โฟลเดอร์ของเอกสารที่จะวางตาราง เช่น content/documents/2568/report-2568-001",
    "sheet": "ชื่อชีต (เมื่อไฟล์มีข้อมูลหลายชีต)",
    "cells": "ช่วงเซลล์ เช่น A3:H20 (ไม่ระบุ = ทั้งชีต)",
    "id": "ชื่อตาราง a-z 0-9 - (ไม่ระบุ = จากชื่อไฟล์ หรือ table-1)",
    "caption": "ชื่อตาราง (ไม่ระบุ = อ่านจากแถวชื่อด้านบนของชีต)",
})
def table(c, path, to, sheet="", cells="", id="", caption=""):
    """นำเข้าตารางหนึ่งตารางจาก Excel หรือ CSV เป็นไฟล์ตารางของเอกสาร (one sheet to a table file)."""
    content_dir = os.path.join(ROOT, "content")
    folder = os.path.abspath(to)
    if os.path.commonpath([folder, content_dir]) != content_dir or not os.path.isdir(folder):
        raise Exit(f"--to \"{to}\" ต้องเป็นโฟลเดอร์ของเอกสารที่มีอยู่ใน content/ "
                   "เช่น content/documents/2568/report-2568-001", code=2)
    try:
        written, notes = importer.table_into(path, folder, sheet, cells, id, caption)
    except importer.ImportRefused as error:
        raise Exit(str(error), code=1) from None
    name = os.path.basename(written)
    print(f"เขียน {os.path.relpath(written, ROOT)} แล้ว")
    for line in notes:
        print(f"- ต้องตรวจ: {line}")
    print(f"วางบรรทัดนี้ในเนื้อหาเอกสาร ตรงที่ตารางควรอยู่:\n::: table {name}")


def _refused(option: str, name: str, error: FieldError) -> Exit:
    return Exit(f"{name} (--{option}): {error.message}\n{error.hint}", code=2)


@task
def docs(c):
    """เขียนคู่มือช่องข้อมูล docs/front-matter.md ใหม่จาก schema (regenerate the staff guide)."""
    with open(STAFF_GUIDE, "w", encoding="utf-8") as handle:
        handle.write(scaffold.staff_guide())
    print(f"เขียน {os.path.relpath(STAFF_GUIDE, ROOT)} แล้ว")


@task
def test(c):
    """ตรวจรูปแบบโค้ดแล้วรันชุดทดสอบทั้งหมด (lint with ruff, then run the test suite)."""
    c.run(f"{sys.executable} -m ruff check --quiet .", pty=False)
    c.run(f"{sys.executable} -m pytest -q", pty=False)


@task(iterable=["docs"], help={
    "docs": "จำนวนเอกสารที่สร้างเพื่อทดสอบ ใส่ได้หลายครั้ง (default 1000), e.g. --docs 1000 --docs 5000",
    "profile": "บันทึก cProfile ของการสร้างเว็บไซต์เต็มไว้ที่ไฟล์นี้ (.<N> ต่อท้าย)",
    "json": "บันทึกตัวเลขเป็น JSON ไว้ที่ไฟล์นี้ด้วย",
    "repeat": "จำนวนรอบที่สร้างแบบไม่มีดัชนีค้นหาสลับกับ Pelican เปล่า (default 3)",
})
def bench(c, docs=None, profile="", json="", repeat=3):
    """วัดความเร็วเทียบกับ Pelican เปล่า (benchmark against plain Pelican; not a test)."""
    command = [sys.executable, os.path.join(ROOT, "bench", "run.py")]
    for count in docs or ["1000"]:
        command += ["--docs", str(int(count))]
    if profile:
        command += ["--profile", profile]
    if json:
        command += ["--json", json]
    command += ["--repeat", str(int(repeat))]
    c.run(" ".join(command), pty=False)
