"""Discovery: the Atom feed of announcements and ``sitemap.xml``.

Owns ``feeds/announcements.atom.xml`` (ANNOUNCEMENTS_FEED: the newest published
documents of type ประกาศ, each with its title, address, issue date and last
change) and ``sitemap.xml`` (every HTML page the build wrote, except drafts and
the 404 page, with ``lastmod`` where a document's last change is known).
Addresses are absolute under SITEURL, so both work under a sub-path; the
sitemap is written by a stage of site_build's pipeline after every generator,
so it lists pages that other plugins (ITA pages, listings) wrote too, and
before site_integrity's check of the finished site.
"""

from __future__ import annotations

import datetime as _dt
import os
import urllib.parse
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from feedgenerator import Atom1Feed, get_tag_uri
from pelican import signals
from pelican.generators import Generator

from portal import outputs
from portal.build_state import current
from portal.front_matter import schema

ANNOUNCEMENTS_FEED = "feeds/announcements.atom.xml"
FEED_ITEMS = 30
SKIPPED = ("drafts/", "404.html", "theme/")

# output folder -> {page path: last change date}, filled while writing, read at the end


def site_url(settings) -> str:
    return (settings.get("SITEURL") or "").rstrip("/")


def _moment(day, zone):
    return _dt.datetime.combine(day, _dt.time(), tzinfo=zone)


class DiscoveryGenerator(Generator):
    """Writes the announcements feed and records each page's last change."""

    def generate_context(self):
        outputs.reserve(os.path.dirname(ANNOUNCEMENTS_FEED) + "/", "ฟีดประกาศ")
        outputs.reserve("sitemap.xml", "แผนผังเว็บไซต์", exact=True)

    def generate_output(self, writer):
        zone = ZoneInfo(self.settings.get("TIMEZONE") or "Asia/Bangkok")
        base = site_url(self.settings)
        announcements = schema.announcements(self.context.get("articles", []))[:FEED_ITEMS]
        feed = Atom1Feed(
            title=f"ประกาศ | {self.settings['SITENAME']}",
            link=f"{base}/",
            feed_url=f"{base}/{ANNOUNCEMENTS_FEED}",
            description=f"ประกาศล่าสุดของ{self.settings.get('ORGANISATION', '')}",
            language="th",
        )
        for article in announcements:
            link = f"{base}/{article.url}"
            published = _moment(article.issued, zone) if article.issued else article.date
            if published.tzinfo is None:
                published = published.replace(tzinfo=zone)
            changed = getattr(article, "last_changed", None)
            feed.add_item(
                title=article.title,
                link=link,
                unique_id=get_tag_uri(link, published),
                description=article.metadata.get("summary") or article.metadata.get("subject")
                or article.title,
                pubdate=published,
                updateddate=_moment(changed, zone) if changed else published,
                categories=[article.doc_type.label],
            )
        outputs.write_output(self.settings, ANNOUNCEMENTS_FEED,
                                    feed.writeString("utf-8").encode("utf-8"),
                                    "pelicanconf.py", 1, "ฟีดประกาศ")

        lastmod = {}
        for name in ("articles", "pages"):
            for content in self.context.get(name, []):
                changed = getattr(content, "last_changed", None)
                if changed and content.save_as:
                    lastmod[content.save_as] = changed
        current().value("discovery.lastmod", dict).update(lastmod)


def write_sitemap(pelican):
    """The build's sitemap stage (site_build): every page written, with its last change."""
    output = os.path.abspath(pelican.output_path)
    lastmod = current().value("discovery.lastmod", dict)
    base = site_url(pelican.settings)
    pages = [relative for relative in outputs.site_listing(output)[0]
             if relative.endswith(".html") and not relative.startswith(SKIPPED)]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for relative in sorted(pages):
        address = relative[: -len("index.html")] if relative.endswith("index.html") else relative
        address = urllib.parse.quote(address)
        lines.append(f"  <url><loc>{escape(base + '/' + address)}</loc>"
                     + (f"<lastmod>{lastmod[relative].isoformat()}</lastmod>"
                        if relative in lastmod else "")
                     + "</url>")
    lines.append("</urlset>")
    outputs.write_output(pelican.settings, "sitemap.xml",
                                ("\n".join(lines) + "\n").encode("utf-8"),
                                "pelicanconf.py", 1, "แผนผังเว็บไซต์")


def get_generators(pelican):
    return DiscoveryGenerator


def register():
    signals.get_generators.connect(get_generators)
