"""Complaints: the portal's pages on reporting corruption and misconduct, and the complaint form.

Owns ``data/complaints.yaml`` (setting ``COMPLAINTS_DATA``): the channels with
their contact details, how often each is checked and how fast it is answered;
the handling process with its time limits; what a complaint should contain,
what is not accepted and how the complainant is protected; and the complaint
form. From that one file it writes, at permanent URLs,

- ``complaints/``            how to complain (hub),
- ``complaints/channels/``   the channels table, the online channel and e-mail,
- ``complaints/process/``    the process as an ordered list and an SVG chart,
- ``complaints/form/``       the printable form, with ``complaint-form.pdf`` (A4, the
                             font embedded) and ``complaint-form.docx`` (editable) beside it;
- ``complaints/statistics/`` the years of complaint statistics, and for each year
                             ``complaints/statistics/<fiscal year>/``: tables by month and
                             by channel with computed totals, a bar chart, CSV and JSON
                             (``statistics``: one file per year in ``COMPLAINT_STATISTICS_DIR``;
                             no file, no such pages).

The online channel and e-mail come from ``COMPLAINTS_ONLINE_URL``,
``COMPLAINTS_ONLINE_LABEL`` and ``COMPLAINTS_EMAIL``. Each page is offered to
the ITA section as standing evidence (``ita_catalog.offer``) under its name in
the catalogs' ``answered_by`` ("complaints", "complaints/channels", ...), dated
by when the data was last confirmed (``reviewed`` or the file's last change);
each page lists the items it answers. Each year of statistics is offered as
evidence of that fiscal year (``answered_by: [complaints/statistics]``), a
year without complaints as an explicit "nothing to report".
``context["complaint_pages"]`` lists the pages with their URL and title.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

from pelican import signals
from pelican.generators import Generator

from portal import content_errors, git_dates, ita_catalog, outputs, thai_format
from portal.front_matter.schema import FiscalYears
from portal.ita_catalog import coverage
from portal.ita_catalog.coverage import DocumentFacts

from . import bar_chart, data, diagram, docx, pdf, statistics

FORM_FILE = "complaint-form"  # .pdf and .docx beside the form page
# The widths of the form's fill-in spaces ([6] = 6 characters) as CSS classes,
# in a stylesheet beside the form page: the Content-Security-Policy forbids
# style= attributes, and the widths are data, not theme.
FORM_WIDTHS_CSS = "form-widths.css"


def form_widths_css(form) -> str:
    widths = sorted({run.width for part in form.parts for line in part.lines
                     for run in line.runs if run.is_blank and run.width})
    return "".join(f".complaint-form .blank.w{width} {{ width: {width}ch; }}\n"
                   for width in widths)


@dataclass(frozen=True)
class ComplaintPage:
    """One generated page. ``ita``: the ita_catalog.Item tuple it is evidence for."""

    key: str
    title: str
    url: str
    save_as: str
    template: str
    ita: tuple = ()


@dataclass(frozen=True)
class Download:
    title: str
    url: str  # relative to the site root
    kind: str  # "PDF", "DOCX"
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass(frozen=True)
class StatisticsYear:
    """One fiscal year's statistics page, with what it shows."""

    page: ComplaintPage
    statistics: statistics.YearStatistics
    confirmed: datetime.date  # the file's reviewed date or last change, the later
    chart: str  # the SVG, "" when there is nothing to draw
    downloads: tuple  # the CSV and JSON (Download)


STATISTICS_URL = "complaints/statistics/"
STATISTICS_EVIDENCE = "complaints/statistics"  # its name in the catalogs' answered_by
STATISTICS_TITLE = "สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"


def evidence_name(key: str) -> str:
    """The page's name in the catalogs' ``answered_by`` (ita_catalog.ANSWERING_PAGES)."""
    return "complaints" if key == "hub" else f"complaints/{key}"


PAGES = (
    ("hub", "การร้องเรียนการทุจริตและประพฤติมิชอบ", "complaints/"),
    ("channels", "ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "complaints/channels/"),
    ("process", "ขั้นตอนการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "complaints/process/"),
    ("form", "แบบคำร้องเรียนการทุจริตและประพฤติมิชอบ", "complaints/form/"),
)


class ComplaintsGenerator(Generator):
    """Reads the data file with the other content; writes the pages and the PDF."""

    def generate_context(self):
        self.section = None
        path = self.settings.get("COMPLAINTS_DATA")
        if not path:
            return
        organisation = self.settings.get("ORGANISATION", "")

        section = data.load(path, organisation)
        if section is None:
            return
        form_title = section.form.title
        try:
            # Dated by its data file's last change, not by the build's time.
            changed = datetime.datetime.fromtimestamp(os.stat(path).st_mtime, datetime.UTC)
            form_pdf, laid = pdf.lay_out(section.form, form_title, organisation, created=changed)
        except pdf.LayoutError as error:
            content_errors.report(path, error.line, error.message, error.hint)
            return
        form_docx = docx.build(section.form, laid, form_title, organisation)
        self.section = section
        digits = self.settings.get("NUMERALS", "thai")
        catalogs = ita_catalog.load_catalogs_or_report(self.settings["ITA_CATALOG_DIR"],
                                                       content_errors.report)
        self.complaint_pages = {
            key: ComplaintPage(key, title, url, url + "index.html", f"complaints/{key}",
                               ita_catalog.items_answered_by(catalogs, evidence_name(key)))
            for key, title, url in PAGES
        }
        confirmed = max(filter(None, (section.reviewed,
                                      git_dates.file_changed(self.settings, path))))
        section.confirmed = confirmed
        for page in self.complaint_pages.values():
            ita_catalog.offer(evidence_name(page.key),
                              DocumentFacts.standing(page.title, page.url, confirmed))
        form_url = self.complaint_pages["form"].url + FORM_FILE
        self.downloads = (
            Download(form_title, form_url + ".pdf", "PDF", form_pdf),
            Download(form_title + " (แก้ไขได้)", form_url + ".docx", "DOCX", form_docx),
        )
        self.flow_svg = diagram.svg(section.process, self.complaint_pages["process"].title,
                                    lambda number: thai_format.numerals(number, digits))
        self.statistics_years = self._statistics(section, catalogs, digits)
        # The section menu: the four pages, and the statistics once there are any.
        self.menu_pages = dict(self.complaint_pages)
        if self.statistics_years:
            self.menu_pages["statistics"] = ComplaintPage(
                "statistics", STATISTICS_TITLE, STATISTICS_URL, STATISTICS_URL + "index.html",
                "complaints/statistics")
        self.context["complaint_pages"] = list(self.menu_pages.values())
        # The layout links sections by name (see portal/listings: site_pages).
        self.context.setdefault("section_links", {})["complaints"] = self.complaint_pages["hub"]
        for page in self.complaint_pages.values():
            outputs.reserve(page.url,
                                   f"หน้า \"{page.title}\" (จาก data/complaints.yaml) ")

    def _statistics(self, section, catalogs, digits) -> list[StatisticsYear]:
        """Each year's statistics page, offered as ITA evidence of its fiscal year."""
        outputs.reserve(STATISTICS_URL, "หน้าสถิติเรื่องร้องเรียน (จาก data/complaints/statistics)")
        years = statistics.load_all(self.settings.get("COMPLAINT_STATISTICS_DIR"),
                                    [channel.name for channel in section.channels])
        return [self._statistics_year(year, catalogs, digits) for year in years]

    def _statistics_year(self, year, catalogs, digits) -> StatisticsYear:
        def numerals(value):
            return thai_format.numerals(value, digits)

        url = f"{STATISTICS_URL}{year.fiscal_year}/"
        title = f"{STATISTICS_TITLE} ปีงบประมาณ พ.ศ. {numerals(year.fiscal_year)}"
        # The evidence title keeps Arabic digits, as the ITA exports for the ITAS system need.
        facts = DocumentFacts(f"{STATISTICS_TITLE} ปีงบประมาณ พ.ศ. {year.fiscal_year}", url,
                              FiscalYears(year.fiscal_year, year.fiscal_year), None,
                              year.nothing_to_report, data_period=year.period)
        ita_catalog.offer(STATISTICS_EVIDENCE, facts)
        # The page names the items it is evidence for: those whose period it fits.
        answers = tuple(item for item in ita_catalog.items_answered_by(catalogs,
                                                                       STATISTICS_EVIDENCE)
                        if coverage.evidence_for(item, catalogs[item.year].evaluates_fiscal_year,
                                                 facts).fits)
        page = ComplaintPage(f"statistics/{year.fiscal_year}", title, url, url + "index.html",
                             "complaints/statistics_year", answers)
        files = f"{url}complaint-statistics-{year.fiscal_year}"
        downloads = (
            Download(f"ไฟล์ CSV: {title}", files + ".csv", "CSV", statistics.to_csv(year)),
            Download(f"ไฟล์ JSON: {title}", files + ".json", "JSON",
                     statistics.to_json(year, self.settings.get("ORGANISATION", ""))),
        )
        chart = "" if year.nothing_to_report else bar_chart.svg(
            year.months, f"แผนภูมิแท่งจำนวนเรื่องร้องเรียนรายเดือน ปีงบประมาณ พ.ศ. "
                         f"{numerals(year.fiscal_year)}", numerals)
        confirmed = max(filter(None, (year.reviewed,
                                      git_dates.file_changed(self.settings, year.path))))
        return StatisticsYear(page, year, confirmed, chart, downloads)

    def _source_url(self) -> str:
        slug = self.section.source.get("document")
        for article in self.context.get("articles", ()):
            if slug and getattr(article, "slug", None) == slug:
                return article.url
        return ""

    def generate_output(self, writer):
        if self.section is None:
            return
        source_url = self._source_url()
        for page in self.complaint_pages.values():
            writer.write_file(
                page.save_as, self.get_template(page.template), self.context,
                relative_urls=self.settings.get("RELATIVE_URLS", False), url=page.url,
                complaints=self.section, complaint_page=page, complaint_pages=self.menu_pages,
                complaints_source_url=source_url, complaints_flow_svg=self.flow_svg,
                complaints_downloads=self.downloads, form_widths_css=FORM_WIDTHS_CSS,
            )
        self._write_statistics(writer, source_url)
        widths_css = (self.complaint_pages["form"].url + FORM_WIDTHS_CSS,
                      form_widths_css(self.section.form).encode("utf-8"))
        for url, content in [(d.url, d.content) for d in self.downloads] + [widths_css]:
            outputs.write_output(self.settings, url, content, self.section.path,
                                        self.section.form.parts[0].line, "แบบคำร้องเรียน")


    def _write_statistics(self, writer, source_url) -> None:
        if not self.statistics_years:
            return
        pages = [(self.menu_pages["statistics"], None)]
        pages += [(year.page, year) for year in self.statistics_years]
        for page, year in pages:
            writer.write_file(
                page.save_as, self.get_template(page.template), self.context,
                relative_urls=self.settings.get("RELATIVE_URLS", False), url=page.url,
                complaints=self.section, complaint_page=page, complaint_pages=self.menu_pages,
                complaints_source_url=source_url, statistics_years=self.statistics_years,
                statistics_year=year, nothing_statement=statistics.NONE_STATEMENT)
        for year in self.statistics_years:
            for download in year.downloads:
                outputs.write_output(self.settings, download.url, download.content,
                                     year.statistics.path, year.statistics.line,
                                     "สถิติเรื่องร้องเรียน")


def get_generators(_pelican):
    return ComplaintsGenerator


def register():
    signals.get_generators.connect(get_generators)
