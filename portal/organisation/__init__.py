"""Organisation: the standing information every อปท. site carries, from one data file.

Owns ``data/organisation.yaml`` (setting ``ORGANISATION_DATA``; None or a
missing file: no such pages): the organisation's name, address, phones,
e-mail, office hours and map link, its history, vision and missions, its
structure (the executive, the council, the permanent administration and
the divisions with their heads and duties) and its legal duties. From it:

- ``about/``              history, vision and missions, with links to the rest;
- ``about/structure/``    the structure chart as nested lists (its own text
                          equivalent), each division's duties;
- ``about/duties/``       the legal duties with their legal basis;
- ``about/executives/``   the executives of both sides, with photos and contacts;
- ``contact/``            address, ``tel:`` and ``mailto:`` links, hours, map,
                          where to ask and where to complain;
- the photos beside the data file, published under ``about/photos/``.

The name replaces the ``ORGANISATION`` setting (and within ``SITENAME``), so
every page and document shows the one the data file gives; a document of the
organisation itself must name one of its divisions (``division``). Each page
is offered to the ITA section as standing evidence (``ita_catalog.offer``),
dated by when its data was last confirmed: the file's ``reviewed`` date or
its last change, whichever is later, shown on each page ("ข้อมูล ณ วันที่").
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from pelican import signals
from pelican.generators import Generator

from portal import content_errors, git_dates, ita_catalog, outputs, search
from portal.build_state import current
from portal.ita_catalog.coverage import DocumentFacts

from . import data

SETTING = "ORGANISATION_DATA"
LOADED = "organisation.data"


@dataclass(frozen=True)
class OrganisationPage:
    key: str  # also its name in a catalog's answered_by (ita_catalog.ANSWERING_PAGES)
    title: str
    url: str
    template: str

    @property
    def save_as(self) -> str:
        return self.url + "index.html"


PAGES = (
    OrganisationPage("about", "ข้อมูลหน่วยงาน", "about/", "organisation/about"),
    OrganisationPage("about/structure", "โครงสร้างหน่วยงาน", "about/structure/",
                     "organisation/structure"),
    OrganisationPage("about/duties", "อำนาจหน้าที่", "about/duties/", "organisation/duties"),
    OrganisationPage("about/executives", "ผู้บริหาร", "about/executives/",
                     "organisation/executives"),
    OrganisationPage("contact", "ติดต่อหน่วยงาน", "contact/", "organisation/contact"),
)


def loaded() -> data.Organisation | None:
    """This build's organisation data (None without a data file, or with mistakes in it)."""
    return current().value(LOADED, lambda: None)


def load_organisation(pelican) -> None:
    """initialized: read the data file before anything uses the organisation's name."""
    path = pelican.settings.get(SETTING)
    if not path or not os.path.isfile(path):
        return
    organisation = data.load(path)
    current().value(LOADED, lambda: organisation)
    if organisation is None:
        return
    settings = pelican.settings
    old = settings.get("ORGANISATION") or ""
    if old and old in settings.get("SITENAME", ""):
        settings["SITENAME"] = settings["SITENAME"].replace(old, organisation.name)
    settings["ORGANISATION"] = organisation.name


def check_divisions(generator) -> None:
    """article_generator_finalized: each document of the organisation itself names
    one of its divisions (another body's document names that body's own)."""
    organisation = loaded()
    if organisation is None or not organisation.divisions:
        return
    known = ", ".join(d.name for d in organisation.divisions)
    # A draft (an import proposes the memo's own ส่วนราชการ line) is told, not stopped.
    for documents, tell, prefix in ((generator.articles, content_errors.report, ""),
                                    (generator.drafts, content_errors.warn, "ฉบับร่าง: ")):
        for document in documents:
            division = document.metadata.get("division")
            issuer = document.metadata.get("organisation") or organisation.name
            if (not division or issuer != organisation.name
                    or organisation.division_named(division)):
                continue
            path = document.source_path
            tell(path, content_errors.line_containing(path, "division"),
                 f"{prefix}ส่วนราชการ \"{division}\" ไม่มีในโครงสร้างของ{organisation.name} "
                 "(division not in data/organisation.yaml)",
                 f"ใช้ชื่อใดชื่อหนึ่งต่อไปนี้: {known} หรือเพิ่มส่วนราชการใน {organisation.path}")


class OrganisationGenerator(Generator):
    """Offers the pages as ITA evidence with the other content, then writes them."""

    def generate_context(self):
        self.organisation = loaded()
        if self.organisation is None:
            return
        organisation = self.organisation
        changed = git_dates.file_changed(self.settings, organisation.path)
        organisation.confirmed = max(filter(None, (organisation.reviewed, changed)))
        self.named_pages = {page.key: page for page in PAGES}
        for page in PAGES:
            outputs.reserve(page.url, f"หน้า \"{page.title}\" (จาก data/organisation.yaml) ",
                            exact=True)
            if page.key in ita_catalog.ANSWERING_PAGES:
                ita_catalog.offer(page.key, DocumentFacts.standing(
                    page.title, page.url, organisation.confirmed))
        for page in PAGES:  # "ติดต่อ", "ปลัด", a division's name find these pages
            search.index_also(search.IndexedDocument(
                page.save_as, page.title, {"type": "ข้อมูลหน่วยงาน"},
                [("type", "ข้อมูลหน่วยงาน")]))
        outputs.reserve(data.PHOTOS_URL, "รูปถ่ายบุคลากร (จาก data/organisation.yaml)")
        self.context["organisation"] = organisation
        self.context["organisation_pages"] = self.named_pages
        links = self.context.setdefault("section_links", {})
        links["about"], links["contact"] = self.named_pages["about"], self.named_pages["contact"]

    def generate_output(self, writer):
        if self.organisation is None:
            return
        for page in PAGES:
            writer.write_file(
                page.save_as, self.get_template(page.template), self.context,
                relative_urls=self.settings.get("RELATIVE_URLS", False), url=page.url,
                organisation_page=page)
        for photo in self.organisation.photos:
            with open(photo.source, "rb") as handle:
                outputs.write_output(self.settings, photo.url, handle.read(),
                                     self.organisation.path,
                                     content_errors.line_containing(
                                         self.organisation.path,
                                         os.path.basename(photo.source)),
                                     "รูปถ่ายบุคลากร")


def get_generators(_pelican):
    return OrganisationGenerator


def register():
    signals.initialized.connect(load_organisation)
    signals.article_generator_finalized.connect(check_divisions)
    signals.get_generators.connect(get_generators)
