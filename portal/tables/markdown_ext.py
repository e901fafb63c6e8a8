"""Python-Markdown extension: a ``::: table NAME.table.yaml`` line becomes a marker.

The marker is a raw-HTML placeholder (``<div data-table-source="NAME"></div>``)
that the tables plugin replaces with the rendered table once it knows which
document the Markdown came from (Markdown itself does not). Listed in
``MARKDOWN["extensions"]`` in pelicanconf.py as
``tables.markdown_ext:TableLineExtension``.
"""

from __future__ import annotations

import re
from html import escape

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

DIRECTIVE = re.compile(r"^ {0,3}:::[ \t]*table[ \t]+(\S+)[ \t]*$")


def marker(name: str) -> str:
    return f'<div data-table-source="{escape(name)}"></div>'


class TableLinePreprocessor(Preprocessor):
    def run(self, lines):
        result = []
        for line in lines:
            found = DIRECTIVE.match(line)
            if found:
                # Blank lines around the placeholder make it a block of its own
                # even when the author wrote no blank line before or after.
                result += ["", self.md.htmlStash.store(marker(found[1])), ""]
            else:
                result.append(line)
        return result


class TableLineExtension(Extension):
    def extendMarkdown(self, md):
        # After fenced code (25), so a directive shown inside ``` stays text;
        # before the raw-HTML block preprocessor (20).
        md.preprocessors.register(TableLinePreprocessor(md), "table_line", 24)


def makeExtension(**kwargs):
    return TableLineExtension(**kwargs)
