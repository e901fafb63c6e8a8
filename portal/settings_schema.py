"""Settings schema: the settings the portal reads, declared once and checked at load.

``SETTINGS`` lists our own settings (pelicanconf.py: NUMERALS, ORGANISATION,
ITA_CATALOG_DIR, COMPLAINTS_*, SEARCH_*) and the Pelican settings whose shape
the portal relies on (permanent URLs built from {slug}, TIMEZONE, ...): the
name, what it means in Thai, what may be written and an example. To add a
setting, add one ``Setting`` here.

``check(settings, settings_file)`` is called by site_build when a build has
loaded its settings, before anything is read: a wrong value fails the build
with a message naming the settings file and the line of the setting (found
by looking for ``NAME =`` in it), Thai first, saying what is allowed. Every
wrong setting is told at once. Before this, a bad NUMERALS failed inside a
template filter with a traceback.
"""

from __future__ import annotations

import ast
import difflib
import os
import re
import traceback
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from pelican.settings import DEFAULT_CONFIG

from portal import content_errors
from portal.editor import config as editor_config


@dataclass(frozen=True)
class Rule:
    """What a value must be: ``test(value)`` is true when it is right;
    ``allowed`` says so in Thai (English in parentheses)."""

    test: Callable[[object], bool]
    allowed: str


@dataclass(frozen=True)
class Setting:
    name: str
    meaning: str  # what it is for, in Thai
    rule: Rule
    example: str  # Python, as it is written in pelicanconf.py
    required: bool = False  # must be written; otherwise missing means the default


def _is_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _empty(value) -> bool:
    return value is None or value == ""


def one_of(*choices: str) -> Rule:
    listed = ", ".join(f"\"{choice}\"" for choice in choices)
    return Rule(lambda value: value in choices, f"หนึ่งใน {listed} (one of {listed})")


TEXT = Rule(_is_text, "ข้อความที่ไม่ว่าง (non-empty text)")
OPTIONAL_TEXT = Rule(lambda value: _empty(value) or isinstance(value, str),
                     "ข้อความ หรือ \"\" (text, or empty)")
FOLDER = Rule(lambda value: _is_text(value) and os.path.isdir(value),
              "โฟลเดอร์ที่มีอยู่จริง (an existing folder)")
OPTIONAL_FILE = Rule(lambda value: _empty(value) or _is_text(value),
                     "ที่อยู่ของไฟล์ หรือ \"\" เพื่อไม่ใช้ (a file path, or empty to switch off)")
OPTIONAL_FOLDER = Rule(lambda value: _empty(value) or _is_text(value),
                       "ที่อยู่ของโฟลเดอร์ (ยังไม่มีโฟลเดอร์ก็ได้) หรือ \"\" เพื่อไม่ใช้ "
                       "(a folder path, or empty to switch off)")
WEB_ADDRESS = Rule(
    lambda value: _empty(value) or (isinstance(value, str)
                                    and re.fullmatch(r"https?://[^\s/]+\S*", value) is not None),
    "ที่อยู่เว็บที่ขึ้นต้นด้วย https:// หรือ http:// หรือ \"\" (a web address, or empty)")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
EMAIL = Rule(
    lambda value: _empty(value) or (isinstance(value, str) and _EMAIL.fullmatch(value) is not None),
    "อีเมลเช่น saraban@example.go.th หรือ \"\" (an e-mail address, or empty)")
SITE_URL = Rule(
    lambda value: _empty(value) or (isinstance(value, str)
                                    and re.fullmatch(r"https?://[^\s/]+\S*", value) is not None),
    "\"\" เมื่อสร้างดูในเครื่อง หรือที่อยู่เว็บไซต์เช่น https://example.go.th/ita "
    "(empty, or the site's address)")
RELATIVE_URL = Rule(
    lambda value: _is_text(value) and value.endswith("/") and not value.startswith("/")
    and "://" not in value and " " not in value,
    "ที่อยู่ภายในเว็บไซต์ที่ลงท้ายด้วย / และไม่ขึ้นต้นด้วย / เช่น \"search/\" "
    "(a path in the site ending with /)")
HTML_FILE = Rule(
    lambda value: _is_text(value) and value.endswith(".html") and not value.startswith("/")
    and ".." not in value.split("/"),
    "ไฟล์ .html ภายในเว็บไซต์ เช่น \"search/index.html\" (an .html file in the site)")
ZONE = Rule(lambda value: _is_text(value) and _known_zone(value),
                "ชื่อเขตเวลา เช่น \"Asia/Bangkok\" (a time zone name)")
BOOLEAN = Rule(lambda value: isinstance(value, bool), "True หรือ False")
FOLDER_NAMES = Rule(
    lambda value: isinstance(value, (list, tuple)) and bool(value)
    and all(_is_text(name) for name in value),
    "รายการชื่อโฟลเดอร์อย่างน้อยหนึ่งชื่อ เช่น [\"documents\"] (a list of folder names)")


EDITOR_BACKEND = Rule(
    lambda value: _empty(value) or not editor_config.backend_problem(value),
    "None หรือ dict ของ backend: name เป็น " + ", ".join(editor_config.BACKEND_NAMES)
    + " พร้อม repo (github/gitlab/gitea), base_url (gitea) หรือ proxy_url (proxy) "
    "(docs/editor.md)")


def slug_pattern(empty_allowed: bool = False) -> Rule:
    """A URL or file pattern that makes each document's address from its slug."""
    allowed = "รูปแบบที่มี {slug} และไม่ขึ้นต้นด้วย / เช่น \"documents/{slug}/\""
    allowed += (" หรือ \"\" เพื่อไม่สร้าง (a pattern containing {slug}, or empty)" if empty_allowed
                else " (a pattern containing {slug})")
    return Rule(lambda value: (empty_allowed and value == "") or (
        isinstance(value, str) and "{slug}" in value and not value.startswith("/")), allowed)


def _known_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


SETTINGS = (
    Setting("ORGANISATION", "ชื่อหน่วยงานเจ้าของเว็บไซต์ (แสดงทุกหน้า)", TEXT,
            "ORGANISATION = \"องค์การบริหารส่วนตำบล...\"", required=True),
    Setting("ORGANISATION_NOTE", "ข้อความแจ้งเพิ่มเติมเกี่ยวกับหน่วยงานที่แสดงทุกหน้า (เว้นว่างได้)",
            OPTIONAL_TEXT, "ORGANISATION_NOTE = \"\""),
    Setting("NUMERALS", "ตัวเลขในวันที่และปีบนหน้าเว็บ: thai (๑๖ พฤษภาคม ๒๕๖๘) "
            "หรือ arabic (16 พฤษภาคม 2568)", one_of("thai", "arabic"), "NUMERALS = \"thai\""),
    Setting("ITA_CATALOG_DIR", "โฟลเดอร์รายการข้อ ITA ของแต่ละปี (data/ita)", FOLDER,
            "ITA_CATALOG_DIR = os.path.join(ROOT, \"data\", \"ita\")", required=True),
    Setting("ORGANISATION_DATA", "ไฟล์ข้อมูลหน่วยงาน (data/organisation.yaml): ชื่อ โครงสร้าง ผู้บริหาร "
            "ข้อมูลการติดต่อ; \"\" = ไม่มีหน้าข้อมูลหน่วยงาน", OPTIONAL_FILE,
            "ORGANISATION_DATA = os.path.join(ROOT, \"data\", \"organisation.yaml\")"),
    Setting("PROCUREMENT_DIR", "โฟลเดอร์ทะเบียนการจัดซื้อจัดจ้าง (data/procurement) ไฟล์ละหนึ่งปีงบประมาณ; "
            "\"\" = ไม่มีหน้าสรุปผลการจัดซื้อจัดจ้าง", OPTIONAL_TEXT,
            "PROCUREMENT_DIR = os.path.join(ROOT, \"data\", \"procurement\")"),
    Setting("COMPLAINTS_DATA", "ไฟล์ข้อมูลช่องทางร้องเรียน (data/complaints.yaml); "
            "\"\" = ไม่มีหน้าร้องเรียน", OPTIONAL_FILE,
            "COMPLAINTS_DATA = os.path.join(ROOT, \"data\", \"complaints.yaml\")"),
    Setting("COMPLAINT_STATISTICS_DIR", "โฟลเดอร์สถิติเรื่องร้องเรียน ไฟล์ละหนึ่งปีงบประมาณ "
            "(data/complaints/statistics/2568.yaml); ยังไม่มีไฟล์ = ไม่มีหน้าสถิติ", OPTIONAL_FOLDER,
            "COMPLAINT_STATISTICS_DIR = "
            "os.path.join(ROOT, \"data\", \"complaints\", \"statistics\")"),
    Setting("COMPLAINTS_ONLINE_URL", "ที่อยู่เว็บของช่องทางร้องเรียนออนไลน์ (เว้นว่างได้)",
            WEB_ADDRESS, "COMPLAINTS_ONLINE_URL = \"https://www.nacc.go.th/\""),
    Setting("COMPLAINTS_ONLINE_LABEL", "ข้อความของลิงก์ช่องทางร้องเรียนออนไลน์ (เว้นว่างได้)",
            OPTIONAL_TEXT, "COMPLAINTS_ONLINE_LABEL = \"แจ้งเรื่องร้องเรียน...\""),
    Setting("COMPLAINTS_EMAIL", "อีเมลรับเรื่องร้องเรียน (เว้นว่างได้)", EMAIL,
            "COMPLAINTS_EMAIL = \"saraban@example.go.th\""),
    Setting("SEARCH_URL", "ที่อยู่ของหน้าค้นหา", RELATIVE_URL, "SEARCH_URL = \"search/\"",
            required=True),
    Setting("SEARCH_SAVE_AS", "ไฟล์ของหน้าค้นหาในเว็บไซต์ที่สร้าง", HTML_FILE,
            "SEARCH_SAVE_AS = \"search/index.html\"", required=True),
    Setting("EDITOR_BACKEND", "ที่เก็บเนื้อหาของหน้าแก้ไข /admin/ (None = ไม่มีหน้าแก้ไข)", EDITOR_BACKEND,
            "EDITOR_BACKEND = {\"name\": \"gitlab\", \"repo\": \"abt-example/website\", "
            "\"auth_type\": \"pkce\", \"app_id\": \"...\"}"),
    Setting("EDITOR_CHECK_URL", "ที่อยู่ตัวตรวจเอกสารก่อนบันทึก (invoke edit ตั้งให้เอง)", OPTIONAL_TEXT,
            "EDITOR_CHECK_URL = \"\""),
    # Pelican's own settings, in the shape the portal relies on.
    Setting("SITEURL", "ที่อยู่ของเว็บไซต์เมื่อเผยแพร่", SITE_URL, "SITEURL = \"\""),
    Setting("RELATIVE_URLS", "ลิงก์แบบสัมพัทธ์ (True เมื่อสร้างดูในเครื่อง)", BOOLEAN,
            "RELATIVE_URLS = True"),
    Setting("TIMEZONE", "เขตเวลาของวันที่บนเว็บไซต์", ZONE, "TIMEZONE = \"Asia/Bangkok\""),
    Setting("ARTICLE_PATHS", "โฟลเดอร์เอกสารใน content", FOLDER_NAMES,
            "ARTICLE_PATHS = [\"documents\"]"),
    Setting("PAGE_PATHS", "โฟลเดอร์หน้าข้อมูลหน่วยงานใน content", FOLDER_NAMES,
            "PAGE_PATHS = [\"pages\"]"),
    Setting("ARTICLE_URL", "ลิงก์ถาวรของเอกสาร (สร้างจาก slug เท่านั้น)", slug_pattern(),
            "ARTICLE_URL = \"documents/{slug}/\""),
    Setting("ARTICLE_SAVE_AS", "ไฟล์ของเอกสารแต่ละฉบับในเว็บไซต์ที่สร้าง", slug_pattern(),
            "ARTICLE_SAVE_AS = \"documents/{slug}/index.html\""),
    Setting("PAGE_URL", "ลิงก์ถาวรของหน้าข้อมูลหน่วยงาน", slug_pattern(), "PAGE_URL = \"{slug}/\""),
    Setting("PAGE_SAVE_AS", "ไฟล์ของหน้าข้อมูลหน่วยงานในเว็บไซต์ที่สร้าง", slug_pattern(),
            "PAGE_SAVE_AS = \"{slug}/index.html\""),
    Setting("DRAFT_URL", "ลิงก์ของเอกสารฉบับร่าง", slug_pattern(), "DRAFT_URL = \"drafts/{slug}/\""),
    Setting("DRAFT_SAVE_AS", "ไฟล์ของเอกสารฉบับร่าง (\"\" = ไม่สร้าง)", slug_pattern(True),
            "DRAFT_SAVE_AS = \"drafts/{slug}/index.html\""),
    Setting("DRAFT_PAGE_URL", "ลิงก์ของหน้าฉบับร่าง", slug_pattern(),
            "DRAFT_PAGE_URL = \"drafts/pages/{slug}/\""),
    Setting("DRAFT_PAGE_SAVE_AS", "ไฟล์ของหน้าฉบับร่าง (\"\" = ไม่สร้าง)", slug_pattern(True),
            "DRAFT_PAGE_SAVE_AS = \"drafts/pages/{slug}/index.html\""),
)
SETTINGS_BY_NAME = {setting.name: setting for setting in SETTINGS}
_OURS = [setting.name for setting in SETTINGS if setting.name not in DEFAULT_CONFIG]


def check(settings: dict, settings_file: str, overrides=None):
    """ContentErrorsFound listing every wrong setting, or None when all are right."""
    errors = []
    for setting in SETTINGS:
        if setting.name not in settings:
            if setting.required:
                path, line = locate(setting.name, settings_file)
                errors.append(content_errors.ContentError(
                    path, line,
                    f"ไม่มีค่าตั้ง {setting.name} ({setting.meaning}) (setting {setting.name} "
                    "is missing)", f"เพิ่มบรรทัด {setting.example}"))
            continue
        value = settings[setting.name]
        if not setting.rule.test(value):
            path, line = locate(setting.name, settings_file)
            given = " (ค่านี้ส่งมาแทนค่าในไฟล์: given in place of the file's)" \
                if setting.name in (overrides or {}) else ""
            errors.append(content_errors.ContentError(
                path, line,
                f"ค่าตั้ง {setting.name} ({setting.meaning}) เป็น {_shown(value)} ซึ่งใช้ไม่ได้: "
                f"ต้องเป็น{setting.rule.allowed}{given}",
                f"แก้บรรทัด {setting.name} = ... ใน {os.path.basename(path)} เช่น {setting.example}"))
    errors += _misspelt(settings, settings_file)
    return content_errors.ContentErrorsFound(errors) if errors else None


def _misspelt(settings: dict, settings_file: str) -> list:
    """A setting written with a name close to one of ours, which nothing reads
    (NUMERAL = "arabic" would leave the site in Thai digits without a word)."""
    errors = []
    for name in settings:
        if name in SETTINGS_BY_NAME or name in DEFAULT_CONFIG or not name.isupper():
            continue
        close = difflib.get_close_matches(name, _OURS, n=1, cutoff=0.85)
        if close:
            path, line = locate(name, settings_file)
            errors.append(content_errors.ContentError(
                path, line, f"ไม่รู้จักค่าตั้ง {name} (unknown setting)",
                f"หมายถึง {close[0]} หรือไม่: แก้ชื่อเป็น {close[0]}"))
    return errors


def unreadable(error: Exception, settings_file: str):
    """ContentErrorsFound for a settings file Python could not run: a typing
    mistake (SyntaxError names its file and line) or a name that is not defined."""
    path, line = settings_file, 1
    if isinstance(error, SyntaxError) and error.filename:
        path, line = error.filename, error.lineno or 1
    else:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if os.path.basename(frame.filename) in ("pelicanconf.py", "publishconf.py",
                                                          os.path.basename(settings_file))]
        if frames:
            path, line = frames[-1].filename, frames[-1].lineno or 1
    return content_errors.ContentErrorsFound([content_errors.ContentError(
        path, line,
        f"อ่านไฟล์ค่าตั้งไม่ได้ ({type(error).__name__}: {error}) "
        "(the settings file could not be read)",
        "ตรวจบรรทัดนี้: เครื่องหมายคำพูดและวงเล็บต้องครบคู่ และชื่อค่าตั้งต้องสะกดถูก "
        "แล้วสร้างเว็บไซต์ใหม่")])


def locate(name: str, settings_file: str) -> tuple[str, int]:
    """(file, line) where ``name`` is set: its last assignment in the settings
    file, else in the pelicanconf.py beside it that it extends (publishconf.py);
    line 1 of the settings file when neither assigns it by name."""
    candidates = [settings_file, os.path.join(os.path.dirname(settings_file), "pelicanconf.py")]
    for path in dict.fromkeys(candidates):
        try:
            with open(path, encoding="utf-8") as handle:
                tree = ast.parse(handle.read())
        except (OSError, SyntaxError, ValueError):
            continue
        lines = [node.lineno for node in ast.walk(tree)
                 if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign))
                 and any(isinstance(target, ast.Name) and target.id == name
                         for target in getattr(node, "targets", [getattr(node, "target", None)]))]
        if lines:
            return path, max(lines)
    return settings_file, 1


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
