"""Machine-readable coverage of one ITA year: ``oit.json`` and ``oit.csv``.

For copying into the NACC's ITAS system. One row per catalog item, in catalog
order, with every evidence document's title, URL and fiscal year. Digits are
Arabic; text is UTF-8 (the CSV starts with a byte-order mark so that Excel
reads Thai correctly). A CSV text cell that a spreadsheet would run as a
formula (a title starting with "=") gets a leading quote; the JSON keeps it as is.

URLs are absolute (``SITEURL`` + the page's URL) when ``SITEURL`` is set, as
``invoke publish`` does. A development build has no SITEURL: its URLs are then
relative to the site root (``documents/slug/``), and the JSON says so with
``"site_url": null``.
"""

from __future__ import annotations

from portal import open_data, thai_format

from . import PERIODS
from .coverage import STATUS_LABELS, ItemCoverage

JSON_NAME = "oit.json"
CSV_NAME = "oit.csv"
CSV_COLUMNS = ("code", "name", "indicator", "sub_indicator", "period", "status",
               "evidence_count")
EVIDENCE_COLUMNS = ("title", "url", "fiscal_year")


def absolute_url(site_url: str, url: str) -> str:
    return f"{site_url.rstrip('/')}/{url}" if site_url else url


def item_record(row: ItemCoverage, site_url: str) -> dict:
    item = row.item
    return {
        "code": item.code,
        "name": item.name,
        "indicator": {"code": item.indicator[0], "name": item.indicator[1]},
        "sub_indicator": {"code": item.group[0], "name": item.group[1]},
        "period": item.period,
        "period_label": PERIODS[item.period],
        "status": row.status,
        "status_label": STATUS_LABELS[row.status],
        "explanation": row.explanation,
        "page_url": absolute_url(site_url, item.url),
        "evidence": [
            {
                "title": e.title,
                "url": absolute_url(site_url, e.url),
                "fiscal_year": str(e.fiscal_year) if e.fiscal_year else None,
                "issued": thai_format.iso_date(e.issued) if e.issued else None,
                # standing information (structure, contact, ...): when its data was confirmed
                "confirmed": thai_format.iso_date(e.confirmed) if e.confirmed else None,
                "nothing_to_report": e.nothing_to_report,
                "fits_period": e.fits,
            }
            for e in row.evidence
        ],
    }


def to_json(catalog, rows: list[ItemCoverage], site_url: str, organisation: str) -> str:
    head = {
        "ita_year": catalog.year,
        "evaluates_fiscal_year": catalog.evaluates_fiscal_year,
        "organisation": organisation,
        "site_url": site_url or None,
        "catalog_note": catalog.source,
    }
    return open_data.json_text(head, "items", (item_record(row, site_url) for row in rows))


def to_csv(rows: list[ItemCoverage], site_url: str) -> str:
    """CSV text (without the BOM; the writer adds it).

    Evidence goes in numbered column groups, evidence_1_title,
    evidence_1_url, evidence_1_fiscal_year, evidence_2_..., as many as the
    item with the most evidence needs (at least one group).
    """
    widest = max([len(row.evidence) for row in rows] + [1])
    header = list(CSV_COLUMNS)
    for n in range(1, widest + 1):
        header += [f"evidence_{n}_{column}" for column in EVIDENCE_COLUMNS]
    lines = [header]
    for row in rows:
        record = item_record(row, site_url)
        line = [record["code"], record["name"],
                f"{record['indicator']['code']} {record['indicator']['name']}",
                f"{record['sub_indicator']['code']} {record['sub_indicator']['name']}",
                record["period"], record["status"], len(record["evidence"])]
        for evidence in record["evidence"]:
            line += [evidence["title"], evidence["url"], evidence["fiscal_year"] or ""]
        line += [""] * (len(header) - len(line))
        lines.append(line)
    return open_data.csv_text(lines)


def coverage_table(data: dict) -> str:
    """The staff's coverage table (``invoke check --ita``) from the JSON export."""
    lines = [f"ITA {data['ita_year']} (ข้อมูลปีงบประมาณ {data['evaluates_fiscal_year']})"]
    for item in data["items"]:
        lines.append(f"{item['code']:<4} {item['status']:<12} "
                     f"[{item['status_label']}] {item['name']}")
        for evidence in item["evidence"]:
            mark = "ตรงช่วงเวลา" if evidence["fits_period"] else "ไม่ตรงช่วงเวลา"
            year = evidence["fiscal_year"] or "ไม่ระบุปี"
            lines.append(f"     - [{mark}] {evidence['title']} (ปีงบประมาณ {year}) "
                         f"{evidence['url']}")
    totals = {s: sum(i["status"] == s for i in data["items"]) for s in STATUS_LABELS}
    lines.append(
        f"รวม {len(data['items'])} ข้อ: เผยแพร่แล้ว {totals['published']}, "
        f"ไม่ตรงช่วงเวลา {totals['wrong-period']}, ยังไม่มีหลักฐาน {totals['missing']}"
    )
    return "\n".join(lines)


def due_table(data: dict, catalog, today) -> list[str]:
    """``invoke check --ita <year> --due``: per item, what its period still expects
    and is not published yet, as of ``today`` (lines of Thai text). Run inside the
    build whose JSON export ``data`` is (the generated series tell what they lack)."""
    from . import still_missing

    lines = [f"ยังต้องเผยแพร่ ITA {data['ita_year']} "
             f"(ณ วันที่ {thai_format.thai_date(today, digits='arabic')})"]
    for record in data["items"]:
        item = catalog.items[record["code"]]
        target = catalog.evaluates_fiscal_year - (1 if item.period == "previous" else 0)
        missing = still_missing(item, target, today)
        if record["status"] != "published" and not missing:
            missing = [record["explanation"]]
        if missing:
            lines.append(f"{item.code:<4} {item.name}")
            lines += [f"     - {line}" for line in missing]
    if len(lines) == 1:
        lines.append("ครบทุกข้อแล้ว (nothing due)")
    return lines
