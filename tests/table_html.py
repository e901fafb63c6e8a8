"""Reads the tables of a built page back into Python, the way a test checks them.

The one HTML table reader of the tests: a small html.parser walker (no third-party parser).
For each <table>, nested ones included, it keeps the caption, the attributes, and every row as
a dict: section ("part": thead/tbody/tfoot, None outside any), tr attributes, and cells. Each
cell is a dict of
- "tag" and "attrs";
- "text": its visible text, stripped at both ends (inner whitespace as published);
- "html": its inner HTML as written;
- "markup": its text with only the bare inline tags of INLINE (<u>, <strong>, <li>...),
  whitespace collapsed, to check formatting without depending on attributes;
- "spoken": the aria-label and title values inside the cell.
"""

from __future__ import annotations

from html.parser import HTMLParser

SECTIONS = ("thead", "tbody", "tfoot")


class _Tables(HTMLParser):
    INLINE = frozenset({"u", "strong", "b", "em", "i", "li", "ul", "ol", "p"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables = []
        self.open = []  # the tables being read, innermost last, each with its reading state

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            table = {"attrs": attrs, "caption": "", "rows": []}
            self.tables.append(table)
            self.open.append({"table": table, "part": None, "row": None, "cell": None,
                              "in_caption": False})
            return
        if not self.open:
            return
        state = self.open[-1]
        if tag == "caption":
            state["in_caption"] = True
        elif tag in SECTIONS:
            state["part"] = tag
        elif tag == "tr":
            state["row"] = {"part": state["part"], "attrs": attrs, "cells": []}
            state["table"]["rows"].append(state["row"])
        elif tag in ("td", "th"):
            state["cell"] = {"tag": tag, "attrs": attrs, "text": "", "html": "", "markup": "",
                             "spoken": []}
            state["row"]["cells"].append(state["cell"])
        elif state["cell"] is not None:
            cell = state["cell"]
            cell["html"] += self.get_starttag_text()
            cell["spoken"] += [attrs[name] for name in ("aria-label", "title") if attrs.get(name)]
            if tag in self.INLINE:
                cell["markup"] += f"<{tag}>"

    def handle_endtag(self, tag):
        if not self.open:
            return
        state = self.open[-1]
        cell = state["cell"]
        if tag == "table":
            self.open.pop()
        elif tag == "caption":
            state["in_caption"] = False
        elif tag in SECTIONS:
            state["part"] = None
        elif tag in ("td", "th"):
            cell["text"] = cell["text"].strip()
            cell["markup"] = words(cell["markup"])
            state["cell"] = None
        elif cell is not None:
            cell["html"] += f"</{tag}>"
            if tag in self.INLINE:
                cell["markup"] += f"</{tag}>"

    def handle_data(self, data):
        if not self.open:
            return
        state = self.open[-1]
        if state["in_caption"]:
            state["table"]["caption"] += data
        elif state["cell"] is not None:
            state["cell"]["text"] += data
            state["cell"]["html"] += data
            state["cell"]["markup"] += data


def tables(page: str) -> list[dict]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def table(page: str, caption: str) -> dict:
    found = [t for t in tables(page) if t["caption"] == caption]
    assert len(found) == 1, [t["caption"] for t in tables(page)]
    return found[0]


def head_rows(found: dict) -> list[dict]:
    return [row for row in found["rows"] if row["part"] == "thead"]


def body_rows(found: dict) -> list[dict]:
    return [row for row in found["rows"] if row["part"] in ("tbody", "tfoot")]


def texts(row: dict) -> list[str]:
    return [cell["text"] for cell in row["cells"]]


def words(text: str) -> str:
    """`text` with its whitespace collapsed, as a reader sees it."""
    return " ".join(text.split())


def span(cell: dict, name: str) -> int:
    """The cell's rowspan or colspan (`name`), 1 when not given."""
    return int(cell["attrs"].get(name) or 1)
