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

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

from portal import yaml_source

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
    def __init__(self, path: str, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.path, self.line, self.message, self.hint = path, line, message, hint


def load_catalogs(directory: str) -> dict[int, Catalog]:
    """Every catalog in ``directory``, keyed by ITA year.

    Raises CatalogError naming the file and line of the first mistake.
    """
    return dict(_load_all(os.path.abspath(directory), _directory_stamp(directory)))


def _directory_stamp(directory: str) -> tuple:
    # Cache key that changes whenever a catalog file is added, removed or edited,
    # so `invoke serve` picks up corrections without a restart.
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith(".yaml"))
    except FileNotFoundError:
        return ()
    return tuple((n, os.stat(os.path.join(directory, n)).st_mtime_ns) for n in names)


@lru_cache(maxsize=4)
def _load_all(directory: str, stamp: tuple) -> tuple:
    raw = {}
    for name, _mtime in stamp:
        path = os.path.join(directory, name)
        with open(path, encoding="utf-8") as handle:
            try:
                located = yaml_source.load(handle.read())
            except yaml_source.YamlSourceError as error:
                raise CatalogError(path, error.line, error.message, error.hint) from None
        year = _year(located, path, name)
        raw[year] = (path, located)
    catalogs = {}
    for year, (path, located) in sorted(raw.items()):
        catalogs[year] = _build(year, path, located, raw)
    return tuple(catalogs.items())


def _year(located, path, name) -> int:
    data = located.data if isinstance(located.data, dict) else {}
    year = str(data.get("year", ""))
    stem = os.path.splitext(name)[0]
    if not year.isdigit() or year != stem:
        raise CatalogError(
            path,
            located.line("year"),
            f"ช่อง year ต้องเป็นปี พ.ศ. เดียวกับชื่อไฟล์ ({stem}) (year must match file name)",
            f"เขียน year: {stem}",
        )
    return int(year)


def _build(year, path, located, raw) -> Catalog:
    data = located.data
    source_path, source = path, located
    if "items_from" in data:
        base = str(data["items_from"])
        if not base.isdigit() or int(base) not in raw or "items_from" in raw[int(base)][1].data:
            raise CatalogError(
                path,
                located.line("items_from"),
                f"items_from: {base} ต้องชี้ไปยังไฟล์ของปีที่มีรายการข้ออยู่จริง "
                "(items_from must name a catalog with its own items)",
            )
        source_path, source = raw[int(base)]
    catalog = Catalog(
        year=year,
        evaluates_fiscal_year=int(data.get("evaluates_fiscal_year") or year),
        source=str(source.data.get("source") or ""),
        path=path,
    )
    default_confirmed = _confirmed(source.data, source_path, source, ())
    indicators = source.data.get("indicators") or []
    for i, indicator in enumerate(indicators):
        for g, group in enumerate(indicator.get("groups") or []):
            group_confirmed = _confirmed(
                group, source_path, source, ("indicators", i, "groups", g)) and default_confirmed
            for n, entry in enumerate(group.get("items") or []):
                where = ("indicators", i, "groups", g, "items", n)
                item = _item(year, entry, indicator, group, (default_confirmed, group_confirmed),
                             source_path, source, where)
                if item.code in catalog.items:
                    raise CatalogError(
                        source_path, source.line(*where, "code"),
                        f"รหัส {item.code} ซ้ำในปี {year} (duplicate item code)")
                catalog.items[item.code] = item
    if not catalog.items:
        raise CatalogError(path, 1, f"ไฟล์ ITA ปี {year} ไม่มีรายการข้อ (no items)")
    return catalog


def _item(year, entry, indicator, group, confirmed, path, located, where) -> Item:
    code = normalise_code(entry.get("code", ""))
    if code is None:
        raise CatalogError(path, located.line(*where, "code"),
                           f"รหัสข้อ \"{entry.get('code')}\" ต้องอยู่ในรูป O1, O2, ... "
                           "(item code must look like O1)")
    period = entry.get("period")
    if period not in PERIODS:
        raise CatalogError(
            path, located.line(*where, "period"),
            f"ข้อ {code}: period \"{period}\" ไม่ถูกต้อง (unknown period)",
            "ใช้ current, previous หรือ first_half",
        )
    return Item(
        year=year,
        code=code,
        name=str(entry.get("name") or ""),
        period=period,
        indicator=(str(indicator.get("code")), str(indicator.get("name"))),
        group=(str(group.get("code")), str(group.get("name"))),
        components=tuple(str(c) for c in entry.get("components") or ()),
        confirmed=_confirmed(entry, path, located, where) and confirmed[0],
        group_confirmed=confirmed[1],
    )


def _confirmed(mapping, path, located, where) -> bool:
    """The yes/no word of ``confirmed``; yes when it is not written."""
    value = mapping.get("confirmed")
    if value is None:
        return True
    result = yaml_source.flag(value)
    if result is None:
        error = yaml_source.flag_error(value)
        raise CatalogError(path, located.line(*where, "confirmed"),
                           f"ช่อง confirmed: {error.message}", error.hint)
    return result


def register():
    from pelican import signals

    from . import pages

    signals.get_generators.connect(pages.get_generators)
