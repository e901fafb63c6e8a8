"""Site integrity: nothing the staff wrote is lost, nothing in the built site is broken.

Owns the site's writer and the checks that need the written site, each
failure a content error with file and line:

* writer.py: Pelican's writer, which reports two outputs of one file instead
  of stopping with a traceback, parses each page's links as it writes it, and
  in `invoke serve` rebuilds links unchanged pages from the site online;
* checks.py: one file has one source (pages, attachments, static and theme
  files, files plugins write with ``outputs.write_output``); every published
  document has its page and no document was silently skipped; every
  attachment and static file was copied;
* links.py: every internal link reaches a file, its ``#fragment`` an id.

The checks run on the staging folder once Pelican has written it:
``site_build`` calls ``check_site`` as a stage of its pipeline, and fails the
build on what it reports, so the previous site stays online.
"""

from __future__ import annotations

from pelican import signals

from portal import outputs
from portal.build_state import current

from . import checks
from .links import LinkChecker
from .writer import IntegrityWriter


def remember_generators(generators):
    current().generators = list(generators)


def provide_writer(pelican):
    return IntegrityWriter


def check_site(pelican) -> None:
    """All checks on the written staging folder; each problem a content error."""
    output = pelican.output_path
    settings = pelican.settings
    generators = current().generators
    contents = _contents(generators)
    listing = outputs.site_listing(output)  # walked once for the checks below
    checks.check_outputs_unique(settings, contents, generators)
    checks.check_every_document_published(settings, listing[0], contents, generators)
    checks.check_attachments_copied(output, contents)
    checks.check_static_files_copied(output, generators)
    LinkChecker(settings, output, contents, listing).check()
    # What the checks needed goes before the search index is made: the
    # generators hold every document and the context.
    build = current()
    build.generators, build.parsed = [], {}


def _contents(generators):
    """(content, save_as) pairs; Pelican computes save_as anew on every access."""
    return [(content, content.save_as)
            for generator in generators for content in outputs.written_contents(generator)]


def register():
    signals.all_generators_finalized.connect(remember_generators)
    signals.get_writer.connect(provide_writer)

