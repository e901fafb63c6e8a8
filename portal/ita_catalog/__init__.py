"""ITA catalog: the NACC's OIT item lists, one data file per ITA year.

Owns reading ``data/ita/<year>.yaml`` (setting ``ITA_CATALOG_DIR``) into
``Catalog`` objects keyed by (ITA year, item code), and answering whether a
code exists for a year. Adding ITA 2570 is adding ``2570.yaml``; nothing here
lists items. Mistakes in a catalog file are content errors like any other.

As a Pelican plugin it also owns the ITA section of the site: each item's
status computed from the published documents (``coverage``: the period rules
are written there), the year and item pages with permanent URLs and the
machine-readable exports (``pages``, ``export``). Every item knows its page's
URL (``Item.url``, ``ita/<year>/<code>/``), so any template can link to it.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

from portal import thai_format, yaml_source
from portal.build_state import current
from portal.yaml_source import FieldError, Problem

PERIODS = {
    "current": "ข้อมูลของปีงบประมาณที่ประเมิน",
    "previous": "ข้อมูลของปีงบประมาณก่อนหน้า",
    "first_half": "ข้อมูล ๖ เดือนแรกของปีงบประมาณที่ประเมิน (ต.ค.-มี.ค.)",
}

# Permanent URLs of the ITA section: they depend on the year and code only.
INDEX_URL = "ita/"
YEAR_URL = "ita/{year}/"
ITEM_URL = "ita/{year}/{code}/"

_CODE = re.compile(r"^[Oo]\s*(\d{1,2})$")


def normalise_code(text: str) -> str | None:
    """'o16', 'O 16' or 'O16' -> 'O16'; None when it is not an OIT code."""
    match = _CODE.match(str(text).strip())
    return f"O{int(match[1])}" if match else None


@dataclass(frozen=True)
class Item:
    year: int
    code: str
    name: str
    period: str
    indicator: tuple[str, str]  # (code, name)
    group: tuple[str, str]
    components: tuple[str, ...] = ()
    confirmed: bool = True  # the item's name was checked against the NACC manual
    group_confirmed: bool = True  # so was its place under the indicator
    # Pages the portal generates from its data that answer the item (ANSWERING_PAGES keys).
    answered_by: tuple[str, ...] = ()

    @property
    def number(self) -> int:
        return int(self.code[1:])

    @property
    def url(self) -> str:
        """The item's page, relative to the site root, e.g. ita/2569/o16/."""
        return ITEM_URL.format(year=self.year, code=self.code.lower())

    @property
    def period_label(self) -> str:
        return PERIODS[self.period]


@dataclass
class Catalog:
    year: int
    evaluates_fiscal_year: int
    source: str
    path: str
    items: dict[str, Item] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return YEAR_URL.format(year=self.year)


class CatalogError(Exception):
    """Mistakes in the catalog files: ``problems`` lists every one as (path,
    yaml_source.Problem); ``path``, ``line``, ``message`` and ``hint`` are the first's."""

    def __init__(self, problems: list):
        path, first = problems[0]
        super().__init__(first.message)
        self.problems = list(problems)
        self.path, self.line, self.message, self.hint = path, first.line, first.message, first.hint


# The keys each mapping of a catalog file may have.
TOP_KEYS = ("year", "evaluates_fiscal_year", "items_from", "source", "confirmed", "indicators")
INDICATOR_KEYS = ("code", "name", "groups")
GROUP_KEYS = ("code", "name", "confirmed", "items")
ITEM_KEYS = ("code", "name", "period", "components", "confirmed", "answered_by")

# The pages the portal generates from its data files, by the name a catalog's
# ``answered_by`` gives them; the plugin that writes a page offers it as
# evidence under this name (``offer``), dated by when its data was confirmed.
ANSWERING_PAGES = {
    "about/structure": "หน้าโครงสร้างหน่วยงาน (about/structure/) จาก data/organisation.yaml",
    "about/duties": "หน้าอำนาจหน้าที่ (about/duties/) จาก data/organisation.yaml",
    "about/executives": "หน้าผู้บริหาร (about/executives/) จาก data/organisation.yaml",
    "contact": "หน้าติดต่อหน่วยงาน (contact/) จาก data/organisation.yaml",
    "complaints": "หน้าการร้องเรียน (complaints/) จาก data/complaints.yaml",
    "complaints/channels": "หน้าช่องทางร้องเรียน (complaints/channels/) จาก data/complaints.yaml",
    "complaints/process": "หน้าขั้นตอนการจัดการเรื่องร้องเรียน (complaints/process/)",
    "complaints/form": "หน้าแบบคำร้องเรียน (complaints/form/)",
    "procurement/monthly": "สรุปผลการจัดซื้อจัดจ้างรายเดือน (procurement/<ปี>/<เดือน>/) "
                           "จาก data/procurement/<ปี>.csv",
    "procurement/yearly": "รายงานสรุปผลการจัดซื้อจัดจ้างประจำปี (procurement/<ปี>/) "
                          "จาก data/procurement/<ปี>.csv",
    "complaints/statistics": "หน้าสถิติเรื่องร้องเรียนของแต่ละปีงบประมาณ "
                             "(complaints/statistics/<ปี>/) จาก data/complaints/statistics/<ปี>.yaml "
                             "(นับตามปีงบประมาณของไฟล์)",
    "news-of-the-year": "รายการข่าวประชาสัมพันธ์ของปีงบประมาณ (documents/type/news/<ปี>/) "
                        "เมื่อปีนั้นมีข่าว",
}


def load_catalogs(directory: str) -> dict[int, Catalog]:
    """Every catalog in ``directory``, keyed by ITA year.

    The same objects while the files are the same. Raises CatalogError naming
    the file and line of every mistake.
    """
    return dict(_load_all(os.path.abspath(directory), directory_stamp(directory)))


def load_catalogs_or_report(directory: str, report) -> dict[int, Catalog]:
    """Every catalog, or {} after each mistake in the files went to
    ``report(path, line, message, hint)`` (content_errors.report in a build).

    What a build uses: the document reader, the ITA pages and the complaints
    section all load the catalogs here, so their mistakes are told one way.
    """
    try:
        return load_catalogs(directory)
    except CatalogError as error:
        for path, problem in error.problems:
            report(path, problem.line, problem.message, problem.hint)
        return {}


def directory_stamp(directory: str) -> tuple:
    """Changes whenever a catalog file is added, removed or edited: the cache
    key of the loaded catalogs (and of whatever was read with them), so that
    `invoke serve` picks up corrections without a restart."""
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith(".yaml"))
    except FileNotFoundError:
        return ()
    return tuple((n, os.stat(os.path.join(directory, n)).st_mtime_ns) for n in names)


def evidence_items(value, catalogs: dict) -> tuple[Item, ...]:
    """The catalog items an ``ita`` value names (ITA year -> item codes), as
    written in front matter or data/complaints.yaml. A wrong value raises
    yaml_source.FieldError, ``where`` being the path below ``value``."""
    example = "เช่น\n      2569: [O16, O17]"
    if not isinstance(value, dict) or not value:
        raise FieldError(
            "ต้องระบุปี ITA แล้วตามด้วยรหัสข้อ (must map ITA year to item codes)", example)
    refs = []
    for year_text, codes in value.items():
        year_digits = thai_format.arabic_digits(year_text)
        if not year_digits.isdigit():
            raise FieldError(f"\"{year_text}\" ไม่ใช่ปี ITA (not an ITA year)", example, (year_text,))
        year = int(year_digits)
        if year not in catalogs:
            known = ", ".join(str(y) for y in sorted(catalogs))
            raise FieldError(
                f"ไม่มีรายการข้อ ITA ของปี {year} (no catalog for ITA {year})",
                f"ปีที่มี: {known} (เพิ่มปีใหม่ได้ที่ data/ita/{year}.yaml)", (year_text,))
        for code_text in codes if isinstance(codes, list) else [codes]:
            code = normalise_code(code_text or "")
            if code is None or code not in catalogs[year].items:
                last = max(catalogs[year].items.values(), key=lambda item: item.number)
                raise FieldError(
                    f"ITA ปี {year} ไม่มีข้อ \"{code_text}\" (no such item in ITA {year})",
                    f"รหัสข้อของปี {year} คือ O1 ถึง {last.code}", (year_text,))
            refs.append(catalogs[year].items[code])
    return tuple(dict.fromkeys(refs))


# ------------------------------------------------------------------ reading the files


@lru_cache(maxsize=4)
def _load_all(directory: str, stamp: tuple) -> tuple:
    problems = []  # (path, Problem) of every file
    read = []  # (path, Fields) of every file read as YAML
    files = {}  # year -> (path, Fields) of the files whose year is right
    for name, _mtime in stamp:
        path = os.path.join(directory, name)
        fields = _read(path)
        if isinstance(fields, Problem):
            problems.append((path, fields))
            continue
        read.append((path, fields))
        year = fields.attempt(_year, fields, name)
        if year is not None:
            files[year] = (path, fields)
    catalogs = {year: _catalog(year, path, fields)
                for year, (path, fields) in sorted(files.items())}
    for year, (_path, fields) in files.items():
        if "items_from" in fields.data:
            fields.attempt(_items_from, fields, catalogs[year], catalogs, files)
    problems += [(path, problem) for path, fields in read for problem in fields.problems]
    if problems:
        raise CatalogError(problems)
    return tuple(catalogs.items())


def _read(path: str):
    """The file's Fields, or a Problem when it cannot be read as YAML."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        return Problem(1, "ไฟล์ไม่ได้บันทึกเป็น UTF-8 (file is not UTF-8)",
                       "บันทึกไฟล์ใหม่ด้วยการเข้ารหัส UTF-8")
    except OSError:
        return Problem(1, "อ่านไฟล์ไม่ได้ (cannot read the file)",
                       "ตรวจว่าไฟล์มีอยู่และเปิดอ่านได้")
    try:
        located = yaml_source.load(text)
    except yaml_source.YamlSourceError as error:
        return Problem(error.line, error.message, error.hint)
    if not isinstance(located.data, dict):
        return Problem(located.line(), "ไฟล์ ITA ต้องเป็นชุดของ ชื่อช่อง: ค่า "
                                       "(a catalog is key: value lines)",
                       "เริ่มจากไฟล์ของปีก่อนหน้าในโฟลเดอร์ data/ita")
    return yaml_source.Fields(located)


def _year(fields: yaml_source.Fields, name: str) -> int:
    fields.mapping((), TOP_KEYS, "ไฟล์ ITA")
    year = str(fields.data.get("year", ""))
    stem = os.path.splitext(name)[0]
    if not year.isdigit() or year != stem:
        raise FieldError(
            f"ช่อง year ต้องเป็นปี พ.ศ. เดียวกับชื่อไฟล์ ({stem}) (year must match file name)",
            f"เขียน year: {stem}", ("year",))
    return int(year)


def _catalog(year: int, path: str, fields: yaml_source.Fields) -> Catalog:
    """The catalog of one file, with its own items (those of items_from come later)."""
    evaluates = fields.attempt(_fiscal_year, fields, default=None) or year
    catalog = Catalog(year, evaluates, fields.attempt(fields.text, ("source",), False, default=""),
                      path)
    if "items_from" in fields.data:
        return catalog
    confirmed = fields.attempt(fields.flag, ("confirmed",), True, default=True)
    for i, _ in enumerate(fields.attempt(fields.items, ("indicators",), "ตัวชี้วัด", default=[])):
        where = ("indicators", i)
        if fields.attempt(fields.mapping, where, INDICATOR_KEYS, "ตัวชี้วัด") is None:
            continue
        indicator = _code_and_name(fields, where)
        for g, _ in enumerate(fields.attempt(fields.items, where + ("groups",), "กลุ่มข้อ",
                                             default=[])):
            _group(fields, where + ("groups", g), catalog, indicator, confirmed)
    return catalog


def _fiscal_year(fields: yaml_source.Fields) -> int | None:
    text = fields.text(("evaluates_fiscal_year",), required=False)
    if text and not (text.isdigit() and len(text) == 4):
        raise FieldError(f"evaluates_fiscal_year \"{text}\" ต้องเป็นปี พ.ศ. 4 หลัก "
                         "(a Buddhist Era year)", "เช่น evaluates_fiscal_year: 2569",
                         ("evaluates_fiscal_year",))
    return int(text) if text else None


def _code_and_name(fields: yaml_source.Fields, where: tuple) -> tuple[str, str]:
    return (fields.attempt(fields.text, where + ("code",), default=""),
            fields.attempt(fields.text, where + ("name",), default=""))


def _group(fields, where, catalog, indicator, confirmed) -> None:
    if fields.attempt(fields.mapping, where, GROUP_KEYS, "กลุ่มข้อ") is None:
        return
    group = _code_and_name(fields, where)
    group_confirmed = fields.attempt(fields.flag, where + ("confirmed",), True, default=True)
    for n, _ in enumerate(fields.attempt(fields.items, where + ("items",), "ข้อ", default=[])):
        spot = where + ("items", n)
        if fields.attempt(fields.mapping, spot, ITEM_KEYS, "ข้อ") is None:
            continue
        code = fields.attempt(_code, fields, spot + ("code",))
        period = fields.attempt(_period, fields, spot + ("period",), code)
        name = fields.attempt(fields.text, spot + ("name",))
        components = fields.attempt(fields.texts, spot + ("components",), False, default=())
        item_confirmed = fields.attempt(fields.flag, spot + ("confirmed",), True, default=True)
        answered_by = fields.attempt(_answered_by, fields, spot + ("answered_by",), default=())
        if None in (code, period, name):
            continue
        if code in catalog.items:
            fields.report(spot + ("code",), f"รหัส {code} ซ้ำในปี {catalog.year} "
                                            "(duplicate item code)", "แก้รหัสข้อให้ไม่ซ้ำกัน")
            continue
        catalog.items[code] = Item(
            catalog.year, code, name, period, indicator, group, components,
            confirmed=confirmed and item_confirmed, group_confirmed=confirmed and group_confirmed,
            answered_by=answered_by)


def _answered_by(fields: yaml_source.Fields, where: tuple) -> tuple[str, ...]:
    names = fields.texts(where, required=False)
    for name in names:
        if name not in ANSWERING_PAGES:
            choices = "\n".join(f"  {key}: {what}" for key, what in ANSWERING_PAGES.items())
            raise FieldError(f"answered_by: ไม่มีหน้า \"{name}\" ที่ระบบสร้าง "
                             "(no generated page of that name)", "ใช้ชื่อใดชื่อหนึ่งต่อไปนี้\n" + choices,
                             where)
    return names


def items_answered_by(catalogs: dict, page: str) -> tuple[Item, ...]:
    """The items of every catalog that the generated page ``page`` answers."""
    return tuple(item for year in sorted(catalogs) for item in catalogs[year].items.values()
                 if page in item.answered_by)


OFFERED = "ita_catalog.offered"


def offer(page: str, facts) -> None:
    """A generated page offered as evidence (coverage.DocumentFacts) for the items
    whose ``answered_by`` names ``page``; called in a generator's generate_context,
    before the ITA section's (its plugin comes later in PLUGINS)."""
    current().value(OFFERED, dict).setdefault(page, []).append(facts)


EXPECTED = "ita_catalog.expected"


def expect(page: str, missing) -> None:
    """A generated series that a period expects item by item (a summary each month):
    ``missing(fiscal_year, today)`` lists in Thai what it still lacks for that year,
    for ``invoke check --ita <year> --due``."""
    current().value(EXPECTED, dict)[page] = missing


def still_missing(item: Item, fiscal_year: int, today) -> list[str]:
    """What the series answering ``item`` still lack for ``fiscal_year`` (see ``expect``)."""
    expected = current().value(EXPECTED, dict)
    return [line for page in item.answered_by if page in expected
            for line in expected[page](fiscal_year, today)]


def offered() -> dict:
    """page name -> [DocumentFacts] offered in this build."""
    return current().value(OFFERED, dict)


def _code(fields: yaml_source.Fields, where: tuple) -> str:
    text = fields.text(where)
    code = normalise_code(text)
    if code is None:
        raise FieldError(f"รหัสข้อ \"{text}\" ต้องอยู่ในรูป O1, O2, ... "
                         "(item code must look like O1)", "เช่น code: O16", where)
    return code


def _period(fields: yaml_source.Fields, where: tuple, code) -> str:
    period = fields.text(where)
    if period not in PERIODS:
        raise FieldError(f"ข้อ {code or ''}: period \"{period}\" ไม่ถูกต้อง (unknown period)",
                         "ใช้ current, previous หรือ first_half", where)
    return period


def _items_from(fields, catalog: Catalog, catalogs: dict, files: dict) -> None:
    """The items of the year named by items_from, as this year's."""
    base = fields.text(("items_from",))
    if not base.isdigit() or int(base) not in catalogs or "items_from" in files[int(base)][1].data:
        raise FieldError(f"items_from: {base} ต้องชี้ไปยังไฟล์ของปีที่มีรายการข้ออยู่จริง "
                         "(items_from must name a catalog with its own items)",
                         "เขียนปีของไฟล์ที่มีรายการข้อ เช่น items_from: 2566", ("items_from",))
    source = catalogs[int(base)]
    catalog.source = catalog.source or source.source
    catalog.items.update((code, dataclasses.replace(item, year=catalog.year))
                         for code, item in source.items.items())


def register():
    from pelican import signals

    from . import pages

    signals.get_generators.connect(pages.get_generators)
