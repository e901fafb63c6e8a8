"""Open data: the layout of the JSON files the site publishes for download.

Not a Pelican plugin: a library that tables and ita_catalog share for their
exports. A file is one JSON object whose last member is its list of records
(table rows, ITA items), one record per line: readable in a text editor, and
written by the json module's C encoder (``indent=`` selects its pure-Python
encoder, which took most of a second per ITA year at 5,000 documents).
"""

from __future__ import annotations

import json


def json_text(head: dict, key: str, records) -> str:
    """``head`` plus ``key``: the list ``records``, as JSON text ending in a newline."""
    opening = json.dumps(head, ensure_ascii=False)[:-1]  # "{...", still open
    separator = ", " if head else ""
    lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    return f"{opening}{separator}{json.dumps(key)}: [\n{lines}\n]}}\n"
