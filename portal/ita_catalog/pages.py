"""The ITA section of the site: a Pelican generator.

Writes, for every ITA year that has a catalog, pages whose URLs depend only on
the year and the item code (never on documents), so that URLs submitted to the
NACC keep working:

- ``ita/``                 the ITA years
- ``ita/<year>/``          every item grouped by indicator and sub-indicator
- ``ita/<year>/<code>/``   one item: what it asks, its checklist, its evidence
- ``ita/<year>/oit.json`` and ``oit.csv``: the same table for the ITAS system

Statuses come from ``coverage``; templates only present them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pelican.generators import Generator

from portal import content_errors, outputs, rebuild

from . import INDEX_URL, PERIODS, Catalog, export, load_catalogs_or_report, offered
from . import coverage as cov


@dataclass(eq=False)  # compared and hashed by identity (the exports' cache)
class YearCoverage:
    catalog: Catalog
    rows: list  # coverage.ItemCoverage, catalog order
    indicators: list  # coverage.Indicator
    counts: dict  # status -> number of items

    @property
    def year(self) -> int:
        return self.catalog.year

    @property
    def url(self) -> str:
        return self.catalog.url

    @property
    def json_url(self) -> str:
        return self.catalog.url + export.JSON_NAME

    @property
    def csv_url(self) -> str:
        return self.catalog.url + export.CSV_NAME


def published_documents(context) -> list:
    """Published documents and pages (drafts are never evidence)."""
    return list(context.get("articles", ())) + list(context.get("pages", ()))


def years_coverage(catalogs: dict, naming: dict) -> list[YearCoverage]:
    """Every ITA year's coverage, the newest year first.

    The coverage is a function of the catalogs and of the facts of the
    documents that name items: while both are as in the previous build (serve
    rebuilds, where most saves change no title, URL, date or item), that
    build's coverage is handed out again, the same objects (rebuild.kept).
    """
    catalogs = tuple(catalogs[year] for year in sorted(catalogs, reverse=True))

    def make():
        years = []
        for catalog in catalogs:
            rows = cov.catalog_coverage(catalog, naming)
            years.append(YearCoverage(catalog, rows, cov.grouped(rows), cov.counts(rows)))
        return years

    # load_catalogs hands out the same objects while the files are the same.
    years = rebuild.kept(COVERAGE, "years", make, lambda _key, _years: _Inputs(catalogs, naming))
    # A rebuild's pages showing it need not hash it anew.
    rebuild.unchanging(years, *years, *(row for year in years for row in year.rows))
    return years


class _Inputs:
    """The catalogs (compared by identity) and the documents' facts (by value)."""

    def __init__(self, catalogs, naming):
        self.catalogs, self.naming = catalogs, naming

    def __eq__(self, other):
        return (len(self.catalogs) == len(other.catalogs) and self.naming == other.naming
                and all(now is before for now, before in zip(self.catalogs, other.catalogs,
                                                             strict=True)))


COVERAGE = "ita_catalog.coverage"


@lru_cache(maxsize=16)  # a coverage handed out again has its exports made already
def _export_files(year: YearCoverage, site_url: str, organisation: str) -> dict:
    return {
        export.JSON_NAME: export.to_json(year.catalog, year.rows, site_url,
                                         organisation).encode("utf-8"),
        export.CSV_NAME: export.to_csv(year.rows, site_url).encode("utf-8-sig"),
    }


class ItaGenerator(Generator):
    """Computes every ITA year's coverage, then writes its pages and exports."""

    def generate_context(self):
        catalogs = load_catalogs_or_report(self.settings["ITA_CATALOG_DIR"], content_errors.report)
        naming = cov.with_offered_pages(cov.documents_by_item(published_documents(self.context)),
                                        catalogs, offered())
        self.years = years_coverage(catalogs, naming)
        # For the home page and any template that lists the years.
        self.context["ita_years"] = self.years
        self.context["ITA_INDEX_URL"] = INDEX_URL
        outputs.reserve(INDEX_URL, "หน้า ITA")

    def _write(self, writer, save_as, template, **values):
        writer.write_file(save_as, self.get_template(template), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"],
                          periods=PERIODS, status_labels=cov.STATUS_LABELS,
                          status_rules=cov.STATUS_RULES, period_rules=cov.PERIOD_RULES,
                          **values)

    def generate_output(self, writer):
        self._write(writer, INDEX_URL + "index.html", "ita_index", ita_years=self.years)
        site_url = self.settings.get("SITEURL", "")
        organisation = self.settings.get("ORGANISATION", "")
        for year in self.years:
            self._write(writer, year.url + "index.html", "ita_year", ita=year)
            for row in year.rows:
                self._write(writer, row.item.url + "index.html", "ita_item", ita=year, row=row)
            for name, data in _export_files(year, site_url, organisation).items():
                outputs.write_output(self.settings, year.url.strip("/") + "/" + name, data,
                                            year.catalog.path, 1, "รายการตรวจ ITA")


def get_generators(_pelican):
    return ItaGenerator
