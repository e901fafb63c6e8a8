"""Listings: the published documents grouped by type, fiscal year and division.

Owns the shape of every listing and the pages that show them:

- ``documents/`` (LISTINGS_URL): an overview linking every group;
- ``documents/type/<type key>/``: one page per document type, e.g. ``announcement``,
  and ``documents/type/<type key>/<fiscal year>/`` for each year that type has
  documents in (the news of one fiscal year is ITA evidence: "news-of-the-year");
- ``documents/year/<fiscal year>/``: one page per fiscal year (BE, Arabic digits);
  a document for a span of years (a 5-year plan) is listed in each year it covers;
- ``documents/division/<key>/``: one page per division (ส่วนราชการ/กอง); the key is
  derived from the division's name only, so it does not move when others are added;
- ``404.html``: the page a web server shows for a missing address.

It also puts in the template context what the home page and the layout need:
``listings`` (the groups), ``latest_announcements`` and ``site_pages`` (the
information pages the layout links by slug: complaints, accessibility, privacy).
Templates only present these; nothing here decides how they look. Pelican's
own category pages, which these replace, are switched off, and so is the
work Pelican would do for them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from pelican import signals
from pelican.generators import Generator

from portal import ita_catalog, outputs
from portal.front_matter.schema import DOCUMENT_TYPES, FiscalYears, announcements
from portal.ita_catalog.coverage import DocumentFacts

LISTINGS_URL = "documents/"
LATEST_ANNOUNCEMENTS = 5
NEWS_OF_THE_YEAR = "news-of-the-year"  # the news listings' name in the ITA catalogs
# Information pages the layout links when they exist (slug -> context name).
LINKED_PAGES = ("complaints", "accessibility", "privacy", "about", "contact", "procurement")


@dataclass
class Listing:
    kind: str  # "type", "year" or "division"
    key: str  # the last part of the URL
    label: str  # Thai heading, e.g. "ประกาศ", "ปีงบประมาณ พ.ศ. 2568", "กองคลัง"
    documents: list = field(default_factory=list)
    year: int | None = None  # a type's listing of one fiscal year
    years: list = field(default_factory=list)  # a type's listings by fiscal year, newest first

    @property
    def url(self) -> str:
        return f"{LISTINGS_URL}{self.kind}/{self.key}/"

    @property
    def save_as(self) -> str:
        return self.url + "index.html"


@dataclass
class Listings:
    url: str
    by_type: list  # [Listing], in the schema's order of types
    by_year: list  # newest fiscal year first
    by_division: list  # in Thai dictionary order
    type_of: dict  # type key -> Listing

    def all(self):
        return [*self.by_type, *(year for listing in self.by_type for year in listing.years),
                *self.by_year, *self.by_division]


def division_key(name: str) -> str:
    """A short key that depends on the division's name only."""
    return "d" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


_LEADING_VOWEL = re.compile("([เแโใไ])([ก-ฮ])")


def thai_sort_key(text: str) -> str:
    """Dictionary order: a leading vowel (เ แ โ ใ ไ) sorts after its consonant."""
    return _LEADING_VOWEL.sub(r"\2\1", text)


def shape(articles) -> Listings:
    """Group published documents; each group keeps the newest-first order given."""
    by_type = {t.key: Listing("type", t.key, t.label)
               for t in DOCUMENT_TYPES if not t.is_page}
    by_year, by_division, by_type_year = {}, {}, {}
    for document in articles:
        doc_type = getattr(document, "doc_type", None)
        typed = doc_type is not None and doc_type.key in by_type
        if typed:
            by_type[doc_type.key].documents.append(document)
        years = getattr(document, "fiscal_year", None)
        for year in (years or ()):
            listing = by_year.setdefault(
                year, Listing("year", str(year), f"ปีงบประมาณ พ.ศ. {year}"))
            listing.documents.append(document)
            if typed:
                by_type_year.setdefault((doc_type.key, year), Listing(
                    "type", f"{doc_type.key}/{year}",
                    f"{doc_type.label} ปีงบประมาณ พ.ศ. {year}", year=year,
                )).documents.append(document)
        division = getattr(document, "division", "")
        if division:
            key = division_key(division)
            by_division.setdefault(key, Listing("division", key, division))
            by_division[key].documents.append(document)
    for (key, _year), listing in sorted(by_type_year.items(), key=lambda pair: -pair[0][1]):
        by_type[key].years.append(listing)
    # Only listings with documents exist: a draft links to its type's listing
    # only when a published document of that type made one.
    by_type = {key: listing for key, listing in by_type.items() if listing.documents}
    return Listings(
        url=LISTINGS_URL,
        by_type=list(by_type.values()),
        by_year=[by_year[year] for year in sorted(by_year, reverse=True)],
        by_division=sorted(by_division.values(), key=lambda item: thai_sort_key(item.label)),
        type_of=by_type,
    )


class ListingsGenerator(Generator):
    """Shapes the listings after the documents are read, then writes their pages."""

    def generate_context(self):
        outputs.reserve(LISTINGS_URL, "หน้ารวมเอกสาร", exact=True)
        for kind, what in (("type", "ประเภท"), ("year", "ปีงบประมาณ"), ("division", "ส่วนราชการ")):
            outputs.reserve(f"{LISTINGS_URL}{kind}/",
                                   f"รายการเอกสารตาม{what}")
        outputs.reserve("404.html", "หน้าไม่พบ (404)", exact=True)
        articles = self.context.get("articles", [])
        listings = shape(articles)
        self.context["listings"] = listings
        # Titles with Arabic digits, as the ITA exports for the ITAS system need them.
        for listing in listings.type_of.get("news", Listing("type", "news", "")).years:
            ita_catalog.offer(NEWS_OF_THE_YEAR, DocumentFacts(
                listing.label, listing.url, FiscalYears(listing.year, listing.year), None, False))
        self.context["latest_announcements"] = announcements(articles)[:LATEST_ANNOUNCEMENTS]
        # Sections generated by other plugins (the complaints hub, ...) declare
        # themselves in context["section_links"]; an information page with the
        # same slug takes precedence.
        pages = {**self.context.get("section_links", {}),
                 **{page.slug: page for page in self.context.get("pages", [])}}
        self.context["site_pages"] = {slug: pages[slug] for slug in LINKED_PAGES
                                      if slug in pages}

    def generate_output(self, writer):
        relative = self.settings.get("RELATIVE_URLS", False)
        listings = self.context["listings"]
        writer.write_file(LISTINGS_URL + "index.html", self.get_template("documents"),
                          self.context, relative_urls=relative, url=LISTINGS_URL,
                          page_url=LISTINGS_URL)
        template = self.get_template("listing")
        for listing in listings.all():
            writer.write_file(listing.save_as, template, self.context,
                              relative_urls=relative, listing=listing, page_url=listing.url)
        writer.write_file("404.html", self.get_template("404"), self.context,
                          relative_urls=False, page_url=None)


def get_generators(pelican):
    return ListingsGenerator


class SkipsCategoryPages:
    """Mixin for Pelican's articles generator (site_build uses it): Pelican's
    category pages are switched off (CATEGORY_SAVE_AS = ""; these listings
    replace them), yet Pelican matches every article against every category's
    list before it finds it has nothing to write: 0.2 s at 5,000 documents,
    growing with their square."""

    def generate_categories(self, write):
        if self.settings.get("CATEGORY_SAVE_AS"):
            super().generate_categories(write)


def register():
    signals.get_generators.connect(get_generators)
