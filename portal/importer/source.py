"""What a reader hands to the draft writer: the body in order, and what the clerk must check.

Every reader (Word, spreadsheets, CSV, PDF) turns its file into a ``Source``; the draft
writer (draft.py) and the table writer (table_file.py) only ever see these objects, so a
new format is one more reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

_LIST_ITEM = re.compile(r"^(?P<indent> *)(?:(?P<bullet>[-•])|[0-9๐-๙]+\.) ")


# The marks the readers put into Markdown text: bold and underline (which may sit inside
# a Thai word, so they leave nothing), line breaks (which leave a space).
_INLINE_MARKS = re.compile(r"\*\*|</?u>")
_LINE_BREAK = re.compile(r"<br>\n?")


def plain_text(text: str) -> str:
    """The words of reader-made Markdown without its marks, one space between them."""
    return " ".join(_LINE_BREAK.sub(" ", _INLINE_MARKS.sub("", text)).split())


def is_list_item(text: str) -> bool:
    return bool(_LIST_ITEM.match(text))


def _same_list(previous: str, text: str) -> bool:
    """Whether ``text`` goes on in the list ``previous`` ends with: an item of the same
    kind (numbered or bulleted) at the same depth, or any item one level deeper."""
    before, now = _LIST_ITEM.match(previous), _LIST_ITEM.match(text)
    if not (before and now):
        return False
    if len(now["indent"]) > len(before["indent"]):
        return True
    return bool(before["bullet"]) == bool(now["bullet"])


def joined(paragraphs: list[str]) -> str:
    """Markdown paragraphs separated by a blank line; the items of one list by a line
    break only, so the list stays tight (no <p> in each item). A bulleted item after a
    numbered one starts a list of its own: joined tight, Markdown would read its dash
    as text of the numbered item."""
    out = ""
    for text in paragraphs:
        if out:
            out += "\n" if _same_list(out.rsplit("\n", 1)[-1], text) else "\n\n"
        out += text
    return out


class Unreadable(ValueError):
    """A file its reader cannot read; the message names it, says why and what to do."""


@dataclass
class Cell:
    """One cell as the source draws it, placed where it starts (as in HTML).

    ``text`` is Markdown (paragraphs, "- " items, **bold**, <u>underline</u>) as the
    page should show it; ``number`` is the exact value when the source stored a number
    (a spreadsheet cell), so the writer need not read it back from ``text``.
    """

    text: str
    rowspan: int = 1
    colspan: int = 1
    number: Decimal | None = None
    bold: bool = False


@dataclass
class Grid:
    """A table: ``rows`` lists, for each row, the cells that start in it, left to right;
    the cells a merged cell covers are left out, as in an HTML table."""

    rows: list[list[Cell]]
    caption: str = ""
    where: str = ""  # where the table is in the source, for the clerk ("หน้า 3", "ชีต งบ")
    header_rows: int = 0  # rows the source marks as header (Word's repeated rows); 0 = unsaid


@dataclass
class Source:
    """A read file: ``blocks`` are Markdown paragraphs (str, a heading starting with "#",
    a list item with "- " or "1. ") and tables (Grid), in reading order; ``notes`` are
    Thai sentences about what the reader could not do for sure (the clerk must check);
    ``has_text`` is False for a scan without a text layer."""

    blocks: list[str | Grid] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    has_text: bool = True
    kind: str = ""  # the format's name for people: "Word", "Excel", "PDF", "CSV"

    @property
    def tables(self) -> list[Grid]:
        return [block for block in self.blocks if isinstance(block, Grid)]

    @property
    def paragraphs(self) -> list[str]:
        return [block for block in self.blocks if isinstance(block, str)]
