"""Open data: the layout of the JSON and CSV files the site publishes for download.

Not a Pelican plugin: a library that tables and ita_catalog share for their
exports. A JSON file is one JSON object whose last member is its list of records
(table rows, ITA items), one record per line: readable in a text editor, and
written by the json module's C encoder (``indent=`` selects its pure-Python
encoder, which took most of a second per ITA year at 5,000 documents).

Every CSV file is written by ``csv_text``, so that no export can forget to
neutralise a text cell that a spreadsheet would run as a formula (``csv_cell``).
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

# A spreadsheet reads a cell starting with one of these as a formula (OWASP,
# "CSV Injection"): =HYPERLINK("http://evil", ...) typed by a clerk would run
# on the computer of every citizen who opens the download in Excel.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def json_text(head: dict, key: str, records) -> str:
    """``head`` plus ``key``: the list ``records``, as JSON text ending in a newline."""
    opening = json.dumps(head, ensure_ascii=False)[:-1]  # "{...", still open
    separator = ", " if head else ""
    lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    return f"{opening}{separator}{json.dumps(key)}: [\n{lines}\n]}}\n"


def csv_cell(value) -> str:
    """One CSV cell: a number in plain decimals, text made inert for spreadsheets.

    Only text gets the leading quote, so an amount the exporter formats itself
    (-1234.5) stays a number for the spreadsheet, while a clerk's "-" or
    "+66 2 123 4567" is text. The quote is added rather than the character
    removed: every character the clerk typed stays in the cell.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return format(Decimal(str(value)).normalize(), "f")  # never 1.25E+4
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_text(rows) -> str:
    """CSV text of ``rows`` (lists of cells, each through ``csv_cell``), CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()
