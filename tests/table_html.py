"""Reads the tables of a built page back into Python, the way a test checks them.

A small html.parser walker (no third-party parser): for each <table> it keeps
the caption, the classes, and every row as (section: thead/tbody/tfoot, tr
attributes, cells), each cell a dict of its tag, attributes and text.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables = []
        self.table = None
        self.part = None
        self.row = None
        self.cell = None
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.table = {"attrs": attrs, "caption": "", "rows": []}
            self.tables.append(self.table)
        elif self.table is None:
            return
        elif tag == "caption":
            self.in_caption = True
        elif tag in ("thead", "tbody", "tfoot"):
            self.part = tag
        elif tag == "tr":
            self.row = {"part": self.part, "attrs": attrs, "cells": []}
            self.table["rows"].append(self.row)
        elif tag in ("td", "th"):
            self.cell = {"tag": tag, "attrs": attrs, "text": "", "html": ""}
            self.row["cells"].append(self.cell)
        elif self.cell is not None:
            self.cell["html"] += self.get_starttag_text()

    def handle_endtag(self, tag):
        if self.table is None:
            return
        if tag == "table":
            self.table = None
        elif tag == "caption":
            self.in_caption = False
        elif tag in ("td", "th"):
            self.cell["text"] = self.cell["text"].strip()
            self.cell = None
        elif self.cell is not None:
            self.cell["html"] += f"</{tag}>"

    def handle_data(self, data):
        if self.in_caption:
            self.table["caption"] += data
        elif self.cell is not None:
            self.cell["text"] += data
            self.cell["html"] += data


def tables(page: str) -> list[dict]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def table(page: str, caption: str) -> dict:
    found = [t for t in tables(page) if t["caption"] == caption]
    assert len(found) == 1, [t["caption"] for t in tables(page)]
    return found[0]


def body_rows(found: dict) -> list[dict]:
    return [row for row in found["rows"] if row["part"] in ("tbody", "tfoot")]


def texts(row: dict) -> list[str]:
    return [cell["text"] for cell in row["cells"]]
