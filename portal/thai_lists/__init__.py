"""Thai-numbered lists: ordered lists written "๑. ... ๒. ..." keep their Thai numbering on the page.

Not a Pelican plugin: a Python-Markdown extension, loaded by name ("thai_lists") from the
MARKDOWN["extensions"] setting. Staff type an ordered list the way the source document
numbers it. Markdown already turns "๑." lines into an ordered list (its digit pattern
accepts any Unicode digit), but it would draw the markers as 1, 2, 3 and, with
sane_lists, write the first number as start="๑", which is not a valid HTML number.
This extension marks such a list with class="numerals-thai" (the theme draws its
markers as ๑. ๒. ๓.) and writes its start number with Arabic digits, leaving it out
when the list starts at one. Lists numbered with Arabic digits are left as they are.
"""

import re

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

THAI_CLASS = "numerals-thai"
# The first line of a block that opens (or continues) a list numbered with Thai digits.
THAI_ITEM = re.compile(r"^[ ]{0,3}[๐-๙]+\.[ ]+")


class ThaiNumberedList(BlockProcessor):
    """Runs before Markdown's own ordered-list processor on Thai-numbered blocks and
    lets that processor build the list, then marks the list it built or extended."""

    def test(self, parent, block):
        return bool(THAI_ITEM.match(block)) and self._olist().test(parent, block)

    def run(self, parent, blocks):
        self._olist().run(parent, blocks)
        lst = parent if parent.tag == "ol" else self.lastChild(parent)
        if lst is None or lst.tag != "ol":
            return
        classes = lst.get("class", "").split()
        if THAI_CLASS not in classes:
            lst.set("class", " ".join(classes + [THAI_CLASS]))
        start = lst.attrib.pop("start", None)
        if start is not None and int(start) != 1:  # int() reads Thai digits
            lst.set("start", str(int(start)))

    def _olist(self):
        return self.parser.blockprocessors["olist"]


class ThaiNumeralListsExtension(Extension):
    def extendMarkdown(self, md):
        # Just above "olist" (40), so it sees the block first; "olist" itself is
        # looked up when a block runs, whichever extension (sane_lists) replaced it.
        md.parser.blockprocessors.register(ThaiNumberedList(md.parser), "thai_olist", 41)


def makeExtension(**kwargs):
    return ThaiNumeralListsExtension(**kwargs)
